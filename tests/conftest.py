from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from kbfactory import write_kb

REPO = Path(__file__).resolve().parent.parent

MakeKB = Callable[[dict[str, str | bytes | None]], Path]


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
