"""`make docs`: the factdesk manual builds from manual/mkdocs.yml with --strict, and shows
the desk's diagnostic codes and record reference through its includes."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

from conftest import REPO


def docs_recipe() -> list[str]:
    """The Makefile's `docs` command, as arguments after `mkdocs`."""
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    phony = re.search(r"^\.PHONY:(.*)$", makefile, re.M)
    assert phony and "docs" in phony.group(1).split(), "docs is not in .PHONY"
    recipe = re.search(r"^docs:.*\n\t\$\(BIN\)/mkdocs (.+)$", makefile, re.M)
    assert recipe, "the docs target does not run mkdocs"
    return shlex.split(recipe.group(1))


def test_make_docs_builds_the_manual_strictly(tmp_path: Path) -> None:
    args = docs_recipe()
    assert "--strict" in args and "manual/mkdocs.yml" in args
    out = tmp_path / "manual-site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    # From the repository root, as make runs it; the includes' base is the config's folder.
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", *args, "--site-dir", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    codes = (out / "diagnostics" / "index.html").read_text(encoding="utf-8")
    assert "FD000" in codes and "--8&lt;--" not in codes, "the desk's codes are not included"
    reference = (out / "records" / "index.html").read_text(encoding="utf-8")
    assert "markdown-in-the-analysis" in reference
    for page in ("cli", "configuration", "site", "engines", "threat-model", "development"):
        assert (out / page / "index.html").is_file(), page
    # The manual's own pages, not the desk's: no fact-check is built here.
    assert not (out / "claims").exists()
