"""What factdesk publishes, read by real consumers: extruct over every built page,
feedparser and the W3C feed validator's Atom rules over the feed, the sitemaps.org XSD
over the sitemap (lxml), and the dates each of them reads, page by page."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import extruct
import feedparser
import pytest
from lxml import etree

from factdesk.check.pipeline import validate_root
from factdesk.kb import KnowledgeBase
from factdesk.records.models import Claim
from factdesk.render import urls
from factdesk.render.i18n import localized_settings
from factdesk.render.languages import claim_url, layout
from sitebuild import build, copy_example

from conftest import REPO

SITE = "https://example.org/factdesk/"
XSD = REPO / "tests" / "data" / "sitemap" / "sitemap.xsd"
ATOM = "{http://www.w3.org/2005/Atom}"
# RFC 3339 date-time, as Atom requires (section 3.3 of RFC 4287).
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
# Each claim's own dates, so pages, entries and items do not all share the newest one.
REDATED = {
    "pyongyang-best-nightlife": ("2024-02-01", "2024-03-15"),
    "tiktok-heating-button": ("2025-05-05", None),
    "montana-first-state-to-ban-tiktok": ("2024-01-06", "2024-02-01"),
}


def _redate(text: str, published: str, updated: str | None) -> str:
    text = re.sub(r"(?m)^updated: .*\n", "", text)
    text = re.sub(r"(?m)^published: .*$", f"published: {published}", text)
    return text + (f"updated: {updated}\n" if updated else "")


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    kb = copy_example(tmp_path_factory.mktemp("kb") / "kb")
    for cid, (published, updated) in REDATED.items():
        path = kb / "claims" / f"{cid}.yaml"
        path.write_text(_redate(path.read_text(), published, updated))
    return kb


@pytest.fixture(scope="module")
def kb(root: Path) -> KnowledgeBase:
    result = validate_root(root)
    assert result.errors == []
    return result.kb


@pytest.fixture(scope="module")
def site(root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(root, tmp_path_factory.mktemp("site") / "site")


def _modified(claim: Claim) -> str:
    return str(claim.updated or claim.published)


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.parts)


def _jsonld(html: str, url: str) -> list[dict[str, Any]]:
    """extruct's reading; errors="strict" raises on a block that is not JSON."""
    data = extruct.extract(html, base_url=url, syntaxes=["json-ld"], errors="strict")
    return list(data["json-ld"])


