"""Text and files as they are read: escaped control characters, columns after non-ASCII
text, `fmt` on files it cannot read exactly, and file-system entries that are not records."""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import threading
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from markupsafe import escape

from factdesk.check.incremental import check_root
from factdesk.check.pipeline import validate_root
from factdesk.cli import cli
from factdesk.diagnostics import Diagnostic
from factdesk.load.loader import load_bytes, load_file
from factdesk.render import render_site

from conftest import MakeKB
from kbfactory import BASE_CLAIM, claim_with

TODAY = dt.date(2026, 1, 1)
C = "claims/claim-a.yaml"


def found(diags: list[Diagnostic], code: str) -> list[tuple[str, int, int]]:
    return [(d.file, d.line, d.column) for d in diags if d.code == code]


# --- Finding 2: characters written as YAML escapes are checked as decoded values ---------

REFUSED_ESCAPES = {
    "\\a": "U+0007",  # bell
    "\\x01": "U+0001",
    "\\e": "U+001B",  # starts every terminal escape sequence
    "\\0": "U+0000",
    "\\b": "U+0008",
    "\\r": "U+000D",
    "\\x7f": "U+007F",  # DEL
    "\\N": "U+0085",  # NEL
    "\\x9b": "U+009B",  # CSI: a one-character terminal escape
    "\\uFFFE": "U+FFFE",
    "\\uFFFF": "U+FFFF",
    "\\uFDD0": "U+FDD0",
    "\\U0010FFFF": "U+10FFFF",
}


@pytest.mark.parametrize(("escape_text", "codepoint"), sorted(REFUSED_ESCAPES.items()))
def test_escaped_control_character_is_fd002_at_the_value(
    escape_text: str, codepoint: str, make_kb: MakeKB
) -> None:
    text = claim_with("title: A claim", f'title: "Pyongyang{escape_text} nightlife"')
    result = validate_root(make_kb({C: text}), TODAY)
    [diag] = [d for d in result.diagnostics if d.code == "FD002"]
    assert (diag.file, diag.line, diag.column) == (C, 2, 8)
    assert codepoint in diag.message and diag.hint
    assert diag.is_error


def test_every_scalar_is_checked_keys_and_nested_items_too() -> None:
    from factdesk.load.loader import REFUSED

    raw = b'id: x\n"ti\\atle": a\nlist:\n  - "ok"\n  - "b\\ec"\nmap:\n  deep: "\\x01"\n'
    out = load_bytes(raw, C)
    assert [(d.code, d.line, d.column) for d in out.diagnostics] == [
        ("FD002", 2, 1),
        ("FD002", 5, 5),
        ("FD002", 7, 9),
    ]
    # Nothing after the loader sees the character: it is replaced, the rest still checked.
    assert out.data is not None
    assert not any(REFUSED.search(str(v)) for v in [*out.data, *out.data.values()])


@pytest.mark.parametrize("pasted", ["\ufdd0", "\U0001fffe", "\U0010ffff"])
def test_a_pasted_non_character_the_yaml_reader_allows_is_fd002(pasted: str) -> None:
    out = load_bytes(f"id: x\ntitle: a{pasted}\nclaim: 😀 𠀀\n".encode(), C)
    assert [(d.code, d.line, d.column) for d in out.diagnostics] == [("FD002", 2, 8)]
    assert out.data is not None and out.data["claim"] == "😀 𠀀"


def test_an_escaped_surrogate_is_fd002() -> None:
    [diag] = load_bytes(b'id: x\ntitle: "\\ud800"\n', C).diagnostics
    assert diag.code == "FD002" and diag.line == 2 and "surrogate" in diag.message


def test_the_refused_set_is_exactly_the_documented_one() -> None:
    from factdesk.load.loader import REFUSED

    refused = [c for c in range(0x110000) if REFUSED.match(chr(c))]
    controls = [c for c in range(0x20) if c not in (0x09, 0x0A)] + list(range(0x7F, 0xA0))
    non_characters = list(range(0xFDD0, 0xFDF0)) + [
        plane + low for plane in range(0, 0x110000, 0x10000) for low in (0xFFFE, 0xFFFF)
    ]
    expected = sorted([*controls, *range(0xD800, 0xE000), *non_characters])
    assert refused == expected
    docs = (Path(__file__).parent.parent / "docs" / "diagnostics.md").read_text()
    assert "U+0000–U+0008, U+000B–U+001F" in docs and "U+FDD0–U+FDEF" in docs


# Characters at the edge of the refused set: each is refused, or kept exactly in the API,
# the page and the feed. Before the check, the first ones passed and broke the feed.
EDGE_CHARACTERS = [
    "\\a",
    "\\e",
    "\\x01",
    "\\x9b",
    "\\uFFFF",
    "\\t",
    "\\_",  # no-break space
    "\\L",  # line separator
    "\\u00e9",
    "\\uFFFD",
    "\\uE000",  # private use
    "\\U0001F600",
    "\\u05d0",  # Hebrew alef
]


