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

import pytest

from factdesk.check.pipeline import validate_root
from factdesk.render import render_site
from factdesk.render.feed import FEED_SIZE
from hostile_kb import SITE_CONFIG
from pagecheck import Tags, check_page
from sitebuild import build
from textkb import (
    CLAIM_FIELDS,
    claim_yaml,
    lost_values,
    refused,
    write_base,
    write_batch,
)

BLNS = Path(__file__).parent / "data" / "blns" / "blns.json"
# dict.fromkeys: the list holds a few strings twice; each is tried once.
STRINGS: list[str] = list(dict.fromkeys(json.loads(BLNS.read_text(encoding="utf-8"))))
BATCHES = [STRINGS[i : i + FEED_SIZE] for i in range(0, len(STRINGS), FEED_SIZE)]


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
        for match in [re.search(r'<h1 class="fd-title"[^>]*>(.*?)</h1>', page, re.S)]
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
