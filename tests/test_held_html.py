"""Generated pages' HTML blocks held out of Markdown give the same HTML as Markdown
reading them (render/held_html.py)."""

from __future__ import annotations

import markdown
import pytest

from factdesk.check.pipeline import validate_root
from factdesk.render import render_site
from factdesk.render.held_html import hold, restore
from factdesk.render.output import _front_matter

from conftest import REPO

EXTENSIONS = ["admonition", "attr_list", "tables", "toc", "md_in_html"]


def _convert(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(text)


def _held_convert(text: str) -> str:
    swapped, held = hold(text)
    return restore(_convert(swapped), held)


def _body(page: str) -> str:
    return page.split("\n---\n", 1)[1] if _front_matter(page) else page


def test_every_generated_page_of_the_example_converts_the_same() -> None:
    pages = {
        path: _body(text)
        for path, text in render_site(validate_root(REPO).kb).items()
        if path.endswith(".md")
    }
    assert len(pages) > 50
    held_blocks = 0
    for path, text in pages.items():
        assert _held_convert(text) == _convert(text), path
        held_blocks += len(hold(text)[1])
    assert held_blocks > len(pages), "most of a generated page is held"


@pytest.mark.parametrize(
    "text",
    [
        "<div>\n<p>a</p>\n\nplain *text*\n</div>",  # an element past a blank line
        "<div>\n<div>a</div>\n\nplain *text*\n</div>",  # closes an inner one only
        '<div markdown="1">\n*read as Markdown*\n</div>',  # md_in_html
        "<p>a</p>\nthen *Markdown* on the next line",
        "<span>inline</span> is a paragraph",
        "<ul>\n<li><ul>\n<li>nested</li>\n</ul></li>\n</ul>\n\n## Heading\n\n<p>x</p>\n",
        "text with a marker <!--factdesk-held:0--> written in it",
        "<div>\n<!--factdesk-held:0-->\n</div>",
    ],
)
def test_blocks_markdown_reads_are_left_to_it(text: str) -> None:
    assert _held_convert(text) == _convert(text)


def test_only_whole_blocks_are_held() -> None:
    _, held = hold("<div>\n<p>a</p>\n\nplain\n</div>\n\n<p>b</p>\n\n## H\n\n<dl><dt>x</dt></dl>\n")
    assert held == ["<p>b</p>", "<dl><dt>x</dt></dl>"]


def test_a_block_after_several_blank_lines_is_held_too() -> None:
    # Templates leave more than one blank line before some blocks (the facts list, the
    # share links of a claim page): those blocks are held like the rest.
    text = "## Claim\n\n\n<dl>\n<dt>x</dt>\n</dl>\n\n\n\n<div>\n<p>y</p>\n</div>\n"
    swapped, held = hold(text)
    assert held == ["<dl>\n<dt>x</dt>\n</dl>", "<div>\n<p>y</p>\n</div>"]
    assert "<dl>" not in swapped and "<div>" not in swapped
    assert _held_convert(text) == _convert(text)
