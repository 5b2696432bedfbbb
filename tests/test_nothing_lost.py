"""Every field a contributor writes reaches api/claims/<id>.json and the claim's page."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from factdesk.check.pipeline import validate_root
from factdesk.kb import KnowledgeBase
from factdesk.load.loader import REFUSED
from factdesk.records.models import Claim
from factdesk.records.vocab import MEDIA_CATEGORIES, QUALIFIERS
from factdesk.render import render_site
from factdesk.render.i18n import human_number, words
from factdesk.render.languages import claim_url, page_language
from factdesk.render.terms import term
from factdesk.render.text import render_markdown
from factdesk.render.urls import page_file

from conftest import REPO, MakeKB
from kbfactory import BASE_CLAIM

DATES = {"claim_date", "published", "updated", "date", "as_of"}
STANCE_HEADINGS = {
    "refutes": "Refutes the claim",
    "supports": "Supports the claim",
    "context": "Context",
}


def leaves(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from leaves(item, (*path, index))
    else:
        yield path, value


def first_marks(page: str, language: str = "en") -> list[bool]:
    """For each appearance on the page, in order: whether it carries the First seen mark
    (in the page's words)."""
    found = re.search(r'<ul class="fd-appearances">\n(.*?)</ul>', page, re.S)
    items = found.group(1).splitlines() if found else []
    mark = f'<li><strong class="fd-first">{words(language).gettext("First seen")}</strong>'
    return [item.startswith(mark) for item in items]


def forms(
    path: tuple[Any, ...], value: Any, written: dict[str, Any], language: str = "en"
) -> list[str]:
    """How a value may appear on the page: any one of these strings must be there. Each
    is a non-empty string that a page without the value would not hold (`""` is in every
    page and proves nothing). `first` is checked by its place instead (first_marks)."""
    key = next(p for p in reversed(path) if isinstance(p, str))
    parent = next((p for p in path if isinstance(p, str)), key)
    if key == "analysis":
        return [f'<div class="fd-analysis">\n{render_markdown(value)}\n</div>']
    if key in DATES:
        return [f'datetime="{value}"']
    if key == "value":
        return [human_number(value)]
    if key == "stance":
        return [words(language).gettext(STANCE_HEADINGS[value])]
    if key == "qualifier":
        # "exactly" shows no word: the figure then starts with its number.
        number = human_number(written["observations"][path[1]]["value"])
        return [f'<span class="fd-figure-value">{QUALIFIERS[value].format(value=number)}</span>']
    if parent == "media_review" and key == "categories":
        return [MEDIA_CATEGORIES[value].label]
    if key == "media_type" or (parent == "corrections" and key == "kind"):
        return [str(value).capitalize()]
    if parent == "claimant" and key == "kind":
        # In the page's words: "(media" on an English page, "(언론" on a Korean one.
        return [f"({term(words(language), 'claimant-kind', value)}"]
    if key == "source":
        return [f"sources/{value}/"]
    if parent == "related":
        # In this page's folder, or another language's ('../../../en/claims/<id>/').
        return [f'"../{value}/"', f'/claims/{value}/"']
    if key == "rating":
        return [f'data-rating="{value}"']
    if key == "id" and len(path) == 1:
        # Readers get the record through the page's "Data (JSON)" link; editors reach the
        # YAML file through the front matter's `record` (the theme's edit link).
        return [f"api/claims/{value}.json"]
    if key == "status":
        # Only published claims have pages; the byline says when.
        return [words(language).gettext("Published") + " <time"] if value == "published" else []
    if key in ("language", "quote_language"):
        # The fact-check's language, its claim's original or a quote's: each marks its words.
        return [f'lang="{value}"']
    if key == "translation_of":
        # A link to the original when it is published, else its id in words.
        # From another language's folder: '../../../en/claims/<id>/'.
        return [f'href="../{value}/"', f'/claims/{value}/"', f"the original ({value})"]
    return [str(escape(value))]


def assert_nothing_lost(kb: KnowledgeBase, rendered: dict[str, str]) -> None:
    for claim in kb.published:
        written = claim.model_dump(mode="json", exclude_unset=True)
        page = rendered[page_file(claim_url(kb, claim.id))]
        language = page_language(kb, claim_url(kb, claim.id))
        api = json.loads(rendered[f"api/claims/{claim.id}.json"])["claim"]
        for path, value in leaves(written):
            node: Any = api
            for part in path:
                node = node[part]
            assert node == value, f"{claim.id}: {path} differs in the API"
            if path[0] == "related" and value not in {c.id for c in kb.published}:
                continue  # a related draft is not published, by design
            if path[-1] == "first":
                assert first_marks(page, language)[path[1]] is value, (
                    f"{claim.id}: {path} is not shown"
                )
                continue
            expected = forms(path, value, written, language)
            assert expected and all(expected), f"{path}: a form that cannot fail proves nothing"
            assert any(form in page for form in expected), (
                f"{claim.id}: {'.'.join(map(str, path))} = {value!r} is not on its page"
            )


def test_every_field_of_the_example_records_reaches_api_and_page() -> None:
    kb = validate_root(REPO).kb
    assert_nothing_lost(kb, render_site(kb))


# Random records: text that tries hard to be awkward, in every optional field.
# Every character a record may hold: the loader refuses controls, surrogates and the
# non-characters (FD002), which the validation tests cover.
awkward = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")).filter(
        lambda c: not REFUSED.match(c)
    ),
    min_size=1,
    max_size=40,
).filter(lambda t: t.strip() != "")
slug = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True).filter(
    lambda s: s not in {"con", "prn", "aux", "nul"}
)
url = st.from_regex(r"https://[a-z]{1,10}\.example/[a-z0-9/]{0,12}", fullmatch=True)
day = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2025, 12, 31)).map(str)


