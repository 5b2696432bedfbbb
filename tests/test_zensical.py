"""The example desk built by Zensical from `factdesk render --engine zensical`, with the
`zensical.yml` that manual/docs/engines.md shows: every claim page keeps its ClaimReview, its
verdict and its evidence, and no link on a generated page leaves the site."""

from __future__ import annotations

import json
import posixpath
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from factdesk.check.pipeline import validate_root
from factdesk.cli import cli
from factdesk.kb import KnowledgeBase
from factdesk.render import urls
from factdesk.render.i18n import localized_settings
from factdesk.render.languages import claim_url
from factdesk.render.verdict import verdicts
from sitebuild import copy_example

from conftest import REPO

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
VOID |= {"track", "wbr", "param"}
GENERATED = ("claims/", "sources/", "claimants/", "topics/", "browse/", "latest/", "ratings/")


def recipe() -> str:
    """The zensical.yml of manual/docs/engines.md: the one block that starts `# zensical.yml`."""
    text = (REPO / "manual" / "docs" / "engines.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(# zensical\.yml\n.*?)```", text, re.S)
    assert len(blocks) == 1, "manual/docs/engines.md must show one zensical.yml block"
    return str(blocks[0])


class Page(HTMLParser):
    """What the checks read from a built page: its JSON-LD blocks, and every link with the
    classes of the elements around it."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, set[str]]] = []
        self.jsonld: list[str] = []
        self.links: list[tuple[str, str, set[str]]] = []  # (attribute, url, classes around)
        self.texts: dict[str, list[str]] = {}  # class -> text inside elements of that class
        self._script: list[str] | None = None

    def classes(self) -> set[str]:
        return set().union(*(c for _, c in self.stack)) if self.stack else set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        classes = set((found.get("class") or "").split())
        for name in ("href", "src"):
            if found.get(name) is not None:
                self.links.append((name, str(found[name]), self.classes() | classes))
        if tag == "script" and found.get("type") == "application/ld+json":
            self._script = []
        if tag not in VOID:
            self.stack.append((tag, classes))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.jsonld.append("".join(self._script))
            self._script = None
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)
        for name in self.classes():
            self.texts.setdefault(name, []).append(data)

    def text(self, css_class: str) -> str:
        return " ".join("".join(self.texts.get(css_class, [])).split())


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def resolve(page_url: str, link: str) -> str | None:
    """The site path a relative link reaches from a page, or None if it leaves the site."""
    path = link.split("#", 1)[0].split("?", 1)[0]
    depth = page_url.count("/")
    ups = len(re.match(r"(?:\.\./)*", path)[0]) // 3  # type: ignore[index]
    if ups > depth:
        return None
    joined = posixpath.normpath(posixpath.join(page_url or ".", path))
    return "" if joined == "." else joined + ("/" if path.endswith("/") else "")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[KnowledgeBase, Path]:
    root = copy_example(tmp_path_factory.mktemp("zensical") / "desk")
    # The recipe's nav (engines.md) names a one-language desk's pages ('browse.md'), and
    # Zensical has no navigation per language: the example desk in English only.
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "      languages: [en, ko]\n" in text
    config.write_text(text.replace("      languages: [en, ko]\n", ""), encoding="utf-8")
    out = str(root / "build" / "docs")
    rendered = CliRunner().invoke(
        cli, ["render", "--root", str(root), "--engine", "zensical", "--out", out]
    )
    assert rendered.exit_code == 0, rendered.output + rendered.stderr
    (root / "zensical.yml").write_text(recipe(), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "zensical", "build", "-f", "zensical.yml", "--strict"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    kb = validate_root(root).kb
    return kb, root / "build" / "site"


def claim_review(page: Page) -> dict[str, Any]:
    assert len(page.jsonld) == 1, f"{len(page.jsonld)} JSON-LD blocks"
    graph = json.loads(page.jsonld[0])["@graph"]
    reviews = [node for node in graph if node.get("@type") == "ClaimReview"]
    assert len(reviews) == 1
    return dict(reviews[0])


def test_every_claim_page_carries_its_claimreview(built: tuple[KnowledgeBase, Path]) -> None:
    kb, site = built
    assert kb.published
    for claim in kb.published:
        label = localized_settings(kb.settings, claim.language).rating_label(claim.rating_key)
        review = claim_review(parse(site / claim_url(kb, claim.id) / "index.html"))
        assert review["claimReviewed"] == claim.claim, claim.id
        assert review["reviewRating"]["alternateName"] == label, claim.id
        assert review["url"] == f"{kb.settings.site_url.rstrip('/')}/{claim_url(kb, claim.id)}"


def test_every_claim_page_shows_its_verdict(built: tuple[KnowledgeBase, Path]) -> None:
    kb, site = built
    for claim in kb.published:
        page = parse(site / claim_url(kb, claim.id) / "index.html")
        verdict = verdicts(kb.settings)[claim.rating_key]
        # The words for search, then the graphic's text: an icon's glyph and the label.
        shown = page.text("fd-verdict-rating")
        assert shown.startswith(f"{verdict.accessible_name}."), claim.id
        assert shown.endswith(verdict.label), claim.id
        if claim.conclusion:
            assert " ".join(claim.conclusion.split()) in page.text("fd-conclusion"), claim.id


def test_every_claim_page_links_its_evidence(built: tuple[KnowledgeBase, Path]) -> None:
    kb, site = built
    for claim in kb.published:
        here = claim_url(kb, claim.id)
        page = parse(site / here / "index.html")
        cited = {
            resolve(here, url)
            for name, url, around in page.links
            if name == "href" and "fd-evidence" in around
        }
        for item in claim.evidence:
            assert urls.source(item.source) in cited, f"{claim.id}: {item.source}"
            title = kb.sources[item.source].record.title
            assert " ".join(title.split()) in page.text("fd-evidence"), claim.id


def test_no_link_on_a_generated_page_leaves_the_site(built: tuple[KnowledgeBase, Path]) -> None:
    """Zensical reads raw-HTML links from the Markdown file's folder; under a site path
    such as /factdesk/ a link one level too high points outside the site."""
    _, site = built
    checked = 0
    for path in sorted(site.rglob("index.html")):
        here = path.parent.relative_to(site).as_posix() + "/"
        if not here.startswith(GENERATED):
            continue
        for _, url, _ in parse(path).links:
            if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:|/|#|\?", url) or not url:
                continue
            target = resolve(here, url)
            assert target is not None, f"{here}: {url} leaves the site"
            on_disk = site / target
            assert on_disk.is_file() or (on_disk / "index.html").is_file(), f"{here}: {url}"
            checked += 1
    assert checked > 100