@pytest.mark.parametrize("written", EDGE_CHARACTERS)
def test_a_value_is_refused_or_the_same_in_api_page_and_feed(written: str, make_kb: MakeKB) -> None:
    text = claim_with("title: A claim", f'title: "Pyongyang{written} nightlife"')
    result = validate_root(make_kb({C: text}), TODAY)
    if found(result.diagnostics, "FD002"):
        assert C not in {d.file for d in result.diagnostics if d.code != "FD002"}
        return
    assert result.diagnostics == []
    title = result.kb.claims["claim-a"].record.title
    rendered = render_site(result.kb)
    assert json.loads(rendered["api/claims/claim-a.json"])["claim"]["title"] == title
    assert str(escape(title)) in rendered["claims/claim-a.md"]
    feed = ET.fromstring(rendered["feed.xml"].encode("utf-8"))  # well-formed XML
    titles = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert title in titles


# --- Finding 3: columns count characters, not UTF-8 bytes --------------------------------


@pytest.mark.parametrize("wide", ["é", "€", "😀"], ids=["2-byte", "3-byte", "4-byte"])
def test_raw_control_character_column_counts_characters(wide: str) -> None:
    raw = f"id: x\ntitle: {wide}{wide}\nclaim: {wide}a\x01b\n".encode()
    [diag] = load_bytes(raw, C).diagnostics
    assert (diag.code, diag.line, diag.column) == ("FD002", 3, 10)
    assert "U+0001" in diag.message


@pytest.mark.parametrize("wide", ["é", "€", "😀"], ids=["2-byte", "3-byte", "4-byte"])
def test_invalid_utf8_column_counts_characters(wide: str) -> None:
    raw = f"id: x\ntitle: {wide}{wide}".encode() + b"\xff\n"
    [diag] = load_bytes(raw, C).diagnostics
    assert (diag.code, diag.line, diag.column) == ("FD002", 2, 10)


def test_pure_python_reader_reports_the_same_column(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    import yaml

    import factdesk.load.loader as loader

    raw = "id: x\ntitle: é€😀\nclaim: é€😀\x01\n".encode()
    fast = [(d.line, d.column) for d in loader.load_bytes(raw, C).diagnostics]
    monkeypatch.delattr(yaml, "CSafeLoader")
    fallback = importlib.reload(loader)
    try:
        slow = [(d.line, d.column) for d in fallback.load_bytes(raw, C).diagnostics]
    finally:
        monkeypatch.undo()
        importlib.reload(loader)
    assert fast == slow == [(3, 11)]


# --- Finding 8: fmt never rewrites a file it could not read exactly ---------------------


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("content", "code"),
    [
        # Latin-1 é, and a key out of canonical order that fmt would otherwise move.
        (claim_with("title: A claim", "title: Caf\xe9").encode("latin-1"), "FD002"),
        (b"status: draft\n" + claim_with("title: A claim", 'title: "A\\a"').encode(), "FD002"),
        (b"status: draft\nid: claim-a\nanalysis: " + b"x" * (1024 * 1024) + b"\n", "FD001"),
    ],
    ids=["latin-1", "escaped-control", "too-large"],
)
def test_fmt_leaves_a_file_it_cannot_read_byte_for_byte(
    content: bytes, code: str, make_kb: MakeKB
) -> None:
    root = make_kb({C: content})
    exit_code, _, err = run("fmt", "--root", str(root))
    assert exit_code == 1 and code in err
    assert (root / C).read_bytes() == content


@pytest.mark.parametrize(
    "content",
    [b"\xef\xbb\xbf" + BASE_CLAIM.encode(), BASE_CLAIM.replace("\n", "\r").encode()],
    ids=["byte-order-mark", "cr-only"],
)
def test_fmt_rewrites_what_it_read_exactly_as_fd107_and_fd110_say(
    content: bytes, make_kb: MakeKB
) -> None:
    root = make_kb({C: content})
    assert run("fmt", "--root", str(root))[0] == 0
    assert (root / C).read_bytes() == BASE_CLAIM.encode()


# --- Finding 10: entries that are not records --------------------------------------------


