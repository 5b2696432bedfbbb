"""Property-based tests: random input never crashes the loader, the validator or fmt."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factdesk.check.pipeline import validate_root
from factdesk.load.loader import REFUSED, load_bytes
from factdesk.tools.fmt import format_record_text

from kbfactory import BASE_CLAIM, write_kb

FAST = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

yaml_like = st.text(
    alphabet=st.sampled_from(list(" \n\t-:[]{}&*!|>'\"#,?%@`~0123456789abcxyz.é\u202e")),
    max_size=300,
)
scalars = st.one_of(
    st.text(max_size=30),
    st.integers(),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(),
)
structures = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.text(min_size=1, max_size=12), inner, max_size=4),
    ),
    max_leaves=20,
)


@FAST
@given(raw=st.binary(max_size=400))
def test_any_bytes_load_without_raising(raw: bytes) -> None:
    out = load_bytes(raw, "f.yaml")
    assert out.data is not None or out.diagnostics


@FAST
@given(text=yaml_like)
def test_any_yaml_like_text_loads_without_raising(text: str) -> None:
    out = load_bytes(text.encode(), "f.yaml")
    assert out.data is not None or out.diagnostics
    for diag in out.diagnostics:
        assert diag.line >= 1 and diag.column >= 1 and diag.hint


def _texts(value: Any) -> list[str]:
    """Every key and scalar in `value`, as the text the loader reads."""
    if isinstance(value, dict):
        return [t for k, v in value.items() for t in (str(k), *_texts(v))]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return [str(value)]


def _as_text(value: Any) -> Any:
    """What factdesk reads from YAML that PyYAML dumped: every scalar as its text."""
    if isinstance(value, dict):
        return {str(k): _as_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_text(v) for v in value]
    return value


# YAML normalises its line breaks (NEL, LS, PS, CR) inside scalars, so keys avoid them.
keys = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x85\u2028\u2029\r"),
    min_size=1,
    max_size=12,
)


@FAST
@given(data=st.dictionaries(keys, structures, min_size=1, max_size=5))
def test_structure_survives_loading(data: dict[str, Any]) -> None:
    out = load_bytes(yaml.safe_dump(data, allow_unicode=True).encode(), "f.yaml")
    assert out.data is not None, out.diagnostics
    if any(REFUSED.search(text) for text in _texts(data)):
        # PyYAML wrote them as escapes: refused at the value, the rest still read.
        assert "FD002" in [d.code for d in out.diagnostics]
        return
    assert set(out.data) == {str(k) for k in data}
    assert [d.code for d in out.diagnostics if d.code not in ("FD106",)] == []


@FAST
@given(
    record=st.dictionaries(
        st.sampled_from(
            [
                "id",
                "title",
                "claim",
                "claimant",
                "rating",
                "evidence",
                "observations",
                "appearances",
                "media_review",
                "published",
                "status",
                "topics",
                "related",
                "corrections",
                "bogus",
            ]
        ),
        structures,
        max_size=10,
    )
)
def test_random_records_get_diagnostics_never_an_internal_error(
    record: dict[str, Any], tmp_path_factory: Any
) -> None:
    root: Path = tmp_path_factory.mktemp("kb")
    write_kb(root, {"claims/claim-a.yaml": yaml.safe_dump(record, allow_unicode=True)})
    result = validate_root(root, dt.date(2026, 1, 1))
    assert not [d for d in result.diagnostics if d.code == "FD000"], result.diagnostics


comments = st.lists(
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=20),
    max_size=3,
)


@FAST
@given(
    order=st.permutations([*BASE_CLAIM.strip().split("\n")[:3], "status: published"]),
    notes=comments,
    indent=st.sampled_from([2, 4]),
)
def test_fmt_keeps_data_and_comments_and_is_idempotent(
    order: list[str], notes: list[str], indent: int
) -> None:
    rest = "\n".join(BASE_CLAIM.strip().split("\n")[3:-1])
    pad = " " * indent
    text = "\n".join(order) + "\n" + rest.replace("\n  ", "\n" + pad) + "\n"
    text += "".join(f"# note {n}\n" for n in notes)
    before = load_bytes(text.encode(), "c.yaml")
    if before.diagnostics:
        return  # not a record fmt touches (e.g. indentation that changed the structure)
    once = format_record_text(text, "claim", "c.yaml")
    assert once.diagnostics == []
    after = load_bytes(once.text.encode(), "c.yaml")
    assert after.data == before.data
    for note in notes:
        assert f"# note {note}".rstrip() in once.text
    twice = format_record_text(once.text, "claim", "c.yaml")
    assert twice.text == once.text and not twice.changed
