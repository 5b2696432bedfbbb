"""`factdesk init`: a desk that validates and is ready to build, from the package's skeleton."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
import time
from pathlib import Path

import markdown
import pytest
import yaml
from click.testing import CliRunner, Result

from factdesk import __version__
from factdesk.check.incremental import check_root
from factdesk.check.pipeline import validate_root
from factdesk.check.placeholders import placeholder_diagnostics, without_code
from factdesk.cli import cli
from factdesk.load.site_config import load_settings
from factdesk.records.schema import stale_schemas
from factdesk.tools.init import SKELETON, markdown_text, yaml_scalar
from test_repo_files import check_jsonschema, load

from conftest import REPO

EXAMPLE = Path(str(SKELETON / "example"))
DESK_FILES = {
    "mkdocs.yml",
    "README.md",
    "requirements.txt",
    ".gitignore",
    ".pre-commit-config.yaml",
    ".vscode/settings.json",
    ".github/workflows/archive.yml",
    ".github/workflows/ci.yml",
    ".github/workflows/deploy.yml",
    ".github/pull_request_template.md",
    ".github/ISSUE_TEMPLATE/config.yml",
    ".github/ISSUE_TEMPLATE/report-error.yml",
    ".github/ISSUE_TEMPLATE/request-correction.yml",
    ".github/ISSUE_TEMPLATE/suggest-claim.yml",
    "claims/README.md",
    "sources/README.md",
    "docs/index.md",
    "docs/about.md",
    "docs/methodology.md",
    "docs/corrections-policy.md",
    "docs/contributing.md",
    "docs/diagnostics.md",
    "docs/records.md",
    "schemas/claim.schema.json",
    "schemas/source.schema.json",
}


def init(*args: str) -> Result:
    return CliRunner().invoke(cli, ["init", *args])


def files_under(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    result = init(str(tmp_path / "desk"))
    assert result.exit_code == 0, result.output
    return tmp_path / "desk"


def test_init_writes_every_file_a_desk_needs(desk: Path) -> None:
    assert files_under(desk) == DESK_FILES


def test_a_new_desk_validates_with_only_its_placeholders_left(desk: Path) -> None:
    diags = validate_root(desk).diagnostics
    assert diags and {d.code for d in diags} == {"FD112"}
    where = {(d.file, d.line) for d in diags}
    about = (desk / "docs/about.md").read_text().splitlines()
    for label in ("**Who we are.**", "**Funding.**", "**Non-partisanship.**"):
        line = next(i for i, text in enumerate(about, 1) if text.startswith(label))
        assert ("docs/about.md", line) in where, label
    config = (desk / "mkdocs.yml").read_text().splitlines()
    for key in ("site_url:", "repo_url:"):
        line = next(i for i, text in enumerate(config, 1) if text.startswith(key))
        assert ("mkdocs.yml", line) in where, key
    # The cached path of `factdesk validate` reports the same.
    assert check_root(desk, use_cache=False).diagnostics == diags


def test_validate_passes_and_strict_fails_until_placeholders_are_filled(desk: Path) -> None:
    plain = CliRunner().invoke(cli, ["validate", "--root", str(desk)])
    strict = CliRunner().invoke(cli, ["validate", "--root", str(desk), "--strict"])
    assert (plain.exit_code, strict.exit_code) == (0, 1)
    assert "FD112" in strict.output
    for path in [desk / "mkdocs.yml", *desk.glob("docs/*.md")]:
        text = path.read_text()
        text = re.sub(r"\s*# \[FILL IN:[^\]]*\]", "", text)  # mkdocs.yml: drop the comment
        path.write_text(re.sub(r"\[FILL IN:[^\]]*\]", "Our own words.", text))
    strict = CliRunner().invoke(cli, ["validate", "--root", str(desk), "--strict", "--no-cache"])
    assert strict.exit_code == 0, strict.output


def test_the_options_reach_the_settings_exactly(tmp_path: Path) -> None:
    name = 'Les "Vérifs": [Ça] & <b>co</b> #1 \\ 🦊'
    result = init(
        str(tmp_path / "d"),
        "--name",
        name,
        "--site-url",
        "https://checks.example.net/fr",
        "--repo-url",
        "https://github.com/someone/checks",
        "--language",
        "pt-BR",
    )
    assert result.exit_code == 0, result.output
    settings, problems = load_settings(tmp_path / "d")
    assert problems == []
    assert settings.site_name == settings.publisher.name == name
    assert settings.site_url == settings.publisher.url == "https://checks.example.net/fr/"
    assert settings.repo_url == "https://github.com/someone/checks"
    config = (tmp_path / "d/mkdocs.yml").read_text()
    assert yaml.safe_load(config)["theme"]["language"] == "pt-BR"
    # Given addresses are not placeholders; the pages' placeholders remain.
    files = {d.file for d in placeholder_diagnostics(tmp_path / "d", "docs")}
    assert "mkdocs.yml" not in files and "docs/about.md" in files


@pytest.mark.parametrize(
    "name",
    ["plain", 'a "b": c', "x\\y", "[FILL IN: x]", "*a* _b_ `c` <i>", "emoji 🦊 Ωμέγα", "&amp;"],
)
def test_a_name_is_written_as_itself_in_yaml_and_markdown(name: str) -> None:
    assert yaml.safe_load(f"key: {yaml_scalar(name)}\n") == {"key": name}
    rendered = markdown.markdown(markdown_text(name))
    assert html.unescape(re.sub(r"</?p>", "", rendered)) == name


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--name", "two\nlines"], "one line"),
        (["--name", "bad \udcff byte"], "one line"),
        (["--site-url", "ftp://example.org/"], "not a web address"),
        (["--repo-url", "github.com/x/y"], "not a web address"),
        (["--language", "English"], "not a language tag"),
        (["--language", "xx"], "no interface in 'xx'"),
    ],
)
def test_bad_options_are_usage_errors_and_write_nothing(
    tmp_path: Path, args: list[str], message: str
) -> None:
    result = init(str(tmp_path / "d"), *args)
    assert result.exit_code == 2 and message in result.output, result.output
    assert not (tmp_path / "d").exists()


def test_a_non_empty_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine\n")
    result = init(str(tmp_path))
    assert result.exit_code == 1 and "--force" in result.output and "notes.txt" in result.output
    assert files_under(tmp_path) == {"notes.txt"}


def test_force_adds_what_is_missing_and_replaces_nothing(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/about.md").write_text("# About us\n\nOur own page.\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: Ours\n")
    (tmp_path / ".github").write_text("a file where a folder would go\n")
    elsewhere = tmp_path.parent / f"{tmp_path.name}-elsewhere"
    elsewhere.mkdir()
    (tmp_path / "claims").symlink_to(elsewhere, target_is_directory=True)
    result = init(str(tmp_path), "--force")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "docs/about.md").read_text() == "# About us\n\nOur own page.\n"
    assert (tmp_path / "mkdocs.yml").read_text() == "site_name: Ours\n"
    assert list(elsewhere.iterdir()) == [], "nothing written through a linked folder"
    for skipped in ("docs/about.md (exists)", "mkdocs.yml (exists)", "claims/ is a symbolic"):
        assert skipped in result.output
    assert ".github is not a folder" in result.output
    assert (tmp_path / "docs/methodology.md").is_file() and (tmp_path / "README.md").is_file()


def test_the_example_records_are_the_repository_s(tmp_path: Path) -> None:
    """The skeleton's copy of claims/ and sources/ cannot drift from the example desk's."""

    def files(folder: Path) -> dict[str, bytes]:
        # Sub-folders too: the Korean translations live in claims/ko/.
        return {
            p.relative_to(folder).as_posix(): p.read_bytes()
            for p in folder.rglob("*")
            if p.is_file()
        }

    for kind in ("claims", "sources", "media"):
        assert files(EXAMPLE / kind) == files(REPO / kind), f"copy {kind}/ into {EXAMPLE / kind}"
    result = init(str(tmp_path / "d"), "--example")
    assert result.exit_code == 0, result.output
    made = {name for name in files(tmp_path / "d/claims") if name.endswith(".yaml")}
    assert made == {name for name in files(REPO / "claims") if name.endswith(".yaml")}
    diags = validate_root(tmp_path / "d").diagnostics
    assert {d.code for d in diags} == {"FD112"}, diags
    # The example's Korean translations are one fact-check in two languages, as on the
    # example desk: the new desk publishes both, and its home links each language's.
    settings, _ = load_settings(tmp_path / "d")
    assert settings.languages == ("en", "ko")
    assert "\n<!-- factdesk:languages -->\n" in (tmp_path / "d/docs/index.md").read_text()


def test_a_desk_in_another_language_with_the_example_publishes_it_first(tmp_path: Path) -> None:
    assert init(str(tmp_path / "d"), "--example", "--language", "ko").exit_code == 0
    settings, _ = load_settings(tmp_path / "d")
    assert settings.languages == ("ko", "en")


def test_the_contributor_reference_pages_are_the_repository_s() -> None:
    """A desk's contributors get the record reference and the diagnostic codes; the
    skeleton's copies cannot drift from the example desk's pages, the one text of both."""
    skeleton = EXAMPLE.parent / "desk" / "docs"
    for name in ("diagnostics.md", "records.md"):
        assert (skeleton / name).read_bytes() == (REPO / "docs" / name).read_bytes(), (
            f"copy docs/{name} into {skeleton}"
        )


def test_editor_mapping_and_schemas_are_the_ones_factdesk_writes(desk: Path) -> None:
    settings, _ = load_settings(desk)
    assert stale_schemas(desk, settings) == []
    mapping = json.loads((desk / ".vscode/settings.json").read_text())
    assert mapping == json.loads((REPO / ".vscode/settings.json").read_text())
    for schema, globs in mapping["yaml.schemas"].items():
        assert (desk / schema).is_file() and globs[0].split("/")[0] in ("claims", "sources")


def test_the_desk_pins_this_release_and_ci_installs_it(desk: Path) -> None:
    pins = [
        line
        for line in (desk / "requirements.txt").read_text().splitlines()
        if line and not line.startswith("#")
    ]
    assert pins == [f"factdesk=={__version__}"]
    for flow in ("ci.yml", "deploy.yml"):
        text = (desk / ".github/workflows" / flow).read_text()
        assert "pip install -r requirements.txt" in text and "pip install -e" not in text
    ci = (desk / ".github/workflows/ci.yml").read_text()
    for command in ("validate --format github --strict", "schema --check", "fmt --check"):
        assert f"factdesk {command}" in ci
    assert (
        "factdesk build" in ci
        and "factdesk validate --strict" in (desk / ".github/workflows/deploy.yml").read_text()
    )


def test_the_desk_s_github_files_pass_their_schemas_and_stay_read_only(desk: Path) -> None:
    github = desk / ".github"
    forms = sorted(p for p in (github / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml")
    for schema, files in [
        ("vendor.github-workflows", sorted((github / "workflows").glob("*.yml"))),
        ("vendor.github-issue-forms", forms),
        ("vendor.github-issue-config", [github / "ISSUE_TEMPLATE/config.yml"]),
    ]:
        proc = check_jsonschema(schema, files)
        assert proc.returncode == 0, proc.stdout + proc.stderr
    for path in (github / "workflows").glob("*.yml"):
        flow = load(path)
        assert "pull_request_target" not in flow["on"]
        assert flow["permissions"] == {"contents": "read"}
        for job in flow["jobs"].values():
            for step in job.get("steps", []):
                if str(step.get("uses", "")).startswith("actions/checkout"):
                    assert step["with"]["persist-credentials"] is False
    assert "report-error.yml" in {p.name for p in forms}, "claim pages link to this form"


def test_the_desk_s_pre_commit_config_is_valid_and_runs_real_commands(desk: Path) -> None:
    tool = str(Path(sys.executable).parent / "pre-commit")
    config = desk / ".pre-commit-config.yaml"
    proc = subprocess.run([tool, "validate-config", str(config)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for hook in yaml.safe_load(config.read_text())["repos"][0]["hooks"]:
        words = hook["entry"].split()
        assert words[0] == "factdesk"
        assert CliRunner().invoke(cli, [*words[1:], "--help"]).exit_code == 0, hook["id"]


def test_placeholders_shown_as_code_are_not_reported(make_kb) -> None:  # type: ignore[no-untyped-def]
    page = (
        "Replace each `[FILL IN: …]` below.\n"
        "```markdown\n[FILL IN: shown in a fenced block]\n```\n"
        "~~~~\n[FILL IN: in a tilde fence]\n~~~~\n"
        "``[FILL IN: ` in a double span]``\n"
        "Still to do: [FILL IN: this one]\n"
    )
    root = make_kb({"docs/page.md": page})
    diags = placeholder_diagnostics(root, "docs")
    assert [(d.file, d.line, d.column) for d in diags] == [("docs/page.md", 9, 14)]
    assert diags[0].message == "placeholder left to fill in: this one"


def test_an_unclosed_fence_hides_the_rest_and_positions_survive_blanking() -> None:
    text = "a `x` [FILL IN: y]\n```\n[FILL IN: z]\n"
    blanked = without_code(text)
    assert blanked.count("\n") == text.count("\n") and len(blanked) == len(text)
    assert blanked.index("[FILL IN: y]") == text.index("[FILL IN: y]")
    assert "z" not in blanked


def test_the_docs_folder_is_never_looked_for_outside_the_desk(tmp_path: Path) -> None:
    (tmp_path / "outside.md").write_text("[FILL IN: not the desk's]\n")
    desk = tmp_path / "desk"
    desk.mkdir()
    (desk / "mkdocs.yml").write_text("site_name: x\ndocs_dir: ..\n")
    assert placeholder_diagnostics(desk, "..") == []
    (desk / "docs").symlink_to(tmp_path, target_is_directory=True)
    assert placeholder_diagnostics(desk, "docs") == []


@pytest.mark.parametrize(
    "page",
    [
        "`" * 500_000,
        "`a" * 250_000,
        "".join("`" * n + "x" for n in range(1, 1000)),
        "```\n" * 200_000,
        "[FILL IN:" * 100_000,
        "\n" * 500_000 + "[FILL IN: last]",
    ],
    ids=["ticks", "spans", "runs", "fences", "markers", "lines"],
)
def test_a_hostile_page_is_scanned_in_linear_time(tmp_path: Path, page: str) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/page.md").write_text(page)
    started = time.perf_counter()
    placeholder_diagnostics(tmp_path, "docs")
    # Seconds, not minutes: back-references and slicing once took 16 s for 2,000 backticks.
    assert time.perf_counter() - started < 5


def test_readme_and_the_desk_page_show_the_path_for_a_new_desk() -> None:
    head = "\n".join((REPO / "README.md").read_text().splitlines()[:6])
    page = (REPO / "manual" / "docs" / "start-a-desk.md").read_text()
    for step in (
        "pip install factdesk",
        "factdesk init mydesk --example",
        "cd mydesk && factdesk build",
    ):
        assert step in head, step
        assert step in page, step


def test_a_crash_in_the_placeholder_scan_is_fd000_not_a_lost_validation(
    make_kb, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    import factdesk.check.placeholders as placeholders

    def broken(root: Path, docs_dir: str) -> list[object]:
        raise RuntimeError("boom")

    monkeypatch.setattr(placeholders, "_scan", broken)
    root = make_kb({"claims/claim-a.yaml": "id: claim-a\n"})
    codes = [d.code for d in validate_root(root).diagnostics]
    assert "FD000" in codes and "FD022" in codes, codes


@pytest.mark.parametrize("docs_dir", ["docs\x00x", "d" * 5000, "bad \udcff name", "/"])
def test_an_odd_docs_dir_is_no_crash(make_kb, docs_dir: str) -> None:  # type: ignore[no-untyped-def]
    assert placeholder_diagnostics(make_kb({}), docs_dir) == []


def test_a_fresh_clone_with_only_git_is_empty_enough(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    result = CliRunner().invoke(cli, ["init", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "mkdocs.yml").is_file()
    assert (tmp_path / ".git" / "HEAD").read_text() == "ref: refs/heads/main\n"
