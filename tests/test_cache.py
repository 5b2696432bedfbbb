"""The validation cache: a warm run reports exactly what a cold run does, and a cache that
is stale, foreign, damaged or forged is never trusted."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factdesk.check import cache as cache_module
from factdesk.check.cache import CACHE_DIR, CACHE_FILE
from factdesk.check.incremental import check_root
from factdesk.check.pipeline import validate_root
from factdesk.cli import cli

from code_cases import CASES
from conftest import MakeKB
from kbfactory import BASE_CLAIM, BASE_SOURCE, claim_with, write_kb

TODAY = dt.date(2026, 1, 1)


def every_case(make_kb: MakeKB) -> Path:
    """One knowledge base holding the files of every diagnostic code's fixture."""
    files: dict[str, str | bytes | None] = {}
    for case in CASES.values():
        for rel, content in case.files.items():
            if rel.startswith(("claims/", "sources/")) and content is not None:
                kind, name = rel.split("/", 1)
                files[f"{kind}/case{len(files)}/{name}"] = content
    return make_kb(files)


def same_as_cold(root: Path, today: dt.date = TODAY) -> int:
    """Run with the cache; assert it matches a cold run; return how many files it reused."""
    warm = check_root(root, today)
    cold = validate_root(root, today)
    assert warm.diagnostics == cold.diagnostics
    assert [f.rel for f in warm.files] == [f.rel for f in cold.files]
    return warm.reused


def test_warm_run_reports_what_a_cold_run_does(make_kb: MakeKB) -> None:
    root = every_case(make_kb)
    assert same_as_cold(root) == 0
    assert (root / CACHE_DIR / CACHE_FILE).exists()
    files = len(check_root(root, TODAY).files)
    assert same_as_cold(root) == files
    assert len(validate_root(root, TODAY).diagnostics) > 30


def test_only_changed_files_are_parsed_again(make_kb: MakeKB) -> None:
    root = make_kb({f"claims/c{i}.yaml": claim_with("id: claim-a", f"id: c{i}") for i in range(5)})
    total = same_as_cold(root)
    total = len(check_root(root, TODAY).files)
    (root / "claims/c1.yaml").write_text(claim_with("id: claim-a", "id: c1") + "# edited\n")
    assert same_as_cold(root) == total - 1
    assert same_as_cold(root) == total


def test_a_change_in_one_file_updates_diagnostics_in_others(make_kb: MakeKB) -> None:
    root = make_kb({})
    assert check_root(root, TODAY).diagnostics == []
    (root / "sources/src-a.yaml").unlink()
    same_as_cold(root)
    assert "FD012" in {d.code for d in check_root(root, TODAY).diagnostics}
    (root / "sources/src-a.yaml").write_text(BASE_SOURCE)
    (root / "claims/copy.yaml").write_text(BASE_CLAIM.replace("id: claim-a", "id: copy"))
    same_as_cold(root)
    assert {d.code for d in check_root(root, TODAY).diagnostics} == {"FD104"}


def test_future_dates_follow_today_not_the_cache(make_kb: MakeKB) -> None:
    seen = "appearances:\n  - source: src-a\n    date: 2026-06\n"
    root = make_kb({"claims/claim-a.yaml": BASE_CLAIM + seen})
    early, late = dt.date(2026, 5, 31), dt.date(2026, 6, 1)
    assert [d.code for d in check_root(root, early).diagnostics] == ["FD031"]
    assert check_root(root, late).reused == 2
    assert check_root(root, late).diagnostics == []
    assert same_as_cold(root, early) == 2


def test_settings_changes_make_a_cold_run(make_kb: MakeKB) -> None:
    root = make_kb({})
    same_as_cold(root)
    (root / "mkdocs.yml").write_text("plugins:\n  - factdesk:\n      topics: [elections]\n")
    assert same_as_cold(root) == 0


@pytest.mark.parametrize("attribute", ["FORMAT", "__version__", "SCHEMA_VERSION"])
def test_a_cache_from_another_version_is_not_read(
    make_kb: MakeKB, monkeypatch: pytest.MonkeyPatch, attribute: str
) -> None:
    root = make_kb({})
    same_as_cold(root)
    monkeypatch.setattr(cache_module, attribute, "another")
    assert same_as_cold(root) == 0


