"""The Big List of Naughty Strings (tests/data/blns/, see its README) in every free-text
field of a claim and a source: each string is refused with a diagnostic, or kept exactly
in the API and shown as text on its page, and nothing it produces can run.

The strings go in batches of FEED_SIZE, one knowledge base each, so every claim is also
in its batch's Atom feed."""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from factdesk.render import render_site
from factdesk.render.feed import FEED_SIZE
from factdesk.validation import Validation, validate_root
from hostile_kb import SITE_CONFIG
from pagecheck import Tags, check_page
from sitebuild import build
from yamltext import quoted

from kbfactory import BASE_SOURCE

BLNS = Path(__file__).parent / "data" / "blns" / "blns.json"
# dict.fromkeys: the list holds a few strings twice; each is tried once.
STRINGS: list[str] = list(dict.fromkeys(json.loads(BLNS.read_text(encoding="utf-8"))))
BATCHES = [STRINGS[i : i + FEED_SIZE] for i in range(0, len(STRINGS), FEED_SIZE)]

# Where each free-text field kind lives in a record; the claim's own text fields first.
CLAIM_FIELDS: dict[str, tuple[str | int, ...]] = {
    "title": ("title",),
    "claim": ("claim",),
    "claimant name": ("claimant", "name"),
    "claimant description": ("claimant", "description"),
    "conclusion": ("conclusion",),
    "analysis": ("analysis",),
    "quote": ("evidence", 0, "quote"),
    "evidence note": ("evidence", 0, "note"),
    "appearance note": ("appearances", 0, "note"),
    "correction note": ("corrections", 0, "note"),
}
SOURCE_FIELDS: dict[str, tuple[str | int, ...]] = {
    "source title": ("title",),
    "publisher": ("publisher",),
    "source notes": ("notes",),
}
# Markdown, rendered and sanitised: its words reach the page, not its exact text.
NOT_VERBATIM_ON_PAGE = {"analysis"}


def claim_yaml(cid: str, texts: dict[str, str]) -> str:
    """A published claim with texts[field] in each of CLAIM_FIELDS."""
    q = {field: quoted(text) for field, text in texts.items()}
    return f"""\
id: {cid}
title: {q["title"]}
claim: {q["claim"]}
claimant:
  name: {q["claimant name"]}
  description: {q["claimant description"]}
appearances:
  - url: https://e.example/post
    note: {q["appearance note"]}
rating: "false"
conclusion: {q["conclusion"]}
analysis: {q["analysis"]}
evidence:
  - source: src-a
    stance: refutes
    quote: {q["quote"]}
    note: {q["evidence note"]}
published: 2024-01-02
corrections:
  - date: 2024-01-03
    kind: update
    note: {q["correction note"]}
status: published
"""


def source_yaml(sid: str, text: str) -> str:
    q = quoted(text)
    return f"id: {sid}\ntitle: {q}\nkind: report\npublisher: {q}\nnotes: {q}\n"


def write_base(root: Path) -> None:
    for kind in ("claims", "sources"):
        (root / kind).mkdir(parents=True)
    (root / "sources" / "src-a.yaml").write_text(BASE_SOURCE, encoding="utf-8")


def write_batch(root: Path, strings: list[str]) -> Path:
    """Claim n<i> and source s<i> hold strings[i] in every free-text field."""
    write_base(root)
    for n, text in enumerate(strings):
        claim = claim_yaml(f"n{n}", dict.fromkeys(CLAIM_FIELDS, text))
        (root / "claims" / f"n{n}.yaml").write_text(claim, encoding="utf-8")
        (root / "sources" / f"s{n}.yaml").write_text(source_yaml(f"s{n}", text), encoding="utf-8")
    return root


