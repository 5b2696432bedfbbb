from __future__ import annotations

import datetime as dt

import pytest

from factdesk import workers
from factdesk.validation import validate_root

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
