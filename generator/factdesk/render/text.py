"""Turning record values into reader-facing text: dates, numbers, colours, Markdown."""

from __future__ import annotations

import calendar

import markdown
import nh3

from factdesk.dates import PartialDate

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "del",
    "em",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "li",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "td": {"align"}, "th": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}
# One parser, reset per document: building a Markdown instance costs more than converting.
_MARKDOWN = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")


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


QUALIFIER_WORDS = {
    "exactly": "",
    "about": "about ",
    "over": "over ",
    "at-least": "at least ",
    "under": "under ",
    "close-to": "close to ",
}


def text_color(background: str) -> str:
    """Black or white, whichever reads better on a #rrggbb background (WCAG luminance)."""
    channels = [int(background[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return "#000000" if (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) else "#ffffff"


def render_markdown(source: str) -> str:
    """Contributor Markdown → HTML that can carry no script: rendered, then sanitised
    with an allow-list (no raw HTML survives unless harmless; links http, https, mailto).
    Headings move down two levels so they sit under the page's own sections."""
    html = _MARKDOWN.reset().convert(source)
    for level in (4, 3, 2, 1):
        html = html.replace(f"<h{level}>", f"<h{min(level + 2, 6)}>")
        html = html.replace(f"</h{level}>", f"</h{min(level + 2, 6)}>")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener noreferrer",
    )
