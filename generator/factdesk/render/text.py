"""Turning record values into reader-facing text: dates, numbers, colours, Markdown."""

from __future__ import annotations

import calendar
import re

from markupsafe import Markup, escape

from factdesk.records.dates import PartialDate

# Contributor Markdown → sanitised HTML lives beside the checks' view of it (FD111).
from factdesk.records.markup import ALLOWED_TAGS, render_markdown
from factdesk.records.vocab import QUALIFIERS

__all__ = [
    "ALLOWED_TAGS",
    "breakable_url",
    "human_date",
    "human_number",
    "qualifier_words",
    "render_markdown",
    "text_color",
]


def human_date(value: PartialDate | None) -> str:
    if value is None:
        return ""
    if not value.month:
        return str(value.year)
    month = calendar.month_name[value.month]
    return f"{value.day} {month} {value.year}" if value.day else f"{month} {value.year}"


def human_number(value: float) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}"


def qualifier_words(key: str) -> str:
    """The words before a figure ("over ", "about "). Records only hold keys of the
    vocabulary, so an unknown one is a bug: it fails loudly rather than vanish."""
    return QUALIFIERS[key]


def text_color(background: str) -> str:
    """Black or white, whichever reads better on a #rrggbb background (WCAG luminance)."""
    channels = [int(background[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return "#000000" if (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) else "#ffffff"


_URL_BREAKS = re.compile(r"(?<=[/?&=#])")


def breakable_url(url: str) -> Markup:
    """A web address shown as text, with a line-break opportunity after each / ? & = #:
    on a phone it wraps at its separators instead of running off the screen or being
    cut inside a word."""
    return Markup("<wbr>").join(escape(part) for part in _URL_BREAKS.split(url))
