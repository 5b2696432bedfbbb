"""Golden files for rendered pages of the example knowledge base.

After an intended change to a template, regenerate with:
    UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_render_golden.py
and review the diff like any other change.
"""

from __future__ import annotations

import os

import pytest

from factdesk.check.pipeline import validate_root
from factdesk.render import render_site
from factdesk.render.urls import Layout, language_prefix, page_file

from conftest import REPO

GOLDEN = REPO / "tests" / "golden"
# The example desk publishes English and Korean: each language's pages in its folder.
EN = Layout(language_prefix("en", multilingual=True))
KO = Layout(language_prefix("ko", multilingual=True))
PAGES = [
    page_file(EN.claim("american-occupation-zone-map")),
    page_file(EN.claim("northkoreanlife-followers")),
    page_file(KO.claim("north-korea-last-rsf-press-freedom-2023-ko")),
    page_file(EN.source("newsweek-pro-north-korea-tiktok")),
    page_file(EN.claimant("newsweek")),
]


@pytest.fixture(scope="module")
def rendered() -> dict[str, str]:
    return render_site(validate_root(REPO).kb)


@pytest.mark.parametrize("page", PAGES)
def test_page_matches_golden_file(page: str, rendered: dict[str, str]) -> None:
    golden = GOLDEN / page
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(rendered[page], encoding="utf-8")
    assert rendered[page] == golden.read_text(encoding="utf-8"), (
        f"{page} differs from tests/golden/{page}; if intended, rerun with UPDATE_GOLDEN=1"
    )


def test_rendering_is_deterministic() -> None:
    kb = validate_root(REPO).kb
    assert render_site(kb) == render_site(validate_root(REPO).kb)
