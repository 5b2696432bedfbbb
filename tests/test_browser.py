"""What readers click, in headless Chromium: search, browse filters, a verdict badge."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browser import CHROMIUM, EN, serve_directory
from factdesk.render.urls import HOME
from sitebuild import build

from conftest import REPO

if not os.path.exists(CHROMIUM):
    pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium", pytrace=False)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = build(REPO, tmp_path_factory.mktemp("browser") / "site")
    with serve_directory(site) as url:
        yield url


def _search(page: Any, base_url: str, words: str) -> list[str]:
    """Type into Material's search box as a reader does; the result links' paths."""
    page.goto(base_url)
    page.click(".md-search__input")
    page.keyboard.type(words, delay=20)
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    hrefs = page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.href)")
    return [h.removeprefix(base_url).split("?")[0].split("#")[0] for h in hrefs]


def test_search_for_occupation_finds_the_map_claim(page: Any, base_url: str) -> None:
    assert _search(page, base_url, "occupation")[0] == EN.claim("american-occupation-zone-map")
    first = page.locator(".md-search-result__item").first.inner_text()
    assert "American Occupation Zone" in first


@pytest.mark.parametrize(
    ("words", "claim"),
    [
        ("motorcycle", "motorcycle-clear-sign-of-wealth"),  # words of the claim text
        ("Wray", "wray-tiktok-favorable-narratives"),  # the claimant
        ("sovereign", "american-occupation-zone-map"),  # words of the conclusion
    ],
)
def test_search_finds_claims_by_claim_text_claimant_and_conclusion(
    page: Any, base_url: str, words: str, claim: str
) -> None:
    assert EN.claim(claim) in _search(page, base_url, words)


def _settled(page: Any) -> None:
    """Filtering may fetch the index first: wait until the table says it is done."""
    page.wait_for_function(
        "['page', 'filtered'].includes(document.getElementById('fd-browse').dataset.state)"
    )


def _visible_ratings(page: Any) -> list[str]:
    _settled(page)
    return page.eval_on_selector_all(
        "#fd-browse tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.rating)"
    )


def test_browse_filter_by_rating_and_the_url_restores_it(page: Any, base_url: str) -> None:
    page.goto(base_url + EN.browse(1))
    everything = _visible_ratings(page)
    assert len(everything) >= 14
    page.select_option("select[name=rating]", "false")
    shown = _visible_ratings(page)
    assert shown and set(shown) == {"false"} and len(shown) < len(everything)
    assert "rating=false" in page.url
    shared = page.url
    page.goto(base_url)
    page.goto(shared)
    assert page.input_value("select[name=rating]") == "false"
    restored = _visible_ratings(page)
    assert restored == shown
    # The count tells the reader how many of all the fact-checks the filter kept.
    total = page.evaluate(
        "fetch(document.getElementById('fd-browse').dataset.index)"
        ".then(r => r.json()).then(index => index.rows.length)"
    )
    assert total >= len(everything)
    assert page.inner_text("#fd-count") == f"{len(shown)} of {total} fact-checks"


def test_browse_fetches_the_index_only_when_the_reader_turns_to_the_filters(
    page: Any, base_url: str
) -> None:
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url) if "browse.json" in r.url else None)
    page.goto(base_url + EN.browse(1))
    page.wait_for_load_state("networkidle")
    assert fetched == [], "paging through must not download the index"
    with page.expect_request("**/api/browse.json"):
        page.hover("select[name=rating]")
    assert page.get_attribute("#fd-browse", "data-state") == "page", "nothing filtered yet"


def test_browse_filters_by_topic_claimant_and_words_and_sorts(page: Any, base_url: str) -> None:
    page.goto(base_url + EN.browse(1) + "?topic=china&claimant=tiktok")
    _settled(page)
    rows = page.eval_on_selector_all(
        "#fd-browse tbody tr:not([hidden])",
        "rows => rows.map(r => [r.dataset.topics, r.dataset.claimant])",
    )
    assert rows and all("china" in t.split() and c == "tiktok" for t, c in rows)
    page.goto(base_url + EN.browse(1))
    page.fill("input[name=q]", "montana")
    assert len(_visible_ratings(page)) == 2
    assert "q=montana" in page.url


def test_browse_works_without_javascript(browser: Any, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(base_url + EN.browse(1))
    assert tab.locator("#fd-browse tbody tr").count() >= 14
    assert not tab.locator("#fd-filters").is_visible()
    context.close()


def test_claim_page_shows_its_verdict_graphic(page: Any, base_url: str) -> None:
    page.goto(base_url + EN.claim("american-occupation-zone-map"))
    graphic = page.locator(".fd-verdict svg.fd-verdict-graphic")
    assert graphic.is_visible() and graphic.get_attribute("role") == "img"
    assert graphic.get_attribute("aria-label").startswith("Rating: False, 1 of 5")
    assert graphic.locator("text").last.text_content() == "False"
    mark = graphic.locator(".fd-verdict-mark").evaluate("el => getComputedStyle(el).fill")
    assert mark == "rgb(198, 40, 40)"


def test_phone_width_has_no_horizontal_scroll(browser: Any, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    tab = context.new_page()
    for path in [HOME, EN.claim("northkoreanlife-followers"), EN.browse(1)]:
        tab.goto(base_url + path)
        overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path or 'home'} scrolls sideways by {overflow}px on a phone"
    context.close()


def test_dark_mode_verdict_label_follows_the_text_colour(browser: Any, base_url: str) -> None:
    context = browser.new_context(color_scheme="dark")
    tab = context.new_page()
    tab.goto(base_url + EN.claim("pyongyang-best-nightlife"))
    assert tab.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    label = tab.locator(".fd-verdict svg text").last.evaluate("el => getComputedStyle(el).fill")
    text = tab.locator(".fd-conclusion").evaluate("el => getComputedStyle(el).color")
    assert label == text
    context.close()


def test_screenshots_can_be_taken(page: Any, base_url: str, tmp_path: Path) -> None:
    page.goto(base_url + EN.claim("northkoreanlife-followers"))
    shot = tmp_path / "claim.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_browse_pages_and_filters_over_every_claim(browser: Any, tmp_path: Path) -> None:
    from bench.synth import write_site

    root = write_site(tmp_path / "kb", 250)
    site = build(root, tmp_path / "site")
    assert (site / "browse/3/index.html").exists() and not (site / "browse/4").exists()
    with serve_directory(site) as url:
        tab = browser.new_context().new_page()
        tab.goto(url + "browse/")
        assert tab.locator("#fd-browse tbody tr").count() == 100
        assert tab.locator("#fd-pager a").count() == 2
        oldest = tab.evaluate("fetch('../api/browse.json').then(r => r.json())")["rows"][-1][0]
        tab.goto(url + f"browse/?q=number+{oldest.split('-')[1].lstrip('0')}+")
        _settled(tab)
        links = tab.eval_on_selector_all("#fd-browse tbody a", "as => as.map(a => a.href)")
        assert any(f"/claims/{oldest}/" in href for href in links), "found beyond page 1"
        assert not tab.locator("#fd-pager").is_visible()
        tab.goto(url + "browse/3/")
        assert tab.locator("#fd-browse tbody tr").count() == 50


def test_browse_says_when_the_index_fails_and_retries(page: Any, base_url: str) -> None:
    """A failed fetch of api/browse.json (a 503, then a dropped connection) is shown with
    a retry button; the page's own rows stay; retrying after the network recovers works."""
    failures = iter(["503", "abort"])
    state = {"failing": True}

    def answer(route: Any) -> None:
        if not state["failing"]:
            route.continue_()
        elif next(failures, "abort") == "503":
            route.fulfill(status=503, body="unavailable")
        else:
            route.abort()

    page.route("**/api/browse.json", answer)
    page.goto(base_url + EN.browse(1))
    rows = page.locator("#fd-browse tbody tr").count()
    page.select_option("select[name=rating]", "false")
    page.wait_for_selector("#fd-browse[data-state=error]")
    assert page.is_visible("#fd-error") and page.is_visible("#fd-retry")
    assert page.locator("#fd-browse tbody tr").count() == rows, "the page's rows stay"
    page.click("#fd-retry")  # the dropped connection: still an error, still a button
    page.wait_for_selector("#fd-browse[data-state=error]")
    state["failing"] = False
    page.click("#fd-retry")
    page.wait_for_selector("#fd-browse[data-state=filtered]")
    assert not page.is_visible("#fd-error")
    ratings = page.eval_on_selector_all(
        "#fd-browse tbody tr", "rows => rows.map(r => r.dataset.rating)"
    )
    assert ratings and set(ratings) == {"false"}


def test_browse_rows_drawn_by_the_script_match_the_page_rows(page: Any, base_url: str) -> None:
    """The script's rows come from the same skeleton as the server's: the same cells,
    classes and links, whether a row was drawn at build time or filtered in the browser."""
    page.goto(base_url + EN.browse(1))
    shape = """rows => rows.map(r => r.outerHTML
        .replace(/ style="[^"]*"/g, '').replace(/>\\s+</g, '><'))"""
    served = page.eval_on_selector_all("#fd-browse tbody tr", shape)
    page.select_option("select[name=sort]", "old")
    page.wait_for_selector("#fd-browse[data-state=filtered]")
    page.select_option("select[name=sort]", "new")  # back to the server's order…
    page.fill("input[name=q]", " ")  # …but still drawn by the script (blank words)
    page.select_option("select[name=sort]", "old")
    page.wait_for_selector("#fd-browse[data-state=filtered]")
    drawn = page.eval_on_selector_all("#fd-browse tbody tr", shape)
    assert sorted(drawn) == sorted(served)
