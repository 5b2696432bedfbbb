"""The verdict beside each fact-check in search results, in headless Chromium: Material's
search dialog and Pagefind's find page both show every claim result's verdict graphic
(with the rating's accessible name) and its label as text, keep them right as the results
are drawn again on each keystroke, and stay accessible and inside a 320 px phone."""

from __future__ import annotations

import contextlib
import functools
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from browser import CHROMIUM, EN, search_for, serve_directory
from factdesk.check.pipeline import validate_root
from factdesk.load.site_config import load_settings
from factdesk.render import urls
from factdesk.render.languages import claim_url
from factdesk.render.verdict import verdicts
from sitebuild import build, copy_example

from conftest import REPO

if not os.path.exists(CHROMIUM):
    pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium", pytrace=False)

AXE = (Path(__file__).parent / "data" / "axe" / "axe.min.js").read_text(encoding="utf-8")
SERIOUS = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations
    .filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => v.id + ": " + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", "));
}"""
SCHEMES = {"light": "default", "dark": "slate"}

# Each result as the reader's browser shows it: the page it leads to, and the verdict
# drawn in it (None when there is none).
RESULTS = """([item, link]) => [...document.querySelectorAll(item)].map(result => {
  const a = result.querySelector(link);
  const url = new URL(a.getAttribute("href"), document.baseURI);
  const graphics = result.querySelectorAll(".fd-search-verdict svg[role=img]");
  const labels = result.querySelectorAll(".fd-search-verdict-label");
  const svg = graphics[0];
  return {
    page: url.origin + url.pathname,
    graphics: graphics.length,
    name: svg ? svg.getAttribute("aria-label") : null,
    label: labels.length ? labels[0].textContent : null,
    drawn: svg ? svg.getBoundingClientRect().width : 0,
    symbol: svg ? svg.querySelector("use").getAttribute("href") : null,
  };
})"""
MATERIAL = (".md-search-result__item", "a.md-search-result__link")
PAGEFIND = (".pagefind-ui__result", "a.pagefind-ui__result-link")


@functools.cache
def _example_ratings() -> dict[str, tuple[str, str]]:
    """Each published claim's page → its rating's (accessible name, label)."""
    kb = validate_root(REPO).kb
    known = verdicts(kb.settings)
    return {
        claim_url(kb, c.id): (known[c.rating_key].accessible_name, known[c.rating_key].label)
        for c in kb.published
    }


def _ratings_by_page(base_url: str) -> dict[str, tuple[str, str]]:
    """The same, by the pages' addresses on the site at `base_url`."""
    return {base_url + page: rating for page, rating in _example_ratings().items()}


@pytest.fixture(scope="module")
def material_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = build(REPO, tmp_path_factory.mktemp("search-verdicts") / "site")
    with serve_directory(site) as url:
        yield url


@pytest.fixture(scope="module")
def pagefind_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("find-verdicts")
    root = copy_example(tmp / "kb")
    config = (root / "mkdocs.yml").read_text()
    (root / "mkdocs.yml").write_text(
        config.replace("  - factdesk:\n", "  - factdesk:\n      search: pagefind\n")
    )
    site = build(root, tmp / "site")
    with serve_directory(site) as url:
        yield url


def _decorated(page: Any, ui: tuple[str, str], claims: dict[str, tuple[str, str]]) -> list[Any]:
    """The results once every claim result has its verdict (the script adds them just
    after the UI draws the results)."""
    wanted = json.dumps(sorted(claims))
    page.wait_for_function(
        f"""() => {{
          const claims = new Set({wanted});
          const items = [...document.querySelectorAll("{ui[0]}")];
          return items.length > 0 && items.every(item => {{
            const a = item.querySelector("{ui[1]}");
            if (!a) return false;
            const url = new URL(a.getAttribute("href"), document.baseURI);
            const has = item.querySelectorAll(".fd-search-verdict").length;
            return claims.has(url.origin + url.pathname) ? has === 1 : has === 0;
          }});
        }}""",
        timeout=15000,
    )
    return page.evaluate(RESULTS, list(ui))  # type: ignore[no-any-return]


def _assert_each_claim_shows_its_verdict(
    results: list[Any], claims: dict[str, tuple[str, str]]
) -> None:
    shown = [r for r in results if r["page"] in claims]
    assert shown, "the query finds fact-checks"
    for result in results:
        if result["page"] not in claims:
            assert result["graphics"] == 0, f"{result['page']} is not a fact-check"
            continue
        name, label = claims[result["page"]]
        assert result["graphics"] == 1
        assert result["name"] == name, "the graphic's accessible name is the rating's"
        assert result["label"] == label, "the label is beside the graphic as text"
        assert result["drawn"] > 0
        assert result["symbol"].split("#")[0].endswith(urls.VERDICTS_SPRITE)


