"""Each claim page and API document lists the desk's fact-checks of the same claim in other
languages and closely related claims, found at build time (match/related.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factdesk.check.cache import CACHE_DIR
from factdesk.check.incremental import check_root
from factdesk.check.pipeline import validate_root
from factdesk.match import pairs
from factdesk.render import render_site
from factdesk.render.pages import PageRenderer

from conftest import MakeKB
from kbfactory import BASE_CLAIM

# Lexical matching (CI has no encoder) finds these through the names and numbers they share;
# the threshold is lowered to what lexical scores across two languages reach (0.29 here).
SETTINGS = "site_name: t\nplugins:\n  - factdesk:\n      match_threshold: 0.25\n"
ENGLISH = BASE_CLAIM.replace("title: A claim", "title: Bill Gates and the 5G microchip").replace(
    "claim: The sky is green",
    "claim: Bill Gates said the COVID-19 vaccine puts a 5G microchip in every arm",
)
SPANISH = (
    ENGLISH.replace("claim-a", "claim-es")
    .replace("title: Bill Gates and the 5G microchip", "title: Bill Gates y el microchip 5G")
    .replace(
        "claim: Bill Gates said the COVID-19 vaccine puts a 5G microchip in every arm",
        "claim: 'Bill Gates: COVID-19 vaccine = 5G microchip in every arm'",
    )
    + "language: es\n"
)
ALIKE = (
    ENGLISH.replace("claim-a", "claim-b")
    .replace("title: Bill Gates and the 5G microchip", "title: The 5G microchip, again")
    .replace("Bill Gates said", "A post says")
)
DESK: dict[str, str | bytes | None] = {
    "mkdocs.yml": SETTINGS,
    "claims/claim-a.yaml": ENGLISH,
    "claims/claim-es.yaml": SPANISH,
    "claims/claim-b.yaml": ALIKE,
}


def _page(root: Path, cid: str) -> str:
    return render_site(validate_root(root).kb)[f"claims/{cid}.md"]


def test_a_claim_page_lists_its_translation_and_a_similar_check(make_kb: MakeKB) -> None:
    page = _page(make_kb(DESK), "claim-a")
    other, similar = page.split("## Checked in other languages")[1].split("## Similar fact-checks")
    assert 'href="../claim-es/"' in other and 'hreflang="es"' in other
    assert "Bill Gates y el microchip 5G" in other and "claim-b" not in other
    assert 'href="../claim-b/"' in similar and "The 5G microchip, again" in similar


def test_the_api_document_carries_the_same_links(make_kb: MakeKB) -> None:
    site = render_site(validate_root(make_kb(DESK)).kb)
    doc = json.loads(site["api/claims/claim-a.json"])
    links = {r["id"]: r for r in doc["related_checks"]}
    assert set(links) == {"claim-es", "claim-b"}
    assert links["claim-es"]["other_language"] is True
    assert links["claim-es"]["language"] == "es"
    assert links["claim-b"]["other_language"] is False
    assert links["claim-es"]["url"].endswith("claims/claim-es/")
    assert links["claim-es"]["api"].endswith("api/claims/claim-es.json")
    scores = [r["score"] for r in doc["related_checks"]]
    assert scores == sorted(scores, reverse=True) and all(0.25 <= s <= 1 for s in scores)


def test_drafts_and_claims_named_in_related_are_not_listed_again(make_kb: MakeKB) -> None:
    draft = SPANISH.replace("status: published", "status: draft")
    named = ENGLISH + "related: [claim-b]\n"
    root = make_kb({**DESK, "claims/claim-es.yaml": draft, "claims/claim-a.yaml": named})
    page = _page(root, "claim-a")
    assert "claim-es" not in page
    assert "## Similar fact-checks" not in page
    assert page.count('href="../claim-b/"') == 1  # under "Related fact-checks" alone


def test_a_claim_without_neighbours_has_no_section(make_kb: MakeKB) -> None:
    page = _page(make_kb({}), "claim-a")
    assert "Checked in other languages" not in page and "Similar fact-checks" not in page
    assert (
        json.loads(render_site(validate_root(make_kb({})).kb)["api/claims/claim-a.json"])[
            "related_checks"
        ]
        == []
    )


def test_a_build_after_validate_reads_the_pairs_back(
    make_kb: MakeKB, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Neighbours are not computed twice: the build reuses the pairs validate cached."""
    root = make_kb(DESK)
    check_root(root)  # what CI and the plugin run first
    kb = validate_root(root).kb

    def computed_again(*args: object) -> object:
        raise AssertionError("the build compared every claim with every other again")

    monkeypatch.setattr(pairs, "compute_pairs", computed_again)
    renderer = PageRenderer(kb, match_cache=root / CACHE_DIR)
    assert [r.id for r in renderer.related_checks["claim-a"]] == ["claim-b", "claim-es"]
