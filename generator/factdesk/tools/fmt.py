"""`factdesk fmt`: canonical key order and layout, comments kept.

PyYAML drops comments, so formatting uses ruamel.yaml's round-trip mode. A formatted file
is only written when factdesk's own loader reads the same data from it as from the
original: formatting can change layout, never content.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from factdesk.diagnostics import Diagnostic
from factdesk.load.loader import Loc, load_bytes, load_file, read_capped
from factdesk.load.model_errors import model_at
from factdesk.records.models import BY_KIND, RecordKind


@dataclass
class FormatResult:
    changed: bool
    text: str
    diagnostics: list[Diagnostic]


def round_trip_yaml() -> YAML:
    """ruamel.yaml set up to keep comments and quotes and never re-wrap (migrate uses it too)."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a contributor's lines
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def reorder(node: Any, model: type[BaseModel] | None, root: type[BaseModel], loc: Loc) -> None:
    if isinstance(node, CommentedSeq):
        for index, item in enumerate(node):
            reorder(item, model, root, (*loc, index))
        return
    if not isinstance(node, CommentedMap):
        return
    owner = model_at(root, loc) if model is not None else None
    if owner is not None:
        order = list(owner.model_fields)
        rank = {name: i for i, name in enumerate(order)}
        # sorted() is stable: unknown keys keep their order, after the known ones.
        for key in sorted(node.keys(), key=lambda k: rank.get(str(k), len(order))):
            node.move_to_end(key)
    for key in list(node.keys()):
        reorder(node[key], owner, root, (*loc, str(key)))


def format_record_text(text: str, kind: RecordKind, display: str) -> FormatResult:
    """Format the text of one record of this kind; `display` names it in diagnostics."""
    result = _format(text.encode("utf-8"), kind, display)
    return result if result.changed else FormatResult(False, text, result.diagnostics)


def _format(raw: bytes, kind: RecordKind, display: str) -> FormatResult:
    """Format a record from the exact bytes of its file: the loader reads them first, with
    the rules `validate` uses, and only a file it read in full and trusts is formatted."""
    before = load_bytes(raw, display)
    if before.data is None or any(d.code in UNSAFE_TO_REWRITE for d in before.diagnostics):
        return FormatResult(False, "", before.diagnostics)  # text unused: nothing changed
    text = raw.decode("utf-8-sig")  # strict: the loader has just decoded the same bytes
    yaml = round_trip_yaml()
    document = yaml.load(text)
    model = BY_KIND[kind].model
    reorder(document, model, model, ())
    buffer = io.StringIO()
    yaml.dump(document, buffer)
    formatted = buffer.getvalue()
    after = load_bytes(formatted.encode("utf-8"), display)
    if after.data != before.data:
        problem = Diagnostic.make(
            "FD014",
            display,
            (1, 1),
            "fmt would change this record's data, so it was left as it is",
            "quote values that YAML might read as numbers or booleans (e.g. 1e3, False)",
        )
        return FormatResult(False, text, [problem])
    return FormatResult(formatted.encode("utf-8") != raw, formatted, [])


# Files the loader could not read exactly, or whose structure it could not trust, are
# never rewritten: rewriting them would lose what it could not read. (A byte-order mark,
# FD107, and CR or mixed line endings, FD108 and FD110, are read exactly; fmt removes
# them, as their hints say.)
UNSAFE_TO_REWRITE = {
    "FD001",
    "FD002",
    "FD003",
    "FD004",
    "FD005",
    "FD006",
    "FD007",
    "FD008",
    "FD009",
    "FD041",
    "FD042",
}


def format_file(path: Path, kind: RecordKind, display: str, *, write: bool) -> FormatResult:
    try:
        raw = read_capped(path)
    except OSError:
        return FormatResult(False, "", load_file(path, display).diagnostics)
    result = _format(raw, kind, display)
    if write and result.changed:
        path.write_text(result.text, encoding="utf-8", newline="\n")
    return result
