from __future__ import annotations

import time

import pytest

from factdesk.load.loader import MAX_BYTES, load_bytes, load_file


def load(text: str) -> tuple[object, list[str]]:
    out = load_bytes(text.encode(), "f.yaml")
    return out.data, [d.code for d in out.diagnostics]


def test_scalars_stay_the_text_written() -> None:
    data, codes = load("rating: false\nlanguage: no\nvalue: 1e3\nwhen: 2023-13-01\nn: 010\n")
    assert codes == []
    assert data == {
        "rating": "false",
        "language": "no",
        "value": "1e3",
        "when": "2023-13-01",
        "n": "010",
    }


def test_empty_and_null_values_are_none_but_quoted_empty_is_text() -> None:
    data, _ = load('a:\nb: ~\nc: null\nd: ""\n')
    assert data == {"a": None, "b": None, "c": None, "d": ""}


def test_positions_of_keys_values_and_items() -> None:
    out = load_bytes(b"id: x\nevidence:\n  - source: s\n    stance: refutes\n", "f.yaml")
    assert out.pos(("id",)) == (1, 5)
    assert out.pos(("id",), key=True) == (1, 1)
    assert out.pos(("evidence", 0)) == (3, 5)
    assert out.pos(("evidence", 0, "stance")) == (4, 13)
    # A missing field points at its nearest parent's key.
    assert out.pos(("evidence", 0, "quote")) == (3, 5)
    assert out.pos(("nothing", "here")) == (1, 1)


def test_duplicate_key_keeps_the_first_and_names_both_lines() -> None:
    out = load_bytes(b"a: 1\nb: 2\na: 3\n", "f.yaml")
    assert out.data == {"a": "1", "b": "2"}
    [diag] = out.diagnostics
    assert (diag.code, diag.line) == ("FD004", 3)
    assert "first at line 1" in diag.message


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b"a: &x 1\nb: *x\n", "FD005"),
        (b"a: &x 1\n", "FD005"),
        (b"a: !!python/object/apply:os.system [ls]\n", "FD006"),
        (b"a: !custom x\n", "FD006"),
        (b"a: 1\n---\na: 2\n", "FD007"),
        (b"", "FD008"),
        (b"# only a comment\n", "FD008"),
        (b"just text\n", "FD008"),
        (b"- a\n- b\n", "FD008"),
        (b"a: \xc3\x28\n", "FD002"),
        (b"a: \x00\n", "FD002"),
        (b"a: b: c\n", "FD003"),
        (b"a:\n\t- b\n", "FD003"),
    ],
)
def test_hostile_yaml_is_a_diagnostic(raw: bytes, code: str) -> None:
    out = load_bytes(raw, "f.yaml")
    assert code in [d.code for d in out.diagnostics]


def test_alias_bomb_is_rejected_fast() -> None:
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 12)]
    start = time.perf_counter()
    out = load_bytes("\n".join(lines).encode(), "f.yaml")
    assert time.perf_counter() - start < 1
    assert out.data is None and out.diagnostics[0].code == "FD005"


@pytest.mark.parametrize("opener", ["[", "{a: ", "- "])
def test_very_deep_nesting_never_reaches_the_c_composer(opener: str) -> None:
    # 200,000 levels crash libyaml's recursive composer; the scan must stop it first.
    closer = {"[": "]", "{a: ": "}", "- ": ""}[opener]
    text = "a:\n  " + opener * 200_000 + "x" + closer * 200_000
    out = load_bytes(text.encode(), "f.yaml")
    assert out.data is None
    assert out.diagnostics[0].code in ("FD009", "FD003")


def test_nesting_just_over_the_limit_without_scan_is_still_caught() -> None:
    out = load_bytes(("a: " + "[" * 40 + "]" * 40).encode(), "f.yaml")
    assert [d.code for d in out.diagnostics] == ["FD009"]


def test_byte_order_mark_is_read_and_flagged() -> None:
    out = load_bytes(b"\xef\xbb\xbfid: x\n", "f.yaml")
    assert out.data == {"id": "x"} and [d.code for d in out.diagnostics] == ["FD107"]


def test_mixed_line_endings_are_flagged_but_consistent_ones_are_fine() -> None:
    assert load_bytes(b"a: 1\r\nb: 2\r\n", "f.yaml").diagnostics == []
    assert [d.code for d in load_bytes(b"a: 1\r\nb: 2\n", "f.yaml").diagnostics] == ["FD108"]
    assert [d.code for d in load_bytes(b"a: 1\rb: 2\n", "f.yaml").diagnostics] == ["FD108"]


def test_non_utf8_points_at_the_bad_byte() -> None:
    out = load_bytes(b"id: x\ntitle: caf\xe9\n", "f.yaml")
    [diag] = out.diagnostics
    assert (diag.code, diag.line, diag.column) == ("FD002", 2, 11)


def test_large_file_is_refused_reading_at_most_the_limit(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: " + b"x" * MAX_BYTES)
    out = load_file(path, "big.yaml")
    assert [d.code for d in out.diagnostics] == ["FD001"]


def test_settings_files_may_use_tags(tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = load_bytes(
        b"x: !!python/name:material.extensions.emoji.twemoji\n", "m.yml", allow_tags=True
    )
    assert out.diagnostics == [] and out.data == {"x": ""}


def test_pure_python_pyyaml_fallback_gives_the_same_result(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import importlib

    import yaml

    import factdesk.load.loader as loader

    monkeypatch.delattr(yaml, "CSafeLoader")
    fallback = importlib.reload(loader)
    try:
        assert fallback._Loader is yaml.SafeLoader
        text = b"id: x\nrating: false\nlist:\n  - a: 1\n"
        out = fallback.load_bytes(text, "f.yaml")
        assert out.data == {"id": "x", "rating": "false", "list": [{"a": "1"}]}
        assert out.pos(("list", 0, "a")) == (4, 8)
        assert fallback.load_bytes(b"a: &x 1\nb: *x\n", "f.yaml").diagnostics[0].code == "FD005"
    finally:
        monkeypatch.undo()
        importlib.reload(loader)


@pytest.mark.parametrize(
    ("text", "ascii_values"),
    [
        ("id: x\nclaim: plain words\n", True),
        ('id: x\nclaim: "Some\\u202eone"\n', False),  # an escape writes any character
        ("id: x\nclaim: Some\u202eone\n", False),
        ("id: x\nclaim: café\n", False),
    ],
)
def test_ascii_values_only_when_no_value_can_hold_another_character(
    text: str, ascii_values: bool
) -> None:
    assert load_bytes(text.encode(), "f.yaml").ascii_values is ascii_values


def test_an_escaped_invisible_character_in_an_ascii_file_is_still_found() -> None:
    from factdesk.check.record_rules import check_invisible_text

    out = load_bytes(b'id: x\nclaim: "Some\\u202eone"\n', "f.yaml")
    found = list(check_invisible_text(None, out))
    assert [(d.code, d.line) for d in found] == [("FD106", 2)]
