"""JSON Schema for records, generated from the models (never written by hand).

The site's rating keys and topic vocabulary are written into the schema, so editors offer
exactly the values `factdesk validate` accepts.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from factdesk import SCHEMA_VERSION
from factdesk.records.models import RECORD_TYPES, Claim
from factdesk.records.settings import Settings

SCHEMA_DIR = "schemas"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _claim_schema(settings: Settings) -> dict[str, Any]:
    schema = Claim.model_json_schema()
    rating = schema["properties"]["rating"]
    # Optional (drafts may wait for a verdict): the allowed keys go on the text branch.
    text = next(b for b in rating.get("anyOf", [rating]) if b.get("type") == "string")
    text["enum"] = settings.rating_keys
    rating["description"] += " One of: " + "; ".join(
        f"{r.key} ({r.label})" for r in settings.ratings
    )
    if settings.topic_keys is not None:
        schema["properties"]["topics"]["items"]["enum"] = list(settings.topic_keys)
    return schema


def schema_texts(settings: Settings) -> dict[str, str]:
    """File name → schema text, deterministic."""
    out: dict[str, str] = {}
    for record_type in RECORD_TYPES:
        if record_type.model is Claim:
            schema = _claim_schema(settings)  # the desk's own rating keys and topics
        else:
            schema = record_type.model.model_json_schema()
        name = record_type.schema_file
        full = {
            "$schema": DIALECT,
            # The version is in the schema's identity, so a tool caching schemas by $id
            # never mixes records of two versions. A URN: the schema lives in each desk.
            "$id": f"urn:factdesk:schema:v{SCHEMA_VERSION}:{name}",
            "$comment": f"factdesk record schema v{SCHEMA_VERSION}",
            **schema,
        }
        out[name] = json.dumps(full, indent=2, ensure_ascii=False) + "\n"
    return out


def stale_schemas(root: Path, settings: Settings) -> list[str]:
    """Schema files under root/schemas that are missing or differ from the models."""
    stale = []
    for name, text in schema_texts(settings).items():
        path = root / SCHEMA_DIR / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            stale.append(f"{SCHEMA_DIR}/{name}")
    return stale


def write_schemas(root: Path, settings: Settings) -> list[str]:
    (root / SCHEMA_DIR).mkdir(exist_ok=True)
    written = []
    for name, text in schema_texts(settings).items():
        path = root / SCHEMA_DIR / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(f"{SCHEMA_DIR}/{name}")
    return written
