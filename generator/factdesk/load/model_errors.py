"""Turn pydantic validation errors into diagnostics that point at the exact line."""

from __future__ import annotations

import re
import types
from dataclasses import dataclass
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from factdesk.load.loader import Loaded, Loc
from factdesk.records import migrations
from factdesk.records.models import RECORD_TYPES, RecordKind
from factdesk.suggest import did_you_mean


def dotted(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "record"


def model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model class that owns the mapping at `loc`, if the path is a known one."""
    current: type[BaseModel] = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part)
        nested = _model_in(field.annotation) if field else None
        if nested is None:
            return None
        current = nested
    return current


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if get_origin(annotation) in (list, Union, types.UnionType):
        for arg in get_args(annotation):
            found = _model_in(arg)
            if found:
                return found
    return None


def found(value: Any) -> str:
    """What a contributor wrote, as messages quote it."""
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"the text '{value}'"


@dataclass(frozen=True)
class Wording:
    """How messages name what a model holds (a record's fields, the site's options), and
    the hint when nothing more precise is known."""

    thing: str = "field"
    hint: str = "check the value against the field's description"


RECORD_WORDING = Wording()
# pydantic's error types for a value of the wrong shape → what was expected.
_EXPECTED = {
    "list_type": "a list",
    "tuple_type": "a list",
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "bool_parsing": "true or false",
    "bool_type": "true or false",
}
_MAPPING_TYPES = ("model_type", "model_attributes_type", "dict_type")


def translate(exc: ValidationError, model: type[BaseModel], loaded: Loaded) -> None:
    kind = next((t.kind for t in RECORD_TYPES if t.model is model), None)
    for err in exc.errors(include_url=False):
        loc: Loc = tuple(err["loc"])
        if kind is not None and _moved_away(err, loc, kind, loaded):
            continue  # the old name still holds the value: FD051 at it says so
        described = _migration_due(err, loc, kind) if kind is not None else None
        code, message, hint = described or describe(err, loc, model)
        # An unknown field is named in the message already; say where it sits instead.
        named = code in ("FD011", "FD051")
        where = loc[:-1] if named else loc
        prefix = f"{dotted(where)}: " if where else ""
        loaded.error(code, loc, prefix + message, hint, key=named)


def _migration_due(err: ErrorDetails, loc: Loc, kind: RecordKind) -> tuple[str, str, str] | None:
    """FD051 instead of "unknown field" (or "expected a list") when a schema step retired
    this field (or turned it into a list): the record was written for an older version,
    and the hint names the migration that rewrites it."""
    if err["type"] == "extra_forbidden":
        found = migrations.retired(kind, loc)
    elif err["type"] == "list_type":
        found = migrations.rewrapped(kind, loc)
    else:
        return None
    if found is None:
        return None
    step, op = found
    return (
        "FD051",
        f"'{loc[-1]}' is written for an older record schema: in version {step.version}, "
        f"{op.describe()} ({step.description})",
        f"run `{step.command}`, which rewrites the records and keeps their comments",
    )


def _moved_away(err: ErrorDetails, loc: Loc, kind: RecordKind, loaded: Loaded) -> bool:
    """A required field reported missing because the record still has it under the name
    a step moved it from."""
    if err["type"] != "missing":
        return False
    old = migrations.moved_here(kind, loc)
    return old is not None and old in loaded.positions


def describe(
    err: ErrorDetails, loc: Loc, model: type[BaseModel], words: Wording = RECORD_WORDING
) -> tuple[str, str, str]:
    """(code, what was expected and found, how to fix it) for one pydantic error: the one
    translation of pydantic's errors, for records and for the site settings alike."""
    kind, ctx, value = err["type"], err.get("ctx") or {}, err.get("input")
    thing = words.thing
    if kind.startswith("FD"):
        return kind, str(ctx.get("message", err["msg"])), str(ctx.get("hint") or words.hint)
    if kind == "extra_forbidden":
        owner = model_at(model, loc[:-1])
        names = list(owner.model_fields) if owner else []
        name = str(loc[-1])
        return (
            "FD011",
            f"unknown {thing} '{name}'{did_you_mean(name, names)}",
            f"{thing}s allowed here: {', '.join(names)}" if names else f"remove the {thing}",
        )
    if kind == "missing":
        return "FD022", f"required {thing} is missing", f"add `{loc[-1]}:` with a value"
    if kind == "literal_error":
        allowed = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        return (
            "FD021",
            f"'{value}' is not allowed{did_you_mean(str(value), allowed)}",
            f"use one of: {', '.join(allowed)}",
        )
    if kind == "list_type":
        return (
            "FD014",
            f"expected a list, found {found(value)}",
            "write each item on its own line starting with '- ', or remove the " + thing,
        )
    if kind in _MAPPING_TYPES:
        owner = model_at(model, loc)
        first = ", ".join(list(owner.model_fields)[:4]) if owner else f"{thing}: value"
        return (
            "FD014",
            f"expected a mapping of {thing}s, found {found(value)}",
            f"indent the {thing}s under this key, one per line ({first}, …)",
        )
    if kind in _EXPECTED:
        expected = _EXPECTED[kind]
        hint = f"write {expected}" if kind.startswith("bool") else words.hint
        return "FD014", f"expected {expected}, found {found(value)}", hint
    if kind == "too_short":
        return "FD022", "needs at least one item", "add an item, or remove the " + thing
    return "FD014", str(err["msg"]), words.hint
