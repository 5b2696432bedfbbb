"""Scalars are typed by the schema, not by YAML's implicit resolvers."""

from __future__ import annotations

from factdesk.check.pipeline import validate_root
from factdesk.load.loader import load_bytes
from factdesk.records.models import Claim, Source

from conftest import MakeKB
from kbfactory import BASE_CLAIM, claim_with


def claim_from(text: str) -> Claim:
    loaded = load_bytes(text.encode(), "c.yaml")
    return Claim.model_validate(loaded.data)


def test_false_rating_and_norwegian_language_stay_text() -> None:
    claim = claim_from(claim_with('rating: "false"', "rating: false") + "language: no\n")
    assert claim.rating == "false" and claim.language == "no"


def test_numeric_looking_text_is_kept_as_written() -> None:
    claim = claim_from(claim_with("claim: The sky is green", "claim: 1e3"))
    assert claim.claim == "1e3"


def test_observation_values_are_numbers() -> None:
    claim = claim_from(
        BASE_CLAIM + "observations:\n  - subject: s\n    metric: m\n"
        "    value: 286000\n    as_of: 2023\n    source: src-a\n"
    )
    assert claim.observations[0].value == 286000
    assert str(claim.observations[0].as_of) == "2023"


def test_every_field_has_a_description() -> None:
    from pydantic import BaseModel

    from factdesk.load.model_errors import _model_in

    seen: set[type[BaseModel]] = set()
    todo: list[type[BaseModel]] = [Claim, Source]
    while todo:
        model = todo.pop()
        seen.add(model)
        for name, field in model.model_fields.items():
            assert field.description, f"{model.__name__}.{name} has no description"
            nested = _model_in(field.annotation)
            if nested and nested not in seen:
                todo.append(nested)


def test_appearance_needs_url_or_source(make_kb: MakeKB) -> None:
    text = BASE_CLAIM + "appearances:\n  - platform: X\n"
    result = validate_root(make_kb({"claims/claim-a.yaml": text}))
    [diag] = result.diagnostics
    assert diag.code == "FD022" and diag.line == 14 and "url" in diag.message
