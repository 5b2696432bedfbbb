"""The verdict graphic: one small SVG per rating, drawn at build time from the scale.

A rating on the ordinal scale is drawn as a meter of N segments with its own segment
raised and filled, so its position reads without colour; a rating off the scale gets an
icon of its own shape with a glyph in it. Both carry the label as text and an accessible
name that says the same, so colour is never the only signal. Pages, lists, the browse
table and share cards all take the graphic from `verdict_svg`.
"""

from __future__ import annotations

from dataclasses import dataclass
from gettext import NullTranslations
from unicodedata import east_asian_width

from markupsafe import Markup, escape

from factdesk.records.settings import RatingDef, Settings
from factdesk.render.text import text_color

HEIGHT = 28  # the drawing's height in its own units; CSS sets the size on the page
SEGMENT_W, SEGMENT_GAP = 12, 3
ICON_W = 26
LABEL_GAP = 8
FONT_SIZE = 16
# Text width is not known at build time: a generous average for bold text keeps long
# labels inside the drawing (the viewBox only ever leaves a little room to the right).
CHAR_W = 0.58 * FONT_SIZE
# Hangul, kana and Han are drawn a full em wide: a Korean label measured as Latin text
# was cut off where the page draws the graphic from its <symbol> (the browse table).
WIDE_CHAR_W = 1.0 * FONT_SIZE
UNKNOWN_COLOR = "#616161"


@dataclass(frozen=True)
class Icon:
    """A shape that tells a rating off the scale apart from the others, and its glyph."""

    name: str
    outline: str  # an SVG path in a 26 x 26 box
    glyph: str


ICONS: tuple[Icon, ...] = (
    Icon("triangle", "M13 1 L25 25 L1 25 Z", "!"),
    Icon("square", "M2 2 H24 V24 H2 Z", "…"),
    Icon("circle", "M13 1 A12 12 0 1 1 12.99 1 Z", "?"),
    Icon("diamond", "M13 0 L26 13 L13 26 L0 13 Z", "~"),
    Icon("hexagon", "M7 2 H19 L25 13 L19 24 H7 L1 13 Z", "*"),
    Icon("octagon", "M8 1 H18 L25 8 V18 L18 25 H8 L1 18 V8 Z", "="),
)
# Ratings of the default scale get the icon that says what they mean; others the first
# icon no earlier rating took.
PREFERRED = {"misleading": "triangle", "missing-context": "square", "unproven": "circle"}
PREFERRED["satire"] = "diamond"


@dataclass(frozen=True)
class Verdict:
    """Everything a drawing of one rating needs, from the settings."""

    key: str
    label: str
    color: str
    position: int | None  # 1 = least true, on a scale of `steps`; None off the scale
    steps: int
    icon: Icon | None
    scale_ends: tuple[str, str]  # the least and most true ratings' labels
    accessible_name: str  # the label and its place on the scale, in the page's language


def accessible_name(
    label: str, position: int | None, steps: int, ends: tuple[str, str], words: NullTranslations
) -> str:
    """What a screen reader says for a verdict graphic: its label and where it sits."""
    if position is not None:
        least, most = ends
        return words.gettext(
            "Rating: {label}, {position} of {steps} on a scale from {least} to {most}"
        ).format(label=label, position=position, steps=steps, least=least, most=most)
    return words.gettext("Rating: {label}, not on the true-to-false scale").format(label=label)


def _ordinal(settings: Settings) -> list[RatingDef]:
    return sorted((r for r in settings.ratings if r.value is not None), key=lambda r: r.value or 0)


def verdicts(settings: Settings, words: NullTranslations | None = None) -> dict[str, Verdict]:
    """A Verdict for every rating of the scale, by key; `words`: the page's language
    (the scale's labels come translated in `settings`, render/i18n.py)."""
    words = words or NullTranslations()
    scale = _ordinal(settings)
    ends = (scale[0].label, scale[-1].label) if scale else ("", "")
    out: dict[str, Verdict] = {}
    for index, r in enumerate(scale, start=1):
        name = accessible_name(r.label, index, len(scale), ends, words)
        out[r.key] = Verdict(r.key, r.label, r.color, index, len(scale), None, ends, name)
    taken: set[str] = set()
    for r in (r for r in settings.ratings if r.value is None):
        icon = _icon_for(r.key, taken)
        taken.add(icon.name)
        name = accessible_name(r.label, None, len(scale), ends, words)
        out[r.key] = Verdict(r.key, r.label, r.color, None, len(scale), icon, ends, name)
    return {r.key: out[r.key] for r in settings.ratings}


def _icon_for(key: str, taken: set[str]) -> Icon:
    by_name = {i.name: i for i in ICONS}
    wanted = PREFERRED.get(key)
    if wanted and wanted not in taken:
        return by_name[wanted]
    free = [i for i in ICONS if i.name not in taken and i.name not in PREFERRED.values()]
    free = free or [i for i in ICONS if i.name not in taken] or list(ICONS)
    return free[0]


