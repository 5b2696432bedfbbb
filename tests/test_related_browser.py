"""A reader on a claim page sees the same claim checked in another language and a similar
fact-check, and the links take them there (headless Chromium over a built desk)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from browser import CHROMIUM, chromium, serve_directory
from sitebuild import build
from test_related_checks import DESK

from kbfactory import write_kb

if not os.path.exists(CHROMIUM):
    pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium", pytrace=False)

SITE_CONFIG = """\
site_name: related
site_url: https://example.org/related/
theme:
  name: material
plugins:
  - search
  - factdesk:
      match_threshold: 0.25
"""


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("related-site")
    root = write_kb(tmp / "kb", {**DESK, "mkdocs.yml": SITE_CONFIG})
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Related\n")
    with serve_directory(build(root, tmp / "site")) as url:
        yield url


@pytest.fixture(scope="module")
def page(base_url: str) -> Iterator[Any]:
    with chromium() as browser:
        context = browser.new_context()
        yield context.new_page()
        context.close()


def test_the_translation_is_listed_and_its_link_opens_it(base_url: str, page: Any) -> None:
    page.goto(f"{base_url}claims/claim-a/")
    translated = page.locator("ul.fd-related-translated a.fd-claim-link")
    translated.first.wait_for(state="visible")
    assert translated.all_inner_texts() == ["Bill Gates y el microchip 5G"]
    assert translated.first.get_attribute("hreflang") == "es"
    translated.first.click()
    page.wait_for_url(f"{base_url}claims/claim-es/")
    assert page.locator("h1.fd-title").inner_text() == "Bill Gates y el microchip 5G"
    # and back: the Spanish page lists the English original
    back = page.locator("ul.fd-related-translated a.fd-claim-link")
    assert back.all_inner_texts() == ["Bill Gates and the 5G microchip"]


def test_a_similar_check_is_listed_and_its_link_opens_it(base_url: str, page: Any) -> None:
    page.goto(f"{base_url}claims/claim-a/")
    similar = page.locator("ul.fd-related-similar a.fd-claim-link")
    similar.first.wait_for(state="visible")
    assert similar.all_inner_texts() == ["The 5G microchip, again"]
    similar.first.click()
    page.wait_for_url(f"{base_url}claims/claim-b/")
    assert page.locator("h1.fd-title").inner_text() == "The 5G microchip, again"


def test_the_section_headings_are_visible(base_url: str, page: Any) -> None:
    page.goto(f"{base_url}claims/claim-a/")
    heading = page.get_by_role("heading", name="Checked in other languages")
    heading.wait_for(state="visible")
    assert page.get_by_role("heading", name="Similar fact-checks").is_visible()
