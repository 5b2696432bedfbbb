"""Every field a contributor writes reaches api/claims/<id>.json and the claim's page."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from factdesk.kb import KnowledgeBase
from factdesk.models import Claim
from factdesk.render import render_site
from factdesk.render.pages import MEDIA_LABELS
from factdesk.render.text import QUALIFIER_WORDS, human_number, render_markdown
from factdesk.validation import validate_root

from conftest import REPO

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


def forms(path: tuple[Any, ...], value: Any) -> list[str]:
    """How a value may appear on the page: any one of these strings must be there."""
    key = next(p for p in reversed(path) if isinstance(p, str))
    parent = next((p for p in path if isinstance(p, str)), key)
    if key == "analysis":
        return [render_markdown(value)]
    if key in DATES:
        return [f'datetime="{value}"']
    if key == "value":
        return [human_number(value)]
    if key == "first":
        return ["First seen"] if value else [""]
    if key == "stance":
        return [STANCE_HEADINGS[value]]
    if key == "qualifier":
        return [QUALIFIER_WORDS[value] or ""]
    if parent == "media_review" and key == "categories":
        return [MEDIA_LABELS[value]]
    if key == "media_type" or (parent == "corrections" and key == "kind"):
        return [str(value).capitalize()]
    if parent == "claimant" and key == "kind":
        return [f"({value.replace('-', ' ')}"]
    if key == "source":
        return [f"sources/{value}/"]
    if parent == "related":
        return [f"../{value}/"]
    if key == "rating":
        return [f'data-rating="{value}"']
    if key == "id" and len(path) == 1:
        return [f"claims/{value}.yaml"]
    return [str(escape(value))]


def assert_nothing_lost(kb: KnowledgeBase, rendered: dict[str, str]) -> None:
    for claim in kb.published:
        written = claim.model_dump(mode="json", exclude_unset=True)
        page = rendered[f"claims/{claim.id}.md"]
        api = json.loads(rendered[f"api/claims/{claim.id}.json"])["claim"]
        for path, value in leaves(written):
            node: Any = api
            for part in path:
                node = node[part]
            assert node == value, f"{claim.id}: {path} differs in the API"
            if path[0] == "related" and value not in {c.id for c in kb.published}:
                continue  # a related draft is not published, by design
            assert any(form in page for form in forms(path, value)), (
                f"{claim.id}: {'.'.join(map(str, path))} = {value!r} is not on its page"
            )


def test_every_field_of_the_example_records_reaches_api_and_page() -> None:
    kb = validate_root(REPO).kb
    assert_nothing_lost(kb, render_site(kb))


# Random records: text that tries hard to be awkward, in every optional field.
awkward = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40
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
                            "qualifier": st.sampled_from(list(QUALIFIER_WORDS)),
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
