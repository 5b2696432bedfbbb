"""FD112: `[FILL IN: …]` texts that `factdesk init` left for the desk to write.

A rule of the desk, not of its records: it reads `mkdocs.yml` and the hand-written pages
in the docs folder (a dozen files, whatever the number of records), so it runs beside the
record checks on every validation and never enters the record cache.

The marker is plain Markdown text: with no link of that name, `[FILL IN: …]` renders as
itself, so an unfinished site still builds and shows readers what is missing, while
`factdesk validate --strict` refuses to let it be published.
"""

from __future__ import annotations

import bisect
import os
import re
from collections.abc import Iterator
from pathlib import Path

from factdesk.diagnostics import Diagnostic
from factdesk.load.loader import MAX_BYTES, read_capped
from factdesk.load.site_config import CONFIG_FILE

MARKER = "[FILL IN:"
# Every marker counts, closed or not; the text after it is read only up to the next
# bracket and 200 characters, so a file full of markers is still read in linear time.
_PLACEHOLDER = re.compile(r"\[FILL IN:([^\[\]]{0,200})")
# Code shows the marker instead of using it (a page that explains placeholders, like this
# tool's own manual): fenced blocks and code spans are not scanned. Both are found line by
# line in linear time; a regular expression with back-references took seconds on a page
# of backticks.
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_TICKS = re.compile(r"`+")
# Far more pages than a desk writes by hand; bounds the work whatever the folder holds.
MAX_PAGES = 2_000
_SHOWN = 60  # characters of a placeholder's text quoted in the message


def _docs_folder(root: Path, docs_dir: str) -> Path | None:
    """The docs folder, if it is a real folder inside the desk. mkdocs.yml comes with pull
    requests too: a docs_dir of "/" must not walk the disk, nor a name the system refuses
    (too long, a NUL) stop the validation."""
    top = root / docs_dir
    try:
        inside = top.resolve().is_relative_to(root.resolve())
        return top if inside and top.is_dir() and not top.is_symlink() else None
    except (OSError, ValueError):
        return None


def _pages(root: Path, docs_dir: str) -> Iterator[str]:
    """Posix paths under `root` of the docs folder's Markdown pages, sorted; hidden
    folders and links are not followed (links could lead out of the desk)."""
    top = _docs_folder(root, docs_dir)
    if top is None:
        return
    found: list[Path] = []
    for folder, dirs, names in os.walk(top):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [Path(folder, n) for n in names if n.endswith(".md")]
        if len(found) > MAX_PAGES:
            break
    for path in sorted(found)[:MAX_PAGES]:
        if not path.is_symlink():
            yield path.relative_to(root).as_posix()


def _text(root: Path, rel: str) -> str | None:
    """The file's text (undecodable bytes replaced), or None when it cannot be read or is
    too large to be a page: FD112 only reports what is there to fill in."""
    try:
        raw = read_capped(root / rel)
    except OSError:
        return None
    if len(raw) > MAX_BYTES:
        return None
    return raw.decode("utf-8", errors="replace")


def _span_ranges(line: str) -> list[tuple[int, int]]:
    """(start, end) of each code span in one line: a run of n backticks up to the next run
    of exactly n (CommonMark); runs are indexed by length, so each is looked at once."""
    runs = [(m.start(), m.end()) for m in _TICKS.finditer(line)]
    by_length: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(index)
    spans, index = [], 0
    while index < len(runs):
        start, end = runs[index]
        same = by_length[end - start]
        later = bisect.bisect_right(same, index)
        if later < len(same):
            spans.append((start, runs[same[later]][1]))
            index = same[later] + 1
        else:
            index += 1
    return spans


def _blank_spans(line: str) -> str:
    pieces, done = [], 0
    for start, end in _span_ranges(line):
        pieces += [line[done:start], " " * (end - start)]
        done = end
    return "".join([*pieces, line[done:]])


def _closes(line: str, run: str, fence: str) -> bool:
    """A closing fence: the opening's character, at least as many, nothing else after."""
    return line.strip() == run and run[0] == fence[0] and len(run) >= len(fence)


def without_code(text: str) -> str:
    """`text` with Markdown code blanked out, every line and column where it was."""
    out: list[str] = []
    fence: str | None = None  # the opening fence while inside a fenced block
    for line in text.split("\n"):
        opening = _FENCE.match(line)
        if fence is None and opening:
            fence = opening.group(1)
        elif fence is not None:
            if opening and _closes(line, opening.group(1), fence):
                fence = None
        else:
            out.append(_blank_spans(line))
            continue
        out.append(" " * len(line))
    return "\n".join(out)


def _found(rel: str, text: str) -> Iterator[Diagnostic]:
    if rel.endswith(".md"):
        text = without_code(text)
    # Where each line starts, for positions by bisection: slicing the text before every
    # match made a file of markers take time quadratic in its size.
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    for match in _PLACEHOLDER.finditer(text):
        line = bisect.bisect_right(starts, match.start())
        column = match.start() - starts[line - 1] + 1
        what = " ".join(match.group(1).split())
        what = what if len(what) <= _SHOWN else what[: _SHOWN - 1] + "…"
        yield Diagnostic.make(
            "FD112",
            rel,
            (line, column),
            f"placeholder left to fill in: {what}",
            "replace the whole `[FILL IN: …]` with your desk's own text before publishing",
        )


def _scan(root: Path, docs_dir: str) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for rel in (CONFIG_FILE, *_pages(root, docs_dir)):
        text = _text(root, rel)
        if text is not None and MARKER in text:
            out += _found(rel, text)
    return out


def placeholder_diagnostics(root: Path, docs_dir: str) -> list[Diagnostic]:
    """FD112 for every `[FILL IN: …]` in mkdocs.yml and the docs folder's pages. Isolated
    like every rule: a bug here is FD000, and the records' diagnostics are still shown."""
    try:
        return _scan(root, docs_dir)
    except Exception as exc:
        return [
            Diagnostic.make(
                "FD000",
                CONFIG_FILE,
                (1, 1),
                f"internal error in the placeholder scan: {type(exc).__name__}: {exc}",
                "please report this bug",
            )
        ]
