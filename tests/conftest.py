from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from browser import chromium

from kbfactory import write_kb

REPO = Path(__file__).resolve().parent.parent

# Matching is lexical in the tests unless a test turns the sentence encoder back on
# (tests/test_match.py does, once): loading its weights would cost every `validate`
# a few tenths of a second. Subprocesses inherit the setting.
os.environ.setdefault("FACTDESK_NO_ENCODER", "1")

MakeKB = Callable[[dict[str, str | bytes | None]], Path]

# Every test module is in one tier (markers registered in pyproject.toml): `make test-fast`
# runs the unit tier in seconds, `make test` runs them all. Modules not listed are unit
# tests; test_tiers.py keeps a module that builds a site or opens a browser out of it.
TIERS = {
    "browser": {
        "test_browser",
        "test_reader_pages",
        "test_accessibility",
        "test_hostile_browser",
        "test_pagefind",
        "test_pagefind_hostile",
        "test_related_browser",
        "test_share_browser",
        "test_verdict_browser",
        "test_search_verdicts",
        "test_languages_browser",
    },
    "site": {
        "test_site",
        "test_site_build",
        "test_pages_on_cores",
        "test_cli_site",
        "test_blns",
        "test_zensical",
        "test_wheel",
        "test_manual",
        "test_consumers",
        "test_share_site",
        "test_serve_incremental",
        "test_i18n_site",
        "test_languages_site",
        "test_pagefind_order",
        "test_preview",
    },
    "slow": {"test_scale", "test_serve_saves_memory"},
}


def tier_of(module: str) -> str:
    return next((tier for tier, modules in TIERS.items() if module in modules), "unit")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        item.add_marker(getattr(pytest.mark, tier_of(item.module.__name__ if item.module else "")))


@pytest.fixture
def make_kb(tmp_path: Path) -> MakeKB:
    def make(files: dict[str, str | bytes | None]) -> Path:
        return write_kb(tmp_path / "kb", files)

    return make


@pytest.fixture(autouse=True)
def _private_cache_key(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The validation cache's signing key lives in the user's cache folder: keep tests'
    keys out of the real one."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "xdg-cache"))


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium per test module (browser tests)."""
    with chromium() as opened:
        yield opened


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A desktop tab; the test fails if the page raised a JavaScript error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    yield tab
    context.close()
    assert errors == [], f"JavaScript errors: {errors}"
