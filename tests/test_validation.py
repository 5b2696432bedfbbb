from __future__ import annotations

import datetime as dt

import pytest

from factdesk import workers
from factdesk.check import pipeline as validation
from factdesk.check.pipeline import validate_root

from code_cases import CASES
from conftest import MakeKB

TODAY = dt.date(2026, 1, 1)


def test_parallel_loading_gives_the_same_result(
    make_kb: MakeKB, monkeypatch: pytest.MonkeyPatch
) -> None:
    files: dict[str, str | bytes | None] = {}
    for case in CASES.values():
        for rel, content in case.files.items():
            if rel.startswith(("claims/", "sources/")) and content is not None:
                stem = rel.rsplit("/", 1)[-1].removesuffix(".yaml")
                files[f"claims/case{len(files)}/{stem}-{len(files)}.yaml"] = content
    root = make_kb(files)
    sequential = validate_root(root, TODAY)
    monkeypatch.setattr(workers, "PARALLEL_MIN_FILES", 2)
    parallel = validate_root(root, TODAY, parallel=True)
    assert parallel.diagnostics == sequential.diagnostics
    assert len(parallel.diagnostics) > 30
    assert list(parallel.kb.claims) == list(sequential.kb.claims)
    assert list(parallel.kb.sources) == list(sequential.kb.sources)


def test_a_memo_re_checks_only_changed_files(make_kb: MakeKB) -> None:
    from kbfactory import BASE_CLAIM

    root = make_kb({"claims/claim-b.yaml": BASE_CLAIM.replace("id: claim-a", "id: claim-b")})
    memo: validation.CheckMemo = {}
    first = validate_root(root, TODAY, memo=memo)
    (root / "claims/claim-b.yaml").write_text(
        BASE_CLAIM.replace("id: claim-a", "id: claim-b").replace("rating", "ratin")
    )
    second = validate_root(root, TODAY, memo=memo)
    assert second.diagnostics == validate_root(root, TODAY).diagnostics
    assert "FD011" in {d.code for d in second.diagnostics}
    assert second.kb.claims["claim-a"].record is first.kb.claims["claim-a"].record
    assert "claim-b" not in second.kb.claims
    (root / "claims/claim-b.yaml").unlink()
    assert validate_root(root, TODAY, memo=memo).diagnostics == []
    assert set(memo) == {"claims/claim-a.yaml", "sources/src-a.yaml"}


def test_a_source_that_says_why_it_has_no_archive_copy_gets_no_fd102(make_kb: MakeKB) -> None:
    source = "id: src-a\ntitle: A source\nkind: article\nurl: https://example.org/a\n"
    unexplained = validate_root(make_kb({"sources/src-a.yaml": source}))
    assert [d.code for d in unexplained.diagnostics] == ["FD102"]
    gap = source + "archive_gap: none found when this source was checked\n"
    explained = validate_root(make_kb({"sources/src-a.yaml": gap}))
    assert explained.diagnostics == []
    assert explained.kb.sources["src-a"].record.archive_url is None