def _nodes(blocks: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [n for b in blocks for n in b.get("@graph", [b]) if n.get("@type") == kind]


def test_extruct_reads_one_claimreview_per_claim_page_matching_its_record(
    site: Path, kb: KnowledgeBase
) -> None:
    claims = {c.id: c for c in kb.published}
    # Each fact-check's page is in its language's folder (en/claims/x/, ko/claims/x-ko/).
    claim_pages = {SITE + claim_url(kb, cid): cid for cid in claims}
    seen = set()
    for page in _pages(site):
        rel = page.relative_to(site).parent.as_posix()
        url = SITE + ("" if rel == "." else rel + "/")
        reviews = _nodes(_jsonld(page.read_text(encoding="utf-8"), url), "ClaimReview")
        cid = claim_pages.get(url)
        if cid is None:
            assert reviews == [], url
            continue
        claim = claims[cid]
        [review] = reviews
        seen.add(cid)
        assert review["url"] == url
        assert review["claimReviewed"] == claim.claim
        assert review["headline"] == claim.title
        assert review["datePublished"] == str(claim.published)
        assert review["dateModified"] == _modified(claim)
        in_its_language = localized_settings(kb.settings, claim.language)
        assert review["reviewRating"]["alternateName"] == in_its_language.rating_label(
            claim.rating_key
        )
        assert review["itemReviewed"]["author"]["name"] == claim.claimant.name
        appearances = review["itemReviewed"].get("appearance", [])
        assert len(appearances) == len(claim.appearances)
        assert all(a.get("url") for a in appearances)
        assert review["license"] == kb.settings.license
    assert seen == set(claims)


def test_feedparser_reads_every_entry_with_its_own_date(site: Path, kb: KnowledgeBase) -> None:
    parsed = feedparser.parse((site / urls.FEED).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    by_link = {e.link: e for e in parsed.entries}
    assert len(by_link) == len(kb.published)
    for claim in kb.published:
        entry = by_link[SITE + claim_url(kb, claim.id)]
        assert entry.updated.startswith(_modified(claim) + "T"), claim.id
        assert entry.published.startswith(str(claim.published) + "T")
    assert len({e.updated for e in parsed.entries}) > 1, "entries keep their own dates"
    assert parsed.feed.updated.startswith(max(_modified(c) for c in kb.published))


def test_the_feed_follows_the_feed_validators_atom_rules(site: Path) -> None:
    """The W3C feed validator's checks that code can make (RFC 4287): one id, title and
    updated in the feed and in each entry; an author; RFC 3339 dates; unique entry ids;
    an alternate link per entry; a self link with the feed's own address and type."""
    feed = ET.fromstring((site / urls.FEED).read_bytes())
    for tag in ("id", "title", "updated"):
        assert len(feed.findall(ATOM + tag)) == 1, tag
    assert feed.find(f"{ATOM}author/{ATOM}name") is not None
    links = feed.findall(ATOM + "link")
    [self_link] = [link for link in links if link.get("rel") == "self"]
    assert self_link.get("href") == SITE + urls.FEED
    assert self_link.get("type") == "application/atom+xml"
    entries = feed.findall(ATOM + "entry")
    ids = [e.findtext(ATOM + "id") for e in entries]
    assert len(ids) == len(set(ids)) and all(i and i.startswith("https://") for i in ids)
    dates = [feed.findtext(ATOM + "updated")]
    for entry in entries:
        for tag in ("id", "title", "updated"):
            assert len(entry.findall(ATOM + tag)) == 1, tag
        assert len(entry.findall(ATOM + "published")) <= 1
        alternates = [
            (link.get("type"), link.get("hreflang"))
            for link in entry.findall(ATOM + "link")
            if link.get("rel", "alternate") == "alternate"
        ]
        assert len(alternates) == 1 == len(set(alternates))
        dates += [entry.findtext(ATOM + "updated"), entry.findtext(ATOM + "published")]
    assert all(d and RFC3339.match(d) for d in dates), dates


def test_the_sitemap_is_valid_against_the_sitemaps_org_schema(site: Path) -> None:
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    schema.assertValid(etree.parse(str(site / "sitemap.xml")))


def _lastmods(site: Path) -> dict[str, str]:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    tree = etree.parse(str(site / "sitemap.xml"))
    return {
        u.findtext("s:loc", namespaces=ns): u.findtext("s:lastmod", namespaces=ns)
        for u in tree.findall("s:url", ns)
    }


def test_sitemap_lastmod_comes_from_each_pages_own_records(site: Path, kb: KnowledgeBase) -> None:
    lastmod = _lastmods(site)
    newest = max(_modified(c) for c in kb.published)
    published = {c.id: c for c in kb.published}
    for claim in kb.published:
        assert lastmod[SITE + claim_url(kb, claim.id)] == _modified(claim), claim.id
    # Each language's source and claimant pages list that language's fact-checks.
    for language in kb.settings.languages:
        site_urls = layout(kb, language)
        listed = {c.id for c in kb.in_language(language).published}
        for sid, cids in kb.citations.items():
            citing = [_modified(published[c]) for c in cids if c in listed]
            if citing:
                assert lastmod[SITE + site_urls.source(sid)] == max(citing), sid
        for slug, claims in kb.in_language(language).by_claimant.items():
            assert lastmod[SITE + site_urls.claimant(slug)] == max(map(_modified, claims))
    assert lastmod[SITE] == newest, "the home page keeps the build date"
    assert lastmod[SITE + claim_url(kb, "pyongyang-best-nightlife")] == "2024-03-15"
    assert len(set(lastmod.values())) > 2


def test_every_page_links_the_feed(site: Path, kb: KnowledgeBase) -> None:
    """Every page a reader navigates; the embeddable verdicts (embed/<id>/) are shown inside
    other sites' frames, marked noindex, and carry no links of the site's own."""
    link = re.compile(r'<link rel="alternate" type="application/atom\+xml" [^>]*href="([^"]+)"')
    pages = [p for p in _pages(site) if p.relative_to(site).parts[0] != "embed"]
    languages = kb.settings.languages
    feeds = {language: SITE + layout(kb, language).FEED for language in languages}
    hrefs: Counter[str] = Counter()
    for page in pages:
        rel = page.relative_to(site)
        [href] = link.findall(page.read_text(encoding="utf-8").split("</head>", 1)[0])
        # A language's pages link its feed; hand-written pages the default language's; the
        # not-found page, served at any address, the site's feed of every language.
        if rel.as_posix() == "404.html":
            assert href == SITE + urls.FEED
        else:
            language = rel.parts[0] if rel.parts[0] in languages else languages[0]
            assert href == feeds[language], rel
        hrefs[href] += 1
    assert sum(hrefs.values()) > len(REDATED)
