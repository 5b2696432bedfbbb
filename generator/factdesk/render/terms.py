"""Readers' words for the records' closed vocabularies: a source's kind, a claimant's kind,
a correction's kind, a medium, a confidence, a figure's qualifier, a MediaReview category.

Records hold keys; pages show these words, marked for the interface catalogs and
translated for each page's language (`term` in the templates). tests/test_i18n.py checks
that every key the models allow has its words here.
"""

from __future__ import annotations

from gettext import NullTranslations

from factdesk.records.messages import N_
from factdesk.records.vocab import MEDIA_CATEGORIES, QUALIFIERS

TERMS: dict[str, dict[str, str]] = {
    "source-kind": {
        "article": N_("Article"),
        "report": N_("Report"),
        "dataset": N_("Dataset"),
        "social-post": N_("Social post"),
        "social-profile": N_("Social profile"),
        "video": N_("Video"),
        "image": N_("Image"),
        "audio": N_("Audio"),
        "official-document": N_("Official document"),
        "court-record": N_("Court record"),
        "statement": N_("Statement"),
        "testimony": N_("Testimony"),
        "book": N_("Book"),
        "website": N_("Website"),
        "other": N_("Other"),
    },
    "claimant-kind": {
        "person": N_("person"),
        "organisation": N_("organisation"),
        "media": N_("media"),
        "government": N_("government"),
        "social-account": N_("social account"),
        "group": N_("group"),
        "unknown": N_("unknown"),
    },
    "correction-kind": {
        "correction": N_("Correction"),
        "clarification": N_("Clarification"),
        "update": N_("Update"),
    },
    "media-type": {"image": N_("Image"), "video": N_("Video"), "audio": N_("Audio")},
    "confidence": {
        "verified": N_("Verified"),
        "probable": N_("Probable"),
        "unverified": N_("Unverified"),
    },
    "qualifier": QUALIFIERS,
    "media-category": {key: term.label for key, term in MEDIA_CATEGORIES.items()},
    "media-explanation": {key: term.explanation for key, term in MEDIA_CATEGORIES.items()},
}


def term(words: NullTranslations, vocabulary: str, key: str) -> str:
    """A key's words in the reader's language; a key the table lacks shows as written."""
    known = TERMS[vocabulary].get(key)
    return words.gettext(known) if known is not None else key