@st.composite
def claims(draw: st.DrawFn) -> dict[str, Any]:
    evidence = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "source": st.just("src-a"),
                    "stance": st.sampled_from(["supports", "refutes", "context"]),
                },
                optional={"quote": awkward, "locator": awkward, "note": awkward},
            )
            | st.fixed_dictionaries(
                {"source": st.just("src-a"), "stance": st.just("refutes"), "quote": awkward},
                optional={
                    "quote_language": st.sampled_from(["en", "ko", "ar"]),
                    "quote_translation": awkward,
                },
            ),
            min_size=1,
            max_size=3,
        )
    )
    record = draw(
        st.fixed_dictionaries(
            {
                "id": st.just("claim-a"),
                "title": awkward,
                "claim": awkward,
                "claimant": st.fixed_dictionaries(
                    {"name": awkward},
                    optional={
                        "kind": st.sampled_from(["person", "media", "group"]),
                        "platform": awkward,
                        "handle": awkward,
                        "url": url,
                        "description": awkward,
                    },
                ),
                "rating": st.sampled_from(["true", "false", "satire"]),
                "conclusion": awkward,
                "evidence": st.just(evidence),
                "published": st.just("2026-01-01"),
                "status": st.just("published"),
            },
            optional={
                "analysis": awkward,
                "editor": awkward,
                "translator": awkward,
                "original_claim": st.fixed_dictionaries(
                    {"text": awkward, "language": st.sampled_from(["ko", "ar", "fr"])}
                ),
                "authors": st.lists(awkward, max_size=2),
                "claim_date": day,
                "topics": st.lists(slug, max_size=2, unique=True),
                "appearances": st.lists(
                    st.fixed_dictionaries(
                        {"url": url},
                        optional={
                            "platform": awkward,
                            "date": day,
                            "archive_url": url,
                            "note": awkward,
                        },
                    ),
                    max_size=2,
                ),
                "observations": st.lists(
                    st.fixed_dictionaries(
                        {
                            "subject": awkward,
                            "metric": awkward,
                            "value": st.integers(0, 10**9),
                            "as_of": day,
                            "source": st.just("src-a"),
                        },
                        optional={
                            "unit": awkward,
                            "note": awkward,
                            "qualifier": st.sampled_from(list(QUALIFIERS)),
                        },
                    ),
                    max_size=2,
                ),
                "media_review": st.fixed_dictionaries(
                    {
                        "media_type": st.sampled_from(["image", "video"]),
                        "categories": st.sampled_from([["original"], ["transformed", "staged"]]),
                    },
                    optional={
                        "original_context": awkward,
                        "note": awkward,
                        "media_url": url,
                        "timestamps": st.lists(awkward, max_size=2),
                    },
                ),
                "corrections": st.lists(
                    st.fixed_dictionaries(
                        {
                            "date": st.just("2026-02-01"),
                            "kind": st.sampled_from(["update", "correction"]),
                            "note": awkward,
                        }
                    ),
                    max_size=2,
                ),
            },
        )
    )
    return record


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(record=claims())
def test_random_records_lose_nothing(record: dict[str, Any], tmp_path_factory: Any) -> None:
    root: Path = tmp_path_factory.mktemp("kb")
    (root / "claims").mkdir()
    (root / "sources").mkdir()
    (root / "sources" / "src-a.yaml").write_text("id: src-a\ntitle: A\nkind: report\n")
    (root / "claims" / "claim-a.yaml").write_text(
        yaml.safe_dump(record, allow_unicode=True, sort_keys=False)
    )
    result = validate_root(root, dt.date(2026, 6, 1))
    assert result.errors == [], result.errors
    Claim.model_validate(record)
    assert_nothing_lost(result.kb, render_site(result.kb))


# The checks above must be able to fail: a page that shows a value wrongly fails them.
SHOWN = (
    BASE_CLAIM
    + """\
appearances:
  - url: https://a.example/one
    first: false
  - url: https://b.example/two
    first: true
observations:
  - subject: An account
    metric: followers
    value: 286000
    qualifier: exactly
    as_of: 2023-05-01
    source: src-a
"""
)


def _rendered(make_kb: MakeKB) -> tuple[KnowledgeBase, dict[str, str]]:
    result = validate_root(make_kb({"claims/claim-a.yaml": SHOWN}), dt.date(2026, 1, 1))
    assert result.errors == []
    rendered = render_site(result.kb)
    assert_nothing_lost(result.kb, rendered)
    return result.kb, rendered


def _changed(rendered: dict[str, str], old: str, new: str) -> dict[str, str]:
    page = rendered["claims/claim-a.md"]
    assert old in page
    return {**rendered, "claims/claim-a.md": page.replace(old, new, 1)}


def test_an_appearance_wrongly_marked_first_is_caught(make_kb: MakeKB) -> None:
    kb, rendered = _rendered(make_kb)
    mark = '<strong class="fd-first">First seen</strong> · '
    wrong = _changed(
        rendered,
        '<li><a class="fd-url" href="https://a.example/one"',
        f'<li>{mark}<a class="fd-url" href="https://a.example/one"',
    )
    with pytest.raises(AssertionError, match="first"):
        assert_nothing_lost(kb, wrong)


def test_a_figure_shown_with_the_wrong_qualifier_is_caught(make_kb: MakeKB) -> None:
    kb, rendered = _rendered(make_kb)
    wrong = _changed(rendered, '"fd-figure-value">286,000', '"fd-figure-value">about 286,000')
    with pytest.raises(AssertionError, match="qualifier"):
        assert_nothing_lost(kb, wrong)
