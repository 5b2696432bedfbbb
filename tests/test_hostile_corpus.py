"""Every hostile record is refused with its diagnostic, or rendered without anything that
could run: the corpus is tests/hostile/ (see make_corpus.py and cases.yaml)."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from factdesk.check.pipeline import validate_root
from factdesk.render import render_site
from factdesk.render.feed import FEED_SIZE
from hostile_kb import CASES, DISTINCT, HOSTILE, ONE_NAME, REFUSED, SAFE, safe_kb, single_case_kb
from pagecheck import check_page

THREATS = {
    "script injection",
    "spreadsheet formula",
    "dangerous or malformed URL",
    "YAML attack",
    "leave its folder",
    "file name",
    "invisible",
    "escaped control character",
    "terminal escape",
    "names in any script",
    "look-alike and normalisation twins",
}


def test_the_corpus_covers_every_threat() -> None:
    assert len(CASES) >= 60
    covered = {t for t in THREATS if any(t in case["threat"] for case in CASES)}
    assert covered == THREATS


@pytest.mark.parametrize("case", REFUSED, ids=[c["file"] for c in REFUSED])
def test_refused_with_its_diagnostic(case: dict[str, str], tmp_path: Path) -> None:
    root = single_case_kb(tmp_path / "kb", case)
    result = validate_root(root)
    codes = {d.code for d in result.diagnostics if d.file == f"{case['kind']}/{case['file']}"}
    assert case["expect"] in codes, f"{case['file']}: {case['threat']}: got {codes}"


def test_the_command_line_never_shows_a_traceback(tmp_path: Path) -> None:
    root = tmp_path / "kb"
    for case in REFUSED:
        single_case_kb(root / case["file"].replace(".", "-"), case)
    for folder in sorted(root.iterdir())[:12]:
        proc = subprocess.run(
            [sys.executable, "-m", "factdesk", "validate", "--root", str(folder)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert proc.returncode in (0, 1) and "Traceback" not in proc.stderr + proc.stdout


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    result = validate_root(safe_kb(tmp_path_factory.mktemp("safe")))
    assert result.errors == [], result.errors
    assert len(result.kb.published) + len(result.kb.sources) >= len(SAFE)
    return render_site(result.kb)


def test_rendered_pages_hold_nothing_that_runs(rendered: dict[str, str]) -> None:
    for path, text in rendered.items():
        if not path.endswith(".md"):
            continue
        problems = check_page(text).problems
        assert problems == [], f"{path}: {problems}"


def test_payload_text_is_kept_as_text(rendered: dict[str, str]) -> None:
    page = rendered["claims/xss-title.md"]
    assert "&lt;script&gt;window.__fdPwned = &#34;script&#34;&lt;/script&gt; xss-title" in page
    assert "{{ 7*7 }}" in rendered["claims/xss-editor.md"], "no template evaluation"


def test_json_ld_and_api_cannot_close_a_script(rendered: dict[str, str]) -> None:
    for path, text in rendered.items():
        if path.startswith("claims/"):
            jsonld = text.split("\njsonld: ", 1)[1].split("\n", 1)[0]
            assert "<" not in jsonld and ">" not in jsonld, path
    claims = json.loads(rendered["api/claims.json"])["claims"]
    assert any("</script>" in c["claimant"]["name"] for c in claims), "API keeps the text exactly"


def test_csv_cells_never_start_a_formula(rendered: dict[str, str]) -> None:
    rows = list(csv.reader(io.StringIO(rendered["claims.csv"])))
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@")), cell
    assert any(cell.startswith("'=HYPERLINK") for row in rows for cell in row)


def test_the_feed_is_well_formed_and_escaped(rendered: dict[str, str]) -> None:
    root = ET.fromstring(rendered["feed.xml"])
    titles = [e.text or "" for e in root.iter("{http://www.w3.org/2005/Atom}title")]
    assert any("]]><entry>" in t for t in titles), "the CDATA payload stays text"
    claims = len([c for c in SAFE if c["kind"] == "claims"])
    assert len(root.findall("{http://www.w3.org/2005/Atom}entry")) == min(claims, FEED_SIZE)


def claimant_headings(site: dict[str, str]) -> list[str]:
    """The name each claimant page is about, as a reader sees it."""
    found = (
        re.search(r'<h1 class="fd-title"[^>]*>(.*?)</h1>', page, re.S)
        for path, page in site.items()
        if path.startswith("claimants/") and path.count("/") == 1
    )
    return [html.unescape(match.group(1)) for match in found if match]


def test_every_claimant_has_a_page_of_their_own(rendered: dict[str, str]) -> None:
    """Names in Hangul, Cyrillic, Arabic, Hebrew, Han or Devanagari, and one named
    "Unknown", are not merged into one page titled after one of them."""
    names = {
        yaml.safe_load((HOSTILE / "files" / c["file"]).read_text())["claimant"]["name"]
        for c in SAFE
        if c["kind"] == "claims"
    }
    assert sorted(names - set(claimant_headings(rendered))) == []


@pytest.mark.parametrize("case", DISTINCT, ids=[c["file"] for c in DISTINCT])
def test_twin_claimants_are_never_merged(case: dict[str, str], tmp_path: Path) -> None:
    """Two names that look alike (or are the same text in NFC and NFD) get a page each,
    or the second is refused with FD045; never one page for both."""
    result = validate_root(single_case_kb(tmp_path / "kb", case))
    if any(d.code == "FD045" for d in result.errors if d.file.endswith(case["file"])):
        return
    assert result.errors == []
    names = {c.claimant.name for c in result.kb.published}
    assert len(names) == 2 and names <= set(claimant_headings(render_site(result.kb)))


@pytest.mark.parametrize("case", ONE_NAME, ids=[c["file"] for c in ONE_NAME])
def test_one_name_in_two_normal_forms_is_one_claimant(case: dict[str, str], tmp_path: Path) -> None:
    """NFC and NFD spell one name: its claims share one page, titled once."""
    result = validate_root(single_case_kb(tmp_path / "kb", case))
    assert result.errors == []
    claims = result.kb.published
    assert len(claims) == 2 and len({result.kb.claimant_slug(c) for c in claims}) == 1
    assert len(set(claimant_headings(render_site(result.kb)))) == 1


FLAGS = ("--no-cache", "--quiet", "--format")


def _control_characters(text: str) -> list[str]:
    return sorted({repr(c) for c in text if unicodedata.category(c) == "Cc" and c != "\n"})


@pytest.mark.parametrize("form", ["text", "github"])
def test_terminal_output_escapes_control_characters(form: str, tmp_path: Path) -> None:
    """Diagnostics quote record values: escape sequences in them are shown as `\\x1b`,
    never sent to the contributor's terminal or into a GitHub annotation."""
    root = tmp_path / "kb"
    escapes = [c for c in REFUSED if c["file"].startswith(("term-", "ctl-"))]
    for case in escapes:  # one knowledge base: the files have distinct names
        single_case_kb(root, case)
    proc = subprocess.run(
        [sys.executable, "-m", "factdesk", "validate", "--root", str(root), *FLAGS, form],
        capture_output=True,
        timeout=120,
    )
    # Bytes, decoded by hand: text mode would turn a raw CR into a newline and hide it.
    out = (proc.stdout + proc.stderr).decode("utf-8", "backslashreplace")
    assert "Traceback" not in out and _control_characters(out) == []
    assert proc.returncode == 1
    named = {case["file"] for case in escapes if case["file"] in out}
    assert named == {case["file"] for case in escapes}, "every file gets its diagnostic"
