"""Under `serve`, Pagefind indexes the preview behind the editor: at the lowest CPU
priority, and stopped as soon as the next save comes, so that it never slows a refresh."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

import factdesk.mkdocs_plugin as plugin_module
from factdesk.mkdocs_plugin import FactdeskPlugin

# Stands in for Pagefind: a wrapper that starts a worker of its own, as `python -m
# pagefind` starts Pagefind's binary.
INDEXER = [
    sys.executable,
    "-c",
    "import subprocess, sys, time; "
    "subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)']); time.sleep(60)",
]


@pytest.fixture
def plugin(monkeypatch: pytest.MonkeyPatch) -> FactdeskPlugin:
    monkeypatch.setattr(plugin_module, "pagefind_command", lambda site: INDEXER)
    made = FactdeskPlugin()
    made.serve.serving = True
    return made


def test_the_indexer_runs_at_the_lowest_priority(plugin: FactdeskPlugin, tmp_path: Path) -> None:
    plugin._index_behind(tmp_path)
    indexer = plugin.serve.indexer
    assert indexer is not None
    try:
        assert os.getpriority(os.PRIO_PROCESS, indexer.pid) == 19
    finally:
        plugin._stop_indexer()
    assert indexer.poll() is not None


def test_a_save_stops_the_last_index_run_first(plugin: FactdeskPlugin, tmp_path: Path) -> None:
    plugin._index_behind(tmp_path)
    indexer = plugin.serve.indexer
    assert indexer is not None and indexer.poll() is None
    # No build to refresh from: the caller builds the whole site, and the stale run is
    # stopped all the same.
    assert plugin.refresh() is False
    assert indexer.poll() is not None
