"""`map_review` on one review that is wrong in every way it can be: each problem is
reported once, in the order the review is read, and the claim stays a draft."""

from __future__ import annotations

from typing import Any

from factdesk.tools.importer.mapping import map_review

TABLE = {"false": "false"}
SITE = "https://example.org/t"

REVIEW: dict[str, Any] = {
    "@type": "ClaimReview",
    "claimReviewed": "The moon is cheese",
    "reviewRating": {"alternateName": "Pants on fire"},
    "datePublished": "soon",
    "dateModified": "later",
    "url": "ftp://example.org/review",
    "inLanguage": "not a language",
    "itemReviewed": {
        "author": {"@type": "Person", "sameAs": ["nope"]},
        "datePublished": "yesterday",
        "appearance": [{"url": "gopher://x"}, f"{SITE}/sources/src-a/"],
    },
}


def test_every_problem_in_reading_order() -> None:
    mapped = map_review(REVIEW, TABLE, SITE, "r.json")
    assert [(p.code, p.field) for p in mapped.problems] == [
        ("FD204", "reviewRating.alternateName"),
        ("FD206", "datePublished"),
        ("FD206", "dateModified"),
        ("FD206", "url"),
        ("FD206", "inLanguage"),
        ("FD206", "itemReviewed.author"),
        ("FD206", "itemReviewed.author.sameAs"),
        ("FD206", "itemReviewed.datePublished"),
        ("FD206", "itemReviewed.appearance[0]"),
    ]
    assert mapped.missing == ["rating", "full publication date", "conclusion"]
    assert mapped.claim["status"] == "draft"
    assert mapped.claim["appearances"] == [{"source": "src-a"}]
    assert mapped.source is not None
    assert mapped.claim["evidence"][0]["source"] == mapped.source["id"]


def test_a_complete_review_is_published() -> None:
    review = {
        "claimReviewed": "The moon is cheese",
        "reviewRating": {"alternateName": "False", "ratingExplanation": "It is rock."},
        "datePublished": "2024-02-03",
        "author": {"name": "Desk"},
        "itemReviewed": {"author": {"@type": "Person", "name": "Someone"}},
    }
    mapped = map_review(review, TABLE, None, "r.json")
    assert mapped.problems == [] and mapped.missing == []
    assert mapped.claim["status"] == "published"
    assert mapped.claim["rating"] == "false" and mapped.claim["conclusion"] == "It is rock."
    assert mapped.source is not None and mapped.source["publisher"] == "Desk"


def test_a_claims_own_words_in_another_language_are_its_original_wording() -> None:
    def item(language: str) -> dict[str, Any]:
        author = {"@type": "Person", "name": "Someone"}
        return {"author": author, "text": "달은 치즈다", "inLanguage": language}

    review = {"claimReviewed": "The moon is cheese", "inLanguage": "en", "itemReviewed": item("ko")}
    mapped = map_review(review, TABLE, None, "r.json")
    assert mapped.claim["original_claim"] == {"text": "달은 치즈다", "language": "ko"}
    # In the review's own language, claimReviewed is already the claim as made.
    same = map_review({**review, "itemReviewed": item("en")}, TABLE, None, "r.json")
    assert "original_claim" not in same.claim
    assert [p.field for p in same.problems] == ["reviewRating.alternateName"], "no inLanguage"


def test_a_translation_of_this_sites_review_names_its_original_and_translator() -> None:
    review = {
        "claimReviewed": "달은 치즈다",
        "inLanguage": "ko",
        "itemReviewed": {"author": {"@type": "Person", "name": "Someone"}},
        "translationOfWork": {"@id": f"{SITE}/claims/moon-cheese/#claimreview"},
        "translator": {"@type": "Person", "name": "A Translator"},
    }
    mapped = map_review(review, TABLE, SITE, "r.json")
    assert mapped.claim["translation_of"] == "moon-cheese"
    assert mapped.claim["translator"] == "A Translator"
    elsewhere = {**review, "translationOfWork": {"@id": "https://other.example/claims/x/"}}
    assert "translation_of" not in map_review(elsewhere, TABLE, SITE, "r.json").claim
