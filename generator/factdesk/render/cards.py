"""Share cards: a 1200 x 630 PNG per claim (Open Graph / Twitter), and one for the site.

A card shows the claim, who made it and the verdict graphic. The verdict is redrawn with
Pillow from the same `Verdict` the page's SVG comes from (the meter position, or the
icon's shape with its glyph, and the label), not rasterised from the SVG, which would need
a browser or a C SVG library.

Fonts: Pillow's own scalable font (`ImageFont.load_default(size)`, Pillow >= 10.1) ships in
the wheel, so a desk needs no system fonts; it covers Latin only. Fonts that Debian
packages put at known paths (DejaVu: Greek, Cyrillic, Arabic, Hebrew; Noto CJK: Han,
kana, Hangul) are used for text the built-in font lacks. Text that no available font can
draw is left off the card rather than drawn as empty boxes: the card still carries the
verdict and the site's name, and the page's `og:title` carries the words.

Drawing 10,000 cards takes minutes, so each is cached by content (`CardCache`): an
unchanged claim's card is read back, never drawn again.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from gettext import NullTranslations
from pathlib import Path

import PIL
from PIL import Image, ImageColor, ImageDraw, ImageFont, features

from factdesk.kb import KnowledgeBase
from factdesk.records.models import Claim
from factdesk.records.settings import Settings
from factdesk.render import urls
from factdesk.render.i18n import localized_settings, words
from factdesk.render.text import text_color
from factdesk.render.verdict import (
    HEIGHT,
    ICON_W,
    SEGMENT_GAP,
    SEGMENT_W,
    Icon,
    Verdict,
    unknown_verdict,
    verdicts,
)

WIDTH, TALL = 1200, 630  # the size Open Graph and Twitter's large card ask for
# Raise when the drawing changes: every cached card is then drawn again.
DRAWING_VERSION = "2"
# Under the desk's `.cache/factdesk/` (check/cache.py's CACHE_DIR; a test keeps them one).
CACHE_FOLDER = ".cache/factdesk/cards"

MARGIN = 72
BAND = 24  # the rating's colour down the left edge (the label and shape say it too)
INK, GREY, PAPER = "#1a1a1a", "#555555", "#ffffff"
OUTLINE = "#8a8a8a"  # the meter's empty segments
SITE_COLOR = "#546e7a"  # the site card's band
SCALE = 3  # the verdict graphic at three times its size on the page
SUPERSAMPLE = 4  # shapes drawn larger and scaled down: Pillow's polygons have no anti-aliasing
CLAIM_SIZE, CLAIM_LINES, CLAIM_LEADING = 50, 4, 64
# Fonts Debian's packages install (fonts-dejavu-core, fonts-noto-cjk), tried in order for
# text Pillow's built-in font cannot draw. Absent files are skipped.
SYSTEM_FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# A code point no font has a glyph for: what "missing" looks like in each font.
_NO_GLYPH = "\U0010fffd"


@dataclass(frozen=True)
class Card:
    """Everything a card shows; its hash is the card's cache key."""

    site: str
    claim: str
    claimant: str
    language: str
    verdict: Verdict | None  # None: the site's own card

    @property
    def claimed_by(self) -> str:
        """Who made the claim, in the claim's own language: the card shows the claim as
        made, so its few words around it are in that language too (render/i18n.py)."""
        return words(self.language).gettext("Claimed by {claimant}").format(claimant=self.claimant)

    def key(self) -> str:
        shown = json.dumps(
            {**asdict(self), "claimed_by": self.claimed_by}, sort_keys=True, ensure_ascii=False
        )
        made_by = "\n".join([DRAWING_VERSION, *_drawing_environment()])
        return hashlib.blake2b(f"{made_by}\n{shown}".encode(), digest_size=20).hexdigest()


@functools.cache
def _drawing_environment() -> tuple[str, ...]:
    """What else changes the pixels: Pillow's version, its text layout libraries, and which
    fallback fonts this machine has (by size, so an updated font draws the cards again)."""
    libs = [f"{name}={features.version(name)}" for name in ("freetype2", "raqm", "fribidi")]
    fonts = [f"{p}={Path(p).stat().st_size}" for p in SYSTEM_FONTS if Path(p).is_file()]
    return (PIL.__version__, *libs, *fonts)


