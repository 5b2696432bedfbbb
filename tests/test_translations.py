"""Fact-checks in several languages: the original wording of a claim, quotes in their own
language, and translations of one fact-check (one verdict, one version per language)."""

from __future__ import annotations

import datetime as dt

from factdesk.check.pipeline import validate_root

from code_cases import BASE_CLAIM, translation
from conftest import MakeKB

TODAY = dt.date(2026, 1, 1)
B = "claims/claim-b.yaml"


def _codes(make_kb: MakeKB, files: dict[str, str | bytes | None]) -> list[tuple[str, str, int]]:
    found = validate_root(make_kb(files), TODAY).diagnostics
    return sorted((d.code, d.file, d.line) for d in found)


def test_a_translation_of_a_published_original_with_its_verdict_is_clean(
    make_kb: MakeKB,
) -> None:
    assert _codes(make_kb, {B: translation()}) == []


def test_a_claim_naming_itself_as_original_is_fd059_not_a_related_claim(make_kb: MakeKB) -> None:
    codes = _codes(make_kb, {"claims/claim-a.yaml": BASE_CLAIM + "translation_of: claim-a\n"})
    assert codes == [("FD059", "claims/claim-a.yaml", 13)]


def test_a_translation_of_an_unknown_claim_is_fd013(make_kb: MakeKB) -> None:
    assert _codes(make_kb, {B: translation(of="claim-zzz")}) == [("FD013", B, 14)]


def test_two_translations_into_one_language_are_fd062_at_the_second(make_kb: MakeKB) -> None:
    files = {B: translation(), "claims/claim-c.yaml": translation("claim-c")}
    assert _codes(make_kb, files) == [("FD062", "claims/claim-c.yaml", 13)]


def test_language_tags_are_compared_without_case(make_kb: MakeKB) -> None:
    files = {
        "claims/claim-a.yaml": BASE_CLAIM + "language: en-GB\n",
        B: translation(language="en-gb"),
    }
    assert _codes(make_kb, files) == [("FD062", B, 14)]


def test_a_chain_names_its_root(make_kb: MakeKB) -> None:
    chain = {B: translation(), "claims/claim-c.yaml": translation("claim-c", "claim-b", "fr")}
    found = validate_root(make_kb(chain), TODAY).diagnostics
    assert [d.hint for d in found if d.code == "FD061"] == [
        "write `translation_of: claim-a`, the fact-check they all translate"
    ]


def test_two_claims_naming_each_other_are_told_there_is_no_original(make_kb: MakeKB) -> None:
    loop = {
        "claims/claim-a.yaml": BASE_CLAIM + "translation_of: claim-b\n",
        B: translation(),
    }
    hints = [d.hint for d in validate_root(make_kb(loop), TODAY).diagnostics if d.code == "FD061"]
    assert len(hints) == 2 and all("name each other" in h for h in hints)


def test_a_draft_translation_without_a_rating_is_not_another_verdict(make_kb: MakeKB) -> None:
    draft = translation(status="draft").replace('rating: "false"\n', "")
    assert _codes(make_kb, {B: draft}) == []


def test_a_published_translation_of_a_withdrawn_original_is_fd115(make_kb: MakeKB) -> None:
    withdrawn = BASE_CLAIM.replace("status: published", "status: withdrawn\nwithdrawal: Wrong.")
    codes = _codes(make_kb, {"claims/claim-a.yaml": withdrawn, B: translation()})
    assert codes == [("FD115", B, 12)]


def test_translations_are_not_reported_as_checked_before(make_kb: MakeKB) -> None:
    # The same words in two versions read alike by design (FD113 would say so otherwise).
    sibling = translation("claim-c", language="fr")
    found = _codes(make_kb, {B: translation(), "claims/claim-c.yaml": sibling})
    assert found == []


def test_an_original_in_the_fact_checks_language_with_other_words_is_fd116(
    make_kb: MakeKB,
) -> None:
    text = BASE_CLAIM + "original_claim:\n  text: The sea is red\n  language: en\n"
    found = validate_root(make_kb({"claims/claim-a.yaml": text}), TODAY).diagnostics
    assert [(d.code, d.line) for d in found] == [("FD116", 15)]
    assert "differ from `claim`" in found[0].message


def test_an_original_in_another_language_is_clean(make_kb: MakeKB) -> None:
    text = BASE_CLAIM + "original_claim:\n  text: 하늘은 초록색이다\n  language: ko\n"
    assert _codes(make_kb, {"claims/claim-a.yaml": text}) == []


def test_a_quote_translation_without_a_quote_is_fd022(make_kb: MakeKB) -> None:
    text = BASE_CLAIM.replace("stance: refutes", "stance: refutes\n    quote_translation: 없음")
    assert _codes(make_kb, {"claims/claim-a.yaml": text}) == [("FD022", "claims/claim-a.yaml", 9)]


def test_a_quote_with_its_language_and_translation_is_clean(make_kb: MakeKB) -> None:
    quote = "stance: refutes\n    quote: It is blue.\n    quote_language: en\n"
    text = BASE_CLAIM.replace("stance: refutes", quote + "    quote_translation: 파랗다.")
    assert _codes(make_kb, {"claims/claim-a.yaml": text}) == []
