"""GitHub workflows, issue forms, pull-request template and pre-commit hooks."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from factdesk.cli import cli

from conftest import REPO

GITHUB = REPO / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
FORMS = sorted(p for p in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml")


def check_jsonschema(schema: str, files: list[Path]) -> subprocess.CompletedProcess[str]:
    tool = Path(sys.executable).parent / "check-jsonschema"
    return subprocess.run(
        [str(tool), "--builtin-schema", schema, *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def load(path: Path) -> Any:
    # PyYAML reads the key `on` as True (YAML 1.1); read it as text.
    return yaml.load(path.read_text().replace("\non:", '\n"on":'), Loader=yaml.SafeLoader)


@pytest.mark.parametrize(
    ("schema", "files"),
    [
        ("vendor.github-workflows", WORKFLOWS),
        ("vendor.github-issue-forms", FORMS),
        ("vendor.github-issue-config", [GITHUB / "ISSUE_TEMPLATE" / "config.yml"]),
    ],
)
def test_github_files_pass_their_schema(schema: str, files: list[Path]) -> None:
    assert files
    proc = check_jsonschema(schema, files)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_no_workflow_gives_fork_code_secrets_or_write_access() -> None:
    for path in WORKFLOWS:
        flow = load(path)
        assert "pull_request_target" not in flow["on"], path.name
        assert flow["permissions"] == {"contents": "read"}, f"{path.name}: read-only by default"
        for name, job in flow["jobs"].items():
            for step in job.get("steps", []):
                if str(step.get("uses", "")).startswith("actions/checkout"):
                    assert step["with"]["persist-credentials"] is False, f"{path.name}:{name}"
            writes = {k for k, v in (job.get("permissions") or {}).items() if v == "write"}
            if writes and "pull_request" in flow["on"]:
                # Only the comment job writes on pull requests: it may write comments and
                # nothing else, and runs none of the pull request's code.
                assert writes == {"pull-requests"}, f"{path.name}:{name} writes on PRs"
                runs = [s for s in job["steps"] if "run" in s or "checkout" in s.get("uses", "")]
                assert runs == [], f"{path.name}:{name} runs code while it can write"


def test_the_pull_request_comment_is_one_comment_updated_by_its_marker() -> None:
    from factdesk.tools.diff import DIFF_MARKER

    for folder in (
        GITHUB / "workflows",
        REPO / "generator/factdesk/tools/skeleton/desk/dot-github/workflows",
    ):
        ci = load(folder / "ci.yml")
        script = ci["jobs"]["comment"]["steps"][-1]["with"]["script"]
        assert DIFF_MARKER in script and "updateComment" in script
        assert "factdesk review" in (folder / "ci.yml").read_text()
        archive = load(folder / "archive.yml")
        assert set(archive["on"]) == {"schedule", "workflow_dispatch"}
        assert "factdesk archive" in (folder / "archive.yml").read_text()
        deploy = load(folder / "deploy.yml")
        checkout = deploy["jobs"]["build"]["steps"][0]
        assert checkout["with"]["fetch-depth"] == 0, "the history needs the whole repository"


def test_ci_runs_every_check_the_issue_lists() -> None:
    text = (GITHUB / "workflows" / "ci.yml").read_text()
    for command in [
        "factdesk validate --format github --strict",
        "factdesk schema --check",
        "factdesk fmt --check",
        "make test",
        "factdesk build",
        "actions/upload-artifact",
    ]:
        assert command in text, command
    deploy = load(GITHUB / "workflows" / "deploy.yml")
    assert set(deploy["on"]) == {"push", "workflow_dispatch"}
    assert deploy["on"]["push"]["branches"] == ["main"]
    assert deploy["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_report_error_form_is_prefilled_from_the_claim_page() -> None:
    form = load(GITHUB / "ISSUE_TEMPLATE" / "report-error.yml")
    ids = [item.get("id") for item in form["body"]]
    assert "claim" in ids, "the claim page's link fills the field with id 'claim'"
    from factdesk.check.pipeline import validate_root
    from factdesk.render import render_site
    from factdesk.render.urls import Layout, language_prefix, page_file

    english = Layout(language_prefix("en", multilingual=True))
    page = render_site(validate_root(REPO).kb)[page_file(english.claim("pyongyang-best-nightlife"))]
    assert "issues/new?template=report-error.yml&amp;claim=pyongyang-best-nightlife" in page


def test_pull_request_template_has_the_editors_checklist() -> None:
    text = (GITHUB / "pull_request_template.md").read_text()
    assert text.count("- [ ]") >= 6 and "validate --strict" in text


def test_pre_commit_manifest_and_config_are_valid() -> None:
    tool = str(Path(sys.executable).parent / "pre-commit")
    for command, path in [
        ("validate-manifest", ".pre-commit-hooks.yaml"),
        ("validate-config", ".pre-commit-config.yaml"),
    ]:
        proc = subprocess.run([tool, command, str(REPO / path)], capture_output=True, text=True)
        assert proc.returncode == 0, proc.stdout + proc.stderr


def test_every_hook_runs_a_real_factdesk_command() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert {h["id"] for h in hooks} >= {"factdesk-validate", "factdesk-fmt"}
    for hook in hooks:
        words = shlex.split(hook["entry"])
        assert words[0] == "factdesk"
        result = CliRunner().invoke(cli, [*words[1:], "--help"])
        assert result.exit_code == 0, hook["id"]
