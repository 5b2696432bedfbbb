"""The example knowledge base built from the seed articles."""

from __future__ import annotations

import json
import re

import pytest

from factdesk.check.pipeline import Validation, validate_root
from factdesk.render import render_site
from factdesk.render.urls import Layout, language_prefix, page_file

from conftest import REPO

# The example desk publishes English and Korean: each language's pages in its folder.
EN = Layout(language_prefix("en", multilingual=True))


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
    assert str(claim.observations[0].as_of) == "2023-05-03"


# What public copies of the sources establish (the desk's methodology page lists it):
# a source has an address only where one was seen, and no archive copy was found for any.
ADDRESSED = {
    "newsweek-pro-north-korea-tiktok",
    "dailydot-north-korean-propaganda-account",
    "rsf-world-press-freedom-index-2023",
    "forbes-tiktok-heating-button",
    "leaked-tiktok-audio-us-data",
    "wray-senate-testimony-tiktok",
    "montana-tiktok-ban-law-2023",
    "molloy-order-montana-tiktok-ban",
    "us-state-department-north-korea-travel-advisory",
}
NOT_FOUND = {
    "bytedance-statement-us-data",
    "tiktok-motorcycle-wealth-video",
    "tiktok-movetonorthkorea-account",
    "x-post-american-occupation-zone-map",
}
FIX_DATE = "2026-11-29"


def test_sources_have_addresses_where_known_and_no_invented_archive(example: Validation) -> None:
    sources = {sid: entry.record for sid, entry in example.kb.sources.items()}
    assert {sid for sid, s in sources.items() if s.url} == ADDRESSED
    for sid in ADDRESSED:
        assert sources[sid].archive_url is None and sources[sid].archive_gap, sid


def test_every_source_says_how_sure_the_desk_is(example: Validation) -> None:
    sources = {sid: entry.record for sid, entry in example.kb.sources.items()}
    assert all(s.confidence for s in sources.values())
    assert {sid for sid, s in sources.items() if s.confidence == "unverified"} == NOT_FOUND
    for sid in NOT_FOUND:
        source = sources[sid]
        assert (source.url, source.published, source.authors) == (None, None, []), sid
    # A probable identification says so in words too, not only in the field.
    for sid, source in sources.items():
        if source.confidence == "probable":
            assert "probabl" in (source.notes or "").lower(), sid


def test_sources_are_dated_where_known(example: Validation) -> None:
    published = {sid: str(e.record.published) for sid, e in example.kb.sources.items()}
    assert published["newsweek-pro-north-korea-tiktok"] == "2023-12"
    assert published["dailydot-north-korean-propaganda-account"] == "2023-02"
    assert published["rsf-world-press-freedom-index-2023"] == "2023-05-03"
    assert published["forbes-tiktok-heating-button"] == "2023-01-20"
    assert published["montana-tiktok-ban-law-2023"] == "2023-05-17"
    assert published["molloy-order-montana-tiktok-ban"] == "2023-11-30"


def test_stats_page_counts_addressed_sources_none_archived(example: Validation) -> None:
    stats = render_site(example.kb)[page_file(EN.STATS)]
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", stats.split("Sources with a web address")[1])
    assert cells[:3] == [str(len(ADDRESSED)), "0", "0%"]


def test_source_page_and_api_say_how_sure_and_why_no_archive(example: Validation) -> None:
    site = render_site(example.kb)
    page = site[page_file(EN.source("forbes-tiktok-heating-button"))]
    assert "<dt>Confidence</dt><dd>Verified</dd>" in page
    assert "no archived copy yet: no Wayback Machine" in page
    api = json.loads(site["api/sources.json"])
    by_id = {s["id"]: s for s in api["sources"]}
    assert by_id["newsweek-pro-north-korea-tiktok"]["confidence"] == "probable"


def test_rsf_rank_is_read_with_its_edition(example: Validation) -> None:
    claim = example.kb.claims["north-korea-last-rsf-press-freedom-2023"].record
    ranks = {(str(o.as_of)[:4], o.value) for o in claim.observations}
    assert ranks == {("2023", 180), ("2024", 177), ("2025", 179)}
    assert "2023 edition" in (claim.conclusion or "")
    assert "177th" in (claim.conclusion or "") and "179th" in (claim.conclusion or "")


def test_changed_facts_are_corrected_in_the_open(example: Validation) -> None:
    claims = {cid: entry.record for cid, entry in example.kb.claims.items()}
    expected = {
        "north-korea-last-rsf-press-freedom-2023": "177th",
        "us-travel-advisory-north-korea": "April 29, 2025",
        "montana-first-state-to-ban-tiktok": "April 14, 2023",
        "northkoreanlife-government-account": "NK News",
    }
    for cid, words in expected.items():
        notes = [f.note for f in claims[cid].corrections if str(f.date) == FIX_DATE]
        assert any(words in note for note in notes), cid
    montana = claims["montana-first-state-to-ban-tiktok"]
    assert "May 17, 2023" in (montana.conclusion or "")
    assert [f.kind for f in montana.corrections] == ["correction"]


def test_a_changed_claim_is_dated_by_its_latest_correction(example: Validation) -> None:
    for cid, entry in example.kb.claims.items():
        claim = entry.record
        if claim.corrections:
            assert str(claim.updated) == max(str(f.date) for f in claim.corrections), cid


def test_experts_doubt_against_the_state_run_claim_is_evidence(example: Validation) -> None:
    claim = example.kb.claims["northkoreanlife-government-account"].record
    refuting = {e.source for e in claim.evidence if e.stance == "refutes"}
    assert refuting == {"northkoreatech-northkoreanlife-2023", "nknews-northkoreanlife-2023"}
    assert claim.rating == "unproven"
