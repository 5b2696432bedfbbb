"""The analysis sanitiser shows every word a contributor wrote, and says what it removes."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factdesk.check.pipeline import validate_root
from factdesk.records.markup import (
    INLINE_HTML_TAGS,
    removed_by_rendering,
    removed_markup,
    surely_clean,
)
from factdesk.render.text import render_markdown

from conftest import REPO, MakeKB
from kbfactory import BASE_CLAIM

TODAY = dt.date(2026, 1, 1)


def shown_text(rendered: str) -> str:
    """What a reader sees: the text of the HTML, tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]*>", "", rendered))


@pytest.mark.parametrize(
    "text",
    [
        "If x<y and y>z then",
        "<Jane Doe> said so",
        "<script>alert(1)</script>",
        "<div>\nblock of text\n</div>",
        "<iframe src=x></iframe> after",
        "<!-- an editor's note -->",
        "a <b and c> d",
        "<img src=x onerror=alert(1)>",
    ],
)
def test_text_that_is_not_an_allowed_tag_is_shown_as_written(text: str) -> None:
    rendered = render_markdown(text)
    assert " ".join(shown_text(rendered).split()) == " ".join(text.split())
    for tag in ("<script", "<div", "<iframe", "<img"):
        assert tag not in rendered


def test_allowed_inline_tags_still_work() -> None:
    rendered = render_markdown(
        'E=mc<sup>2</sup>, H<SUB>2</SUB>O, <abbr title="World Health Organization">WHO</abbr>'
        ' and <a href="https://example.org" title="t">a link</a>'
    )
    assert "<sup>2</sup>" in rendered and "<sub>2</sub>" in rendered
    assert '<abbr title="World Health Organization">WHO</abbr>' in rendered
    assert '<a href="https://example.org" title="t" rel="nofollow noopener noreferrer">' in rendered
    assert removed_markup(rendered) == []


# Words of seven letters or more can never be an allowed tag's name (the longest is
# "strong"), so whatever brackets surround them, every one must reach the reader.
word = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=7, max_size=10)
glue = st.sampled_from([" ", "<", ">", "</", "/>", "<!--", "-->", "=", '"', "'", " & ", "<?"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(word, glue), min_size=1, max_size=12))
def test_no_word_is_ever_lost(parts: list[tuple[str, str]]) -> None:
    source = "".join(w + g for w, g in parts)
    seen = shown_text(render_markdown(source))
    position = 0
    for w, _ in parts:
        position = seen.find(w, position)
        assert position >= 0, f"{w!r} lost from {source!r}: {seen!r}"


def claim_with_analysis(analysis: str) -> str:
    return BASE_CLAIM + analysis


@pytest.mark.parametrize(
    ("analysis", "line", "column", "what"),
    [
        (
            "analysis: |\n  Intro.\n\n  Read [this](javascript:alert(1)) now.\n",
            16,
            15,
            'href="javascript:alert(1)" on <a>',
        ),
        ("analysis: |\n  One.\n  Two <sup onclick=x()>2</sup>\n", 15, 20, "onclick"),
        ("analysis: |\n  ![a chart](https://example.org/c.png)\n", 14, 14, "<img>"),
        ("analysis: See [x](data:text/html,hi).\n", 13, 19, "data:text/html,hi"),
    ],
    ids=["javascript-link", "attribute", "image", "plain-scalar"],
)
def test_removed_markup_is_a_warning_at_its_line(
    make_kb: MakeKB, analysis: str, line: int, column: int, what: str
) -> None:
    root = make_kb({"claims/claim-a.yaml": claim_with_analysis(analysis)})
    result = validate_root(root, TODAY)
    [hit] = [d for d in result.diagnostics if d.code == "FD111"]
    assert (hit.file, hit.line, hit.column, hit.severity) == (
        "claims/claim-a.yaml",
        line,
        column,
        "warning",
    )
    assert what in hit.message
    assert result.errors == []


def test_text_shown_as_written_is_no_warning(make_kb: MakeKB) -> None:
    analysis = "analysis: |\n  If x<y and y>z then <Jane Doe> wins, E=mc<sup>2</sup>.\n"
    root = make_kb({"claims/claim-a.yaml": claim_with_analysis(analysis)})
    assert validate_root(root, TODAY).diagnostics == []


def test_the_example_analyses_lose_nothing() -> None:
    codes = [d.code for d in validate_root(REPO).diagnostics]
    assert "FD111" not in codes


def test_the_hint_lists_the_allowed_tags(make_kb: MakeKB) -> None:
    root = make_kb({"claims/claim-a.yaml": claim_with_analysis("analysis: '[x](javascript:y)'\n")})
    [hit] = [d for d in validate_root(root, TODAY).diagnostics if d.code == "FD111"]
    assert all(f"<{tag}>" in hit.hint for tag in INLINE_HTML_TAGS)


fragment = st.sampled_from(
    [
        "word ",
        "[x](",
        "](",
        "]: ",
        "https://example.org/",
        "javascript:alert(1)",
        "JaVaScRiPt:",
        "data:text/html,x",
        ")",
        "<",
        ">",
        "<sup>",
        "</sup>",
        "<abbr title='t'>",
        "<a href='",
        "<b onclick=x>",
        "![i](",
        "\n",
        "\n\n",
        "    ",
        "`",
        "&#106;",
        " ",
        '"',
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(fragment, max_size=14).map("".join))
def test_the_quick_path_never_hides_a_removal(source: str) -> None:
    """`validate` skips rendering text it can tell is clean: rendering must agree."""
    if surely_clean(source):
        assert removed_by_rendering(source) == []
