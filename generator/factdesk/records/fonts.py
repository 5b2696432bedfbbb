"""Fonts for share cards: the desk's own (the `card_fonts` option) and the ones Debian's
packages put at known paths. One place says which files are tried and whether a named
file can be used, for the renderer that draws with them and the check that reports a
file it cannot use (FD066)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from PIL import ImageFont

# Fonts Debian's packages install, tried in order for text Pillow's built-in font (Latin)
# cannot draw: Greek, Cyrillic, Arabic and Hebrew (fonts-dejavu-core), then Han, kana and
# Hangul (fonts-noto-cjk), Hangul alone (fonts-nanum, a fifth of Noto CJK's size), and
# other common CJK packages. Fixed paths, not fontconfig's answer: the fonts a card is
# drawn with do not depend on a user's font settings. Absent files are skipped.
SYSTEM_FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
)
# A CJK font with every script is about 20 MB; a file much larger is not a font to draw a
# card with, and reading it would only cost memory.
MAX_FONT_BYTES = 64 * 1024 * 1024


def system_fonts() -> tuple[Path, ...]:
    """The SYSTEM_FONTS this machine has."""
    return tuple(Path(p) for p in SYSTEM_FONTS if Path(p).is_file())


def font_problem(root: Path, written: str) -> str | None:
    """Why the font file `written` (a card_fonts entry, relative to the desk's folder)
    cannot be used, or None when FreeType reads it.

    mkdocs.yml comes in pull requests, so the path must stay inside the desk (fonts then
    travel with its repository, and every build machine draws the same cards) and name a
    regular file: a FIFO would hang the build, a device would never end."""
    path = root / written
    try:
        inside = path.resolve().is_relative_to(root.resolve())
        mode = path.stat()
    except (OSError, RuntimeError, ValueError):
        return "there is no such file"
    if not inside:
        return "it is outside the knowledge base"
    if not stat.S_ISREG(mode.st_mode):
        return "it is not a regular file"
    if mode.st_size > MAX_FONT_BYTES:
        return f"it is over {MAX_FONT_BYTES // (1024 * 1024)} MB"
    if not os.access(path, os.R_OK):
        return "it cannot be read"
    try:
        ImageFont.truetype(str(path), 12)
    except (OSError, ValueError):
        return "it is not a font FreeType can read (TrueType, OpenType or a collection)"
    return None


def desk_fonts(root: Path | None, written: tuple[str, ...]) -> tuple[Path, ...]:
    """The desk's card fonts that can be used, in the order the settings name them."""
    if root is None:
        return ()
    return tuple(root / w for w in written if font_problem(root, w) is None)
