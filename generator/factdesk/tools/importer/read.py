"""Find every ClaimReview in a file: one object, an array, a @graph, a schema.org DataFeed,
or an HTML page with JSON-LD script blocks. Bad input becomes diagnostics, never a crash."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from factdesk.diagnostics import Diagnostic

MAX_IMPORT_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True)
class Found:
    """One ClaimReview: where it is (file, line, its number in the file) and its data."""

    file: str
    line: int
    index: int
    node: dict[str, Any]


class _ScriptBlocks(HTMLParser):
    """Collects the text of <script type="application/ld+json"> elements with their line."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[int, str]] = []
        self._open: tuple[int, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kind = (dict(attrs).get("type") or "").split(";")[0].strip().lower()
        if tag == "script" and kind == "application/ld+json":
            self._open = (self.getpos()[0], [])

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._open is not None:
            self.blocks.append((self._open[0], "".join(self._open[1])))
            self._open = None


def _is_type(node: dict[str, Any], name: str) -> bool:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(
        isinstance(k, str) and k.rsplit("/", 1)[-1].rsplit(":", 1)[-1] == name for k in kinds
    )


def claim_reviews(data: Any) -> Iterator[dict[str, Any]]:
    """Every ClaimReview in a JSON-LD document, in document order, however it is nested."""
    if isinstance(data, list):
        for item in data:
            yield from claim_reviews(item)
    elif isinstance(data, dict):
        if _is_type(data, "ClaimReview"):
            yield data
            return
        for value in data.values():
            if isinstance(value, dict | list):
                yield from claim_reviews(value)


def _line_of(text: str, start: int) -> tuple[int, int]:
    """Line of the next '"ClaimReview"' after `start` (1 if none), and where it was found."""
    at = text.find('"ClaimReview"', start)
    if at < 0:
        return 1, start
    return text.count("\n", 0, at) + 1, at + 1


def read_file(path: Path, display: str) -> tuple[list[Found], list[Diagnostic]]:
    try:
        raw = path.read_bytes()[: MAX_IMPORT_BYTES + 1]
    except OSError as exc:
        return [], [
            Diagnostic.make(
                "FD201",
                display,
                (1, 1),
                f"cannot read the file: {exc.strerror}",
                "check the path and permissions",
            )
        ]
    if len(raw) > MAX_IMPORT_BYTES:
        return [], [
            Diagnostic.make(
                "FD201", display, (1, 1), "the file is over 32 MiB", "split it into smaller files"
            )
        ]
    text = raw.decode("utf-8", errors="replace")
    stripped = text.lstrip()
    if stripped.startswith("<"):
        parser = _ScriptBlocks()
        parser.feed(text)
        parser.close()
        blocks = parser.blocks
    else:
        blocks = [(1, text)]
    found: list[Found] = []
    problems: list[Diagnostic] = []
    for first_line, block in blocks:
        try:
            data = json.loads(block)
        except json.JSONDecodeError as exc:
            problems.append(
                Diagnostic.make(
                    "FD201",
                    display,
                    (first_line + exc.lineno - 1, exc.colno),
                    f"not valid JSON-LD: {exc.msg}",
                    "fix the JSON, or export it again from its source",
                )
            )
            continue
        cursor = 0
        for node in claim_reviews(data):
            line, cursor = _line_of(block, cursor)
            found.append(Found(display, first_line + line - 1, len(found) + 1, node))
    if not found and not problems:
        what = "script blocks" if stripped.startswith("<") else "JSON"
        problems.append(
            Diagnostic.make(
                "FD202",
                display,
                (1, 1),
                f"no ClaimReview found in its {what}",
                'the file needs schema.org ClaimReview objects ("@type": "ClaimReview")',
            )
        )
    return found, problems
