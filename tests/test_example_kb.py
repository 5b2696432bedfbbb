"""The example knowledge base built from the seed articles."""

from __future__ import annotations

import pytest

from factdesk.check.pipeline import Validation, validate_root

from conftest import REPO


@pytest.fixture(scope="module")
def example() -> Validation:
    return validate_root(REPO)


def test_validates_with_no_errors_or_warnings(example: Validation) -> None:
    assert example.diagnostics == []


def test_size_and_evidence(example: Validation) -> None:
    kb = example.kb
    assert len(kb.claims) >= 14 and len(kb.sources) >= 12
    multi = [c for c in kb.claims.values() if len({e.source for e in c.record.evidence}) >= 2]
    assert len(multi) == len(kb.claims), "every example claim cites two sources or more"


def test_required_topics_are_covered(example: Validation) -> None:
    text = " ".join(e.record.model_dump_json() for e in example.kb.claims.values()).lower()
    for words in [
        "american occupation zone",
        "180th",
        "best nightlife",
        "motorcycle",
        "promoted or muted",
        "flawed methodology",
        "montana",
        "molloy",
        "heating",
        "accessed from china",
        "northkoreanlife",
    ]:
        assert words in text, words
    assert example.kb.claims["american-occupation-zone-map"].record.media_review is not None


def test_follower_counts_from_both_articles_are_kept_side_by_side(example: Validation) -> None:
    claim = example.kb.claims["northkoreanlife-followers"].record
    followers = [o for o in claim.observations if o.metric == "followers"]
    assert {(o.value, o.source) for o in followers} == {
        (200000, "dailydot-north-korean-propaganda-account"),
        (286000, "newsweek-pro-north-korea-tiktok"),
    }


def test_rsf_claim_names_its_edition(example: Validation) -> None:
    claim = example.kb.claims["north-korea-last-rsf-press-freedom-2023"].record
    assert claim.rating == "true" and "2023" in claim.title
    assert str(claim.observations[0].as_of) == "2023"
