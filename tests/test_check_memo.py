"""`serve`'s memo of checked files (check/pipeline.py): a file whose size and settled
modification time it holds is not read again; anything newer is read and hashed."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from factdesk.check import pipeline
from factdesk.check.pipeline import CheckMemo, validate_root

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
