"""schema.org ClaimReview (and MediaReview) built from the same record as the visible page.

Follows Google's fact-check markup: claimReviewed, reviewRating (alternateName, and for
ordinal ratings ratingValue / bestRating / worstRating), url, author, datePublished,
itemReviewed Claim with author, datePublished, appearance and firstAppearance.
"""

from __future__ import annotations

import json
from typing import Any

from factdesk.kb import KnowledgeBase
from factdesk.records.models import Appearance, Claim, ClaimantKind
from factdesk.records.vocab import MEDIA_CATEGORIES
from factdesk.render import urls

CONTEXT = "https://schema.org"
_MEDIA_OBJECTS = {"image": "ImageObject", "video": "VideoObject", "audio": "AudioObject"}
_PERSON_KINDS: set[ClaimantKind] = {"person"}


def _publisher(kb: KnowledgeBase) -> dict[str, Any]:
    pub = kb.settings.publisher
    node: dict[str, Any] = {"@type": "Organization", "name": pub.name}
    if pub.url:
        node["url"] = pub.url
    if pub.logo:
        node["logo"] = {"@type": "ImageObject", "url": pub.logo}
    return node


def _claimant(claim: Claim) -> dict[str, Any]:
    who = claim.claimant
    node: dict[str, Any] = {
        "@type": "Person" if who.kind in _PERSON_KINDS else "Organization",
        "name": who.name,
    }
    same_as = [u for u in [who.url, *who.same_as] if u]
    if same_as:
        node["sameAs"] = same_as if len(same_as) > 1 else same_as[0]
    if who.description:
        node["description"] = who.description
    return node


def _appearance(kb: KnowledgeBase, seen: Appearance) -> dict[str, Any]:
    node: dict[str, Any] = {"@type": "CreativeWork"}
    if seen.source:
        # The source's page on this site identifies it; `factdesk import` maps it back.
        node["@id"] = urls.absolute(kb.settings.site_url, urls.source(seen.source))
    source = kb.sources[seen.source].record if seen.source in kb.sources else None
    url = seen.url or (source.url if source else None)
    if url:
        node["url"] = url
    if source:
        node["name"] = source.title
        if source.publisher:
            node["publisher"] = {"@type": "Organization", "name": source.publisher}
    # Dates and archive copies of the appearance itself; the source's own are on its page.
    if seen.date:
        node["datePublished"] = str(seen.date)
    if seen.archive_url:
        node["archivedAt"] = seen.archive_url
    if seen.platform:
        node["isPartOf"] = {"@type": "WebSite", "name": seen.platform}
    return node


def _rating(kb: KnowledgeBase, claim: Claim) -> dict[str, Any]:
    rating = kb.settings.rating(claim.rating_key)
    node: dict[str, Any] = {
        "@type": "Rating",
        "alternateName": kb.settings.rating_label(claim.rating_key),
    }
    scale = kb.settings.ordinal_range
    if rating and rating.value is not None and scale:
        node.update(ratingValue=rating.value, worstRating=scale[0], bestRating=scale[1])
    if claim.conclusion:
        node["ratingExplanation"] = claim.conclusion
    return node


def claim_review(kb: KnowledgeBase, claim: Claim) -> dict[str, Any]:
    item: dict[str, Any] = {"@type": "Claim", "author": _claimant(claim)}
    if claim.claim_date:
        item["datePublished"] = str(claim.claim_date)
    if claim.appearances:
        item["appearance"] = [_appearance(kb, a) for a in claim.appearances]
        first = next((a for a in claim.appearances if a.first), None)
        if first:
            item["firstAppearance"] = _appearance(kb, first)
    review: dict[str, Any] = {
        "@type": "ClaimReview",
        "url": urls.absolute(kb.settings.site_url, urls.claim(claim.id)),
        "headline": claim.title,
        "claimReviewed": claim.claim,
        "reviewRating": _rating(kb, claim),
        "itemReviewed": item,
        "author": _publisher(kb),
        "publisher": _publisher(kb),
        "inLanguage": claim.language,
    }
    if claim.published:
        review["datePublished"] = str(claim.published)
        review["dateModified"] = str(claim.updated or claim.published)
    if claim.conclusion:
        review["description"] = claim.conclusion
    return review


def media_review(kb: KnowledgeBase, claim: Claim) -> dict[str, Any] | None:
    review = claim.media_review
    if review is None:
        return None
    media: dict[str, Any] = {"@type": _MEDIA_OBJECTS[review.media_type]}
    if review.media_url:
        media["contentUrl"] = review.media_url
    categories = [f"{CONTEXT}/{MEDIA_CATEGORIES[c].schema_type}" for c in review.categories]
    node: dict[str, Any] = {
        "@type": "MediaReview",
        "url": urls.absolute(kb.settings.site_url, urls.claim(claim.id)),
        "author": _publisher(kb),
        "mediaAuthenticityCategory": categories if len(categories) > 1 else categories[0],
        "itemReviewed": {"@type": "MediaReviewItem", "mediaItemAppearance": [media]},
    }
    if claim.published:
        node["datePublished"] = str(claim.published)
    if review.original_context:
        node["originalMediaContextDescription"] = review.original_context
    if review.original_media_url:
        node["originalMediaLink"] = review.original_media_url
    if review.note:
        node["description"] = review.note
    return node


def claim_graph(kb: KnowledgeBase, claim: Claim) -> dict[str, Any]:
    """The page's one JSON-LD block: the ClaimReview, and a MediaReview beside it."""
    nodes = [claim_review(kb, claim)]
    media = media_review(kb, claim)
    if media:
        nodes.append(media)
    return {"@context": CONTEXT, "@graph": nodes}


def script_json(data: Any) -> str:
    """JSON safe inside <script type="application/ld+json">: no contributor text can
    close the element or open a comment, since <, > and & never appear literally."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return text
