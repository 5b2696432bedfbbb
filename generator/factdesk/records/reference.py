"""The record reference tables for docs/records.md, generated from the models."""

from __future__ import annotations

import types
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from factdesk.records.models import (
    Appearance,
    Claim,
    Claimant,
    Correction,
    Evidence,
    Media,
    MediaReview,
    Observation,
    OriginalClaim,
    Source,
)

MODELS_IN_ORDER: tuple[type[BaseModel], ...] = (
    Claim,
    OriginalClaim,
    Claimant,
    Appearance,
    Evidence,
    Observation,
    MediaReview,
    Media,
    Correction,
    Source,
)


def _choices(annotation: Any) -> list[str]:
    if get_origin(annotation) is Literal:
        return [str(a) for a in get_args(annotation)]
    if get_origin(annotation) in (list, Union, types.UnionType):
        return [c for arg in get_args(annotation) for c in _choices(arg)]
    return []


def field_table(model: type[BaseModel]) -> str:
    rows = [f"### {model.__name__}", "", "| field | required | meaning |", "| --- | --- | --- |"]
    for name, field in model.model_fields.items():
        text = field.description or ""
        choices = _choices(field.annotation)
        if choices:
            text += " One of: " + ", ".join(f"`{c}`" for c in choices) + "."
        rows.append(f"| `{name}` | {'yes' if field.is_required() else ''} | {text} |")
    return "\n".join(rows) + "\n"


def field_tables() -> str:
    return "\n".join(field_table(m) for m in MODELS_IN_ORDER)
