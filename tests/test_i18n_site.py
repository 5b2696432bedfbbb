"""The site's chrome in each page's language: the footer that factdesk's theme partials
add says who publishes the desk in the language of the page it is on."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitebuild import build

from conftest import REPO

DESK = REPO / "tests" / "fixtures" / "desk-multilingual"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(DESK, tmp_path_factory.mktemp("i18n") / "site")


@pytest.mark.parametrize(
    ("page", "published_by"),
    [
        ("en/claims/motorcycle-wealth/", "Published by"),
        ("ko/claims/motorcycle-wealth-ko/", "발행"),
        ("ar/claims/motorcycle-wealth-ar/", "ينشره"),
        ("ko/ratings/", "발행"),
    ],
)
def test_the_footer_speaks_the_page_s_language(site: Path, page: str, published_by: str) -> None:
    html = (site / page / "index.html").read_text(encoding="utf-8")
    footer = html[html.index('class="md-copyright fd-footer"') :]
    assert f"<p>{published_by}" in " ".join(footer.split()).replace("<p> ", "<p>")
