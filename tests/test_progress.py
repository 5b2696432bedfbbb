"""Progress bars: only on a terminal, never in CI, in a pipe or with --quiet."""

from __future__ import annotations

import sys

import pytest
from click.testing import CliRunner

from factdesk.check.pipeline import validate_root
from factdesk.cli import cli
from factdesk.tools import progress

from conftest import MakeKB


def test_validation_reports_every_file_it_loads(make_kb: MakeKB) -> None:
    seen: list[int] = []
    totals: list[int] = []

    def bar(total: int, files: int) -> progress.ProgressStep:
        totals.append(total)
        return seen.append

    validate_root(make_kb({}), progress=bar)
    assert totals == [2] and sum(seen) == 2


def test_bars_only_on_an_interactive_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    monkeypatch.delenv("CI", raising=False)
    assert progress.interactive()
    with progress.Bars(quiet=False) as bars:
        assert bars.bar("x", 10, minimum=5) is not progress._nothing
        assert bars.bar("x", 3, minimum=5) is progress._nothing, "short work gets no bar"
    with progress.Bars(quiet=True) as bars:
        assert bars.bar("x", 10, minimum=5) is progress._nothing
    monkeypatch.setenv("CI", "true")
    assert not progress.interactive()


def test_quiet_is_accepted_everywhere_and_output_stays_clean(make_kb: MakeKB) -> None:
    root = str(make_kb({}))
    for args in (["validate"], ["check-links", "--retries", "0"]):
        result = CliRunner().invoke(cli, [*args, "--root", root, "--quiet"])
        assert result.exit_code == 0, result.output
        assert "Reading records" not in result.stderr
