"""Every diagnostic code has a failing fixture that reports it at the right file and line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from factdesk.check.cross_rules import CHECKS, Corpus, run_cross_checks
from factdesk.check.pipeline import check_loaded, validate_root
from factdesk.check.record_rules import CLAIM_CHECKS, run_record_checks
from factdesk.codes import CODES
from factdesk.diagnostics import Diagnostic
from factdesk.load.discover import discover
from factdesk.load.loader import Loaded, load_file
from factdesk.records.settings import Settings

from code_cases import (
    ARCHIVE_CASES,
    CASES,
    IMPORT_CASES,
    LINK_CASES,
    LINK_SOURCE,
    MIGRATION_CASES,
    PUBLISHING_CASES,
    REVIEW_CASES,
)
from conftest import MakeKB

TODAY = dt.date(2026, 1, 1)


def test_every_code_has_a_failing_case() -> None:
    """Each code has a fixture below that is run and must produce it; FD000 (a crashing
    rule) is produced by the crash tests at the end of this file."""
    cases = set(CASES) | set(IMPORT_CASES) | set(LINK_CASES) | set(PUBLISHING_CASES)
    cases |= set(MIGRATION_CASES)
    cases |= set(REVIEW_CASES) | set(ARCHIVE_CASES)
    assert set(CODES) - {"FD000"} == cases
    assert not set(CASES) & set(IMPORT_CASES) and not set(CASES) & set(LINK_CASES)


@pytest.mark.parametrize("code", sorted(IMPORT_CASES))
def test_import_code_is_reported_at_file_and_line(
    code: str, make_kb: MakeKB, tmp_path: Path
) -> None:
    from factdesk.tools.importer.run import import_claimreview

    case = IMPORT_CASES[code]
    source = tmp_path / case.name
    source.write_text(case.text)
    root = make_kb({"claims/claim-a.yaml": None, "sources/src-a.yaml": None})
    for _ in range(case.runs):
        found = import_claimreview(root, [source]).diagnostics
    _assert_reported(code, found, str(source), case.line)


@pytest.mark.parametrize("code", sorted(PUBLISHING_CASES))
def test_publishing_code_is_reported_at_its_line(code: str, make_kb: MakeKB) -> None:
    from factdesk.load.site_config import publishing_problems

    text, line = PUBLISHING_CASES[code]
    root = make_kb({"mkdocs.yml": text})
    _assert_reported(code, publishing_problems(root), "mkdocs.yml", line)
    assert validate_root(root, TODAY).diagnostics == [], "validate leaves them to build"


@pytest.mark.parametrize("code", sorted(MIGRATION_CASES))
def test_migration_code_is_reported_at_file_and_line(
    code: str, make_kb: MakeKB, monkeypatch: pytest.MonkeyPatch
) -> None:
    from factdesk.tools.migrate import plan

    from migration_steps import use_synthetic_history

    use_synthetic_history(monkeypatch)
    files, command, file, line = MIGRATION_CASES[code]
    root = make_kb(files)
    if command == "validate":
        found = validate_root(root, TODAY).diagnostics
    else:
        result = plan(root, 3, set())
        found = result.diagnostics + [d for f in result.files for d in f.diagnostics]
    _assert_reported(code, found, file, line)


@pytest.mark.parametrize("code", sorted(LINK_CASES))
def test_link_code_is_reported_at_file_and_line(code: str, make_kb: MakeKB) -> None:
    from factdesk.tools.links import Checker, Options, Outcome, check_links

    status, location, error = LINK_CASES[code]
    url = "https://example.org/page"
    root = make_kb({LINK_SOURCE: f"id: src-a\ntitle: A source\nkind: article\nurl: {url}\n"})
    answer = Outcome(status, location, error)

    def fetch(asked: str, timeout: float) -> Outcome:  # no network: the answer is given
        assert asked == url
        return answer

    kb = validate_root(root, TODAY).kb
    found = check_links(kb, Checker(Options(retries=0, backoff=0), fetch=fetch))
    _assert_reported(code, found, LINK_SOURCE, 4)


@pytest.mark.parametrize("code", sorted(REVIEW_CASES))
def test_review_code_is_reported_at_file_and_line(code: str, make_kb: MakeKB) -> None:
    from factdesk.tools.review import review
    from gitrepo import commit, init

    case = REVIEW_CASES[code]
    root = init(make_kb({}))
    for number, files in enumerate([{}, *case.commits]):
        commit(root, files, f"2024-01-{number + 2:02}")
    base = commit(root, {}, "2024-02-01", "base")
    for rel, text in case.head.items():
        path = root / rel
        path.unlink() if text is None else path.write_text(text, encoding="utf-8")
    _assert_reported(code, review(root, base), case.file, case.line)


@pytest.mark.parametrize("code", sorted(ARCHIVE_CASES))
def test_archive_code_is_reported_at_file_and_line(code: str, make_kb: MakeKB) -> None:
    from factdesk.tools.archive import Answer, ArchiveOptions, archive

    status, headers = ARCHIVE_CASES[code]
    url = "https://example.org/page"
    root = make_kb({LINK_SOURCE: f"id: src-a\ntitle: A source\nkind: article\nurl: {url}\n"})
    kb = validate_root(root, TODAY).kb
    report = archive(
        root,
        kb,
        ArchiveOptions(endpoint="http://127.0.0.1:9/save/", retries=0, delay=0),
        ask=lambda asked, timeout: Answer(status, headers),  # no network: the answer is given
        sleep=lambda seconds: None,
    )
    _assert_reported(code, report.diagnostics, LINK_SOURCE, 4)


def _assert_reported(code: str, found: list[Diagnostic], file: str, line: int) -> None:
    hits = [d for d in found if d.code == code]
    assert hits, f"{code} not reported; got {found}"
    assert (hits[0].file, hits[0].line) == (file, line)
    assert hits[0].severity == CODES[code].severity
    assert hits[0].hint, "every diagnostic says how to fix it"


def test_the_base_knowledge_base_is_clean(make_kb: MakeKB) -> None:
    assert validate_root(make_kb({}), TODAY).diagnostics == []


@pytest.mark.parametrize("code", sorted(CASES))
def test_code_is_reported_at_file_and_line(code: str, make_kb: MakeKB) -> None:
    case = CASES[code]
    result = validate_root(make_kb(case.files), TODAY)
    hits = [d for d in result.diagnostics if d.code == code]
    assert hits, f"{code} not reported; got {result.diagnostics}"
    assert (hits[0].file, hits[0].line) == (case.file, case.line)
    assert hits[0].severity == CODES[code].severity
    assert hits[0].hint, "every diagnostic says how to fix it"


def test_a_crashing_cross_check_becomes_fd000_and_the_others_still_run(make_kb: MakeKB) -> None:
    def broken(corpus: Corpus) -> list[Diagnostic]:
        raise RuntimeError("boom")

    root = make_kb({"claims/claim-a.yaml": None})
    facts = [check_loaded(item, load_file(item.path, item.rel))[1] for item in discover(root)[0]]
    diags = run_cross_checks(Corpus(facts, Settings(), TODAY), (broken, *CHECKS))
    internal = [d for d in diags if d.code == "FD000"]
    assert len(internal) == 1
    assert "internal error in broken: RuntimeError: boom" in internal[0].message
    assert any(d.code == "FD101" for d in diags), "the checks after the broken one ran"


def test_a_crashing_record_check_becomes_fd000_at_the_file(make_kb: MakeKB) -> None:
    def broken(record: object, loaded: Loaded) -> list[Diagnostic]:
        raise RuntimeError("boom")

    root = make_kb({})
    item = next(f for f in discover(root)[0] if f.kind == "claim")
    loaded = load_file(item.path, item.rel)
    record, _ = check_loaded(item, loaded)
    diags = run_record_checks(record, loaded, (broken, *CLAIM_CHECKS))
    assert [(d.code, d.file) for d in diags] == [("FD000", item.rel)]
    assert "internal error in broken: RuntimeError: boom" in diags[0].message


def test_all_problems_of_a_record_are_reported_in_one_run(make_kb: MakeKB) -> None:
    from kbfactory import claim_with

    bad = claim_with("title: A claim", "titel: A claim").replace("source: src-a", "source: nope")
    bad = bad.replace('rating: "false"', "rating: flase")
    result = validate_root(make_kb({"claims/claim-a.yaml": bad}), TODAY)
    assert {d.code for d in result.diagnostics} >= {"FD011", "FD012", "FD019"}


def test_default_settings_are_valid() -> None:
    assert Settings().ordinal_range == (1, 5)


def test_symlinked_record_is_refused(make_kb: MakeKB, tmp_path) -> None:  # type: ignore[no-untyped-def]
    secret = tmp_path / "secret.yaml"
    secret.write_text("id: secret\n")
    root = make_kb({})
    (root / "claims" / "secret.yaml").symlink_to(secret)
    result = validate_root(root, TODAY)
    assert [(d.code, d.file) for d in result.diagnostics] == [("FD010", "claims/secret.yaml")]
