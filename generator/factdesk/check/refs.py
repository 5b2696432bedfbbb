"""References a claim file makes, read from its raw data so invalid records are checked too."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

from factdesk.load.loader import Loc
from factdesk.records.models import Claim

# "translation": the claim a translation names; it resolves like "claim", and naming
# itself is FD059 (record_rules.py), not the FD105 of a claim related to itself.
RefKind = Literal["source", "claim", "translation", "rating", "topic", "language"]
# A claim's language when it states none: the model's default.
DEFAULT_LANGUAGE: str = Claim.model_fields["language"].default
_SOURCE_LISTS = ("evidence", "observations", "appearances")


def _items(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key)
    return value if isinstance(value, list) else []


def references(data: dict[str, Any]) -> Iterator[tuple[Loc, RefKind, str]]:
    """(location, kind, id) for every reference written as text in a claim's data."""
    for key in _SOURCE_LISTS:
        for index, item in enumerate(_items(data, key)):
            if isinstance(item, dict) and isinstance(item.get("source"), str):
                yield (key, index, "source"), "source", item["source"]
    for key in ("related", "not_same_as"):
        for index, ref in enumerate(_items(data, key)):
            if isinstance(ref, str):
                yield (key, index), "claim", ref
    if isinstance(data.get("translation_of"), str):
        yield ("translation_of",), "translation", data["translation_of"]
    for index, topic in enumerate(_items(data, "topics")):
        if isinstance(topic, str):
            yield ("topics", index), "topic", topic
    if isinstance(data.get("rating"), str):
        yield ("rating",), "rating", data["rating"]
    # The language is one the desk publishes (FD064); one left out is the default.
    language = data.get("language", DEFAULT_LANGUAGE)
    if isinstance(language, str):
        yield ("language",), "language", language