def at(record: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        record = record[part]
    return record


def refused(result: Validation, rel: str) -> bool:
    return any(d.file == rel for d in result.errors)


def page_text(page: str) -> str:
    return "".join(check_page(page).text)


def lost_values(strings: list[str], result: Validation, site: dict[str, str]) -> list[str]:
    """Every accepted string that is not in the API exactly or not shown on its page."""
    claims = {c["id"]: c for c in json.loads(site["api/claims.json"])["claims"]}
    sources = {s["id"]: s for s in json.loads(site["api/sources.json"])["sources"]}
    lost: list[str] = []
    for n, text in enumerate(strings):
        for rid, kind, fields, api in [
            (f"n{n}", "claims", CLAIM_FIELDS, claims),
            (f"s{n}", "sources", SOURCE_FIELDS, sources),
        ]:
            if refused(result, f"{kind}/{rid}.yaml"):
                continue  # refused with a diagnostic that names the file
            shown = page_text(site[f"{kind}/{rid}.md"])
            for field, where in fields.items():
                if rid not in api or at(api[rid], where) != text:
                    lost.append(f"{text!r}: {field} changed in the API")
                elif field not in NOT_VERBATIM_ON_PAGE and text not in shown:
                    lost.append(f"{text!r}: {field} not shown as written on {kind}/{rid}.md")
    return lost


@pytest.mark.parametrize(
    "batch", range(len(BATCHES)), ids=[f"strings-{i * FEED_SIZE}" for i in range(len(BATCHES))]
)
def test_every_naughty_string_is_refused_or_kept_exactly(batch: int, tmp_path: Path) -> None:
    strings = BATCHES[batch]
    result = validate_root(write_batch(tmp_path, strings))
    assert not [d for d in result.diagnostics if d.code == "FD000"], result.diagnostics
    site = render_site(result.kb)
    assert lost_values(strings, result, site) == []
    ET.fromstring(site["feed.xml"])  # raises on a feed that is not well-formed XML
    for path, page in site.items():
        if path.endswith(".md"):
            problems = check_page(page).problems
            assert problems == [], f"{path}: {problems}"


def test_every_naughty_claimant_has_a_page_of_their_own(tmp_path: Path) -> None:
    """Names in any script, and names that reduce to nothing in ASCII, are not merged into
    one claimant page: each accepted name is the heading of a page of its own."""
    result = validate_root(write_batch(tmp_path, STRINGS))
    site = render_site(result.kb)
    names = {
        c.claimant.name for c in result.kb.published if not refused(result, f"claims/{c.id}.yaml")
    }
    headings = [
        html.unescape(match.group(1))
        for path, page in site.items()
        if path.startswith("claimants/") and path.count("/") == 1
        for match in [re.search(r'<h1 class="fd-title">(.*?)</h1>', page, re.S)]
        if match
    ]
    assert len(names) > len(STRINGS) // 2, "most names are accepted"
    assert sorted(names - set(headings)) == []


# The MkDocs build of every accepted string: a full build per batch would take a minute,
# so each claim page carries several strings, one per field below, in one build.
BUILT_FIELDS = ("title", "claim", "claimant name", "conclusion", "quote")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, list[str]], Path]:
    """The strings each claim page holds, by claim id, and the built site."""
    result = validate_root(write_batch(tmp_path_factory.mktemp("all"), STRINGS))
    strings = [s for n, s in enumerate(STRINGS) if not refused(result, f"claims/n{n}.yaml")]
    step = len(BUILT_FIELDS)
    pages = {f"b{i}": strings[i * step : (i + 1) * step] for i in range(-(-len(strings) // step))}
    root = tmp_path_factory.mktemp("kb")
    write_base(root)
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Naughty strings\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(SITE_CONFIG, encoding="utf-8")
    for cid, texts in pages.items():
        # The last page may hold fewer strings than there are fields: hence strict=False.
        mine = dict(zip(BUILT_FIELDS, texts, strict=False))
        values = dict.fromkeys(CLAIM_FIELDS, "Filler text") | mine
        (root / "claims" / f"{cid}.yaml").write_text(claim_yaml(cid, values), encoding="utf-8")
    return pages, build(root, tmp_path_factory.mktemp("site"))


def test_the_built_site_shows_every_accepted_string_as_written(
    built: tuple[dict[str, list[str]], Path],
) -> None:
    pages, site = built
    missing = []
    for cid, texts in pages.items():
        html_page = (site / "claims" / cid / "index.html").read_text(encoding="utf-8")
        parser = Tags()
        parser.feed(html_page)
        shown = "".join(parser.text)
        missing += [text for text in texts if text not in shown]
    assert missing == []
    ET.parse(site / "feed.xml")  # raises on a feed that is not well-formed XML
