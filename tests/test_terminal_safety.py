"""Nothing a contributor wrote can drive the terminal, or the Actions log, of the person
reading factdesk's report: control characters in any quoted value or file name are shown
as escapes, GitHub annotations are escaped as GitHub's toolkit does, JSON stays exact."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import factdesk
from factdesk.diagnostics import Diagnostic, format_github, format_json, format_text

from code_cases import review_json
from conftest import MakeKB

# Erase the line above and hide what follows; set the window title; make a link; the
# one-character C1 CSI; a bare carriage return; a right-to-left override; separators.
PAYLOADS = {
    "erase-and-hide": "\x1b[2K\x1b[1A\x1b[2K\rall good\x1b[8m",
    "osc-title": "\x1b]0;pwned\x07",
    "osc-link": "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\",
    "c1-csi": "\x9b2K\x85next",
    "forged-line": "x\nclaims/ok.yaml:1:1: error FD000 fake",
    "bidi": "\u202eevil\u2066\u2069\u200f\u061c",
    "separators": "a\u2028b\u2029c",
    "nul-del-tab": "\x00\x7f\t",
}
# Every character a terminal or log viewer acts on: C0, DEL, C1, bidi, separators.
DANGEROUS = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
)


def printable(text: str) -> str:
    """The expected form, from Python's own escapes of each dangerous character."""
    return "".join(
        ch.encode("unicode_escape").decode() if ch == "\n" or DANGEROUS.match(ch) else ch
        for ch in text
    )


def hostile(text: str) -> Diagnostic:
    return Diagnostic.make(
        "FD019", f"claims/{text}.yaml", (3, 9), f"unknown rating '{text}'", f"not '{text}'"
    )


@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_text_format_shows_control_characters_as_escapes(name: str) -> None:
    out = format_text([hostile(PAYLOADS[name])])
    assert not DANGEROUS.search(out)
    assert out.count("\n") == 2, "one line for the problem, one for the hint: none forged"
    assert printable(PAYLOADS[name]) in out
    assert out.startswith(f"claims/{printable(PAYLOADS[name])}.yaml:3:9: error FD019 ")


def test_escapes_are_the_ones_python_writes() -> None:
    from factdesk.diagnostics import printable

    assert printable("\x1b[2K\r\n\t\x00\x7f\x9b") == r"\x1b[2K\r\n\t\x00\x7f\x9b"
    assert printable("\u202e\u2028\u2066") == r"\u202e\u2028\u2066"
    assert printable("Ärger 김정은 فلان ok") == "Ärger 김정은 فلان ok", "only controls change"


def _gh_unescape(text: str, *, prop: bool) -> str:
    """What the Actions runner decodes (actions/runner ActionCommand.cs)."""
    pairs = [("%0D", "\r"), ("%0A", "\n")] + ([("%3A", ":"), ("%2C", ",")] if prop else [])
    for escaped, raw in [*pairs, ("%25", "%")]:
        text = text.replace(escaped, raw)
    return text


@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_github_annotations_are_escaped_as_the_toolkit_does(name: str) -> None:
    diag = hostile(PAYLOADS[name] + " 100%, a:b")
    [line] = format_github([diag]).splitlines()
    assert not DANGEROUS.search(line)
    match = re.fullmatch(r"::error (file=[^,]*,line=3,col=9,title=FD019)::(.*)", line)
    assert match, line
    file = _gh_unescape(match[1].split(",")[0].removeprefix("file="), prop=True)
    assert file == printable(diag.file), "the file property survives its own : and ,"
    body = _gh_unescape(match[2], prop=False)
    assert body == f"{printable(diag.message)}\nhint: {printable(diag.hint)}"


def test_json_keeps_every_value_exact_and_the_stream_inert() -> None:
    diags = [hostile(text) for text in PAYLOADS.values()]
    out = format_json(diags)
    assert not DANGEROUS.search(out.replace("\n", ""))
    rows = json.loads(out)
    assert [(r["file"], r["message"], r["hint"]) for r in rows] == [
        (d.file, d.message, d.hint) for d in diags
    ]


# The console script, as a contributor runs it: nothing reaches the terminal raw.


def factdesk_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    source_root = str(Path(factdesk.__file__).parent.parent)
    env = {**os.environ, "PYTHONPATH": source_root, "CI": "1"}
    return subprocess.run(
        [sys.executable, "-m", "factdesk", *args], cwd=cwd, env=env, capture_output=True
    )


def assert_inert(output: bytes) -> None:
    text = output.decode("utf-8")
    assert not DANGEROUS.search(text.replace("\n", "")), text


def test_a_hostile_file_name_reaches_the_terminal_escaped(make_kb: MakeKB) -> None:
    name = "claims/\x1b[2K\x1b]0;pwned\x07x.yaml"
    root = make_kb({name: "id: x\n"})
    for fmt in ("text", "github"):
        done = factdesk_cli("validate", "--format", fmt, cwd=root)
        assert done.returncode == 1
        assert_inert(done.stdout + done.stderr)
        assert rb"claims/\x1b[2K\x1b]0;pwned\x07x.yaml" in done.stdout
    done = factdesk_cli("validate", "--format", "json", cwd=root)
    files = {row["file"] for row in json.loads(done.stdout)}
    assert name in files, "JSON gives the exact name"
    assert_inert(done.stdout)


def test_hostile_values_in_an_import_file_reach_the_terminal_escaped(
    make_kb: MakeKB, tmp_path: Path
) -> None:
    review = review_json(
        reviewRating={"@type": "Rating", "alternateName": PAYLOADS["erase-and-hide"]},
        inLanguage=PAYLOADS["osc-title"],
    )
    evil = tmp_path / "\x1b]8;;evil\x1b\\review.json"
    evil.write_text(review)
    root = make_kb({})
    done = factdesk_cli("import", "claimreview", str(evil), cwd=root)
    assert b"FD204" in done.stdout and b"FD206" in done.stdout, done.stdout
    assert_inert(done.stdout + done.stderr)
    # The importer reads labels as text (white space, the CR too, folds to one space);
    # the escape sequences themselves are quoted, escaped.
    assert rb"'\x1b[2K\x1b[1A\x1b[2K all good\x1b[8m'" in done.stdout
    assert rb"\x1b]8;;evil\x1b\review.json" in done.stdout, "the file name, escaped"
