"""Claims' pictures: what a media file may be, how it is checked and how it reaches the site."""

from __future__ import annotations

import datetime as dt
import struct
from pathlib import Path

import pytest

from factdesk.check.incremental import check_root
from factdesk.check.pipeline import validate_root
from factdesk.records.media import MAX_MEDIA_BYTES, Picture, picture_of, read_picture, sniff
from factdesk.render import render_binaries, render_site
from factdesk.render.output import collect

from code_cases import PICTURE, png_header
from conftest import MakeKB
from kbfactory import BASE_CLAIM

TODAY = dt.date(2026, 1, 1)
C = "claims/claim-a.yaml"
GIF = b"GIF89a" + struct.pack("<HH", 40, 30) + b"\x00" * 10
JPEG = (
    b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    + b"\xff\xc0\x00\x11\x08"
    + struct.pack(">HH", 300, 500)
    + b"\x03" * 12
)
WEBP = (
    b"RIFF\x00\x00\x00\x00WEBPVP8X"
    + b"\x00" * 8
    + (639).to_bytes(3, "little")
    + (479).to_bytes(3, "little")
)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (png_header(640, 480), ("png", 640, 480)),
        (GIF, ("gif", 40, 30)),
        (JPEG, ("jpeg", 500, 300)),
        (WEBP, ("webp", 640, 480)),
        (b"<svg xmlns='http://www.w3.org/2000/svg'><script/></svg>", None),
        (b"<html>not a picture</html>", None),
        (b"", None),
    ],
)
def test_formats_are_told_by_their_first_bytes(data: bytes, expected: object) -> None:
    assert sniff(data) == expected


def test_a_picture_must_be_what_its_name_says() -> None:
    problem = picture_of("media/a.jpg", png_header(10, 10))
    assert not isinstance(problem, Picture) and problem.code == "FD046"
    assert "not a JPEG image (PNG)" in problem.message


def test_too_many_bytes_is_fd047_before_reading(tmp_path: Path) -> None:
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "big.png").write_bytes(png_header(10, 10) + b"\0" * MAX_MEDIA_BYTES)
    problem = read_picture(tmp_path, "media/big.png")
    assert not isinstance(problem, Picture) and problem.code == "FD047"


def test_a_link_out_of_the_media_folder_is_not_followed(tmp_path: Path) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(png_header(10, 10))
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "post.png").symlink_to(secret)
    problem = read_picture(tmp_path, "media/post.png")
    assert not isinstance(problem, Picture) and problem.code == "FD046"


@pytest.mark.parametrize(
    "path",
    ["../secret.png", "media/../x.png", "media/.hidden.png", "/etc/x.png", "media/x.svg", "x.png"],
)
def test_paths_outside_the_media_folder_are_refused(make_kb: MakeKB, path: str) -> None:
    claim = BASE_CLAIM + f"image:\n  file: {path}\n  alt: A picture.\n"
    found = validate_root(make_kb({C: claim}), TODAY).errors
    assert [(d.code, d.line) for d in found] == [("FD046", 14)]


def test_adding_the_missing_file_clears_the_cached_diagnostic(make_kb: MakeKB) -> None:
    root = make_kb({C: BASE_CLAIM + PICTURE})
    assert [d.code for d in check_root(root, TODAY).diagnostics] == ["FD046"]
    (root / "media").mkdir()
    (root / "media" / "post.png").write_bytes(png_header(64, 48))
    checked = check_root(root, TODAY)
    assert checked.reused == len(checked.files), "no record changed: every file came from the cache"
    assert [d.code for d in checked.diagnostics] == []


def test_the_picture_is_shown_and_shipped_by_both_outputs(make_kb: MakeKB) -> None:
    data = png_header(64, 48)
    root = make_kb({C: BASE_CLAIM + PICTURE, "media/post.png": data})
    kb = validate_root(root, TODAY).kb
    page = render_site(kb)["claims/claim-a.md"]
    assert '<img src="../../media/post.png" alt="A post on X showing a map."' in page
    assert 'width="64" height="48"' in page
    assert _pictures(render_binaries(kb)) == {"media/post.png": data}
    assert collect(kb, root / "docs", None)["media/post.png"] == data


def _pictures(binaries: dict[str, bytes]) -> dict[str, bytes]:
    """The media/ files among the binaries (the share cards are tests/test_cards.py's)."""
    return {path: data for path, data in binaries.items() if path.startswith("media/")}


def test_a_draft_claims_picture_is_not_published(make_kb: MakeKB) -> None:
    draft = (BASE_CLAIM + PICTURE).replace("status: published", "status: draft")
    root = make_kb({C: draft, "media/post.png": png_header(64, 48)})
    assert _pictures(render_binaries(validate_root(root, TODAY).kb)) == {}
