"""Raw HTML blocks of a generated page, held out of Markdown and put back afterwards.

A generated page is mostly HTML that factdesk has already rendered and escaped (the
verdict, the facts, the evidence lists), with a few Markdown headings between the blocks
for the table of contents. Python-Markdown would pass those blocks through unchanged,
but first it parses each of them tag by tag to find where it ends: most of the time a
build spends in Markdown (about 15 s of 50 at 1,000 claims under the profiler).

So before Markdown sees a generated page, each HTML block is swapped for a short
comment that Markdown passes through just the same, and after it the comments are
swapped back. Only blocks that Markdown would pass through unchanged are held: a
paragraph of lines that starts at the left margin with a block-level tag Python-Markdown
knows and that carries no `markdown` attribute (which asks `md_in_html` to read the
inside as Markdown). Anything else stays in the text for Markdown to read as before.
"""

from __future__ import annotations

import re

# Python-Markdown's block-level tags (markdown.Markdown.block_level_elements) that
# generated pages start a block with.
_BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "details",
        "dialog",
        "div",
        "dl",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "ul",
    }
)
_OPENING = re.compile(r"<([a-z][a-z0-9]*)[\s>/]")
_MARKDOWN_ATTRIBUTE = re.compile(r"\smarkdown\s*=", re.IGNORECASE)
# A comment Markdown keeps as it is; it cannot come from a page's text, where every "<"
# a contributor wrote is escaped.
_MARKER = "<!--factdesk-held:"
_HOLD = _MARKER + "{}-->"
_HELD = re.compile(re.escape(_MARKER) + r"(\d+)-->")


def _holdable(block: str) -> bool:
    """A paragraph that is whole elements: it opens with a block-level tag and closes it
    at its end, as often as it opens it (an element that goes on past a blank line is
    left to Markdown, which reads it to its end)."""
    opening = _OPENING.match(block)
    if opening is None or opening.group(1) not in _BLOCK_TAGS:
        return False
    tag = opening.group(1)
    if not block.rstrip().endswith(f"</{tag}>"):
        return False
    opened = len(re.findall(rf"<{tag}[\s>]", block))
    if opened != block.count(f"</{tag}>"):
        return False
    return _MARKDOWN_ATTRIBUTE.search(block) is None and _MARKER not in block


def hold(markdown: str) -> tuple[str, list[str]]:
    """The page with each holdable HTML block swapped for a marker, and the blocks in
    marker order."""
    held: list[str] = []
    parts = markdown.split("\n\n")
    for at, part in enumerate(parts):
        # A block after more than one blank line starts with the extra line breaks.
        body = part.lstrip("\n")
        if _holdable(body):
            block = body.rstrip()
            # Markdown drops the whitespace around a block: it stays outside the marker.
            lead = part[: len(part) - len(body)]
            parts[at] = lead + _HOLD.format(len(held)) + body[len(block) :]
            held.append(block)
    return "\n\n".join(parts), held


def restore(html: str, held: list[str]) -> str:
    """Markdown's output with every marker swapped back for its block."""
    if not held:
        return html

    def block(found: re.Match[str]) -> str:
        index = int(found.group(1))
        return held[index] if index < len(held) else found.group(0)

    return _HELD.sub(block, html)