def test_the_search_dialog_shows_each_claims_verdict(page: Any, material_url: str) -> None:
    claims = _ratings_by_page(material_url)
    page.goto(material_url)
    search_for(page, "tiktok")
    _assert_each_claim_shows_its_verdict(_decorated(page, MATERIAL, claims), claims)
    # Material draws the list again on every keystroke: the new results get theirs.
    page.keyboard.type(" ban", delay=30)
    page.wait_for_function(
        "[...document.querySelectorAll('.md-search-result mark')]"
        ".some(m => m.textContent.toLowerCase() === 'ban')"
    )
    _assert_each_claim_shows_its_verdict(_decorated(page, MATERIAL, claims), claims)


def test_the_search_dialog_shows_a_claims_title_once(page: Any, material_url: str) -> None:
    page.goto(material_url)
    search_for(page, "occupation")
    article = page.locator(".md-search-result__item").first.locator("article").first
    title = article.locator("h1").inner_text()
    assert "American Occupation Zone" in title
    assert article.inner_text().count(title) == 1


def test_the_sprite_has_a_drawing_for_every_rating(page: Any, material_url: str) -> None:
    page.goto(material_url)
    sprite = page.evaluate(
        "url => fetch(url).then(r => r.text())", material_url + urls.VERDICTS_SPRITE
    )
    settings, _ = load_settings(REPO)
    for key in settings.rating_keys:
        assert f'id="fd-verdict-{key}"' in sprite


def test_the_find_page_shows_each_claims_verdict(page: Any, pagefind_url: str) -> None:
    claims = _ratings_by_page(pagefind_url)
    page.goto(pagefind_url + EN.FIND)
    page.fill(".pagefind-ui__search-input", "tiktok")
    _assert_each_claim_shows_its_verdict(_decorated(page, PAGEFIND, claims), claims)
    # The rating reaches the page as metadata: not also shown as a tag of its key.
    assert page.locator(".pagefind-ui__result-tag").count() == 0
    page.fill(".pagefind-ui__search-input", "occupation")
    page.locator(".pagefind-ui__message", has_text="occupation").wait_for()
    results = _decorated(page, PAGEFIND, claims)
    _assert_each_claim_shows_its_verdict(results, claims)
    assert results[0]["label"] == "False"


@pytest.mark.parametrize("width", (1280, 390))
@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("ui", ["dialog", "find"])
def test_results_with_verdicts_have_no_serious_accessibility_violation(
    browser: Any, material_url: str, pagefind_url: str, ui: str, scheme: str, width: int
) -> None:
    context = browser.new_context(
        viewport={"width": width, "height": 900},
        color_scheme=scheme,  # type: ignore[arg-type]
    )
    try:
        tab = context.new_page()
        if ui == "dialog":
            claims = _ratings_by_page(material_url)
            tab.goto(material_url)
            search_for(tab, "tiktok")
            _decorated(tab, MATERIAL, claims)
        else:
            claims = _ratings_by_page(pagefind_url)
            tab.goto(pagefind_url + EN.FIND)
            tab.fill(".pagefind-ui__search-input", "tiktok")
            _decorated(tab, PAGEFIND, claims)
        assert tab.evaluate("document.body.getAttribute('data-md-color-scheme')") == SCHEMES[scheme]
        tab.add_script_tag(content=AXE)
        assert tab.evaluate(SERIOUS) == [], f"{ui}, {scheme}, {width}px"
    finally:
        context.close()


def test_the_find_page_with_verdicts_fits_at_320_px(browser: Any, pagefind_url: str) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640})
    try:
        tab = context.new_page()
        tab.goto(pagefind_url + EN.FIND)
        tab.fill(".pagefind-ui__search-input", "tiktok")
        _decorated(tab, PAGEFIND, _ratings_by_page(pagefind_url))
        overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"the find page scrolls sideways by {overflow}px"
    finally:
        context.close()


def test_the_search_dialog_with_verdicts_fits_at_320_px(browser: Any, material_url: str) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640})
    try:
        tab = context.new_page()
        tab.goto(material_url)
        search_for(tab, "tiktok")
        _decorated(tab, MATERIAL, _ratings_by_page(material_url))
        # Material's opening animation overflows while it runs (test_reader_pages.py).
        fits = "document.documentElement.scrollWidth <= window.innerWidth"
        with contextlib.suppress(PlaywrightTimeout):
            tab.wait_for_function(fits, timeout=5000)
        overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"the search dialog scrolls sideways by {overflow}px"
    finally:
        context.close()
