"""The embeddable verdict, its oEmbed answer, the share links and the head tags that make
a page's preview card: small, self-contained, absolute where services need it."""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser

import pytest

from factdesk.check.pipeline import validate_root
from factdesk.kb import KnowledgeBase
from factdesk.render import render_site, urls
from factdesk.render.embed import EMBED_HEIGHT, EMBED_WIDTH, MAX_EMBED_BYTES
from factdesk.render.share import OEMBED_TYPE, share_links, social_head

from conftest import REPO, MakeKB
from kbfactory import claim_with

TODAY = dt.date(2026, 1, 1)
SITE = "https://example.org/desk/"
MKDOCS = f"site_name: The Desk\nsite_url: {SITE}\nplugins:\n  - factdesk\n"
C = "claims/claim-a.yaml"
EMBED = urls.static_page_file(urls.embed("claim-a"))


def _kb(make_kb: MakeKB, files: dict[str, str | bytes | None] | None = None) -> KnowledgeBase:
    result = validate_root(make_kb({"mkdocs.yml": MKDOCS, **(files or {})}), TODAY)
    assert not result.errors, result.errors
    return result.kb


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def _addresses(html: str) -> list[str]:
    """Every address the document could load or link: attributes and CSS url()."""
    found = [v or "" for _, a in _tags(html) for k, v in a.items() if k in ("src", "href")]
    return found + re.findall(r"url\(([^)]*)\)", html) + re.findall(r"@import", html)


def test_the_embed_page_is_small_whole_and_loads_nothing(make_kb: MakeKB) -> None:
    long_text = "A very long claim that goes on " * 30
    kb = _kb(make_kb, {C: claim_with("The sky is green", long_text.strip())})
    page = render_site(kb)[EMBED]
    assert page.startswith("<!doctype html>") and page.rstrip().endswith("</html>")
    assert len(page.encode("utf-8")) <= MAX_EMBED_BYTES
    tags = _tags(page)
    assert not [t for t, _ in tags if t in ("script", "img", "iframe", "link") and t != "link"]
    links = [a for t, a in tags if t == "link"]
    assert links == [{"rel": "canonical", "href": SITE + "claims/claim-a/"}]
    assert _addresses(page) == [SITE + "claims/claim-a/", SITE + "claims/claim-a/"]
    assert ("meta", {"name": "robots", "content": "noindex"}) in tags
    read = next(a for t, a in tags if t == "a")
    assert read["target"] == "_blank" and read["rel"] == "noopener"
    assert "<svg" in page and 'aria-label="Rating: False' in page
    assert "Claimed by Someone" in page


def test_every_example_embed_page_is_under_ten_kilobytes() -> None:
    site = render_site(validate_root(REPO).kb)
    pages = {
        p: t
        for p, t in site.items()
        if p.startswith(urls.embed(urls.ID_SLOT).split(urls.ID_SLOT)[0])
    }
    assert len(pages) == len(validate_root(REPO).kb.published)
    assert max(len(t.encode()) for t in pages.values()) <= MAX_EMBED_BYTES


def test_contributor_text_cannot_break_out_of_the_embed_page(make_kb: MakeKB) -> None:
    hostile = "</blockquote><script>alert(1)</script>\"' onload=x"
    kb = _kb(make_kb, {C: claim_with("The sky is green", json.dumps(hostile))})
    page = render_site(kb)[EMBED]
    assert "<script" not in page
    answer = json.loads(render_site(kb)[urls.oembed("claim-a")])
    assert "<script" not in answer["html"]


def test_the_oembed_answer_is_a_rich_iframe(make_kb: MakeKB) -> None:
    kb = _kb(make_kb)
    answer = json.loads(render_site(kb)[urls.oembed("claim-a")])
    assert answer["version"] == "1.0" and answer["type"] == "rich"
    assert answer["width"] == EMBED_WIDTH and answer["height"] == EMBED_HEIGHT
    assert answer["provider_name"] == "The Desk" and answer["provider_url"] == SITE
    assert answer["title"] == "A claim"
    assert answer["thumbnail_url"] == SITE + "cards/claim-a.png"
    (frame,) = _tags(answer["html"])
    assert frame[0] == "iframe"
    assert frame[1]["src"] == SITE + "embed/claim-a/"
    assert frame[1]["width"] == str(EMBED_WIDTH) and frame[1]["height"] == str(EMBED_HEIGHT)
    assert frame[1]["title"] == "Fact-check: A claim"


