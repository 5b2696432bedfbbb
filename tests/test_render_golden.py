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

from conftest import REPO

GOLDEN = REPO / "tests" / "golden"
PAGES = [
    "claims/american-occupation-zone-map.md",
    "claims/northkoreanlife-followers.md",
    "sources/newsweek-pro-north-korea-tiktok.md",
    "claimants/newsweek.md",
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