# --- fonts -------------------------------------------------------------------------------


@functools.cache
def _font(index: int, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    if index == 0:
        return ImageFont.load_default(size=size)
    return ImageFont.truetype(_system_fonts()[index - 1], size)


@functools.cache
def _system_fonts() -> tuple[str, ...]:
    return tuple(p for p in SYSTEM_FONTS if Path(p).is_file())


def _mask(index: int, char: str) -> tuple[tuple[int, int, int, int] | None, bytes]:
    mask = _font(index, 32).getmask(char)
    return mask.getbbox(), bytes(mask)


@functools.cache
def _has_glyph(index: int, char: str) -> bool:
    """Whether font `index` draws `char` (anything but its "missing glyph" box)."""
    return char.isspace() or _mask(index, char) != _mask(index, _NO_GLYPH)


def font_for(text: str, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont | None:
    """The first font that can draw every character of `text`, or None."""
    for index in range(1 + len(_system_fonts())):
        if all(_has_glyph(index, ch) for ch in set(text)):
            return _font(index, size)
    return None


# --- text layout -------------------------------------------------------------------------

_SPACED = re.compile(r"\S+\s*")


def _pieces(text: str) -> Iterator[str]:
    """Words with their trailing space; scripts written without spaces go a character
    at a time, so a line can break anywhere in them."""
    for word in _SPACED.findall(text):
        if len(word) > 1 and any(ord(ch) >= 0x2E80 for ch in word):
            yield from word
        else:
            yield word


def wrap(
    text: str, font: ImageFont.FreeTypeFont | ImageFont.ImageFont, width: int, lines: int
) -> list[str]:
    """`text` in at most `lines` lines of at most `width` pixels; an ellipsis ends the last
    line when the text goes on."""
    out: list[str] = []
    line = ""
    for piece in _pieces(" ".join(text.split())):
        if line and font.getlength(line + piece.rstrip()) > width:
            out.append(line.rstrip())
            line = ""
            if len(out) == lines:
                return _ellipsis(out, font, width)
        line += piece
        while font.getlength(line.rstrip()) > width and len(line) > 1:  # one very long word
            cut = _fitting(line, font, width)
            out.append(line[:cut])
            line = line[cut:]
            if len(out) == lines:
                return _ellipsis(out, font, width)
    if line.strip():
        out.append(line.rstrip())
    return out


def _fitting(text: str, font: ImageFont.FreeTypeFont | ImageFont.ImageFont, width: int) -> int:
    cut = len(text)
    while cut > 1 and font.getlength(text[:cut]) > width:
        cut -= 1
    return cut


def _ellipsis(
    lines: list[str], font: ImageFont.FreeTypeFont | ImageFont.ImageFont, width: int
) -> list[str]:
    last = lines[-1]
    while last and font.getlength(last + "…") > width:
        last = last[:-1]
    return [*lines[:-1], last.rstrip() + "…"]


# --- the verdict graphic -----------------------------------------------------------------

_PATH = re.compile(r"([MLHVZ])\s*([-\d.\s]*)")


def icon_polygon(icon: Icon) -> list[tuple[float, float]] | None:
    """The icon's outline as points, read from its SVG path (M, L, H, V, Z); None for a
    path with arcs (the circle), which is drawn as an ellipse in the same box."""
    if "A" in icon.outline:
        return None
    points: list[tuple[float, float]] = []
    x = y = 0.0
    for command, args in _PATH.findall(icon.outline):
        numbers = [float(n) for n in args.split()]
        if command in "ML":
            x, y = numbers[0], numbers[1]
        elif command == "H":
            x = numbers[0]
        elif command == "V":
            y = numbers[0]
        else:
            continue
        points.append((x, y))
    return points


@functools.cache  # a handful of ratings, thousands of cards
def _shapes(v: Verdict) -> tuple[Image.Image, int]:
    """The meter or icon of `v`, drawn large and scaled to SCALE: (RGBA image, width)."""
    k = SCALE * SUPERSAMPLE
    if v.position is not None:
        drawn = v.steps * (SEGMENT_W + SEGMENT_GAP) - SEGMENT_GAP
    else:
        drawn = ICON_W + 2
    big = Image.new("RGBA", ((drawn + 2) * k, (HEIGHT + 2) * k), (0, 0, 0, 0))
    pen = ImageDraw.Draw(big)
    if v.position is not None:
        _draw_meter(pen, v, k)
    else:
        _draw_icon(pen, v, k)
    small = big.resize(((drawn + 2) * SCALE, (HEIGHT + 2) * SCALE), Image.Resampling.LANCZOS)
    return small, drawn * SCALE


def _draw_meter(pen: ImageDraw.ImageDraw, v: Verdict, k: int) -> None:
    for step in range(1, v.steps + 1):
        x = (step - 1) * (SEGMENT_W + SEGMENT_GAP) + 1
        if step == v.position:
            box = (x * k, 2 * k, (x + SEGMENT_W) * k, (HEIGHT - 0) * k)
            pen.rounded_rectangle(box, 2 * k, fill=v.color, outline=INK, width=int(1.5 * k))
        else:
            box = ((x + 1) * k, 9 * k, (x + SEGMENT_W - 1) * k, 21 * k)
            pen.rounded_rectangle(box, 2 * k, outline=OUTLINE, width=int(1.5 * k))


def _draw_icon(pen: ImageDraw.ImageDraw, v: Verdict, k: int) -> None:
    icon = v.icon or unknown_verdict(v.key).icon
    assert icon is not None
    points = icon_polygon(icon)
    if points is None:
        pen.ellipse((2 * k, 2 * k, 26 * k, 26 * k), fill=v.color, outline=INK, width=int(1.5 * k))
    else:
        scaled = [((px + 2) * k, (py + 2) * k) for px, py in points]
        pen.polygon(scaled, fill=v.color, outline=INK, width=int(1.5 * k))
    glyph_font = font_for(icon.glyph, 15 * k)
    if glyph_font is not None:
        centre = ((ICON_W / 2 + 2) * k, (HEIGHT / 2 + 2) * k)
        pen.text(centre, icon.glyph, font=glyph_font, fill=text_color(v.color), anchor="mm")


def _draw_verdict(card: Image.Image, v: Verdict, left: int, top: int) -> None:
    shapes, width = _shapes(v)
    card.paste(shapes, (left - SCALE, top - SCALE), shapes)
    font = font_for(v.label, 54)
    if font is not None:
        pen = ImageDraw.Draw(card)
        middle = top + HEIGHT * SCALE // 2
        # A stroke of the text's own colour: Pillow's built-in font has one weight.
        pen.text(
            (left + width + 28, middle),
            v.label,
            font=font,
            fill=INK,
            anchor="lm",
            stroke_width=1,
            stroke_fill=INK,
        )


# --- the card ----------------------------------------------------------------------------


def draw_card(card: Card) -> bytes:
    """The card as PNG bytes: the same Card gives the same bytes."""
    image = Image.new("RGB", (WIDTH, TALL), PAPER)
    pen = ImageDraw.Draw(image)
    color = card.verdict.color if card.verdict else SITE_COLOR
    pen.rectangle((0, 0, BAND - 1, TALL), fill=color)
    _text(pen, card.site, 30, (MARGIN, 52), GREY)
    if card.verdict is None:
        _text(pen, "Fact-checks", 72, (MARGIN, 250), INK)
    else:
        _claim(pen, card)
        _draw_verdict(image, card.verdict, MARGIN, TALL - MARGIN - HEIGHT * SCALE)
    out = io.BytesIO()
    # 256 colours hold every shade a card has (each ink faded into the paper), and the
    # file is a third of full colour's. Mapping onto a palette known in advance takes a
    # millisecond where an adaptive one took 30. No metadata, no time: two builds give
    # the same bytes.
    flat = image.quantize(palette=_palette(color), dither=Image.Dither.NONE)
    flat.save(out, "PNG", compress_level=6)
    return out.getvalue()


@functools.cache
def _palette(color: str) -> Image.Image:
    """Each colour a card draws with, faded into the paper (anti-aliased edges), and the
    rating's colour faded into the outline's ink."""
    inks = [INK, GREY, OUTLINE, color, text_color(color)]
    rgb = [ImageColor.getrgb(PAPER), *(ImageColor.getrgb(c) for c in inks)]
    paper, *rest = rgb
    # Pillow maps onto a palette through buckets of 8 levels a channel: no entry may sit
    # that close to the paper, or the paper itself would come out tinted. So the fades
    # start a tenth of the way in (fainter edge pixels become paper).
    steps = 47
    colours = [paper]
    colours += [_mix(paper, ink, 0.1 + 0.9 * i / (steps - 1)) for ink in rest for i in range(steps)]
    colours += [_mix(rgb[4], rgb[1], i / 15) for i in range(16)]
    flat = [channel for colour in colours[:256] for channel in colour]
    palette = Image.new("P", (1, 1))
    palette.putpalette(flat + flat[:3] * (256 - len(flat) // 3))
    return palette


def _mix(a: tuple[int, ...], b: tuple[int, ...], share: float) -> tuple[int, int, int]:
    r, g, bl = (round(x + (y - x) * share) for x, y in zip(a[:3], b[:3], strict=True))
    return r, g, bl


def _text(pen: ImageDraw.ImageDraw, text: str, size: int, at: tuple[int, int], fill: str) -> int:
    """One line of text, cut to fit; returns the y below it (unchanged if not drawable)."""
    font = font_for(text, size)
    if font is None:
        return at[1]
    line = wrap(text, font, WIDTH - MARGIN * 2, 1)
    pen.text(at, line[0] if line else "", font=font, fill=fill)
    return at[1] + size + 16


def _claim(pen: ImageDraw.ImageDraw, card: Card) -> None:
    font = font_for(f"“{card.claim}”", CLAIM_SIZE)
    y = 128
    if font is not None:
        lines = wrap(f"“{card.claim}”", font, WIDTH - MARGIN * 2, CLAIM_LINES)
        for line in lines:
            pen.text((MARGIN, y), line, font=font, fill=INK)
            y += CLAIM_LEADING
        y += 12
    _text(pen, card.claimed_by, 34, (MARGIN, y), GREY)


# --- cards for a knowledge base ----------------------------------------------------------


def verdict_of(settings: Settings, key: str, words: NullTranslations | None = None) -> Verdict:
    """The Verdict of `key` on the scale in `settings`; `words`: its accessible name's
    language (render/i18n.py)."""
    known = verdicts(settings, words)
    steps = sum(1 for v in known.values() if v.position is not None)
    return known.get(key) or unknown_verdict(key, steps, words)


def claim_card(settings: Settings, claim: Claim) -> Card:
    """A claim's card, its words and verdict in the claim's language."""
    scale = localized_settings(settings, claim.language)
    return Card(
        settings.site_name,
        claim.claim,
        claim.claimant.name,
        claim.language,
        verdict_of(scale, claim.rating_key, words(claim.language)),
    )


def site_card(settings: Settings) -> Card:
    return Card(settings.site_name, "", "", "", None)


class CardCache:
    """Cards by content in a folder (`.cache/factdesk/cards/<key>.png`); `drawn` counts
    the cards this cache had to draw. Without a folder every card is drawn."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.drawn = 0

    def png(self, card: Card) -> bytes:
        path = self.folder / f"{card.key()}.png" if self.folder else None
        if path is not None:
            try:
                cached = path.read_bytes()
            except OSError:
                cached = b""  # not cached yet (or unreadable): draw it
            if cached.startswith(PNG_SIGNATURE):
                return cached
        data = draw_card(card)
        self.drawn += 1
        if path is not None:
            self._store(path, data)
        return data

    @staticmethod
    def _store(path: Path, data: bytes) -> None:
        """Write through a temporary name, so a build that stops halfway never leaves a
        truncated card under a good key; a cache that cannot be written is only slower."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(".part")
            partial.write_bytes(data)
            partial.replace(path)
        except OSError:
            pass


def cache_for(kb: KnowledgeBase) -> CardCache:
    return CardCache(kb.root / CACHE_FOLDER if kb.root is not None else None)


def render_cards(kb: KnowledgeBase, cache: CardCache | None = None) -> dict[str, bytes]:
    """Site path → PNG of every published claim's card and the site's card."""
    cache = cache or cache_for(kb)
    out = {urls.SITE_CARD: cache.png(site_card(kb.settings))}
    for claim in kb.published:
        out[urls.card(claim.id)] = cache.png(claim_card(kb.settings, claim))
    return out
