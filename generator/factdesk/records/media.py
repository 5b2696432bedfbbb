"""The desk's pictures: claims point at files in its `media/` folder, which the site ships.

One place for what a media file may be (where, which formats, how large) and for reading
one safely, so the checks that report a bad file and the renderer that copies a good one
cannot disagree. The formats are raster images only: an SVG can carry scripts, and a file
is trusted by what its first bytes are, not by its name.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass
from pathlib import Path

MEDIA_FOLDER = "media"
# What a record may write: media/<folders>/<name>.<ext>, plain letters, digits, - _ .
MEDIA_PATTERN = (
    r"^media/([A-Za-z0-9_-][A-Za-z0-9._-]*/)*[A-Za-z0-9_-][A-Za-z0-9._-]*\.(jpg|jpeg|png|webp|gif)$"
)
_MEDIA_PATH = re.compile(MEDIA_PATTERN)
# Large enough for a sharp screenshot or video still, small enough for a phone on a slow
# network: bigger originals belong in an archive, with a link.
MAX_MEDIA_BYTES = 2 * 1024 * 1024
MAX_SIDE = 4096  # pixels, either side
MAX_PIXELS = 12_000_000  # width x height: what a decoder must hold in memory

FORMATS = {"jpeg": "JPEG", "png": "PNG", "webp": "WebP", "gif": "GIF"}
_EXTENSIONS = {"jpg": "jpeg", "jpeg": "jpeg", "png": "png", "webp": "webp", "gif": "gif"}


def media_path_problem(value: str) -> str | None:
    """Why `value` cannot name a media file, or None when it can."""
    if _MEDIA_PATH.match(value) is None:
        return (
            "it must be a file in the desk's media/ folder ending .jpg, .jpeg, .png, .webp or .gif"
        )
    if any(part in (".", "..") or part.startswith(".") for part in value.split("/")):
        return "its folders and name must not start with a dot"
    return None


def declared_format(rel: str) -> str:
    """The format a file's name promises (jpeg, png, webp, gif)."""
    return _EXTENSIONS[rel.rsplit(".", 1)[-1].lower()]


@dataclass(frozen=True)
class Picture:
    """A media file read and checked: its bytes, format and size in pixels."""

    rel: str
    data: bytes
    format: str
    width: int
    height: int


@dataclass(frozen=True)
class MediaProblem:
    """Why a media file cannot be used: FD046 (missing or unreadable) or FD047 (too large)."""

    code: str
    message: str
    hint: str


def read_picture(root: Path, rel: str) -> Picture | MediaProblem:
    """Read `rel` (a path that passed media_path_problem) under the desk at `root`.

    The file must be a regular file inside media/ once links are followed (a link out of
    the folder would publish any file the build can read), at most MAX_MEDIA_BYTES, an image of
    the format its name says, and at most MAX_SIDE and MAX_PIXELS."""
    folder = (root / MEDIA_FOLDER).resolve()
    target = (root / rel).resolve()
    if not target.is_relative_to(folder) or not target.is_file():
        return MediaProblem(
            "FD046",
            f"no media file at {rel}",
            f"put the picture at {rel} in the desk's media/ folder, or fix the path",
        )
    size = target.stat().st_size
    if size > MAX_MEDIA_BYTES:
        return _too_large(f"{rel} is {size:,} bytes; the limit is {MAX_MEDIA_BYTES:,}")
    with target.open("rb") as handle:
        data = handle.read(MAX_MEDIA_BYTES + 1)
    if len(data) > MAX_MEDIA_BYTES:  # it grew while we looked
        return _too_large(f"{rel} is over {MAX_MEDIA_BYTES:,} bytes")
    return picture_of(rel, data)


def picture_of(rel: str, data: bytes) -> Picture | MediaProblem:
    """Check bytes said to be the file `rel`: format by content, size in pixels."""
    found = sniff(data)
    wanted = declared_format(rel)
    if found is None or found[0] != wanted:
        what = FORMATS[found[0]] if found else "not an image factdesk can read"
        return MediaProblem(
            "FD046",
            f"{rel} is not a {FORMATS[wanted]} image ({what})",
            "save the picture as JPEG, PNG, WebP or GIF with the matching file ending",
        )
    _, width, height = found
    if max(width, height) > MAX_SIDE or width * height > MAX_PIXELS:
        return _too_large(
            f"{rel} is {width}×{height} pixels; the limit is {MAX_SIDE:,} a side and "
            f"{MAX_PIXELS:,} in all"
        )
    return Picture(rel, data, found[0], width, height)


def _too_large(message: str) -> MediaProblem:
    return MediaProblem(
        "FD047",
        message,
        f"scale it down (at most {MAX_SIDE} pixels a side) and save it compressed, "
        f"under {MAX_MEDIA_BYTES // (1024 * 1024)} MiB; link a larger original in `media_review`",
    )


def sniff(data: bytes) -> tuple[str, int, int] | None:
    """(format, width, height) read from an image's header, or None when it is none of
    the formats. Only headers are read: nothing is decoded."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return "png", width, height
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return "gif", width, height
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _webp(data)
    if data[:2] == b"\xff\xd8":
        return _jpeg(data)
    return None


def _webp(data: bytes) -> tuple[str, int, int] | None:
    chunk = data[12:16]
    if chunk == b"VP8X" and len(data) >= 30:
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
        return "webp", width, height
    if chunk == b"VP8L" and len(data) >= 25 and data[20] == 0x2F:
        bits = int.from_bytes(data[21:25], "little")
        return "webp", (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8 " and len(data) >= 30 and data[23:26] == b"\x9d\x01\x2a":
        width, height = struct.unpack("<HH", data[26:30])
        return "webp", width & 0x3FFF, height & 0x3FFF
    return None


# JPEG start-of-frame markers (they carry the size); not DHT (C4), JPG (C8) or DAC (CC).
_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def _jpeg(data: bytes) -> tuple[str, int, int] | None:
    at = 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker in (0x01, *range(0xD0, 0xD8)):  # markers without a length
            at += 2
            continue
        length = int.from_bytes(data[at + 2 : at + 4], "big")
        if marker in _SOF and at + 9 <= len(data):
            height, width = struct.unpack(">HH", data[at + 5 : at + 9])
            return "jpeg", width, height
        if length < 2:
            return None
        at += 2 + length
    return None
