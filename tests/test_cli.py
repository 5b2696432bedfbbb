"""The command line, through click's CliRunner."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from factdesk.cli import cli
from factdesk.diagnostics import format_text
from factdesk.records.models import RECORD_TYPES

from conftest import REPO, MakeKB
from kbfactory import BASE_CLAIM, claim_with


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def bad_kb(make_kb: MakeKB) -> Path:
    text = claim_with("source: src-a", "source: src-b")
    return make_kb({"claims/claim-a.yaml": text, "sources/src-b-extra.yaml": None})


def test_validate_clean_exits_zero(make_kb: MakeKB) -> None:
    code, out, err = run("validate", "--root", str(make_kb({})))
    assert (code, out) == (0, "")
    assert "2 files checked: 0 error(s), 0 warning(s)" in err


def test_validate_text_format(make_kb: MakeKB) -> None:
    code, out, _ = run("validate", "--root", str(bad_kb(make_kb)))
    assert code == 1
    assert out.splitlines()[0] == (
        "claims/claim-a.yaml:9:13: error FD012 unknown source 'src-b' (did you mean 'src-a'?)"
    )
    assert out.splitlines()[1].startswith("  hint: create sources/src-b.yaml")


def test_validate_github_format(make_kb: MakeKB) -> None:
    code, out, _ = run("validate", "--root", str(bad_kb(make_kb)), "--format", "github")
    assert code == 1
    assert out.startswith("::error file=claims/claim-a.yaml,line=9,col=13,title=FD012::unknown")
    assert "%0Ahint: " in out


def test_validate_json_format(make_kb: MakeKB) -> None:
    code, out, _ = run("validate", "--root", str(bad_kb(make_kb)), "--format", "json")
    rows = json.loads(out)
    assert code == 1
    assert rows[0] == {
        "file": "claims/claim-a.yaml",
        "line": 9,
        "column": 13,
        "severity": "error",
        "code": "FD012",
        "message": "unknown source 'src-b' (did you mean 'src-a'?)",
        "hint": rows[0]["hint"],
    }


def test_warnings_pass_unless_strict(make_kb: MakeKB) -> None:
    root = make_kb({"sources/src-b.yaml": "id: src-b\ntitle: B\nkind: report\n"})
    assert run("validate", "--root", str(root))[0] == 0
    code, out, _ = run("validate", "--root", str(root), "--strict")
    assert code == 1 and "warning FD101" in out


def test_paths_limit_the_report_but_not_the_checks(make_kb: MakeKB) -> None:
    root = bad_kb(make_kb)
    code, out, _ = run("validate", "--root", str(root), str(root / "sources"))
    assert code == 0 and "FD012" not in out and "FD101" in out
    code, out, _ = run("validate", "--root", str(root), str(root / "claims/claim-a.yaml"))
    assert code == 1 and "FD012" in out


def test_usage_errors_exit_two(make_kb: MakeKB, tmp_path: Path) -> None:
    root = make_kb({})
    assert run("validate", "--root", str(root), "--format", "xml")[0] == 2
    assert run("validate", "--root", str(tmp_path / "missing"))[0] == 2
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("id: x\n")
    assert run("validate", "--root", str(root), str(outside))[0] == 2


def test_new_writes_a_skeleton_that_validates_as_a_draft(make_kb: MakeKB) -> None:
    root = make_kb({})
    code, out, _ = run("new", "claim", "my-claim", "--root", str(root))
    assert code == 0 and out == "wrote claims/my-claim.yaml\n"
    text = (root / "claims/my-claim.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=../schemas/claim.schema.json")
    assert run("validate", "--root", str(root), "--strict")[0] == 0


def test_new_source_and_refusals(make_kb: MakeKB) -> None:
    root = make_kb({})
    assert run("new", "source", "src-z", "--root", str(root))[0] == 0
    code, _, err = run("new", "source", "src-z", "--root", str(root))
    assert code == 2 and "already exists: sources/src-z.yaml" in err
    code, _, err = run("new", "claim", "Bad Id", "--root", str(root))
    assert code == 2 and "use 'bad-id'" in err
    nested = root / "claims" / "2023"
    nested.mkdir()
    (nested / "deep.yaml").write_text("id: deep\n")
    assert run("new", "claim", "deep", "--root", str(root))[0] == 2


def test_schema_write_and_check(make_kb: MakeKB) -> None:
    root = make_kb({})
    assert run("schema", "--root", str(root), "--check")[0] == 1
    code, out, _ = run("schema", "--root", str(root))
    assert code == 0 and "wrote schemas/claim.schema.json" in out
    assert run("schema", "--root", str(root), "--check")[0] == 0
    schema = json.loads((root / "schemas/claim.schema.json").read_text())
    assert "false" in schema["properties"]["rating"]["anyOf"][0]["enum"]
    assert schema["additionalProperties"] is False


def test_committed_schemas_are_current() -> None:
    code, _, err = run("schema", "--root", str(REPO), "--check")
    assert code == 0, err


def test_fmt_orders_keys_keeps_comments_and_is_idempotent(make_kb: MakeKB) -> None:
    messy = (
        "# top comment\nstatus: published  # ready\nid: claim-a\ntitle: A claim\n"
        'claim: The sky is green\nrating: "false"\nclaimant:\n  name: Someone\n'
        "conclusion: It is not.\nevidence:\n- stance: refutes\n  source: src-a\n"
        "published: 2024-01-02\n"
    )
    root = make_kb({"claims/claim-a.yaml": messy})
    assert run("fmt", "--root", str(root), "--check")[0] == 1
    assert (root / "claims/claim-a.yaml").read_text() == messy, "--check changes nothing"
    code, out, _ = run("fmt", "--root", str(root))
    assert code == 0 and "reformatted claims/claim-a.yaml" in out
    text = (root / "claims/claim-a.yaml").read_text()
    assert text.startswith("# top comment\nid: claim-a\ntitle: A claim\n")
    assert "status: published  # ready" in text
    assert "  - source: src-a\n    stance: refutes\n" in text
    assert run("fmt", "--root", str(root), "--check")[0] == 0
    assert run("validate", "--root", str(root))[0] == 0


def test_fmt_refuses_to_change_data(make_kb: MakeKB) -> None:
    # ruamel.yaml would write False back as false: a different string for factdesk.
    risky = claim_with("claim: The sky is green", "claim: False") + "language: en\n"
    risky = risky.replace("id: claim-a\n", "language2: x\nid: claim-a\n")
    root = make_kb({"claims/claim-a.yaml": risky})
    code, _, err = run("fmt", "--root", str(root))
    assert code == 1 and "would change this record's data" in err
    assert (root / "claims/claim-a.yaml").read_text() == risky


def test_fmt_skips_files_it_cannot_read(make_kb: MakeKB) -> None:
    root = make_kb({"claims/claim-a.yaml": "a: 1\na: 2\n"})
    code, _, err = run("fmt", "--root", str(root))
    assert code == 1 and "FD004" in err
    assert (root / "claims/claim-a.yaml").read_text() == "a: 1\na: 2\n"


def test_example_records_satisfy_the_published_schema_as_an_editor_reads_them() -> None:
    import datetime as dt

    import jsonschema
    from ruamel.yaml import YAML

    yaml12 = YAML(typ="safe")  # what an editor's YAML language server sees: YAML 1.2 types

    def plain(value: object) -> object:
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value.isoformat() if isinstance(value, dt.date) else value

    for record_type in RECORD_TYPES:
        kind, folder = record_type.kind, record_type.folder
        schema = json.loads((REPO / "schemas" / f"{kind}.schema.json").read_text())
        validator = jsonschema.Draft202012Validator(schema)
        for path in sorted((REPO / folder).rglob("*.yaml")):
            errors = [e.message for e in validator.iter_errors(plain(yaml12.load(path)))]
            assert errors == [], f"{path.name}: {errors}"
        bad = {"rating": "flase"} if kind == "claim" else {"kind": "articel"}
        record = plain(yaml12.load(next((REPO / folder).glob("*.yaml"))))
        assert list(validator.iter_errors({**record, **bad})), "the schema rejects a bad value"  # type: ignore[dict-item]


# Internal errors: their own exit code, a report, and the whole traceback on request.


def _crash(*args: object, **kwargs: object) -> None:
    raise RuntimeError("boom \x1b[2K")


def _main(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *argv: str
) -> tuple[int, str]:
    from factdesk.cli import main

    monkeypatch.setattr(sys, "argv", ["factdesk", *argv])
    with pytest.raises(SystemExit) as stop:
        main()
    return int(stop.value.code or 0), capsys.readouterr().err


def test_an_internal_error_exits_three_and_says_how_to_report_it(
    make_kb: MakeKB, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from factdesk import __version__, bugs

    monkeypatch.delenv("FACTDESK_DEBUG", raising=False)
    monkeypatch.setattr("factdesk.check.incremental.check_root", _crash)
    root = str(make_kb({}))
    code, err = _main(monkeypatch, capsys, "validate", "--root", root)
    assert code == bugs.EXIT_INTERNAL == 3
    assert "internal error: RuntimeError: boom \\x1b[2K" in err
    assert "bug in factdesk" in err and bugs.ISSUES_URL in err
    assert f"factdesk {__version__}" in err and f"factdesk validate --root {root}" in err
    assert "Traceback" not in err and "--debug" in err


@pytest.mark.parametrize("how", ["option", "environment"])
def test_debug_prints_the_whole_traceback(
    how: str, make_kb: MakeKB, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("FACTDESK_DEBUG", raising=False)
    if how == "environment":
        monkeypatch.setenv("FACTDESK_DEBUG", "1")
    monkeypatch.setattr("factdesk.check.incremental.check_root", _crash)
    argv = ["--debug"] * (how == "option") + ["validate", "--root", str(make_kb({}))]
    code, err = _main(monkeypatch, capsys, *argv)
    assert code == 3
    assert "Traceback (most recent call last)" in err
    assert "in validate" in err and "in _crash" in err, "every frame, not just the last"


def test_usage_errors_and_problems_keep_their_codes(
    make_kb: MakeKB, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _main(monkeypatch, capsys, "validate", "--bogus")[0] == 2
    assert _main(monkeypatch, capsys, "validate", "--root", str(bad_kb(make_kb)))[0] == 1
    assert _main(monkeypatch, capsys, "--version")[0] == 0


def test_ctrl_c_exits_130_not_1(
    make_kb: MakeKB, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("factdesk.check.incremental.check_root", interrupted)
    code, err = _main(monkeypatch, capsys, "validate", "--root", str(make_kb({})))
    assert (code, err.strip()) == (130, "interrupted")


def test_fd000_carries_the_whole_stack_with_debug_also_from_forked_workers(
    make_kb: MakeKB, monkeypatch: pytest.MonkeyPatch
) -> None:
    from factdesk import workers
    from factdesk.check import record_rules as record_checks
    from factdesk.check.incremental import check_root

    def broken_rule(record: object, loaded: object) -> list[object]:
        return helper_that_fails()

    def helper_that_fails() -> list[object]:
        raise ValueError("deep inside")

    monkeypatch.setattr(record_checks, "checks_for", lambda record: (broken_rule,))
    # Forked workers inherit these: three files on two processes.
    monkeypatch.setattr(workers, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(workers, "CHUNK", 1)
    root = make_kb({"claims/claim-b.yaml": BASE_CLAIM.replace("claim-a", "claim-b")})
    monkeypatch.setenv("FACTDESK_DEBUG", "1")
    found = check_root(root, use_cache=False, parallel=True).diagnostics
    crashes = [d for d in found if d.code == "FD000"]
    assert len(crashes) == 3, found
    for diag in crashes:
        assert "helper_that_fails" in diag.hint, "the last frame, where it failed"
        assert "run_record_checks" in diag.trace and "in helper_that_fails" in diag.trace
    assert "  | Traceback (most recent call last):" in format_text(crashes)
    monkeypatch.delenv("FACTDESK_DEBUG")
    quiet = check_root(root, use_cache=False, parallel=False).diagnostics
    assert all(d.trace == "" for d in quiet if d.code == "FD000")


def test_the_command_line_asks_numpy_for_one_blas_thread_unless_told_otherwise() -> None:
    import os
    import subprocess
    import sys

    code = "import factdesk.cli, os; print(os.environ['OPENBLAS_NUM_THREADS'])"
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    plain = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert plain.stdout.strip() == "1", plain.stderr
    told = subprocess.run(
        [sys.executable, "-c", code],
        env={**env, "OPENBLAS_NUM_THREADS": "4"},
        capture_output=True,
        text=True,
    )
    assert told.stdout.strip() == "4", told.stderr
