"""Checks for rendered pages: nothing that runs (a tag and attribute allow-list), and the
text a reader sees. Shared by the hostile corpus, the naughty strings and the properties."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from factdesk.render.text import ALLOWED_TAGS

# What the templates themselves write, besides the sanitiser's allow-list for analysis.
PAGE_TAGS = ALLOWED_TAGS | {
    "button",
    "nav",
    "div",
    "span",
    "dl",
    "dt",
    "dd",
    "time",
    "h1",
    "h2",
    "a",
    "p",
    "figure",
    "svg",
    "title",
    "rect",
    "path",  # the verdict icons' outlines: constants in render/verdict.py, never record text
    "text",
    "img",  # a claim's picture from media/ (its src is checked like every link)
    "figcaption",
    "caption",  # a chart's title (render/charts.py)
    "wbr",  # break opportunities in web addresses shown as text
    "form",
    "label",
    "select",
    "option",
    "input",
    "output",
    "section",
    "symbol",
    "use",
    "defs",
    "template",  # the browse row skeleton: inert until the script fills it with text
    "details",  # the claim page's embed code, folded away
    "summary",
    "textarea",  # the embed code as text to copy (escaped: a tag inside would show here)
}
SAFE_SCHEMES = ("http", "https", "mailto")
# Characters a browser strips around a URL, and those it removes inside one (WHATWG URL).
_C0_OR_SPACE = "".join(chr(n) for n in range(0x21))
_REMOVED = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")


def unsafe_link(link: str) -> bool:
    """True when a browser would follow `link` to a scheme other than http(s) or mailto,
    or to another host (`//host`, which browsers also accept with backslashes)."""
    url = _REMOVED.sub("", link.strip(_C0_OR_SPACE))
    scheme = _SCHEME.match(url)
    if scheme:
        return scheme.group(1).lower() not in SAFE_SCHEMES
    return url[:2].replace("\\", "/") == "//"


class Tags(HTMLParser):
    """Collects every tag or attribute outside the allow-list, and the page's text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in PAGE_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in ("srcdoc", "formaction"):
                self.problems.append(f"{tag} {name}=")
            if name in ("href", "src", "action", "data") and unsafe_link(value or ""):
                self.problems.append(f"{tag} {name}={value!r}")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def page_body(page: str) -> str:
    """A generated Markdown page without its front matter."""
    return page.split("\n---\n", 1)[1]


def check_page(page: str) -> Tags:
    parser = Tags()
    parser.feed(page_body(page))
    parser.close()
    return parser
