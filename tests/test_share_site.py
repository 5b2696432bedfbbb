"""The built example site: every page has its preview-card tags with absolute addresses,
the cards and embed pages are in the site, and the embeds stay out of the sitemap and the
search index."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

from factdesk.check.pipeline import validate_root
from factdesk.render import urls
from factdesk.render.languages import claim_url
from sitebuild import build

from conftest import REPO

SITE_URL = "https://example.org/factdesk/"
# The example desk publishes English and Korean, each language's pages in its folder.
EN = urls.Layout(urls.language_prefix("en", multilingual=True))
KO = urls.Layout(urls.language_prefix("ko", multilingual=True))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(REPO, tmp_path_factory.mktemp("share") / "site")


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.links: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        key = found.get("property") or found.get("name")
        if tag == "meta" and key and key.startswith(("og:", "twitter:")):
            self.meta.setdefault(key, []).append(found.get("content") or "")
        if tag == "link":
            self.links.append(found)


def _head(path: Path) -> _Head:
    parser = _Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _pages(site: Path) -> list[Path]:
    """Every page MkDocs rendered (not the embeds, which are ours, nor the 404 page)."""
    embeds = site / urls.embed(urls.ID_SLOT).split("/")[0]
    return [
        p
        for p in sorted(site.rglob("index.html"))
        if not p.is_relative_to(embeds) and not p.is_relative_to(site / "manual")
    ]


# One page of each type: home, hand-written, claim, source, claimant, topic, lists.
TYPES = [
    "",
    "about/",
    KO.LANGUAGE_HOME,
    EN.claim("american-occupation-zone-map"),
    KO.claim("pyongyang-best-nightlife-ko"),
    EN.source("newsweek-pro-north-korea-tiktok"),
    EN.claimant("newsweek"),
    EN.topic("north-korea"),
    EN.RATINGS,
    EN.STATS,
    EN.CORRECTIONS,
    EN.browse(1),
]


@pytest.mark.parametrize("url", TYPES, ids=lambda u: u or "home")
def test_each_page_type_has_a_large_card_with_absolute_addresses(site: Path, url: str) -> None:
    head = _head(site / url / "index.html")
    meta = {k: v[0] for k, v in head.meta.items()}
    assert all(len(v) == 1 for v in head.meta.values()), "each tag once"
    assert meta["og:url"] == SITE_URL + url
    assert meta["twitter:card"] == "summary_large_image"
    for key in ("og:title", "og:description", "og:image:alt", "twitter:title"):
        assert meta[key].strip(), key
    assert "&amp;" not in meta["og:title"] and "&#" not in meta["og:title"], "escaped once"
    image = meta["og:image"]
    assert image.startswith(SITE_URL) and image == meta["twitter:image"]
    picture = site / image.removeprefix(SITE_URL)
    with Image.open(picture) as shown:
        assert shown.size == (int(meta["og:image:width"]), int(meta["og:image:height"]))
    is_claim = "/" + urls.claim(urls.ID_SLOT).split("/")[0] + "/" in "/" + url
    assert meta["og:type"] == ("article" if is_claim else "website")
    oembed = [link for link in head.links if link.get("type") == "application/json+oembed"]
    assert len(oembed) == (1 if is_claim else 0)


def test_every_page_has_the_tags(site: Path) -> None:
    pages = _pages(site)
    assert len(pages) > 40
    missing = [str(p.relative_to(site)) for p in pages if "og:image" not in _head(p).meta]
    assert missing == []


def test_every_claim_has_its_card_its_embed_and_its_oembed(site: Path) -> None:
    kb = validate_root(REPO).kb
    for claim in kb.published:
        assert (site / urls.card(claim.id)).is_file()
        embed = site / urls.static_page_file(urls.embed(claim.id))
        assert embed.stat().st_size <= 10 * 1024
        assert "md-header" not in embed.read_text(encoding="utf-8"), "not wrapped by the theme"
        answer = json.loads((site / urls.oembed(claim.id)).read_text(encoding="utf-8"))
        assert urls.absolute(SITE_URL, urls.embed(claim.id)) in answer["html"]
        head = _head(site / claim_url(kb, claim.id) / "index.html")
        (link,) = [x for x in head.links if x.get("type") == "application/json+oembed"]
        assert link["href"] == urls.absolute(SITE_URL, urls.oembed(claim.id))


def test_embeds_are_in_neither_the_sitemap_nor_the_search_index(site: Path) -> None:
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    embed_folder = urls.embed(urls.ID_SLOT).split("/")[0] + "/"
    assert "/" + embed_folder not in sitemap and "/claims/" in sitemap
    index = site / "search" / "search_index.json"
    if index.exists():
        locations = [d["location"] for d in json.loads(index.read_text())["docs"]]
        assert not [loc for loc in locations if loc.startswith(embed_folder)]
    assert not re.search(r"embed/[^\"]*\.md", sitemap)