def test_a_cache_signed_with_another_key_is_ignored(
    make_kb: MakeKB, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A cache committed to the repository (or planted by a pull request) was signed with
    # someone else's key: it must not make a broken record pass.
    root = make_kb({"claims/claim-a.yaml": claim_with("title: A claim", "titel: x")})
    planted = write_kb(tmp_path / "planted", {})
    check_root(planted, TODAY)
    (root / CACHE_DIR).mkdir(parents=True)
    shutil.copy(planted / CACHE_DIR / CACHE_FILE, root / CACHE_DIR / CACHE_FILE)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "someone-else"))
    check = check_root(root, TODAY)
    assert check.reused == 0
    assert "FD011" in {d.code for d in check.diagnostics}


def test_a_tampered_cache_is_ignored(make_kb: MakeKB) -> None:
    root = make_kb({})
    same_as_cold(root)
    path = root / CACHE_DIR / CACHE_FILE
    data = bytearray(path.read_bytes())
    data[-5] ^= 1
    path.write_bytes(bytes(data))
    assert same_as_cold(root) == 0


@pytest.mark.parametrize("content", [b"", b"\n", b"garbage", b"\xff" * 100, b"x\n" * 10])
def test_a_damaged_cache_means_a_cold_run(make_kb: MakeKB, content: bytes) -> None:
    root = make_kb({})
    (root / CACHE_DIR).mkdir(parents=True)
    (root / CACHE_DIR / CACHE_FILE).write_bytes(content)
    assert same_as_cold(root) == 0
    assert same_as_cold(root) == 2


def test_the_cache_is_safe_to_delete(make_kb: MakeKB) -> None:
    root = make_kb({})
    same_as_cold(root)
    shutil.rmtree(root / ".cache")
    assert same_as_cold(root) == 0


def test_no_cache_when_it_cannot_be_written(make_kb: MakeKB) -> None:
    root = make_kb({})
    (root / ".cache").write_text("a file where the cache folder would go")
    assert same_as_cold(root) == 0
    assert same_as_cold(root) == 0


def test_no_cache_without_a_signing_key(
    make_kb: MakeKB, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    root = make_kb({})
    assert same_as_cold(root) == 0
    assert not (root / ".cache").exists()


def test_the_cache_folder_ignores_itself_in_git(make_kb: MakeKB) -> None:
    root = make_kb({})
    check_root(root, TODAY)
    assert (root / CACHE_DIR / ".gitignore").read_text().splitlines()[-1] == "*"


def test_cli_no_cache_neither_reads_nor_writes(make_kb: MakeKB) -> None:
    root = make_kb({})
    result = CliRunner().invoke(cli, ["validate", "--root", str(root), "--no-cache"])
    assert result.exit_code == 0, result.output
    assert not (root / ".cache").exists()
    result = CliRunner().invoke(cli, ["validate", "--root", str(root)])
    assert result.exit_code == 0
    assert (root / CACHE_DIR / CACHE_FILE).exists()


def test_cli_warm_run_fails_on_the_same_errors(make_kb: MakeKB) -> None:
    root = make_kb({"claims/claim-a.yaml": claim_with('rating: "false"', "rating: flase")})
    runs = [CliRunner().invoke(cli, ["validate", "--root", str(root)]) for _ in range(2)]
    assert [r.exit_code for r in runs] == [1, 1]
    assert runs[0].output == runs[1].output
    assert "FD019" in runs[1].output


# Each edit replaces one file's content with one of these (None deletes it).
CONTENTS: list[str | None] = [
    None,
    BASE_CLAIM,
    claim_with("source: src-a", "source: src-b"),
    claim_with("title: A claim", "titel: A claim"),
    claim_with("claim: The sky is green", "claim: The sea is green"),
    BASE_CLAIM + "claim_date: 2999\n",
    BASE_SOURCE,
    BASE_SOURCE.replace("id: src-a", "id: src-b"),
    "id: [unclosed\n",
]
NAMES = [
    "claims/claim-a.yaml",
    "claims/sub/claim-a.yaml",
    "claims/other.yaml",
    "sources/src-a.yaml",
    "sources/src-b.yaml",
]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(st.sampled_from(NAMES), st.sampled_from(CONTENTS)), max_size=6))
def test_any_sequence_of_edits_gives_cold_results(
    tmp_path_factory: pytest.TempPathFactory, edits: list[tuple[str, str | None]]
) -> None:
    root = tmp_path_factory.mktemp("kb")
    for name, content in [(NAMES[0], BASE_CLAIM), (NAMES[3], BASE_SOURCE), *edits]:
        path = root / name
        if content is None:
            path.unlink(missing_ok=True)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content)
        same_as_cold(root)
