"""The claim history's cache: a build reads only the commits since the last build's, and
what it gives is exactly what reading the whole history gives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from factdesk.check.cache import CACHE_DIR
from factdesk.cli import cli
from factdesk.load import history_cache, revisions
from factdesk.records.history import Histories
from factdesk.render.cards import CACHE_FOLDER as CARDS_FOLDER
from gitrepo import commit, git, init

from conftest import REPO, MakeKB
from kbfactory import BASE_CLAIM

SETTINGS = "site_name: t\nrepo_url: https://github.com/desk/t\nplugins:\n  - factdesk\n"


def claim(n: int, rating: str = '"false"', extra: str = "") -> str:
    text = BASE_CLAIM.replace("claim-a", f"claim-{n}").replace(
        'rating: "false"', f"rating: {rating}"
    )
    return text + extra


@pytest.fixture
def desk(make_kb: MakeKB) -> Path:
    """Three claims published, re-rated, edited and moved over six commits."""
    root = init(make_kb({"mkdocs.yml": SETTINGS}))
    commit(root, {f"claims/claim-{n}.yaml": claim(n) for n in range(3)}, "2024-01-01")
    commit(root, {"claims/claim-1.yaml": claim(1, "misleading")}, "2024-01-05")
    commit(root, {"claims/claim-2.yaml": claim(2, extra="analysis: More.\n")}, "2024-02-01")
    commit(root, {"claims/claim-0.yaml": None, "claims/2024/claim-0.yaml": claim(0)}, "2024-03-01")
    return root


class GitCalls:
    """The git commands a history read ran, and the commits it gave diff-tree."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.commands: list[str] = []
        self.diffed: list[str] = []
        real = revisions.git

        def counted(where: Path, *args: str, data: bytes | None = None) -> bytes:
            self.commands.append(args[0])
            if args[0] == "diff-tree" and data is not None:
                self.diffed += data.decode().split()
            return real(where, *args, data=data)

        monkeypatch.setattr(revisions, "git", counted)


def cold(root: Path) -> Histories:
    return revisions.histories(root)


def warm(root: Path) -> tuple[Histories | None, str]:
    return revisions.read_histories(root, root / CACHE_DIR)


