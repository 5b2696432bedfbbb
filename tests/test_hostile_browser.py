"""The site built from every renderable hostile record, opened in headless Chromium with a
sentinel: any alert, confirm, prompt, or write to the global the payloads set, fails."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browser import CHROMIUM, chromium, serve_directory
from browser_sentinel import SENTINEL
from hostile_kb import safe_kb
from sitebuild import build

if not os.path.exists(CHROMIUM):
    pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium", pytrace=False)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    tmp = tmp_path_factory.mktemp("hostile-site")
    folder = build(safe_kb(tmp / "kb"), tmp / "site")
    with serve_directory(folder) as url:
        yield url, folder


def _pages(folder: Path) -> list[str]:
    pages = sorted(
        p.parent.relative_to(folder).as_posix() + "/" for p in folder.rglob("index.html")
    )
    return ["" if p == "./" else p for p in pages]


def _visit(page: Any, url: str) -> list[str]:
    page.goto(url)
    page.wait_for_load_state("load")
    return page.evaluate("window.__fdCalls")  # type: ignore[no-any-return]


def test_no_payload_runs_on_any_page(site: tuple[str, Path]) -> None:
    base, folder = site
    pages = _pages(folder)
    assert len(pages) >= 50
    with chromium() as browser:
        context = browser.new_context()
        context.add_init_script(SENTINEL)
        dialogs: list[str] = []
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        ran = {p: calls for p in pages if (calls := _visit(page, base + p))}
        for query in ["?q=script", "?rating=false", "?q=fdPwned"]:
            calls = _visit(page, base + "browse/" + query)
            if calls:
                ran[f"browse/{query}"] = calls
        context.close()
    assert ran == {} and dialogs == []


def _wait_for_results_of(page: Any, words: str) -> None:
    """Until Material shows the results of the whole query, not of a prefix typed on the
    way (it marks the query's words in them), and every image in them has loaded or
    failed, so a payload waiting on an image error has had its chance to run."""
    page.wait_for_function(
        """words => {
          const marks = [...document.querySelectorAll(".md-search-result mark")];
          const images = [...document.querySelectorAll(".md-search-result img")];
          return marks.some(m => m.textContent.toLowerCase() === words)
            && images.every(img => img.complete);
        }""",
        arg=words,
        timeout=15000,
    )


def test_no_payload_runs_in_search_results(site: tuple[str, Path]) -> None:
    base, _ = site
    with chromium() as browser:
        context = browser.new_context()
        context.add_init_script(SENTINEL)
        page = context.new_page()
        results = 0
        for words in ["script", "xss", "hostile", "conclusion"]:
            page.goto(base)
            page.click(".md-search__input")
            page.keyboard.type(words, delay=10)
            _wait_for_results_of(page, words)
            results += page.locator(".md-search-result__item").count()
            assert page.evaluate("window.__fdCalls") == [], words
        context.close()
    assert results > 0
