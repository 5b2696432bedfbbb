"""In Chromium: the embeddable verdict shows in an iframe on another site, loading nothing
from anywhere else; a claim page's share links are there and work with scripts off."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from browser import EN, serve_directory
from factdesk.render import urls
from sitebuild import build

from conftest import REPO

SITE_URL = "https://example.org/factdesk/"
CLAIM = "american-occupation-zone-map"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(REPO, tmp_path_factory.mktemp("share-browser") / "site")


@pytest.fixture(scope="module")
def site_url(site: Path) -> Iterator[str]:
    with serve_directory(site) as url:
        yield url


def _host_page(folder: Path, site: Path, site_url: str) -> None:
    """Another site's page that pastes the oEmbed snippet, pointed at the local copy."""
    answer = json.loads((site / urls.oembed(CLAIM)).read_text(encoding="utf-8"))
    snippet = answer["html"].replace(SITE_URL, site_url)
    folder.mkdir()
    (folder / "index.html").write_text(
        f"<!doctype html><title>Another site</title><p>Our story.</p>{snippet}",
        encoding="utf-8",
    )


def test_the_embed_renders_in_an_iframe_on_another_origin(
    browser: Any, site: Path, site_url: str, tmp_path: Path
) -> None:
    _host_page(tmp_path / "host", site, site_url)
    with serve_directory(tmp_path / "host") as host_url:
        assert urlsplit(host_url).netloc != urlsplit(site_url).netloc
        page = browser.new_page()
        requested: list[str] = []
        page.on("request", lambda r: requested.append(r.url))
        page.goto(host_url)
        frame_element = page.wait_for_selector("iframe")
        frame = frame_element.content_frame()
        frame.wait_for_selector("svg[role=img]")
        assert frame.url == site_url + urls.embed(CLAIM)
        answer = json.loads((site / urls.oembed(CLAIM)).read_text(encoding="utf-8"))
        box = frame_element.bounding_box()
        assert (box["width"], box["height"]) == (answer["width"], answer["height"])
        svg = frame.locator("svg[role=img]")
        assert svg.get_attribute("aria-label").startswith("Rating: False")
        assert svg.bounding_box()["width"] > 50, "the verdict graphic is drawn"
        assert "Unnamed user on X" in frame.inner_text("body")
        link = frame.locator("a")
        assert link.get_attribute("target") == "_blank"
        assert link.get_attribute("href") == SITE_URL + EN.claim(CLAIM)
        # Everything it drew came from the two local sites.
        origins = {urlsplit(u).netloc for u in requested}
        assert origins == {urlsplit(host_url).netloc, urlsplit(site_url).netloc}
        # The content fits the frame the snippet asks for: nothing runs off the bottom.
        assert frame.evaluate("document.documentElement.scrollHeight <= innerHeight + 1")
        page.screenshot(path=str(tmp_path / "embed.png"))
        page.close()


def test_share_links_need_no_script_and_load_nothing(browser: Any, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(site_url + EN.claim(CLAIM))
    page.wait_for_selector(".fd-share")
    hosts = [
        urlsplit(a).netloc
        for a in page.eval_on_selector_all(".fd-share-links a", "els => els.map(e => e.href)")
    ]
    assert hosts == ["twitter.com", "www.facebook.com", "wa.me", ""]
    copy = page.locator(".fd-share input")
    assert copy.input_value() == SITE_URL + EN.claim(CLAIM)
    assert copy.is_editable() is False
    # Without script the reader can still select the address to copy it.
    copy.click()
    copy.press("Control+a")
    selected = page.evaluate(
        "() => { const i = document.querySelector('.fd-share input');"
        " return i.value.substring(i.selectionStart, i.selectionEnd) }"
    )
    assert selected == SITE_URL + EN.claim(CLAIM)
    # No share service hears of the reader until they click (the theme's own font requests
    # are the reader-chrome work's, not the share links').
    contacted = {urlsplit(u).netloc for u in requested}
    assert not contacted & {"twitter.com", "x.com", "www.facebook.com", "wa.me"}
    context.close()
