"""Turning record values into reader-facing text: colours, Markdown, web addresses.
(Dates and numbers are in the reader's language: render/i18n.py.)"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

# Contributor Markdown → sanitised HTML lives beside the checks' view of it (FD111).
from factdesk.records.markup import ALLOWED_TAGS, render_markdown

__all__ = [
    "ALLOWED_TAGS",
    "breakable_url",
    "render_markdown",
    "text_color",
]


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
