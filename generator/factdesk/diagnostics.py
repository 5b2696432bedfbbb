"""Diagnostics: what went wrong, where, and how to fix it; plus the three output formats.

Messages quote what contributors wrote (values, file names, import files, link-check
answers), so every formatter makes that text inert before it reaches a terminal or a log:
an escape sequence in a record must not erase lines, hide text, set a window title or
make a link on the screen of the person reading the report.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from factdesk.codes import CODES, Severity, severity_of

# Characters a terminal or log viewer acts on instead of showing: C0 controls, DEL, C1
# controls (U+0080-U+009F; U+009B is a one-character CSI), bidirectional marks, embeddings,
# overrides and isolates, and the line and paragraph separators.
_INVISIBLE = (
    *range(0x00, 0x20),
    0x7F,
    *range(0x80, 0xA0),
    *(0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)),
    *(0x2028, 0x2029),
)
_NAMED = {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}
# Shown as Python writes them: \x1b, \r, \u2028.
_VISIBLE = str.maketrans(
    {c: _NAMED.get(c) or (f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}") for c in _INVISIBLE}
)
# JSON keeps every value exact, but as \uXXXX escapes (json.dumps leaves DEL, C1 and the
# rest raw with ensure_ascii=False); these characters only ever occur inside strings.
_JSON_SAFE = str.maketrans({c: f"\\u{c:04x}" for c in _INVISIBLE if c >= 0x20})


def printable(text: str) -> str:
    """`text` with every character a terminal would act on written out as an escape."""
    return text.translate(_VISIBLE)


@dataclass(frozen=True, order=True)
class Diagnostic:
    file: str
    line: int
    column: int
    code: str
    message: str
    hint: str = ""
    severity: Severity = field(default="error", compare=False)
    # FD000 only, with --debug: the whole traceback of the rule that crashed.
    trace: str = field(default="", compare=False)

    @classmethod
    def make(
        cls,
        code: str,
        file: str,
        pos: tuple[int, int],
        message: str,
        hint: str,
        *,
        trace: str = "",
    ) -> Diagnostic:
        if code not in CODES:
            raise KeyError(f"undeclared diagnostic code {code}")
        return cls(file, pos[0], pos[1], code, message, hint, severity_of(code), trace)

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def sort_diagnostics(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    return sorted(set(diags))


def format_text(diags: Iterable[Diagnostic]) -> str:
    lines = []
    for d in diags:
        where = f"{printable(d.file)}:{d.line}:{d.column}"
        lines.append(f"{where}: {d.severity} {d.code} {printable(d.message)}")
        if d.hint:
            lines.append(f"  hint: {printable(d.hint)}")
        lines += [f"  | {printable(line)}" for line in d.trace.splitlines()]
    return "\n".join(lines) + ("\n" if lines else "")


# As GitHub's toolkit escapes workflow commands (escapeData and escapeProperty in
# actions/toolkit packages/core/src/command.ts): the runner decodes these back.
def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(diags: Iterable[Diagnostic]) -> str:
    out = []
    for d in diags:
        # Contributor text is made printable first: the only real newlines are the ones
        # put in here, and the Actions log viewer acts on ANSI escapes like a terminal.
        body = printable(d.message) + (f"\nhint: {printable(d.hint)}" if d.hint else "")
        body += "".join(f"\n{printable(line)}" for line in d.trace.splitlines())
        file = _gh_prop(printable(d.file))
        props = f"file={file},line={d.line},col={d.column},title={_gh_prop(d.code)}"
        out.append(f"::{d.severity} {props}::{_gh_data(body)}")
    return "\n".join(out) + ("\n" if out else "")


_JSON_KEYS = ("file", "line", "column", "severity", "code", "message", "hint")


def _json_row(d: Diagnostic) -> dict[str, object]:
    row: dict[str, object] = {k: getattr(d, k) for k in _JSON_KEYS}
    if d.trace:
        row["trace"] = d.trace
    return row


def format_json(diags: Iterable[Diagnostic]) -> str:
    rows = [_json_row(d) for d in diags]
    return json.dumps(rows, indent=2, ensure_ascii=False).translate(_JSON_SAFE) + "\n"


def summary(diags: list[Diagnostic], files: int) -> str:
    errors = sum(d.is_error for d in diags)
    warnings = len(diags) - errors
    noun = "file" if files == 1 else "files"
    return f"{files} {noun} checked: {errors} error(s), {warnings} warning(s)"
