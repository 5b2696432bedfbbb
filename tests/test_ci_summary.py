"""The CI workflows (this repository's and the one `factdesk init` writes) list possible
earlier checks (FD113) in the pull request's job summary; their step runs here as is."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from test_related_checks import DESK

from conftest import REPO, MakeKB

WORKFLOWS = [
    REPO / ".github/workflows/ci.yml",
    REPO / "generator/factdesk/tools/skeleton/desk/dot-github/workflows/ci.yml",
]
STEP = "Possible earlier checks (job summary)"


def _script(workflow: Path) -> str:
    steps = yaml.safe_load(workflow.read_text())["jobs"]["validate"]["steps"]
    [step] = [s for s in steps if s.get("name") == STEP]
    assert step["if"] == "always()"  # also when the strict validation failed
    return str(step["run"])


def _run(script: str, root: Path, tmp: Path) -> str:
    summary = tmp / "summary.md"
    env = {
        **os.environ,
        "GITHUB_STEP_SUMMARY": str(summary),
        "RUNNER_TEMP": str(tmp),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": str(REPO / "generator"),
    }
    subprocess.run(["bash", "-e", "-c", script], cwd=root, env=env, check=True)
    return summary.read_text() if summary.exists() else ""


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=["repository", "skeleton"])
def test_the_summary_lists_claims_that_read_like_earlier_ones(
    workflow: Path, make_kb: MakeKB, tmp_path: Path
) -> None:
    root = make_kb(DESK)
    text = _run(_script(workflow), root, tmp_path)
    assert text.startswith("### Possibly checked before (")
    assert "claims/claim-b.yaml:3: this claim reads like claim-a" in text
    assert text.rstrip().endswith("```")


def test_the_summary_stays_empty_without_earlier_checks(make_kb: MakeKB, tmp_path: Path) -> None:
    root = make_kb({})
    assert _run(_script(WORKFLOWS[0]), root, tmp_path) == ""