def test_the_cache_gives_what_the_whole_history_gives_as_commits_are_added(
    desk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = cold(desk)
    assert warm(desk) == (expected, "")  # the first build writes the cache
    assert (desk / CACHE_DIR / history_cache.HISTORY_FILE).exists()
    calls = GitCalls(monkeypatch)
    assert warm(desk) == (expected, "")
    assert calls.commands == ["rev-parse"], "nothing read again at the same commit"
    new = commit(desk, {"claims/claim-1.yaml": claim(1, "true")}, "2024-04-01")
    newer = commit(desk, {"claims/claim-3.yaml": claim(3)}, "2024-04-02")
    parent = git(desk, "rev-parse", f"{new}^")
    calls.diffed.clear()
    found, note = warm(desk)
    assert calls.diffed == [new, parent, newer, new], "only the two new commits"
    assert note == "" and found == cold(desk)
    assert [e.changes[0].after for e in found["claim-1"]] == ["false", "misleading", "true"]


def test_after_a_rebase_or_on_another_branch_the_whole_history_is_read(
    desk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    git(desk, "branch", "before")
    commit(desk, {"claims/claim-1.yaml": claim(1, "true")}, "2024-04-01")
    warm(desk)
    # Rewritten: the last commit replaced by another that rates claim-1 differently.
    git(desk, "reset", "-q", "--hard", "HEAD~1")
    commit(desk, {"claims/claim-1.yaml": claim(1, "mostly-true")}, "2024-04-02")
    commits = int(git(desk, "rev-list", "--count", "HEAD"))
    calls = GitCalls(monkeypatch)
    found, note = warm(desk)
    assert len(calls.diffed) == 2 * commits - 1, "every commit, the first without a parent"
    assert note == "" and found == cold(desk)
    assert found["claim-1"][-1].changes[0].after == "mostly-true"
    git(desk, "checkout", "-q", "before")  # an ancestor: its history ends earlier
    found, _ = warm(desk)
    assert found == cold(desk) and found["claim-1"][-1].changes[0].after == "misleading"


@pytest.mark.parametrize(
    "spoil",
    [
        lambda path: path.write_bytes(path.read_bytes()[:-7]),  # cut short
        lambda path: path.write_bytes(b"not a cache"),
    ],
    ids=["truncated", "garbage"],
)
def test_a_damaged_cache_is_ignored_with_a_notice(desk: Path, spoil: object) -> None:
    expected = cold(desk)
    warm(desk)
    spoil(desk / CACHE_DIR / history_cache.HISTORY_FILE)  # type: ignore[operator]
    found, note = warm(desk)
    assert found == expected
    assert note.startswith("the claim history cache was ignored (")
    assert warm(desk) == (expected, ""), "the cache written again"


def test_a_cache_from_other_code_or_signed_elsewhere_is_ignored(
    desk: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    warm(desk)
    monkeypatch.setattr(history_cache, "HISTORY_FORMAT", "history-0")
    found, note = warm(desk)
    assert found == cold(desk) and "another version of factdesk" in note
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "someone-else"))
    found, note = warm(desk)
    assert found == cold(desk) and "signature" in note


def test_a_cache_left_by_a_build_is_used_by_the_next(desk: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    for _ in range(2):
        result = CliRunner().invoke(cli, ["export", "--root", str(desk), "--out", str(out)])
        assert result.exit_code == 0, result.output
        assert "history" not in result.stderr
    assert (desk / CACHE_DIR / history_cache.HISTORY_FILE).exists()


def test_a_shallow_clone_says_so_once_and_shows_no_first_publication(
    desk: Path, tmp_path: Path
) -> None:
    warm(desk)
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{desk}", str(clone))
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["render", "--root", str(clone), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr.count("shallow clone") == 1
    assert result.stderr.count("fetch-depth: 0") == 1
    page = (out / "claims/claim-1.md").read_text(encoding="utf-8")
    assert "## History" not in page and "published, rated" not in page
    assert not (out / "api/claims/claim-1/history.json").exists()


SKELETON_WORKFLOWS = REPO / "generator/factdesk/tools/skeleton/desk/dot-github/workflows"
WORKFLOW_FOLDERS = [REPO / ".github/workflows", SKELETON_WORKFLOWS]


def steps_of(path: Path) -> dict[str, list[dict[str, Any]]]:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {name: job.get("steps", []) for name, job in doc["jobs"].items()}


@pytest.mark.parametrize("folder", WORKFLOW_FOLDERS, ids=["repository", "skeleton"])
def test_every_job_that_builds_the_site_checks_out_the_whole_history(folder: Path) -> None:
    builds = 0
    for path in sorted(folder.glob("*.yml")):
        for name, steps in steps_of(path).items():
            if any("factdesk build" in str(step.get("run", "")) for step in steps):
                builds += 1
                checkout = next(
                    s for s in steps if str(s.get("uses", "")).startswith("actions/checkout")
                )
                assert checkout.get("with", {}).get("fetch-depth") == 0, f"{path.name}: {name}"
    assert builds >= 2, "the pull request's build and the deployment"


@pytest.mark.parametrize("folder", WORKFLOW_FOLDERS, ids=["repository", "skeleton"])
def test_the_deployment_keeps_the_history_cache_from_one_commit_to_the_next(folder: Path) -> None:
    steps = steps_of(folder / "deploy.yml")["build"]
    runs = [str(step.get("run", "")) for step in steps]
    cached = next(
        i for i, s in enumerate(steps) if str(s.get("uses", "")).startswith("actions/cache")
    )
    built = next(i for i, run in enumerate(runs) if "factdesk build" in run)
    cleared = next(i for i, run in enumerate(runs) if run.strip() == f"rm -rf {CACHE_DIR}")
    assert cleared < cached < built, "a committed cache is gone before the deployment's own"
    given = steps[cached]["with"]
    assert f"{CACHE_DIR}/{history_cache.HISTORY_FILE}" in given["path"].split()
    assert "~/.cache/factdesk/cache-signing.key" in given["path"].split()
    # The share cards too, so that a deploy draws only those of new or edited claims.
    assert CARDS_FOLDER in given["path"].split()
    assert given["key"] == "factdesk-history-${{ github.sha }}"
    assert given["restore-keys"] == "factdesk-history-"