def unknown_verdict(key: str, steps: int = 0, words: NullTranslations | None = None) -> Verdict:
    """A rating the scale lacks (a draft's, or an old key): drawn, never crashing."""
    words = words or NullTranslations()
    name = accessible_name(key, None, steps, ("", ""), words)
    return Verdict(key, key, UNKNOWN_COLOR, None, steps, ICONS[2], ("", ""), name)


def _meter(v: Verdict) -> tuple[list[str], int]:
    parts: list[str] = []
    assert v.position is not None
    for step in range(1, v.steps + 1):
        x = (step - 1) * (SEGMENT_W + SEGMENT_GAP)
        if step == v.position:
            parts.append(
                f'<rect class="fd-verdict-mark" x="{x}" y="1" width="{SEGMENT_W}" '
                f'height="{HEIGHT - 2}" rx="2" fill="{v.color}" stroke="currentColor" '
                f'stroke-width="1.5"/>'
            )
        else:
            parts.append(
                f'<rect x="{x + 1}" y="8" width="{SEGMENT_W - 2}" height="12" rx="2" '
                f'fill="none" stroke="currentColor" stroke-opacity="0.55" stroke-width="1.5"/>'
            )
    return parts, v.steps * (SEGMENT_W + SEGMENT_GAP) - SEGMENT_GAP


def _icon(v: Verdict) -> tuple[list[str], int]:
    icon = v.icon or ICONS[2]
    return [
        f'<path class="fd-verdict-mark" d="{icon.outline}" transform="translate(1 1)" '
        f'fill="{v.color}" stroke="currentColor" stroke-width="1.5"/>',
        f'<text x="{ICON_W / 2 + 1:g}" y="{HEIGHT / 2 + 6:g}" text-anchor="middle" '
        f'font-size="15" font-weight="700" fill="{text_color(v.color)}">'
        f"{escape(icon.glyph)}</text>",
    ], ICON_W + 2


def label_width(label: str) -> float:
    """The label's drawn width, estimated: wide (East Asian) characters take an em."""
    return sum(WIDE_CHAR_W if east_asian_width(c) in "WF" else CHAR_W for c in label)


def _drawing(v: Verdict) -> tuple[str, int]:
    """The shapes and label of one rating's graphic, and its width."""
    shapes, drawn = _meter(v) if v.position is not None else _icon(v)
    text_x = drawn + LABEL_GAP
    width = round(text_x + label_width(v.label) + 4)
    # direction: the label starts at text_x on a right-to-left page too, where `start`
    # would otherwise be its right end and the label would cover the meter; an Arabic or
    # Hebrew label is still written right to left within it.
    label = (
        f'<text x="{text_x}" y="{HEIGHT / 2 + 6:g}" font-size="{FONT_SIZE}" '
        f'font-weight="700" fill="currentColor" direction="ltr">{escape(v.label)}</text>'
    )
    return "".join(shapes) + label, width


def _frame(v: Verdict, width: int, inner: str, css_class: str) -> Markup:
    name = escape(v.accessible_name)
    return Markup(
        f'<svg class="{escape(css_class)}" role="img" aria-label="{name}" '
        f'viewBox="0 0 {width} {HEIGHT}" width="{width}" height="{HEIGHT}" '
        f'data-rating="{escape(v.key)}" data-search-exclude="" data-pagefind-ignore="" '
        f'xmlns="http://www.w3.org/2000/svg">{inner}</svg>'
    )


def verdict_svg(v: Verdict, css_class: str = "fd-verdict-graphic") -> Markup:
    """The graphic for one rating, with its label, as inline SVG."""
    drawing, width = _drawing(v)
    return _frame(v, width, drawing, css_class)


def symbol_id(v: Verdict) -> str:
    return f"fd-verdict-{v.key}"


def verdict_symbol(v: Verdict) -> Markup:
    """The drawing as a <symbol>, once per page, for pages that show many verdicts."""
    drawing, width = _drawing(v)
    return Markup(
        f'<symbol id="{escape(symbol_id(v))}" viewBox="0 0 {width} {HEIGHT}">{drawing}</symbol>'
    )


def shapes_symbol(v: Verdict) -> tuple[Markup, int]:
    """The meter or icon alone (no label) as a <symbol>, and its width: for a sprite
    that search results draw from, where the label beside it is the page's text."""
    shapes, drawn = _meter(v) if v.position is not None else _icon(v)
    return Markup(
        f'<symbol id="{escape(symbol_id(v))}" viewBox="0 0 {drawn} {HEIGHT}">'
        f"{''.join(shapes)}</symbol>"
    ), drawn


def verdict_use(v: Verdict, css_class: str = "fd-verdict-graphic") -> Markup:
    """The same graphic as `verdict_svg`, drawn from the page's symbol: a 100-row table
    repeats a reference of ~0.3 KB instead of a 1 KB drawing per row."""
    _, width = _drawing(v)
    return _frame(v, width, f'<use href="#{escape(symbol_id(v))}"/>', css_class)


def rating_svg(settings: Settings, key: str) -> Markup:
    """The graphic for the rating `key` of the site's scale (share cards, embeds)."""
    known = verdicts(settings)
    return verdict_svg(known.get(key) or unknown_verdict(key, len(_ordinal(settings))))
