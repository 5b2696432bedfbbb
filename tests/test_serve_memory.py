"""A long-lived process (`factdesk serve`) validates again on every save: memory must not
grow with the number of rebuilds."""

from __future__ import annotations

import gc
import shutil
import tracemalloc
from pathlib import Path

from factdesk.check.pipeline import validate_root

from conftest import REPO


def _copy_example(root: Path) -> Path:
    for folder in ("claims", "sources"):
        (root / folder).mkdir(parents=True)
        for path in (REPO / folder).glob("*.yaml"):
            (root / folder / path.name).write_bytes(path.read_bytes())
    (root / "mkdocs.yml").write_bytes((REPO / "mkdocs.yml").read_bytes())
    shutil.copytree(REPO / "media", root / "media")
    return root


def test_a_hundred_rebuilds_freeze_nothing_and_do_not_grow_memory(tmp_path: Path) -> None:
    root = _copy_example(tmp_path / "kb")
    edited = root / "claims" / "northkoreanlife-followers.yaml"
    original = edited.read_text(encoding="utf-8")
    memo: dict[str, tuple[object, ...]] = {}

    def save_and_rebuild(n: int) -> None:
        # A save that changes the file, as an editor's would, so it is parsed again.
        edited.write_text(original + f"# save {n}\n", encoding="utf-8")
        assert validate_root(root, memo=memo).errors == []

    frozen = gc.get_freeze_count()
    for n in range(10):
        save_and_rebuild(n)
    gc.collect()
    tracemalloc.start()
    try:
        after_ten = tracemalloc.get_traced_memory()[0]
        for n in range(10, 100):
            save_and_rebuild(n)
        gc.collect()
        after_hundred = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    # Frozen objects freed by reference counting leave the count, so it may only fall.
    assert gc.get_freeze_count() <= frozen, "a rebuild moved objects out of the collector"
    # A leak of one record's objects per rebuild is tens of kilobytes each time.
    assert after_hundred - after_ten < 200_000, (after_ten, after_hundred)
