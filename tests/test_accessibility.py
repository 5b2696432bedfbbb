"""Every page a reader reaches, audited in headless Chromium: axe-core (vendored in
tests/data/axe/) finds no serious or critical violation, Material's own markup included,
in light and dark mode on a desktop and a phone; no page asks a third party for
anything; and the reader chrome is a publication's, not a documentation site's."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from browser import CHROMIUM, READER_PAGES, search_for, serve_directory
from sitebuild import build

from conftest import REPO

if not os.path.exists(CHROMIUM):
    pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium", pytrace=False)

AXE = (Path(__file__).parent / "data" / "axe" / "axe.min.js").read_text(encoding="utf-8")
SEARCH = "search with a query"
PAGES = [*READER_PAGES, SEARCH]
SCHEMES = {"light": "default", "dark": "slate"}
WIDTHS = (1280, 390)

# The violations a reader would meet: axe's serious and critical ones, each with the first
# few elements it found, so a failure says where to look.
SERIOUS = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations
    .filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => v.id + ": " + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", "));
}"""


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = build(REPO, tmp_path_factory.mktemp("a11y") / "site")
    with serve_directory(site) as url:
        yield url


@pytest.fixture(scope="module")
def published_origin() -> str:
    """The example site's own published address (site_url): Material fetches the
    sitemap.xml beside every `<link rel=alternate>`, and the feed link is absolute there.
    Once published that is the site itself; here it is answered locally, never fetched."""
    from factdesk.load.site_config import load_settings

    site_url = load_settings(REPO)[0].site_url
    assert site_url
    parts = urlsplit(site_url)
    return f"{parts.scheme}://{parts.netloc}/"


def open_reader_page(page: Any, base_url: str, kind: str) -> None:
    page.goto(base_url + READER_PAGES.get(kind, ""))
    page.wait_for_load_state("load")
    if kind == SEARCH:
        search_for(page, "tiktok")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("kind", PAGES)
def test_no_serious_accessibility_violation(
    browser: Any, base_url: str, kind: str, scheme: str, width: int
) -> None:
    context = browser.new_context(
        viewport={"width": width, "height": 900},
        color_scheme=scheme,  # type: ignore[arg-type]
    )
    try:
        page = context.new_page()
        open_reader_page(page, base_url, kind)
        # The palette follows the system's preference (mkdocs.yml's media queries).
        shown = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        assert shown == SCHEMES[scheme]
        page.add_script_tag(content=AXE)
        assert page.evaluate(SERIOUS) == [], f"{kind}, {scheme}, {width}px"
    finally:
        context.close()


def test_axe_reports_a_violation_it_is_shown(browser: Any, base_url: str) -> None:
    """The audit can fail: grey text on grey added to a page is reported."""
    context = browser.new_context()
    try:
        page = context.new_page()
        open_reader_page(page, base_url, "home")
        page.evaluate(
            """() => { const p = document.createElement("p");
            p.style.color = "#999"; p.style.background = "#aaa"; p.textContent = "Faint";
            document.querySelector("article").append(p); }"""
        )
        page.add_script_tag(content=AXE)
        assert any(v.startswith("color-contrast:") for v in page.evaluate(SERIOUS))
    finally:
        context.close()


@pytest.mark.parametrize("kind", PAGES)
def test_no_request_leaves_the_site(
    browser: Any, base_url: str, published_origin: str, kind: str
) -> None:
    """Readers' privacy, and pages that work offline: no font, script, image or API call
    from another host. Every request is recorded; one to another host is refused."""
    elsewhere: list[str] = []

    def answer(route: Any) -> None:
        url = route.request.url
        if url.startswith(base_url) or url.startswith("data:"):
            route.continue_()
        elif url.startswith(published_origin):
            route.fulfill(status=404, body="")
        else:
            elsewhere.append(url)
            route.abort()

    context = browser.new_context()
    try:
        context.route("**/*", answer)
        page = context.new_page()
        open_reader_page(page, base_url, kind)
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    assert elsewhere == []


def test_the_request_check_sees_a_third_party(browser: Any, base_url: str) -> None:
    """The check above can fail: a web font from another host is caught."""
    seen: list[str] = []
    context = browser.new_context()
    try:
        context.route(
            "**/*",
            lambda route: (
                route.continue_()
                if route.request.url.startswith(base_url)
                else (seen.append(route.request.url), route.abort())
            ),
        )
        page = context.new_page()
        open_reader_page(page, base_url, "home")
        page.evaluate(
            """() => { const l = document.createElement("link"); l.rel = "stylesheet";
            l.href = "https://fonts.googleapis.com/css?family=Roboto";
            document.head.append(l); }"""
        )
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    assert any("fonts.googleapis.com" in url for url in seen)


def test_the_chrome_is_a_publications(browser: Any, base_url: str) -> None:
    """The desk's name, a footer with publisher, contact and licence; no repository
    widget or edit pencil; a way to report an error on a claim page."""
    context = browser.new_context()
    try:
        page = context.new_page()
        for kind in READER_PAGES:
            open_reader_page(page, base_url, kind)
            footer = page.locator(".md-copyright")
            # In the page's language: "Published by …" on English pages, "발행 …" on Korean.
            assert footer.locator("a[href='https://example.org/factdesk/']").inner_text() == (
                "factdesk example desk"
            ), kind
            assert footer.locator("a[href='mailto:desk@example.org']").count() == 1
            licence = footer.locator("a[rel=license]")
            assert licence.inner_text().endswith(": CC BY 4.0"), kind
            assert page.locator(".md-source, .md-content__button").count() == 0, kind
            assert "Material for MkDocs" not in footer.inner_text()
        open_reader_page(page, base_url, "claim")
        report = page.get_by_role("link", name="Suggest a correction")
        assert report.get_attribute("href").startswith("https://git.example.org/factdesk/")
        open_reader_page(page, base_url, "home")
        heading = page.locator("article h1")
        assert heading.evaluate("h => getComputedStyle(h).color") == page.evaluate(
            "getComputedStyle(document.querySelector('.md-typeset')).color"
        )
    finally:
        context.close()
