"""Hostile input through the real console script: a diagnostic, exit 1, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import MakeKB
from kbfactory import BASE_CLAIM, claim_with

ALIAS_BOMB = "\n".join(
    ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    + [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
)

HOSTILE: dict[str, tuple[bytes, str]] = {
    "duplicate key": (claim_with("claim: The sky", "title: B\nclaim: The sky").encode(), "FD004"),
    "alias bomb": (ALIAS_BOMB.encode(), "FD005"),
    "python tag": (b"id: claim-a\ntitle: !!python/object:os.system rm\n", "FD006"),
    "binary bytes": (bytes(range(256)) * 4, "FD002"),
    "2 MiB file": (b"id: claim-a\nanalysis: " + b"A" * (2 * 1024 * 1024), "FD001"),
    "wrong top level": (b"- id: claim-a\n", "FD008"),
    "misspelt field": (claim_with("conclusion:", "conclusoin:").encode(), "FD011"),
    "bad date": (claim_with("2024-01-02", "2023-13-01").encode(), "FD015"),
    "dangling id": (claim_with("source: src-a", "source: src-gone").encode(), "FD012"),
    "deep nesting": (b"id: claim-a\ntitle: " + b"[" * 300_000, "FD009"),
    "several documents": (BASE_CLAIM.encode() + b"---\n" + BASE_CLAIM.encode(), "FD007"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_record(name: str, make_kb: MakeKB) -> None:
    raw, code = HOSTILE[name]
    root = make_kb({"claims/claim-a.yaml": raw})
    proc = subprocess.run(
        [sys.executable, "-m", "factdesk", "validate", "--root", str(root)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1
    assert f"error {code} " in proc.stdout
    assert "Traceback" not in proc.stderr + proc.stdout


def test_every_hostile_file_at_once_in_one_run(tmp_path: Path) -> None:
    root = tmp_path / "kb"
    (root / "claims").mkdir(parents=True)
    for index, name in enumerate(sorted(HOSTILE)):
        (root / "claims" / f"c{index}.yaml").write_bytes(HOSTILE[name][0])
    proc = subprocess.run(
        [sys.executable, "-m", "factdesk", "validate", "--root", str(root)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    for _, code in HOSTILE.values():
        assert f"error {code} " in proc.stdout
