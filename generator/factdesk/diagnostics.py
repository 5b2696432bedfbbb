"""Diagnostics: what went wrong, where, and how to fix it; plus the three output formats."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

from factdesk.codes import CODES, Severity, severity_of


@dataclass(frozen=True, order=True)
class Diagnostic:
    file: str
    line: int
    column: int
    code: str
    message: str
    hint: str = ""
    severity: Severity = field(default="error", compare=False)

    @classmethod
    def make(
        cls, code: str, file: str, pos: tuple[int, int], message: str, hint: str
    ) -> Diagnostic:
        if code not in CODES:
            raise KeyError(f"undeclared diagnostic code {code}")
        return cls(file, pos[0], pos[1], code, message, hint, severity_of(code))

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def sort_diagnostics(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    return sorted(set(diags))


def format_text(diags: Iterable[Diagnostic]) -> str:
    lines = []
    for d in diags:
        lines.append(f"{d.file}:{d.line}:{d.column}: {d.severity} {d.code} {d.message}")
        if d.hint:
            lines.append(f"  hint: {d.hint}")
    return "\n".join(lines) + ("\n" if lines else "")


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(diags: Iterable[Diagnostic]) -> str:
    out = []
    for d in diags:
        body = d.message + (f"\nhint: {d.hint}" if d.hint else "")
        props = f"file={_gh_prop(d.file)},line={d.line},col={d.column},title={d.code}"
        out.append(f"::{d.severity} {props}::{_gh_data(body)}")
    return "\n".join(out) + ("\n" if out else "")


def format_json(diags: Iterable[Diagnostic]) -> str:
    keys = ("file", "line", "column", "severity", "code", "message", "hint")
    rows = [{k: asdict(d)[k] for k in keys} for d in diags]
    return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"


def summary(diags: list[Diagnostic], files: int) -> str:
    errors = sum(d.is_error for d in diags)
    warnings = len(diags) - errors
    noun = "file" if files == 1 else "files"
    return f"{files} {noun} checked: {errors} error(s), {warnings} warning(s)"
