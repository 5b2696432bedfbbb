"""`serve`'s memo of checked files (check/pipeline.py): a file whose size and settled
modification time it holds is not read again; anything newer is read and hashed."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from factdesk import workers
from factdesk.check import pipeline
from factdesk.check.pipeline import CheckMemo, validate_root
from factdesk.load.discover import RecordFile
from factdesk.load.loader import Loaded
from factdesk.workers import Progress

from conftest import REPO

CLAIM = "northkoreanlife-followers"


def _desk(root: Path, age_s: float) -> Path:
    """The example's records, every file's time set `age_s` seconds in the past."""
    for folder in ("claims", "sources"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "media", root / "media")
    then = time.time() - age_s
    for path in [*root.rglob("*.yaml")]:
        os.utime(path, (then, then))
    return root


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    read: list[str] = []
    original = pipeline.read_capped

    def counted(path: str) -> bytes:
        read.append(path)
        return original(path)

    monkeypatch.setattr(pipeline, "read_capped", counted)
    return read


def test_settled_files_the_memo_holds_are_not_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _desk(tmp_path / "kb", age_s=60)
    memo: CheckMemo = {}
    validate_root(root, memo=memo)
    read = _reads(monkeypatch)
    assert validate_root(root, memo=memo).errors == []
    assert read == [], "nothing changed: no file is read"
    # An edit of the same size, its time still in the past but not the one the memo holds.
    edited = root / "claims" / f"{CLAIM}.yaml"
    text = edited.read_text(encoding="utf-8")
    assert 'rating: "true"' in text
    changed = text.replace('rating: "true"', 'rating: "false"', 1).replace("\n\n", "\n", 1)
    assert len(changed) == len(text) and changed != text
    edited.write_text(changed, encoding="utf-8")
    os.utime(edited, (time.time() - 30, time.time() - 30))
    result = validate_root(root, memo=memo)
    assert set(read) == {str(edited)}, "only the edited file is read (hashed, then parsed)"
    assert result.kb.claims[CLAIM].record.rating_key == "false"


def test_files_written_just_now_are_hashed_every_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _desk(tmp_path / "kb", age_s=0)
    memo: CheckMemo = {}
    validate_root(root, memo=memo)
    read = _reads(monkeypatch)
    validate_root(root, memo=memo)
    assert len(read) == len(memo), "a time under two seconds old may not be the last write"


def test_a_parallel_run_fills_the_memo_as_a_serial_one_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`serve` validates on every core at its start and keeps the memo for its saves."""
    root = _desk(tmp_path / "kb", age_s=60)
    serial: CheckMemo = {}
    parallel: CheckMemo = {}
    # Forked workers take chunks of 5 files, whatever the example's size.
    defaults = {**(workers.map_chunks.__kwdefaults__ or {}), "min_items": 1, "chunk_size": 5}
    monkeypatch.setattr(workers.map_chunks, "__kwdefaults__", defaults)
    loads: list[tuple[int, bool]] = []
    original = pipeline.load_all

    def load_all(files: list[RecordFile], *, parallel: bool, progress: Progress) -> list[Loaded]:
        loads.append((len(files), parallel))
        return original(files, parallel=parallel, progress=progress)

    one = validate_root(root, memo=serial)
    monkeypatch.setattr(pipeline, "load_all", load_all)
    both = validate_root(root, memo=parallel, parallel=True)
    assert loads == [(len(serial), True)], "every file is loaded in one parallel run"
    assert both.diagnostics == one.diagnostics
    assert sorted(both.kb.claims) == sorted(one.kb.claims)
    assert parallel.keys() == serial.keys()
    for rel, known in serial.items():
        assert parallel[rel].digest == known.digest and parallel[rel].stamp == known.stamp
        assert parallel[rel].record == known.record
    read = _reads(monkeypatch)
    validate_root(root, memo=parallel)
    assert read == [], "the first save after a parallel start reads no unchanged file"
