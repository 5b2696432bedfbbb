"""`factdesk review` and `factdesk diff` on desk repositories built in the test."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from factdesk.cli import cli
from factdesk.tools.diff import DIFF_MARKER, diff_range, md
from factdesk.tools.review import review
from gitrepo import commit, init

from conftest import MakeKB
from kbfactory import BASE_CLAIM, claim_with

CORRECTED = claim_with('rating: "false"', "rating: misleading").replace(
    "status: published",
    "corrections:\n  - date: 2024-02-01\n    kind: correction\n    note: Too strong.\n"
    "status: published",
)
WITHDRAWN = claim_with("status: published", "status: withdrawn\nwithdrawal: A parody.")
NEW_DRAFT = (
    BASE_CLAIM.replace("claim-a", "claim-y")
    .replace("The sky is green", "Cats can fly")
    .replace("status: published", "status: draft")
)


@pytest.fixture
def desk(make_kb: MakeKB) -> tuple[Path, str]:
    root = init(make_kb({}))
    return root, commit(root, {}, "2024-01-02", "base")


def _write(root: Path, files: dict[str, str | None]) -> None:
    for rel, text in files.items():
        path = root / rel
        if text is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("files", "codes"),
    [
        ({"claims/claim-a.yaml": CORRECTED}, []),  # a new correction: allowed
        ({"claims/claim-a.yaml": claim_with("It is not.", "It is not, ever.")}, ["FD054"]),
        ({"claims/claim-a.yaml": WITHDRAWN}, []),  # withdrawn with a note: allowed
        ({"claims/claim-a.yaml": claim_with("status: published", "status: draft")}, ["FD055"]),
        ({"claims/claim-a.yaml": None, "claims/2024/claim-a.yaml": BASE_CLAIM}, []),  # moved
        ({"claims/claim-y.yaml": NEW_DRAFT}, []),
    ],
)
def test_review_rule(
    desk: tuple[Path, str], files: dict[str, str | None], codes: list[str]
) -> None:
    root, base = desk
    _write(root, files)
    assert [d.code for d in review(root, base)] == codes


def test_review_command_exit_codes(desk: tuple[Path, str]) -> None:
    root, base = desk
    runner = CliRunner()
    clean = runner.invoke(cli, ["review", base, "--root", str(root)])
    assert clean.exit_code == 0, clean.output
    _write(root, {"claims/claim-a.yaml": None})
    found = runner.invoke(cli, ["review", "main", "--root", str(root), "--format", "github"])
    assert found.exit_code == 1 and "::error file=claims/claim-a.yaml,line=1" in found.stdout
    for bad in ("no-such-branch", "--output=/tmp/x"):
        wrong = runner.invoke(cli, ["review", "--root", str(root), "--", bad])
        assert wrong.exit_code == 2, wrong.output


def test_diff_describes_a_pull_request_in_an_editors_words(desk: tuple[Path, str]) -> None:
    root, base = desk
    _write(
        root,
        {
            "claims/claim-a.yaml": CORRECTED.replace(
                "    stance: refutes\n",
                "    stance: refutes\n  - source: src-b\n    stance: refutes\n"
                "  - source: src-c\n    stance: refutes\n",
            ),
            "claims/claim-y.yaml": NEW_DRAFT,
            "sources/src-b.yaml": "id: src-b\ntitle: B\nkind: report\n",
            "sources/src-c.yaml": "id: src-c\ntitle: C\nkind: report\n",
        },
    )
    head = commit(root, {}, "2024-02-01", "pull request")
    text = diff_range(root, f"{base}..{head}", {"false": "False", "misleading": "Misleading"}.get)
    assert text.startswith(DIFF_MARKER + "\n")
    assert (
        "- claim **claim\\-a**: False → Misleading; 2 refuting sources added; correction logged"
        in text
    )
    assert "- new claim **claim\\-y** (draft)" in text
    assert "- sources: 2 new (src\\-b, src\\-c)" in text
    # BASE alone compares with the working tree.
    _write(root, {"claims/claim-y.yaml": None})
    assert "claim **claim\\-y** deleted" in diff_range(root, head, str)


def test_diff_escapes_record_text() -> None:
    """Record text from a pull request cannot write a link, an image, HTML or a mention
    into the pull request's comment."""
    hostile = "[x](https://evil.example) ![i](https://evil.example/i.png) <img src=x> @octocat"
    out = md(hostile)
    assert "<img" not in out and "](" not in out and "@octocat" not in out
    assert "\\[x\\]\\(https://evil\\.example\\)" in out


def test_diff_command_without_a_repository_is_a_usage_error(make_kb: MakeKB) -> None:
    result = CliRunner().invoke(cli, ["diff", "main..HEAD", "--root", str(make_kb({}))])
    assert result.exit_code == 2 and "git repository" in result.output
