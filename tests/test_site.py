"""The built example site: pages, JSON-LD, API, feed, links and reproducibility."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from factdesk.check.pipeline import Validation, validate_root
from factdesk.records.models import Claim, Source
from factdesk.render.i18n import localized_settings
from factdesk.render.languages import claim_url
from factdesk.render.urls import Layout, language_prefix
from sitebuild import build, copy_example

from conftest import REPO

# The example desk publishes English and Korean, each language's pages in its folder.
EN = Layout(language_prefix("en", multilingual=True))


@pytest.fixture(scope="module")
def example() -> Validation:
    return validate_root(REPO)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(REPO, tmp_path_factory.mktemp("site") / "site")


def jsonld_blocks(html: str) -> list[dict[str, object]]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(b) for b in blocks]


def test_every_claim_page_has_one_claimreview_equal_to_the_record(
    site: Path, example: Validation
) -> None:
    settings = example.kb.settings
    for cid, entry in example.kb.claims.items():
        claim = entry.record
        html = (site / claim_url(example.kb, cid) / "index.html").read_text()
        [block] = jsonld_blocks(html)
        reviews = [n for n in block["@graph"] if n["@type"] == "ClaimReview"]  # type: ignore[index, union-attr]
        assert len(reviews) == 1
        review = reviews[0]
        rating = settings.rating(claim.rating)
        assert rating is not None
        assert review["claimReviewed"] == claim.claim
        assert review["url"] == f"https://example.org/factdesk/{claim_url(example.kb, cid)}"
        assert review["datePublished"] == str(claim.published)
        assert review["dateModified"] == str(claim.updated or claim.published)
        assert review["author"]["name"] == settings.publisher.name
        # The label in the fact-check's own language (the Korean translations' in Korean).
        in_its_language = localized_settings(settings, claim.language)
        assert review["reviewRating"]["alternateName"] == in_its_language.rating_label(
            claim.rating_key
        )
        if rating.value is not None:
            assert review["reviewRating"]["ratingValue"] == rating.value
            assert (
                review["reviewRating"]["worstRating"],
                review["reviewRating"]["bestRating"],
            ) == (1, 5)
        else:
            assert "ratingValue" not in review["reviewRating"]
        item = review["itemReviewed"]
        assert item["author"]["name"] == claim.claimant.name
        assert len(item.get("appearance", [])) == len(claim.appearances)
        if any(a.first for a in claim.appearances):
            assert "firstAppearance" in item
        assert claim.title in html and rating.label in html


def test_media_review_sits_beside_the_claimreview(site: Path) -> None:
    html = (site / EN.claim("american-occupation-zone-map") / "index.html").read_text()
    [block] = jsonld_blocks(html)
    media = [n for n in block["@graph"] if n["@type"] == "MediaReview"]  # type: ignore[index, union-attr]
    assert media[0]["mediaAuthenticityCategory"] == "https://schema.org/OriginalMediaContent"


def test_api_claims_round_trips_to_the_records(site: Path, example: Validation) -> None:
    data = json.loads((site / "api/claims.json").read_text())
    loaded = {c["id"]: Claim.model_validate(c) for c in data["claims"]}
    assert loaded == {cid: e.record for cid, e in example.kb.claims.items()}
    sources = json.loads((site / "api/sources.json").read_text())["sources"]
    assert {s["id"]: Source.model_validate(s) for s in sources} == {
        sid: e.record for sid, e in example.kb.sources.items()
    }
    one = json.loads((site / "api/claims/northkoreanlife-followers.json").read_text())
    assert one["claim"]["observations"][1]["value"] == 286000


def test_claimreview_datafeed_and_csv(site: Path, example: Validation) -> None:
    feed = json.loads((site / "api/claimreview.json").read_text())
    assert feed["@type"] == "DataFeed"
    assert len(feed["dataFeedElement"]) == len(example.kb.claims)
    rows = (site / "claims.csv").read_text().splitlines()
    assert rows[0].startswith("id,url,title,claim,claimant")
    assert len(rows) == len(example.kb.claims) + 1


def test_atom_feed(site: Path, example: Validation) -> None:
    root = ET.fromstring((site / "feed.xml").read_text())
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = root.findall("a:entry", ns)
    assert len(entries) == len(example.kb.claims)
    newest = max(str(c.updated or c.published) for c in example.kb.published)
    assert root.find("a:updated", ns).text == f"{newest}T00:00:00Z"  # type: ignore[union-attr]


def test_pages_exist_at_their_urls(site: Path) -> None:
    for url in [
        EN.claim("pyongyang-best-nightlife"),
        EN.source("rsf-world-press-freedom-index-2023"),
        EN.claimant("newsweek"),
        EN.topic("north-korea"),
        EN.RATINGS,
        EN.LATEST,
        EN.CORRECTIONS,
        EN.STATS,
        EN.browse(1),
        "about/",
        "methodology/",
        "corrections-policy/",
        "contributing/",
        "diagnostics/",
    ]:
        assert (site / url / "index.html").exists(), url
    stats = (site / EN.STATS / "index.html").read_text()
    assert stats.count('class="fd-bars"') == 2
    assert 'class="fd-bars"' in (site / EN.claimant("newsweek") / "index.html").read_text()


def test_claim_page_shows_what_the_issue_lists(site: Path) -> None:
    html = (site / EN.claim("north-korea-last-rsf-press-freedom-2023") / "index.html").read_text()
    assert 'class="fd-verdict-graphic" role="img"' in html and 'data-rating="true"' in html
    assert "fd-correction-banner" in html and 'id="corrections"' in html
    assert 'href="../../claimants/newsweek/"' in html
    # Readers get "Suggest a correction", not an edit pencil on the record (issue 13).
    assert "https://git.example.org/factdesk/edit/" not in html
    assert (
        "issues/new?template=report-error.yml&amp;claim=north-korea-last-rsf-press-freedom-2023"
        in html
    )
    assert "Supports the claim" in html and "180" in html


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def test_every_internal_link_resolves(site: Path) -> None:
    broken = []
    for page in site.rglob("*.html"):
        if page.name == "404.html":
            continue  # served at any depth, so MkDocs gives it absolute links on purpose
        parser = _Links()
        parser.feed(page.read_text())
        for link in parser.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)} -> {link}")
    assert broken == []


def test_two_builds_are_byte_identical(site: Path, tmp_path: Path) -> None:
    again = build(REPO, tmp_path / "again")
    first = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def test_drafts_are_validated_but_never_published(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    # The fact-check and its Korean translation, drafts together (FD115 otherwise).
    for path in (root / "claims").rglob("pyongyang-best-nightlife*.yaml"):
        path.write_text(path.read_text().replace("status: published", "status: draft"))
    site = build(root, tmp_path / "site")
    assert not (site / EN.claim("pyongyang-best-nightlife")).exists()
    assert not (site / "api/claims/pyongyang-best-nightlife.json").exists()
    everything = "".join(
        p.read_text()
        for p in [
            site / "api/claims.json",
            site / "claims.csv",
            site / "feed.xml",
            site / "api/claimreview.json",
            site / EN.browse(1) / "index.html",
        ]
    )
    assert "best nightlife" not in everything.lower()


def test_sitemap_dates_come_from_the_records_not_the_clock(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    for path in (root / "claims").rglob("*.yaml"):
        text = re.sub(r"2026-11-(2[29]|30)", "2024-03-05", path.read_text())
        path.write_text(text)
    site = build(root, tmp_path / "site")
    dates = set(re.findall(r"<lastmod>([^<]+)</lastmod>", (site / "sitemap.xml").read_text()))
    assert dates == {"2024-03-05"}
