"""A desk in English, Korean and Arabic in headless Chromium: the language switcher, the
page's language and direction, right-to-left pages mirrored, each language's search,
and no serious accessibility violation on Korean and Arabic pages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from browser import serve_directory
from sitebuild import build
from test_accessibility import AXE, SERIOUS

from conftest import REPO

DESK = REPO / "tests" / "fixtures" / "desk-multilingual"
CLAIMS = {
    "en": "en/claims/motorcycle-wealth/",
    "ko": "ko/claims/motorcycle-wealth-ko/",
    "ar": "ar/claims/motorcycle-wealth-ar/",
}
WAIT = 15000


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = build(DESK, tmp_path_factory.mktemp("languages") / "site")
    with serve_directory(site) as url:
        yield url


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        yield context.new_page()
    finally:
        context.close()


def test_the_switcher_leads_to_the_translation(page: Any, base_url: str) -> None:
    page.goto(base_url + CLAIMS["ko"])
    switcher = page.locator("nav.fd-languages")
    assert switcher.locator("[aria-current=page]").inner_text() == "한국어"
    switcher.get_by_role("link", name="العربية").click()
    page.wait_for_url(base_url + CLAIMS["ar"])
    assert page.evaluate("document.documentElement.lang") == "ar"
    page.locator("nav.fd-languages").get_by_role("link", name="English").click()
    page.wait_for_url(base_url + CLAIMS["en"])
    assert page.evaluate("document.documentElement.lang") == "en"


def test_the_header_menu_offers_the_same_list_in_each_language(page: Any, base_url: str) -> None:
    page.goto(base_url + "ko/latest/")
    page.locator(".md-header__option .md-select").hover()
    english = page.locator(".md-select__link", has_text="English")
    english.click()
    page.wait_for_url(base_url + "en/latest/")


def test_hreflang_names_every_version(page: Any, base_url: str) -> None:
    page.goto(base_url + CLAIMS["ar"])
    found = page.evaluate(
        """[...document.querySelectorAll('link[rel=alternate][hreflang]')]
             .map(l => [l.hreflang, new URL(l.href).pathname])"""
    )
    assert {lang: path.split("/desk/")[-1] for lang, path in found} == {
        **CLAIMS,
        "x-default": CLAIMS["en"],
    }


@pytest.mark.parametrize(("lang", "way"), [("en", "ltr"), ("ko", "ltr"), ("ar", "rtl")])
def test_the_page_is_written_in_its_languages_direction(
    page: Any, base_url: str, lang: str, way: str
) -> None:
    page.goto(base_url + CLAIMS[lang])
    assert page.evaluate("document.documentElement.getAttribute('dir')") == way
    assert page.evaluate("getComputedStyle(document.querySelector('article')).direction") == way
    # Material's own strings follow the page: its search box is labelled in the language.
    placeholder = page.locator(".md-search__input").get_attribute("placeholder")
    assert placeholder == {"en": "Search", "ko": "검색", "ar": "بحث"}[lang]


def _box(page: Any, selector: str) -> dict[str, float]:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, selector
    return dict(box)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_right_to_left_pages_mirror(page: Any, base_url: str, lang: str) -> None:
    page.goto(base_url + CLAIMS[lang])
    verdict = page.evaluate(
        """(() => { const s = getComputedStyle(document.querySelector('.fd-verdict'));
             return [parseFloat(s.borderLeftWidth), parseFloat(s.borderRightWidth),
                     s.borderRightColor, s.borderLeftColor]; })()"""
    )
    left, right, right_colour, left_colour = verdict
    article = _box(page, "article")
    navigation = _box(page, ".md-sidebar--primary")
    # The verdict's drawing keeps its own left-to-right layout: the label after the mark.
    mark = _box(page, ".fd-verdict-rating svg .fd-verdict-mark")
    label = _box(page, ".fd-verdict-rating svg text >> nth=-1")
    assert label["x"] >= mark["x"] + mark["width"]
    if lang == "ar":
        # The verdict's colour bar is at the start of the line, which is on the right.
        assert right > 0 and left == 0 and right_colour == "rgb(94, 53, 177)"
        assert navigation["x"] > article["x"]  # the site's navigation is on the right
    else:
        assert left > 0 and right == 0 and left_colour == "rgb(94, 53, 177)"
        assert navigation["x"] < article["x"]


def _search(page: Any, words: str) -> None:
    page.fill(".pagefind-ui__search-input", words)


def _results(page: Any) -> list[str]:
    links = page.locator(".pagefind-ui__result-link")
    links.first.wait_for(timeout=WAIT)
    return [link.evaluate("a => new URL(a.href).pathname") for link in links.all()]


def test_a_languages_search_finds_its_own_fact_checks(page: Any, base_url: str) -> None:
    page.goto(base_url + "ko/find/")
    _search(page, "오토바이")
    assert _results(page) == ["/" + CLAIMS["ko"]]
    # The verdict beside the result is in the page's language too.
    label = page.locator(".pagefind-ui__result .fd-search-verdict-label").first
    label.wait_for(timeout=WAIT)
    words = label.text_content() or ""
    assert re.search("[가-힣]", words) and not re.search("[A-Za-z]", words), words
    page.goto(base_url + "ar/find/")
    _search(page, "الدراجة")
    assert all("/ar/claims/" in href for href in _results(page))


def test_a_search_covers_every_language_when_asked(page: Any, base_url: str) -> None:
    page.goto(base_url + "en/find/")
    _search(page, "오토바이")  # only the Korean fact-check has it
    page.locator(".pagefind-ui__message", has_text="No results").wait_for(timeout=WAIT)
    page.locator("#fd-find-all").check()
    page.wait_for_url("**/en/find/?all=1")
    assert page.locator("#fd-find-all").is_checked()
    _search(page, "오토바이")
    assert _results(page) == ["/" + CLAIMS["ko"]]
    # Unticked, the search is the page's language's again.
    page.locator("#fd-find-all").uncheck()
    page.wait_for_url("**/en/find/?")
    assert not page.locator("#fd-find-all").is_checked()


@pytest.mark.parametrize("url", [CLAIMS["ko"], CLAIMS["ar"], "ar/latest/", "ko/find/", ""])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violation_in_korean_and_arabic(
    browser: Any, base_url: str, url: str, scheme: str
) -> None:
    context = browser.new_context(
        viewport={"width": 1280, "height": 900},
        color_scheme=scheme,  # type: ignore[arg-type]
    )
    try:
        page = context.new_page()
        page.goto(base_url + url)
        page.wait_for_load_state("load")
        page.add_script_tag(content=AXE)
        assert page.evaluate(SERIOUS) == [], f"{url}, {scheme}"
    finally:
        context.close()


def test_korean_lines_break_between_words(browser: Any, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 900})
    try:
        page = context.new_page()
        page.goto(base_url + CLAIMS["ko"])
        # Each line of the headline ends at a space of the text, never inside a word.
        lines = page.evaluate(
            """(() => {
                 const node = document.querySelector('h1').firstChild;
                 const range = document.createRange();
                 const ends = [];
                 let top = null;
                 for (let i = 0; i < node.length; i++) {
                   range.setStart(node, i); range.setEnd(node, i + 1);
                   const y = range.getBoundingClientRect().top;
                   if (top !== null && y > top + 5) ends.push(node.data[i - 1]);
                   top = y;
                 }
                 return ends;
               })()"""
        )
        assert lines and set(lines) == {" "}
    finally:
        context.close()
