"""Contributor Markdown → HTML that can carry no script, and what cleaning it removed.

The renderers show the HTML; `validate` reports what the sanitiser removed (FD111), so
nothing a contributor wrote disappears unseen. Both use this one module: checks and
renderers do not import each other.

Only Markdown makes structure. Raw HTML is text, shown as written (`If x<y and y>z` and
`<Jane Doe>` read as typed), except a few inline tags a contributor may write because
Markdown has no syntax for them (INLINE_HTML_TAGS: `<sup>`, `<abbr title>`…). nh3's
allow-list then cleans the result as before, so what reaches a page is never more than
ALLOWED_TAGS with ALLOWED_ATTRIBUTES and links to URL_SCHEMES.
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from typing import NamedTuple

import markdown
import nh3
from markdown.inlinepatterns import HtmlInlineProcessor

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
LINK_REL = "nofollow noopener noreferrer"
# Tags a contributor may write as HTML inside a paragraph; every other `<` is text.
INLINE_HTML_TAGS = (
    "a",
    "abbr",
    "b",
    "br",
    "code",
    "del",
    "em",
    "i",
    "q",
    "s",
    "strong",
    "sub",
    "sup",
)
# Attributes with a value only: in `a <b and c> d` the words are text, not a bold tag
# whose "attributes" the sanitiser would delete.
_ATTRIBUTE = r"""\s+[A-Za-z_:][-\w:.]*\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+)"""
_INLINE_TAG = rf"(</?(?:{'|'.join(INLINE_HTML_TAGS)})(?:{_ATTRIBUTE})*\s*/?>)"


def _parser() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")
    # Raw HTML blocks and inline HTML pass through python-markdown untouched, and nh3
    # then deleted what it did not allow, words and all: turn both off, and let only the
    # listed inline tags through (case-insensitively, as HTML is).
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.inlinePatterns.register(
        HtmlInlineProcessor(f"(?i){_INLINE_TAG}", md), "factdesk_inline_html", 90
    )
    return md


# One parser, reset per document: building a Markdown instance costs more than converting.
_MARKDOWN = _parser()


def to_html(source: str) -> str:
    """Markdown → HTML before sanitising, headings moved down two levels so they sit
    under the page's own sections."""
    html = _MARKDOWN.reset().convert(source)
    for level in (4, 3, 2, 1):
        html = html.replace(f"<h{level}>", f"<h{min(level + 2, 6)}>")
        html = html.replace(f"</h{level}>", f"</h{min(level + 2, 6)}>")
    return html


def clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
    )


def render_markdown(source: str) -> str:
    return clean(to_html(source))


class _Outline(HTMLParser):
    """The start tags (with attributes) and the text of an HTML fragment."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str]]]] = []
        self.text: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, [(name, value or "") for name, value in attrs]))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def words(self) -> str:
        return " ".join("".join(self.text).split())


class Removal(NamedTuple):
    what: str  # e.g. '<img> (src="x.png")' or 'href="javascript:alert(1)" on <a>'
    # Texts to look for in the Markdown source, most telling first, to say where it stands.
    needles: tuple[str, ...]


def _attributes(tags: list[tuple[str, list[tuple[str, str]]]]) -> Counter[tuple[str, str, str]]:
    return Counter((tag, name, value) for tag, attrs in tags for name, value in attrs)


def _removed_tags(before: _Outline, after: _Outline) -> list[Removal]:
    gone = Counter(tag for tag, _ in before.tags) - Counter(tag for tag, _ in after.tags)
    found = []
    for tag, attrs in before.tags:
        if gone[tag] > 0:
            gone[tag] -= 1
            shown = " ".join(f'{n}="{v}"' for n, v in attrs)
            values = tuple(v for n, v in attrs if n in ("src", "href") and v)
            found.append(Removal(f"<{tag}>" + (f" ({shown})" if shown else ""), (*values, "<")))
    return found


def _removed_attributes(before: _Outline, after: _Outline) -> list[Removal]:
    kept_tags = {tag for tag, _ in after.tags}
    gone = _attributes(before.tags) - _attributes(after.tags)
    return [
        Removal(
            f'{name}="{value}" on <{tag}>' if value else f"{name} on <{tag}>",
            (value, name) if value else (name,),
        )
        for (tag, name, value) in sorted(gone)
        if tag in kept_tags  # a removed tag is reported once, with its attributes
    ]


# Rendering costs about a millisecond per analysis, so `validate` renders only the
# analyses where the sanitiser could remove something. Conservative: an image, a tag with
# attributes, an autolink, or a link target that does not start with an allowed scheme
# means "render and compare"; plain text and https links mean "nothing to remove".
_MAYBE_REMOVED = re.compile(r"!\[|<[A-Za-z]+[\s:]")
_LINK_TARGET = re.compile(r"\]\s*[(:]")
_SAFE_TARGET = re.compile(r"\]\s*[(:]\s*(?:https?://|mailto:)")


def surely_clean(source: str) -> bool:
    if _MAYBE_REMOVED.search(source):
        return False
    return len(_LINK_TARGET.findall(source)) == len(_SAFE_TARGET.findall(source))


def removed_markup(source: str) -> list[Removal]:
    """What the sanitiser removes from this Markdown: tags, attributes, link targets."""
    return [] if surely_clean(source) else removed_by_rendering(source)


def removed_by_rendering(source: str) -> list[Removal]:
    """removed_markup without the quick path: render, clean, and compare."""
    html = to_html(source)
    before, after = _Outline(html), _Outline(clean(html))
    found = _removed_tags(before, after) + _removed_attributes(before, after)
    if before.words() != after.words():
        found.append(Removal("text inside removed markup", ("<",)))
    return found