def validate_within(root: Path, seconds: float = 20) -> list[Diagnostic]:
    """validate_root in a thread, failing (not hanging) if it does not return in time."""
    box: list[list[Diagnostic]] = []
    worker = threading.Thread(
        target=lambda: box.append(validate_root(root, TODAY).diagnostics), daemon=True
    )
    worker.start()
    worker.join(seconds)
    assert box, f"validate did not return within {seconds} s"
    return box[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_named_like_a_record_is_fd042_and_never_opened(make_kb: MakeKB) -> None:
    root = make_kb({})
    os.mkfifo(root / "claims" / "claim-b.yaml")
    diags = validate_within(root)
    [diag] = [d for d in diags if d.code == "FD042"]
    assert (diag.file, diag.line, diag.column) == ("claims/claim-b.yaml", 1, 1)
    assert "named pipe" in diag.message and diag.is_error
    assert check_root(root, TODAY).diagnostics == diags  # the cached path agrees


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_reading_a_fifo_that_replaced_a_record_is_fd042_not_a_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "claim-a.yaml"
    os.mkfifo(fifo)
    box: list[list[str]] = []
    worker = threading.Thread(
        target=lambda: box.append([d.code for d in load_file(fifo, C).diagnostics]),
        daemon=True,
    )
    worker.start()
    worker.join(20)
    assert box == [["FD042"]]


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no Unix sockets here")
def test_a_socket_named_like_a_record_is_fd042(
    make_kb: MakeKB, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_kb({})
    monkeypatch.chdir(root / "claims")  # socket paths are short; bind a relative one
    with socket.socket(socket.AF_UNIX) as server:
        server.bind("claim-b.yaml")
        diags = validate_within(root)
    assert found(diags, "FD042") == [("claims/claim-b.yaml", 1, 1)]
    assert "socket" in next(d.message for d in diags if d.code == "FD042")


def test_a_folder_named_like_a_record_is_fd042_and_not_walked(make_kb: MakeKB) -> None:
    inner = BASE_CLAIM.replace("claim-a", "claim-b")
    root = make_kb({"claims/claim-b.yaml/claim-b.yaml": inner})
    result = validate_root(root, TODAY)
    assert [(d.code, d.file) for d in result.diagnostics] == [("FD042", "claims/claim-b.yaml")]
    assert "folder" in result.diagnostics[0].message
    assert set(result.kb.claims) == {"claim-a"}


@pytest.mark.parametrize(
    ("name", "rename"),
    [
        ("claim-b.txt", "claim-b.yaml"),
        (".claim-b.yaml", "claim-b.yaml"),
        ("claim-b.yaml ", "claim-b.yaml"),
        ("claim-b.yaml.txt", "claim-b.yaml"),
        ("claim-b.json", "claim-b.yaml"),
        (".drafts/claim-b.yaml", "drafts.yaml"),
    ],
)
def test_a_file_that_is_not_read_as_a_record_is_fd109(
    name: str, rename: str, make_kb: MakeKB
) -> None:
    root = make_kb({f"claims/{name}": BASE_CLAIM.replace("claim-a", "claim-b")})
    diags = validate_within(root)
    reported = name.split("/")[0]
    [diag] = [d for d in diags if d.code == "FD109"]
    assert (diag.file, diag.severity) == (f"claims/{reported}", "warning")
    assert f"'{reported}'" in diag.message and f"rename it to {rename}" in diag.hint
    assert check_root(root, TODAY).diagnostics == diags


@pytest.mark.parametrize(
    "name",
    ["README.md", "README", "claim-a.yaml~", ".claim-a.yaml.swp", ".gitkeep", ".DS_Store"],
)
def test_readmes_placeholders_and_editor_backups_are_not_reported(
    name: str, make_kb: MakeKB
) -> None:
    assert validate_within(make_kb({f"claims/{name}": "anything\n"})) == []


def test_yml_is_still_a_bad_record_name_not_an_unread_file(make_kb: MakeKB) -> None:
    diags = validate_within(make_kb({"claims/claim-b.yml": BASE_CLAIM}))
    assert [(d.code, d.file) for d in diags] == [("FD010", "claims/claim-b.yml")]


def test_claims_differing_only_by_normalisation_are_fd104(make_kb: MakeKB) -> None:
    said = "Le café est fermé"
    nfd = unicodedata.normalize("NFD", said)
    assert nfd != said
    files: dict[str, str | bytes | None] = {
        C: claim_with("claim: The sky is green", f"claim: {said}"),
        "claims/claim-b.yaml": claim_with("claim: The sky is green", f"claim: {nfd}").replace(
            "claim-a", "claim-b"
        ),
        # Full-width letters: NFKC folds them; accents are kept, so claim-d differs.
        "claims/claim-c.yaml": claim_with(
            "claim: The sky is green", "claim: ＬＥ ＣＡＦÉ EST ＦＥＲＭÉ"
        ).replace("claim-a", "claim-c"),
        "claims/claim-d.yaml": claim_with(
            "claim: The sky is green", "claim: Le cafe est ferme"
        ).replace("claim-a", "claim-d"),
    }
    diags = validate_root(make_kb(files), TODAY).diagnostics
    assert found(diags, "FD104") == [("claims/claim-b.yaml", 3, 8), ("claims/claim-c.yaml", 3, 8)]


def test_a_cr_only_file_is_fd110_not_mixed(make_kb: MakeKB) -> None:
    diags = validate_root(make_kb({C: BASE_CLAIM.replace("\n", "\r")}), TODAY).diagnostics
    assert [(d.code, d.line) for d in diags] == [("FD110", 1)]
    assert "CR alone" in diags[0].message and "mixes" not in diags[0].message
