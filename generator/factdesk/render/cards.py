"""Share cards: a 1200 x 630 PNG per claim (Open Graph / Twitter), and one for the site.

A card shows the claim, who made it and the verdict graphic. The verdict is redrawn with
Pillow from the same `Verdict` the page's SVG comes from (the meter position, or the
icon's shape with its glyph, and the label), not rasterised from the SVG, which would need
a browser or a C SVG library.

Fonts: Pillow's own scalable font (`ImageFont.load_default(size)`, Pillow >= 10.1) ships in
the wheel, so a desk needs no system fonts; it covers Latin only. Each character Pillow's
font lacks is drawn with the first font that has it: the desk's `card_fonts`, then the
fonts Debian's packages put at known paths (records/fonts.py: DejaVu for Greek, Cyrillic,
Arabic, Hebrew; Noto CJK or Nanum for Han, kana, Hangul). A character that no available
font can draw is left off the card rather than drawn as an empty box: the card still
carries the verdict and the site's name, and the page's `og:title` carries the words.

Drawing 10,000 cards takes minutes, so each is cached by content (`CardCache`): an
unchanged claim's card is read back, never drawn again.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import asdict, dataclass, field
from gettext import NullTranslations
from pathlib import Path

import PIL
from PIL import Image, ImageColor, ImageDraw, ImageFont, features

from factdesk.kb import KnowledgeBase
from factdesk.records.fonts import desk_fonts, system_fonts
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
from factdesk.workers import map_chunks

WIDTH, TALL = 1200, 630  # the size Open Graph and Twitter's large card ask for
# Raise when the drawing changes: every cached card is then drawn again.
DRAWING_VERSION = "4"
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
    # The font files tried after Pillow's own, in order (`card_fonts`).
    fonts: tuple[str, ...] = field(default_factory=lambda: machine_fonts())

    @property
    def claimed_by(self) -> str:
        """Who made the claim, in the claim's own language: the card shows the claim as
        made, so its few words around it are in that language too (render/i18n.py)."""
        return words(self.language).gettext("Claimed by {claimant}").format(claimant=self.claimant)

    def key(self) -> str:
        shown = json.dumps(
            {**asdict(self), "claimed_by": self.claimed_by}, sort_keys=True, ensure_ascii=False
        )
        made_by = "\n".join([DRAWING_VERSION, *_drawing_environment(), *fonts_id(self.fonts)])
        return hashlib.blake2b(f"{made_by}\n{shown}".encode(), digest_size=20).hexdigest()


@functools.cache
def _drawing_environment() -> tuple[str, ...]:
    """What else changes the pixels: Pillow's version and its text layout libraries (the
    fonts are in the key by content, `fonts_id`)."""
    libs = [f"{name}={features.version(name)}" for name in ("freetype2", "raqm", "fribidi")]
    return (PIL.__version__, *libs)


# --- fonts -------------------------------------------------------------------------------

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont
BUILT_IN = ""  # in a font chain: Pillow's own font, which every chain starts with


def machine_fonts() -> tuple[str, ...]:
    """The fallback fonts this machine has (records/fonts.py's SYSTEM_FONTS present)."""
    return tuple(str(p) for p in system_fonts())


def card_fonts(kb: KnowledgeBase) -> tuple[str, ...]:
    """The fonts the desk's cards are drawn with after Pillow's own: the desk's
    `card_fonts` that can be used, then the machine's."""
    own = desk_fonts(kb.root, kb.settings.card_fonts)
    return (*(str(p) for p in own), *machine_fonts())


@functools.cache
def _font(path: str, size: int) -> Font:
    if path == BUILT_IN:
        return ImageFont.load_default(size=size)
    return ImageFont.truetype(path, size)


def _mask(path: str, char: str) -> tuple[tuple[int, int, int, int] | None, bytes]:
    mask = _font(path, 32).getmask(char)
    return mask.getbbox(), bytes(mask)


@functools.cache
def _has_glyph(path: str, char: str) -> bool:
    """Whether font `path` draws `char` (anything but its "missing glyph" box)."""
    return char.isspace() or _mask(path, char) != _mask(path, _NO_GLYPH)


@functools.cache  # asked for every character of every card: a few thousand answers
def _font_of(char: str, fonts: tuple[str, ...]) -> str | None:
    """The first font of the chain (Pillow's own, then `fonts`) that has `char`."""
    return next((p for p in (BUILT_IN, *fonts) if _has_glyph(p, char)), None)


def runs(text: str, fonts: tuple[str, ...]) -> list[tuple[str, str]]:
    """`text` cut into runs of characters that one font draws: (font path, run). Each
    character goes to the first font that has it, so a Korean name in a Latin sentence
    is drawn in a Hangul font and the rest in Pillow's. A character no font has is left
    out rather than drawn as an empty box."""
    out: list[tuple[str, str]] = []
    for char in text:
        path = _font_of(char, fonts)
        if path is None:
            continue
        if out and out[-1][0] == path:
            out[-1] = (path, out[-1][1] + char)
        else:
            out.append((path, char))
    return out


def drawable(text: str, fonts: tuple[str, ...]) -> bool:
    """Whether any visible character of `text` can be drawn."""
    return any(run.strip() for _, run in runs(text, fonts))


def text_length(text: str, size: int, fonts: tuple[str, ...]) -> float:
    return sum(_font(path, size).getlength(run) for path, run in runs(text, fonts))


def _ascent(size: int) -> int:
    """Where the baseline sits below a line's top: Pillow's own font's ascent, so every
    font of a line shares one baseline."""
    font = _font(BUILT_IN, size)
    return font.getmetrics()[0] if isinstance(font, ImageFont.FreeTypeFont) else size


def draw_text(
    pen: ImageDraw.ImageDraw,
    at: tuple[float, float],
    text: str,
    size: int,
    fonts: tuple[str, ...],
    fill: str,
    stroke: int = 0,
) -> None:
    """One line whose top-left is `at`, run by run, each in the font that has it."""
    x, baseline = at[0], at[1] + _ascent(size)
    for path, run in runs(text, fonts):
        font = _font(path, size)
        pen.text(
            (x, baseline),
            run,
            font=font,
            fill=fill,
            anchor="ls",
            stroke_width=stroke,
            stroke_fill=fill,
        )
        x += font.getlength(run)


@functools.cache
def _font_digest(path: str, size: int, mtime: int) -> str:
    """A font file's content hash (read once per version of the file)."""
    return hashlib.blake2b(Path(path).read_bytes(), digest_size=12).hexdigest()


def fonts_id(fonts: tuple[str, ...]) -> list[str]:
    """Each font of a chain by path and content, for the cache key: a font installed,
    updated or named in the settings draws the cards again."""
    out = []
    for path in fonts:
        try:
            info = Path(path).stat()
            out.append(f"{path}={_font_digest(path, info.st_size, info.st_mtime_ns)}")
        except OSError:
            out.append(f"{path}=missing")
    return out


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


Measure = Callable[[str], float]


def wrap(text: str, measure: Measure, width: int, lines: int) -> list[str]:
    """`text` in at most `lines` lines of at most `width` pixels as `measure` counts them;
    an ellipsis ends the last line when the text goes on."""
    out: list[str] = []
    line = ""
    for piece in _pieces(" ".join(text.split())):
        if line and measure(line + piece.rstrip()) > width:
            out.append(line.rstrip())
            line = ""
            if len(out) == lines:
                return _ellipsis(out, measure, width)
        line += piece
        while measure(line.rstrip()) > width and len(line) > 1:  # one very long word
            cut = _fitting(line, measure, width)
            out.append(line[:cut])
            line = line[cut:]
            if len(out) == lines:
                return _ellipsis(out, measure, width)
    if line.strip():
        out.append(line.rstrip())
    return out


def _fitting(text: str, measure: Measure, width: int) -> int:
    cut = len(text)
    while cut > 1 and measure(text[:cut]) > width:
        cut -= 1
    return cut


def _ellipsis(lines: list[str], measure: Measure, width: int) -> list[str]:
    last = lines[-1]
    while last and measure(last + "…") > width:
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
def _shapes(v: Verdict, fonts: tuple[str, ...]) -> tuple[Image.Image, int]:
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
        _draw_icon(pen, v, k, fonts)
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


def _draw_icon(pen: ImageDraw.ImageDraw, v: Verdict, k: int, fonts: tuple[str, ...]) -> None:
    icon = v.icon or unknown_verdict(v.key).icon
    assert icon is not None
    points = icon_polygon(icon)
    if points is None:
        pen.ellipse((2 * k, 2 * k, 26 * k, 26 * k), fill=v.color, outline=INK, width=int(1.5 * k))
    else:
        scaled = [((px + 2) * k, (py + 2) * k) for px, py in points]
        pen.polygon(scaled, fill=v.color, outline=INK, width=int(1.5 * k))
    glyph_font = _font_of(icon.glyph, fonts)
    if glyph_font is not None:
        centre = ((ICON_W / 2 + 2) * k, (HEIGHT / 2 + 2) * k)
        font = _font(glyph_font, 15 * k)
        pen.text(centre, icon.glyph, font=font, fill=text_color(v.color), anchor="mm")


def _draw_verdict(
    card: Image.Image, v: Verdict, left: int, top: int, fonts: tuple[str, ...]
) -> None:
    shapes, width = _shapes(v, fonts)
    card.paste(shapes, (left - SCALE, top - SCALE), shapes)
    size = 54
    middle = top + HEIGHT * SCALE // 2
    # A stroke of the text's own colour: Pillow's built-in font has one weight.
    at = (left + width + 28, middle - _middle(size))
    draw_text(ImageDraw.Draw(card), at, v.label, size, fonts, INK, stroke=1)


def _middle(size: int) -> int:
    """From a line's top to the middle of its text (what anchor "lm" centres on)."""
    font = _font(BUILT_IN, size)
    if not isinstance(font, ImageFont.FreeTypeFont):
        return size // 2
    ascent, descent = font.getmetrics()
    return (ascent + descent) // 2


# --- the card ----------------------------------------------------------------------------


def draw_card(card: Card) -> bytes:
    """The card as PNG bytes: the same Card gives the same bytes."""
    image = Image.new("RGB", (WIDTH, TALL), PAPER)
    pen = ImageDraw.Draw(image)
    color = card.verdict.color if card.verdict else SITE_COLOR
    pen.rectangle((0, 0, BAND - 1, TALL), fill=color)
    _text(pen, card.site, 30, (MARGIN, 52), GREY, card.fonts)
    if card.verdict is None:
        _text(pen, "Fact-checks", 72, (MARGIN, 250), INK, card.fonts)
    else:
        _claim(pen, card)
        top = TALL - MARGIN - HEIGHT * SCALE
        _draw_verdict(image, card.verdict, MARGIN, top, card.fonts)
    out = io.BytesIO()
    # 256 colours hold every shade a card has (each ink faded into the paper), and the
    # file is a third of full colour's. Mapping onto a palette known in advance takes a
    # millisecond where an adaptive one took 30. No metadata, no time: two builds give
    # the same bytes.
    flat = image.quantize(palette=_palette(color), dither=Image.Dither.NONE)
    # zlib's level 3: a card is drawn in 7.5 ms instead of 10 (the level-6 encoding took
    # 4.4 ms of them) and is 21 KB instead of 17: a first build of 50,000 claims draws
    # every card, and the few kilobytes only reach the sites a link is shared on.
    flat.save(out, "PNG", compress_level=3)
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


def _measure(size: int, fonts: tuple[str, ...]) -> Measure:
    return functools.partial(text_length, size=size, fonts=fonts)


def _text(
    pen: ImageDraw.ImageDraw,
    text: str,
    size: int,
    at: tuple[int, int],
    fill: str,
    fonts: tuple[str, ...],
) -> int:
    """One line of text, cut to fit; returns the y below it (unchanged if not drawable)."""
    if not drawable(text, fonts):
        return at[1]
    line = wrap(text, _measure(size, fonts), WIDTH - MARGIN * 2, 1)
    draw_text(pen, at, line[0] if line else "", size, fonts, fill)
    return at[1] + size + 16


def _claim(pen: ImageDraw.ImageDraw, card: Card) -> None:
    y = 128
    if drawable(card.claim, card.fonts):
        measure = _measure(CLAIM_SIZE, card.fonts)
        for line in wrap(f"“{card.claim}”", measure, WIDTH - MARGIN * 2, CLAIM_LINES):
            draw_text(pen, (MARGIN, y), line, CLAIM_SIZE, card.fonts, INK)
            y += CLAIM_LEADING
        y += 12
    if drawable(card.claimant, card.fonts):  # never "Claimed by" and nothing
        _text(pen, card.claimed_by, 34, (MARGIN, y), GREY, card.fonts)


# --- cards for a knowledge base ----------------------------------------------------------


def verdict_of(settings: Settings, key: str, words: NullTranslations | None = None) -> Verdict:
    """The Verdict of `key` on the scale in `settings`; `words`: its accessible name's
    language (render/i18n.py)."""
    known = verdicts(settings, words)
    steps = sum(1 for v in known.values() if v.position is not None)
    return known.get(key) or unknown_verdict(key, steps, words)


def claim_card(settings: Settings, claim: Claim, fonts: tuple[str, ...] | None = None) -> Card:
    """A claim's card, drawn with `fonts` after Pillow's own (the machine's by default);
    its words and verdict in the claim's language."""
    scale = localized_settings(settings, claim.language)
    return Card(
        settings.site_name,
        claim.claim,
        claim.claimant.name,
        claim.language,
        verdict_of(scale, claim.rating_key, words(claim.language)),
        machine_fonts() if fonts is None else fonts,
    )


def site_card(settings: Settings, fonts: tuple[str, ...] | None = None) -> Card:
    return Card(settings.site_name, "", "", "", None, machine_fonts() if fonts is None else fonts)


class CardCache:
    """Cards by content in a folder (`.cache/factdesk/cards/<key>.png`); `drawn` counts
    the cards this cache had to draw. Without a folder every card is drawn."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.drawn = 0

    def _path(self, key: str) -> Path | None:
        return self.folder / f"{key}.png" if self.folder else None

    def cached(self, key: str) -> bytes | None:
        """The PNG of the card whose key is `key` from the folder, None when it has to be
        drawn."""
        path = self._path(key)
        if path is None:
            return None
        try:
            cached = path.read_bytes()
        except OSError:
            return None  # not cached yet (or unreadable): draw it
        return cached if cached.startswith(PNG_SIGNATURE) else None

    def keep(self, key: str, data: bytes) -> None:
        """A card just drawn, counted and stored for the next build."""
        self.drawn += 1
        path = self._path(key)
        if path is not None:
            self._store(path, data)

    def png(self, card: Card) -> bytes:
        key = card.key()
        found = self.cached(key)
        if found is not None:
            return found
        data = draw_card(card)
        self.keep(key, data)
        return data

    def keep_only(self, keys: Collection[str]) -> int:
        """Remove every cached card whose key is not in `keys` (the cards of the desk as
        it is): a cache carried from build to build (a deploy's) keeps only what the next
        build can use. How many were removed."""
        if self.folder is None:
            return 0
        removed = 0
        try:
            for path in self.folder.iterdir():
                if path.suffix in {".png", ".part"} and path.stem not in keys:
                    path.unlink(missing_ok=True)
                    removed += 1
        except OSError:
            pass  # a cache that cannot be tidied only takes room
        return removed

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


# Drawing a card takes about 10 ms (text shaping and measuring, PNG compression): a
# first build of 10,000 claims spends minutes on them, so the cards not in the cache
# are drawn on every core when the caller allows it (a build from the command line).
PARALLEL_CARDS_FROM = 200
CARDS_PER_CHUNK = 50


def _draw_cards(cards: list[Card]) -> list[bytes]:
    return [draw_card(card) for card in cards]


def render_cards(
    kb: KnowledgeBase,
    cache: CardCache | None = None,
    only: Collection[str] | None = None,
    *,
    parallel: bool = False,
) -> dict[str, bytes]:
    """Site path → PNG of every published claim's card (or those in `only`) and the
    site's card. `parallel`: draw the missing cards in forked processes (never inside a
    threaded server)."""
    cache = cache or cache_for(kb)
    keyed = _keyed_cards(kb, only)
    found = _from_cache(keyed, cache)
    # Cards that look the same (the same words and verdict) are drawn once.
    missing = {d.key: d for d in found.values() if isinstance(d, Drawing)}
    drawn = map_chunks(
        _draw_cards,
        [d.card for d in missing.values()],
        parallel=parallel,
        min_items=PARALLEL_CARDS_FROM,
        chunk_size=CARDS_PER_CHUNK,
    )
    by_key = {key: d.keep(data) for (key, d), data in zip(missing.items(), drawn, strict=True)}
    if only is None:  # every card of the desk: the others are no card's any more
        cache.keep_only({key for _, key in keyed.values()})
    return {path: d if isinstance(d, bytes) else by_key[d.key] for path, d in found.items()}


@dataclass(frozen=True)
class Drawing:
    """A card not in the cache yet: called, it draws the card and keeps it there."""

    card: Card
    key: str
    cache: CardCache

    def keep(self, data: bytes) -> bytes:
        self.cache.keep(self.key, data)
        return data

    def __call__(self) -> bytes:
        return self.keep(draw_card(self.card))


def render_cards_later(
    kb: KnowledgeBase, cache: CardCache | None = None
) -> dict[str, bytes | Drawing]:
    """`render_cards`' cards, each one not in the cache as the `Drawing` that draws it:
    `serve` shows a large desk's pages first and draws its cards behind them (drawing
    10,000 takes two minutes on one core). Cards that look the same share one Drawing."""
    return _from_cache(_keyed_cards(kb, None), cache or cache_for(kb))


def _keyed_cards(kb: KnowledgeBase, only: Collection[str] | None) -> dict[str, tuple[Card, str]]:
    """Site path → each wanted card and its cache key (a hash of everything it shows,
    and its fonts' stats: made once per card)."""
    fonts = card_fonts(kb)
    wanted = {urls.SITE_CARD: site_card(kb.settings, fonts)}
    for claim in kb.published:
        if only is None or claim.id in only:
            wanted[urls.card(claim.id)] = claim_card(kb.settings, claim, fonts)
    return {path: (card, card.key()) for path, card in wanted.items()}


def _from_cache(keyed: dict[str, tuple[Card, str]], cache: CardCache) -> dict[str, bytes | Drawing]:
    drawings: dict[str, Drawing] = {}
    out: dict[str, bytes | Drawing] = {}
    for path, (card, key) in keyed.items():
        data = cache.cached(key)
        out[path] = (
            data if data is not None else drawings.setdefault(key, Drawing(card, key, cache))
        )
    return out
