"""search_index: `factdesk build` forks first, and Pagefind runs in the parent only once
the build process has exited (its memory back with the system), only after a build that
succeeded and asked for it, with every outcome's exit code."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from factdesk import search_index

# Stands in for Pagefind: records whether the build process was still alive when it ran,
# and writes the entry file stabilise() reads.
INDEXER = """
import json, os, sys
from pathlib import Path
site, mode = Path(sys.argv[1]), sys.argv[2]
builder = int((site / "builder.pid").read_text())
try:
    os.kill(builder, 0)
    state = "alive"
except ProcessLookupError:
    state = "gone"
(site / "indexed").write_text(state)
(site / "pagefind").mkdir()
(site / "pagefind" / "pagefind-entry.json").write_text(json.dumps({"languages": {}}))
sys.exit(3 if mode == "indexer fails" else 0)
"""

# A command line that forks as `factdesk build` does; `mode` picks how its build ends.
COMMAND = """
import os, signal, sys
from pathlib import Path
from factdesk import search_index
site, mode = Path(sys.argv[1]), sys.argv[2]
search_index.pagefind_command = lambda s: [sys.executable, "-c", sys.argv[3], str(s), mode]
later = search_index.build_first(
    lambda: print("indexed"), lambda m: print(m, file=sys.stderr), problems=1, interrupted=130
)
assert later is not None
(site / "builder.pid").write_text(str(os.getpid()))
print("building", flush=True)
if mode != "no search":
    later(site)
if mode == "build fails":
    sys.exit(1)
if mode == "build killed":
    os.kill(os.getpid(), signal.SIGKILL)
if mode == "parent stopped":
    os.kill(os.getppid(), signal.SIGTERM)
    signal.pause()  # until the stop is passed on
"""


def run(site: Path, mode: str) -> subprocess.CompletedProcess[str]:
    site.mkdir()
    return subprocess.run(
        [sys.executable, "-c", COMMAND, str(site), mode, INDEXER],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_pagefind_runs_after_the_build_process_has_exited(tmp_path: Path) -> None:
    done = run(tmp_path / "site", "ok")
    assert (done.returncode, done.stdout) == (0, "building\nindexed\n"), done.stderr
    assert (tmp_path / "site" / "indexed").read_text() == "gone"


def test_a_build_that_did_not_ask_is_not_indexed(tmp_path: Path) -> None:
    done = run(tmp_path / "site", "no search")
    assert (done.returncode, done.stdout) == (0, "building\n")
    assert not (tmp_path / "site" / "indexed").exists()


def test_a_failed_build_is_not_indexed_and_keeps_its_code(tmp_path: Path) -> None:
    done = run(tmp_path / "site", "build fails")
    assert (done.returncode, done.stdout) == (1, "building\n")
    assert not (tmp_path / "site" / "indexed").exists()


def test_a_killed_build_is_reported_with_the_signal(tmp_path: Path) -> None:
    done = run(tmp_path / "site", "build killed")
    assert done.returncode == 128 + 9
    assert "the build was stopped by signal 9" in done.stderr
    assert not (tmp_path / "site" / "indexed").exists()


def test_a_failing_indexer_is_a_problem_with_its_message(tmp_path: Path) -> None:
    done = run(tmp_path / "site", "indexer fails")
    assert done.returncode == 1
    assert "Pagefind failed to index the site" in done.stderr
    assert "indexed" not in done.stdout


def test_no_fork_when_the_output_is_held_in_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    # A test runner's captured output would not reach the child: the build indexes itself.
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    assert search_index.build_first(print, print, problems=1, interrupted=130) is None


def test_pagefind_that_cannot_start_is_an_indexing_error(tmp_path: Path) -> None:
    with pytest.raises(search_index.IndexingError, match="could not run"):
        search_index.run_pagefind(tmp_path, [str(tmp_path / "no-such-binary")])


def test_pagefind_reads_the_claim_pages_of_every_language(tmp_path: Path) -> None:
    (tmp_path / "ko" / "claims" / "x").mkdir(parents=True)
    command = search_index.pagefind_command(tmp_path)
    assert command[-2:] == ["--glob", "{claims,*/claims}/**/*.html"]


def test_a_site_with_no_claim_page_is_left_to_pagefind(tmp_path: Path) -> None:
    # The glob would find no file and Pagefind would stop; without it, Pagefind indexes
    # every page's body, as it did before claim pages were the only ones read.
    (tmp_path / "claims").mkdir()
    (tmp_path / "about").mkdir()
    assert "--glob" not in search_index.pagefind_command(tmp_path)


def test_a_stop_sent_to_the_command_stops_the_build(tmp_path: Path) -> None:
    done = run(tmp_path / "site", "parent stopped")
    assert done.returncode == 128 + 15
    assert "the build was stopped by signal 15" in done.stderr