def test_drafts_have_no_embed(make_kb: MakeKB) -> None:
    kb = _kb(make_kb, {C: claim_with("status: published", "status: draft")})
    site = render_site(kb)
    assert EMBED not in site and urls.oembed("claim-a") not in site


def _meta(head: str) -> dict[str, str]:
    return {
        str(a.get("property") or a.get("name")): str(a["content"])
        for t, a in _tags(head)
        if t == "meta"
    }


def test_a_claim_page_has_an_article_card_and_an_oembed_link(make_kb: MakeKB) -> None:
    kb = _kb(make_kb)
    head = social_head(kb, urls.claim("claim-a"), "A claim & more", "It is not.", "claim-a")
    meta = _meta(head)
    assert meta["og:type"] == "article" and meta["twitter:card"] == "summary_large_image"
    assert meta["og:title"] == "A claim & more" == meta["twitter:title"]
    assert meta["og:description"] == "It is not."
    assert meta["og:url"] == SITE + "claims/claim-a/"
    assert meta["og:image"] == SITE + "cards/claim-a.png" == meta["twitter:image"]
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    assert "Someone" in meta["og:image:alt"] and "Rating: False" in meta["og:image:alt"]
    (link,) = [a for t, a in _tags(head) if t == "link"]
    assert link["type"] == OEMBED_TYPE and link["href"] == SITE + "api/oembed/claim-a.json"


def test_other_pages_have_the_sites_card(make_kb: MakeKB) -> None:
    kb = _kb(make_kb)
    meta = _meta(social_head(kb, urls.RATINGS, "Ratings", "The scale", None))
    assert meta["og:type"] == "website"
    assert meta["og:url"] == SITE + "ratings/"
    assert meta["og:image"] == SITE + urls.SITE_CARD
    assert "oembed" not in social_head(kb, urls.RATINGS, "Ratings", "The scale", None)


def test_without_the_sites_address_there_are_no_cards_or_share_links(make_kb: MakeKB) -> None:
    kb = validate_root(make_kb({}), TODAY).kb
    assert social_head(kb, urls.claim("claim-a"), "A claim", "x", "claim-a") == ""
    assert "fd-share" not in render_site(kb)["claims/claim-a.md"]


def test_share_links_are_plain_links_to_share_addresses(make_kb: MakeKB) -> None:
    kb = _kb(make_kb)
    page = render_site(kb)["claims/claim-a.md"]
    share = page[page.index('<div class="fd-share"') :]
    share = share[: share.index("</div>")]
    assert "<script" not in share and " on" not in share.replace(" on your site", "")
    hrefs = [str(a["href"]) for t, a in _tags(share) if t == "a"]
    assert [h.split("?")[0] for h in hrefs] == [
        "https://twitter.com/intent/tweet",
        "https://www.facebook.com/sharer/sharer.php",
        "https://wa.me/",
        "mailto:",
    ]
    assert all(
        "example.org%2Fdesk%2Fclaims%2Fclaim-a" in h or "example.org/desk" in h for h in hrefs
    )
    (field,) = [a for t, a in _tags(share) if t == "input"]
    assert field["value"] == SITE + "claims/claim-a/" and "readonly" in field


@pytest.mark.parametrize("text", ["A & B", '50% "sure"', "#1 ?x=y"])
def test_share_addresses_carry_the_text_and_address_intact(text: str) -> None:
    from urllib.parse import parse_qs, urlsplit

    url = SITE + "claims/x/"
    links = dict(share_links(url, text))
    tweet = parse_qs(urlsplit(links["X (Twitter)"]).query)
    assert tweet == {"url": [url], "text": [text]}
    assert parse_qs(urlsplit(links["WhatsApp"]).query) == {"text": [f"{text} {url}"]}
    assert parse_qs(urlsplit(links["Facebook"]).query) == {"u": [url]}
    mail = parse_qs(urlsplit(links["Email"]).query)
    assert mail == {"subject": [text], "body": [f"{text} {url}"]}
