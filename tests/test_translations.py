"""Fact-checks in several languages: the original wording of a claim, quotes in their own
language, and translations of one fact-check (one verdict, one version per language)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import extruct
import yaml

from factdesk.check.pipeline import validate_root
from factdesk.kb import KnowledgeBase
from factdesk.render import render_site
from factdesk.render.api import claims_csv
from factdesk.render.jsonld import claim_review

from code_cases import BASE_CLAIM, SETTINGS_TOPICS, translation
from conftest import REPO, MakeKB

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


# What readers and machines get.
ORIGINAL = BASE_CLAIM.replace(
    "stance: refutes", "stance: refutes\n    quote: It is blue.\n    quote_translation: 파랗다."
)
KOREAN = translation().replace(
    "stance: refutes", "stance: refutes\n    quote: It is blue.\n    quote_language: en"
) + ("translator: The desk\noriginal_claim:\n  text: The sky is green\n  language: en\n")
ARABIC_CLAIM = BASE_CLAIM + "original_claim:\n  text: السماء خضراء\n  language: ar\n"


def _site(
    make_kb: MakeKB, files: dict[str, str | bytes | None]
) -> tuple[KnowledgeBase, dict[str, str]]:
    kb = validate_root(make_kb(files), TODAY).kb
    return kb, render_site(kb)


def test_kb_translations_go_both_ways_and_leave_out_the_claim_itself(make_kb: MakeKB) -> None:
    french = translation("claim-c", language="fr")
    kb = validate_root(make_kb({B: translation(), "claims/claim-c.yaml": french}), TODAY).kb
    assert [c.id for c in kb.translations("claim-a")] == ["claim-c", "claim-b"]  # fr, ko
    assert [c.id for c in kb.translations("claim-b")] == ["claim-a", "claim-c"]  # en, fr
    assert kb.original(kb.claims["claim-b"].record) is kb.claims["claim-a"].record
    assert kb.translations("src-a") == [] and kb.original(kb.claims["claim-a"].record) is None


def test_claimreviews_link_translations_and_the_claim_carries_its_own_words(
    make_kb: MakeKB,
) -> None:
    kb, _ = _site(make_kb, {B: KOREAN})
    english = claim_review(kb, kb.claims["claim-a"].record)
    korean = claim_review(kb, kb.claims["claim-b"].record)
    assert english["inLanguage"] == "en" and korean["inLanguage"] == "ko"
    assert english["workTranslation"] == [{"@id": korean["@id"]}]
    assert korean["translationOfWork"] == {"@id": english["@id"]}
    assert korean["translator"] == {"@type": "Person", "name": "The desk"}
    assert korean["claimReviewed"].startswith("하늘은")
    assert korean["itemReviewed"]["inLanguage"] == "en"
    assert korean["itemReviewed"]["text"] == "The sky is green"
    assert "text" not in english["itemReviewed"], "without an original, claimReviewed says it"
    # The rating's name in each review's own language, as on its page.
    words = korean["reviewRating"]["alternateName"]
    assert words != english["reviewRating"]["alternateName"] and re.search("[가-힣]", words)


def test_extruct_reads_the_translation_links_from_the_page(make_kb: MakeKB) -> None:
    _, out = _site(make_kb, {B: KOREAN})
    meta = yaml.safe_load(out["claims/claim-b.md"].split("---\n")[1])
    html = f'<html><head><script type="application/ld+json">{meta["jsonld"]}</script></head></html>'
    [graph] = extruct.extract(html, syntaxes=["json-ld"], errors="strict")["json-ld"]
    [review] = graph["@graph"]
    assert review["translationOfWork"]["@id"].endswith("/claims/claim-a/#claimreview")
    assert review["itemReviewed"]["inLanguage"] == "en"


def test_api_and_csv_carry_languages_and_translations(make_kb: MakeKB) -> None:
    kb, out = _site(make_kb, {B: KOREAN})
    english = json.loads(out["api/claims/claim-a.json"])
    assert [(t["id"], t["language"], t["original"]) for t in english["translations"]] == [
        ("claim-b", "ko", False)
    ]
    korean = json.loads(out["api/claims/claim-b.json"])
    assert [(t["id"], t["original"]) for t in korean["translations"]] == [("claim-a", True)]
    assert korean["claim"]["original_claim"] == {"text": "The sky is green", "language": "en"}
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(claims_csv(kb)))}
    assert rows["claim-b"]["language"] == "ko"
    assert rows["claim-b"]["original_claim"] == "The sky is green"
    assert rows["claim-b"]["original_language"] == "en"
    assert rows["claim-b"]["translation_of"] == "claim-a"
    assert rows["claim-b"]["translator"] == "The desk"
    assert rows["claim-a"]["translation_of"] == ""


def test_the_page_says_what_it_translates_and_marks_words_in_other_languages(
    make_kb: MakeKB,
) -> None:
    _, out = _site(make_kb, {"claims/claim-a.yaml": ORIGINAL, B: KOREAN})
    korean, english = out["claims/claim-b.md"], out["claims/claim-a.md"]
    link = '<a href="../claim-a/" hreflang="en" lang="en">English</a>'
    assert f"Translated from {link}. Translator: The desk." in korean
    assert '<q lang="en" dir="ltr">The sky is green</q>' in korean
    assert '<blockquote class="fd-quote" lang="en" dir="ltr">It is blue.</blockquote>' in korean
    assert 'Quoted in <span lang="en">English</span>.' in korean
    assert 'Translation:</span> <span class="fd-quote-translation">파랗다.</span>' in english
    assert '<blockquote class="fd-quote">It is blue.</blockquote>' in english


def test_an_arabic_original_is_marked_right_to_left(make_kb: MakeKB) -> None:
    _, out = _site(make_kb, {"claims/claim-a.yaml": ARABIC_CLAIM})
    assert 'As made, in <span lang="ar">العربية</span>:' in out["claims/claim-a.md"]
    assert '<q lang="ar" dir="rtl">السماء خضراء</q>' in out["claims/claim-a.md"]


def test_a_translation_is_not_listed_as_a_related_fact_check(make_kb: MakeKB) -> None:
    # The same words in two languages read alike; the page links them as versions.
    british = (
        BASE_CLAIM.replace("claim-a", "claim-b") + "language: en-GB\ntranslation_of: claim-a\n"
    )
    _, out = _site(make_kb, {B: british.replace("The sky is green", "The sky is green, really")})
    assert json.loads(out["api/claims/claim-a.json"])["related_checks"] == []


# Addresses made from names in any script.
def test_an_id_in_another_script_is_told_its_transliterated_form(make_kb: MakeKB) -> None:
    text = BASE_CLAIM.replace("status: published", "status: published\ntopics: [북한]")
    found = validate_root(make_kb({"claims/claim-a.yaml": text}), TODAY).diagnostics
    assert [(d.code, d.hint) for d in found if d.code == "FD016"] == [
        ("FD016", "use 'bughan' (and name the file bughan.yaml)")
    ]


def test_two_topics_with_one_key_are_fd038(make_kb: MakeKB) -> None:
    settings = SETTINGS_TOPICS.replace(
        "[north-korea, tiktok]", "[north-korea, tiktok, north-korea]"
    )
    found = validate_root(make_kb({"mkdocs.yml": settings}), TODAY).diagnostics
    assert [(d.code, d.message) for d in found] == [
        ("FD038", "factdesk options: topic keys repeat: north-korea")
    ]


def test_contributor_text_in_the_new_csv_columns_cannot_run_as_a_formula(make_kb: MakeKB) -> None:
    hostile = KOREAN.replace("translator: The desk", 'translator: "=HYPERLINK(\\"x\\")"')
    kb = validate_root(make_kb({B: hostile}), TODAY).kb
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(claims_csv(kb)))}
    assert rows["claim-b"]["translator"] == '\'=HYPERLINK("x")'


def test_translated_from_leads_into_the_originals_language_folder() -> None:
    # On a desk that publishes several languages each is in its own folder.
    kb = validate_root(REPO / "tests" / "fixtures" / "desk-multilingual").kb
    page = render_site(kb)["ko/claims/montana-first-ban-ko.md"]
    link = '<a href="../../../en/claims/montana-first-ban/" hreflang="en" lang="en">English</a>'
    assert f"{link} 원문을 번역했습니다. 번역자: factdesk test translators." in page
