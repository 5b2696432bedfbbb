"""Every input of the YAML test suite, read by factdesk's loader as a claim file.

The suite (tests/data/yaml-test-suite/, see its README) was written by people who
implement YAML, not by this project: each input must be either read or refused with
diagnostics that point inside the file, never an exception, and every input the suite
calls an error must be refused.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

import pytest

from factdesk.load.loader import load_bytes

DATA = Path(__file__).parent / "data" / "yaml-test-suite" / "cases.json"
CASES: dict[str, dict[str, Any]] = json.loads(DATA.read_text(encoding="utf-8"))

# Error cases libyaml (and so factdesk) reads anyway. Each is a layout rule libyaml does not
# enforce; what it reads is what a person reads, so none can hide a value. If libyaml
# starts refusing one, the test below says so and it leaves this list.
LIBYAML_LENIENT = {
    "9C9N": "a flow sequence's lines indented less than its key",
    "DK95/01": "a tab before a continuation line of a plain scalar",
    "QB6E": "a quoted scalar's lines indented less than its key",
    "S98Z": "a block scalar whose first empty lines are indented more than its text",
    "SU5Z": "a comment with no space after a double-quoted scalar",
    "X4QW": "a comment with no space after a block scalar indicator",
}
# What YAML counts as a line break (libyaml's marks count lines so).
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def test_the_suite_is_all_there() -> None:
    assert len(CASES) == 402
    assert sum(case["error"] for case in CASES.values()) == 94


@pytest.mark.parametrize("case_id", sorted(CASES))
def test_input_is_read_or_refused_with_positions_inside_the_file(case_id: str) -> None:
    text = CASES[case_id]["yaml"]
    out = load_bytes(text.encode("utf-8"), "claims/x.yaml")  # must not raise
    assert out.data is not None or any(d.is_error for d in out.diagnostics), case_id
    lines = _BREAK.split(text)
    for diag in out.diagnostics:
        assert 1 <= diag.line <= len(lines), (case_id, diag)
        assert 1 <= diag.column <= len(lines[diag.line - 1]) + 1, (case_id, diag)


@pytest.mark.parametrize(
    "case_id", sorted(k for k, case in CASES.items() if case["error"] and k not in LIBYAML_LENIENT)
)
def test_input_the_suite_calls_an_error_is_refused(case_id: str) -> None:
    out = load_bytes(CASES[case_id]["yaml"].encode("utf-8"), "claims/x.yaml")
    assert any(d.is_error for d in out.diagnostics), (case_id, CASES[case_id]["name"])


@pytest.mark.parametrize("case_id", sorted(LIBYAML_LENIENT))
def test_the_known_lenient_cases_are_still_read(case_id: str) -> None:
    assert CASES[case_id]["error"]
    out = load_bytes(CASES[case_id]["yaml"].encode("utf-8"), "claims/x.yaml")
    assert out.data is not None and out.diagnostics == [], "libyaml refuses it now: unlist it"


def test_the_whole_suite_loads_in_well_under_a_second() -> None:
    start = time.perf_counter()
    for case in CASES.values():
        load_bytes(case["yaml"].encode("utf-8"), "claims/x.yaml")
    assert time.perf_counter() - start < 1
