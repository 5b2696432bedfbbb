"""Hostile mkdocs.yml files (tests/hostile/settings/, written by make_corpus.py): a pull
request can change the site settings too. `factdesk validate` must finish quickly, run
nothing, and name mkdocs.yml with a line and one of the case's codes."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from kbfactory import write_kb

SETTINGS = Path(__file__).parent / "hostile" / "settings"
CASES: list[dict[str, object]] = yaml.safe_load((SETTINGS / "cases.yaml").read_text())
# The console script installed beside this interpreter, as a contributor runs it.
FACTDESK = Path(sys.executable).parent / "factdesk"


def test_the_corpus_covers_every_settings_attack() -> None:
    assert {c["file"] for c in CASES} == {p.name for p in SETTINGS.glob("*.yml")}
    assert len(CASES) >= 6


@pytest.mark.parametrize("case", CASES, ids=[str(c["file"]) for c in CASES])
def test_hostile_settings_get_a_diagnostic_with_a_line(
    case: dict[str, object], tmp_path: Path
) -> None:
    root = write_kb(tmp_path / "kb", {})
    shutil.copy(SETTINGS / str(case["file"]), root / "mkdocs.yml")
    proc = subprocess.run(
        [str(FACTDESK), "validate", "--root", str(root), "--no-cache", "--quiet"],
        capture_output=True,
        text=True,
        timeout=20,  # an alias bomb or a crash in libyaml must not hang or kill the run
        cwd=tmp_path,
    )
    out = proc.stdout + proc.stderr
    assert "Traceback" not in out and proc.returncode == 1, out[-2000:]
    codes = "|".join(map(str, case["expect"]))  # type: ignore[call-overload]
    assert re.search(rf"^mkdocs\.yml:\d+:\d+: error ({codes}) ", out, re.M), out[-2000:]
    assert not (tmp_path / "pwned").exists(), "a tag in mkdocs.yml ran a command"
