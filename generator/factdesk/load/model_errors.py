"""Turn pydantic validation errors into diagnostics that point at the exact line."""

from __future__ import annotations

import re
import types
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


def _found(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"'{value}'"


def translate(exc: ValidationError, model: type[BaseModel], loaded: Loaded) -> None:
    kind = next((t.kind for t in RECORD_TYPES if t.model is model), None)
    for err in exc.errors(include_url=False):
        loc: Loc = tuple(err["loc"])
        if kind is not None and _moved_away(err, loc, kind, loaded):
            continue  # the old name still holds the value: FD051 at it says so
        described = _migration_due(err, loc, kind) if kind is not None else None
        code, message, hint = described or _describe(err, loc, model)
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


def _describe(err: ErrorDetails, loc: Loc, model: type[BaseModel]) -> tuple[str, str, str]:
    kind, ctx, value = err["type"], err.get("ctx") or {}, err.get("input")
    if kind.startswith("FD"):
        return kind, str(ctx.get("message", err["msg"])), str(ctx.get("hint", ""))
    if kind == "extra_forbidden":
        owner = model_at(model, loc[:-1])
        names = list(owner.model_fields) if owner else []
        field = str(loc[-1])
        return (
            "FD011",
            f"unknown field '{field}'{did_you_mean(field, names)}",
            f"fields allowed here: {', '.join(names)}" if names else "remove the field",
        )
    if kind == "missing":
        field = str(loc[-1])
        return "FD022", "required field is missing", f"add `{field}:` with a value"
    if kind == "literal_error":
        allowed = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        return (
            "FD021",
            f"{_found(value)} is not allowed{did_you_mean(str(value), allowed)}",
            f"use one of: {', '.join(allowed)}",
        )
    if kind == "bool_parsing":
        return "FD014", f"expected true or false, found {_found(value)}", "write true or false"
    if kind == "list_type":
        return (
            "FD014",
            f"expected a list, found {_found(value)}",
            "write each item on its own line starting with '- ', or remove the field",
        )
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        owner = model_at(model, loc)
        fields = ", ".join(list(owner.model_fields)[:4]) if owner else "field: value"
        return (
            "FD014",
            f"expected a mapping of fields, found {_found(value)}",
            f"indent the fields under this key, one per line ({fields}, …)",
        )
    if kind == "too_short":
        return "FD022", "needs at least one item", "add an item, or remove the field"
    return "FD014", str(err["msg"]), "check the value against the field's description"
