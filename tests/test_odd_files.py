"""Odd file-system entries under claims/: created at test time (a FIFO, links and names
with trailing spaces cannot be committed portably). Each gets its diagnostic, and none
hangs or crashes `factdesk validate`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from kbfactory import BASE_CLAIM, write_kb

Make = Callable[[Path], None]
JSON = ("--no-cache", "--quiet", "--format", "json")


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _directory(path: Path) -> None:
    path.mkdir()
    (path / "inner.yaml").write_text(BASE_CLAIM.replace("claim-a", "inner"), encoding="utf-8")


def _record(path: Path) -> None:
    path.write_text(BASE_CLAIM.replace("claim-a", "x"), encoding="utf-8")


def _link_to_passwd(path: Path) -> None:
    path.symlink_to("/etc/passwd")


def _link_loop(path: Path) -> None:
    path.symlink_to(path.name)


# (name under claims/, how to make it, the codes any of which is right). FD042: not a
# regular file; FD109: a file there that is not read as a record (the contributor thinks
# it is one); FD010: a name or a link that cannot be a record.
ODD: list[tuple[str, Make, set[str]]] = [
    ("x.yaml", _fifo, {"FD042"}),
    ("x.yaml", _directory, {"FD042"}),
    ("x.txt", _record, {"FD109"}),
    (".hidden.yaml", _record, {"FD109"}),
    ("x.yml", _record, {"FD010", "FD109"}),
    ("x.yaml ", _record, {"FD109"}),
    ("passwd.yaml", _link_to_passwd, {"FD010"}),
    ("loop.yaml", _link_loop, {"FD010"}),
]


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and symbolic links are POSIX")
@pytest.mark.parametrize(
    ("name", "make", "codes"), ODD, ids=[f"{m.__name__[1:]}:{n!r}" for n, m, _ in ODD]
)
def test_odd_entries_get_their_diagnostic(
    name: str, make: Make, codes: set[str], tmp_path: Path
) -> None:
    root = write_kb(tmp_path / "kb", {})
    make(root / "claims" / name)
    # A subprocess with a timeout: reading a FIFO blocks until someone writes to it.
    proc = subprocess.run(
        [sys.executable, "-m", "factdesk", "validate", "--root", str(root), *JSON],
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert "Traceback" not in proc.stderr and proc.returncode in (0, 1), proc.stderr
    found = {d["code"] for d in json.loads(proc.stdout) if d["file"] == f"claims/{name}"}
    assert found & codes, f"claims/{name!r}: {found}"
