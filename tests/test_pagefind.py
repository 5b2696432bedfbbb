"""search: pagefind: the index is built after the site, and the find page answers in
headless Chromium with filters, from a fraction of the index."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from browser import CHROMIUM, EN, chromium, serve_directory
from factdesk.records.settings import Settings
from sitebuild import build, copy_example

if not os.path.exists(CHROMIUM):
    pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium", pytrace=False)


def test_auto_chooses_by_size() -> None:
    assert Settings().search_engine(999) == "material"
    assert Settings().search_engine(1000) == "pagefind"
    assert Settings(search="material").search_engine(50_000) == "material"
    assert Settings(search="pagefind").search_engine(3) == "pagefind"


def test_pagefind_site_finds_a_claim_and_filters_by_rating(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    config = (root / "mkdocs.yml").read_text()
    (root / "mkdocs.yml").write_text(
        config.replace("  - factdesk:\n", "  - factdesk:\n      search: pagefind\n")
    )
    site = build(root, tmp_path / "site")
    assert (site / "pagefind" / "pagefind.js").exists()
    assert (site / EN.FIND / "index.html").exists()
    claim = (site / EN.claim("american-occupation-zone-map") / "index.html").read_text()
    assert "data-pagefind-body" in claim and 'data-pagefind-filter="rating:False"' in claim
    assert "data-pagefind-body" not in (site / EN.browse(1) / "index.html").read_text()
    # The words every claim page has are not indexed; the contributor's are.
    assert '<h2 data-pagefind-ignore id="evidence"' in claim
    assert "<dt data-pagefind-ignore>Claimed by</dt>" in claim
    with serve_directory(site) as url, chromium() as browser:
        page = browser.new_page()
        page.goto(url + EN.FIND)
        page.fill(".pagefind-ui__search-input", "occupation")
        first = page.locator(".pagefind-ui__result-link").first
        first.wait_for(timeout=15000)
        assert "American Occupation Zone" in first.inner_text()
        assert "/" + EN.claim("american-occupation-zone-map") in (first.get_attribute("href") or "")
        # "Refutes the claim" and "Data (JSON)" are on claim pages, but no contributor wrote
        # them. (Pagefind stems words: "claimed" would still find "claim".)
        for boilerplate in ("refutes", "json"):
            page.fill(".pagefind-ui__search-input", boilerplate)
            message = page.locator(".pagefind-ui__message", has_text="No results")
            message.wait_for(timeout=15000)
        page.fill(".pagefind-ui__search-input", "tiktok")
        page.locator(".pagefind-ui__result-link").first.wait_for(timeout=15000)
        rating = page.locator(".pagefind-ui__filter-name", has_text="rating")
        rating.first.wait_for(timeout=15000)  # filters arrive just after the first results
        assert rating.count() == 1
