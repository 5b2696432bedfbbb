"""Each closed vocabulary is one table (records/vocab.py); what the models accept, what the
checks flag, what pages and JSON-LD say all come from it and cannot drift apart."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from factdesk.check.pipeline import validate_root
from factdesk.kb import KnowledgeBase
from factdesk.records.models import Claim
from factdesk.records.settings import Settings
from factdesk.records.vocab import MEDIA_CATEGORIES, QUALIFIERS
from factdesk.render import render_site
from factdesk.render.pages import environment

from conftest import MakeKB
from kbfactory import BASE_CLAIM

TODAY = dt.date(2026, 1, 1)
C = "claims/claim-a.yaml"


def _media_claim(categories: list[str]) -> str:
    items = "".join(f"    - {c}\n" for c in categories)
    return BASE_CLAIM + f"media_review:\n  media_type: image\n  categories:\n{items}"


def test_the_schema_offers_exactly_the_tables_keys_in_order() -> None:
    schema = Claim.model_json_schema()
    media = schema["$defs"]["MediaReview"]["properties"]["categories"]["items"]
    qualifier = schema["$defs"]["Observation"]["properties"]["qualifier"]
    assert media == {"enum": list(MEDIA_CATEGORIES), "type": "string"}
    assert qualifier["enum"] == list(QUALIFIERS)


@pytest.mark.parametrize("key", [k for k, t in MEDIA_CATEGORIES.items() if k != "original"])
def test_original_clashes_with_exactly_the_altered_categories(make_kb: MakeKB, key: str) -> None:
    result = validate_root(make_kb({C: _media_claim(["original", key])}), TODAY)
    codes = [d.code for d in result.diagnostics]
    assert ("FD035" in codes) is MEDIA_CATEGORIES[key].altered


def test_every_category_reaches_the_page_and_the_json_ld_from_the_table(
    make_kb: MakeKB,
) -> None:
    # `original` with an altered category is FD035; the others can all stand together.
    shown = [k for k, t in MEDIA_CATEGORIES.items() if not t.altered and k != "original"]
    shown.append(next(k for k, t in MEDIA_CATEGORIES.items() if t.altered))
    result = validate_root(make_kb({C: _media_claim(shown)}), TODAY)
    assert result.errors == []
    page = render_site(result.kb)["claims/claim-a.md"]
    jsonld = json.loads(page.split("jsonld: ", 1)[1].split("\n", 1)[0].strip("'"))
    media = next(n for n in jsonld["@graph"] if n["@type"] == "MediaReview")
    expected = [f"https://schema.org/{MEDIA_CATEGORIES[k].schema_type}" for k in shown]
    assert media["mediaAuthenticityCategory"] == expected
    for key in shown:
        term = MEDIA_CATEGORIES[key]
        assert f'<strong class="fd-category">{term.label}</strong> {term.explanation}' in page


@pytest.mark.parametrize("key", list(QUALIFIERS))
def test_every_qualifier_is_written_before_its_figure(make_kb: MakeKB, key: str) -> None:
    figure = (
        "observations:\n  - subject: s\n    metric: m\n    value: 5\n"
        f"    qualifier: {key}\n    as_of: 2024-01-01\n    source: src-a\n"
    )
    result = validate_root(make_kb({C: BASE_CLAIM + figure}), TODAY)
    assert result.errors == []
    page = render_site(result.kb)["claims/claim-a.md"]
    assert f'<span class="fd-figure-value">{QUALIFIERS[key].format(value=5)}</span>' in page


def test_an_unknown_qualifier_fails_loudly_instead_of_vanishing() -> None:
    # It can only come from a bug (the models accept the table's keys alone); the page
    # used to drop it silently, showing "over 5" as "5".
    env = environment(KnowledgeBase(settings=Settings()))
    figure = env.from_string("{{ figure(key, 5) }}")
    assert figure.render(key="over", language="en") == "over 5"
    with pytest.raises(KeyError):
        figure.render(key="roughly", language="en")


def test_a_rating_label_falls_back_to_its_key() -> None:
    settings = Settings()
    first = settings.ratings[0]
    assert settings.rating_label(first.key) == first.label
    assert settings.rating_label("not-on-the-scale") == "not-on-the-scale"
