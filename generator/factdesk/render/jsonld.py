"""schema.org ClaimReview (and MediaReview) built from the same record as the visible page.

Follows Google's fact-check markup: claimReviewed, reviewRating (alternateName, and for
ordinal ratings ratingValue / bestRating / worstRating), url, author, datePublished,
itemReviewed Claim with author, datePublished, appearance and firstAppearance. Beyond it,
each review carries what an importer needs to rebuild the records in an empty knowledge
base: every cited source as a `citation`, the claimant's kind, handle and platform,
each appearance's own node, and the related claims' reviews; the manual's "Pages and
data" page lists field by field what cannot be carried.
"""

from __future__ import annotations

import json
import re
from typing import Any

from factdesk.kb import KnowledgeBase
from factdesk.records.models import Appearance, Claim, ClaimantKind, SourceKind
from factdesk.records.vocab import MEDIA_CATEGORIES
from factdesk.render import urls
from factdesk.render.determinism import claim_modified
from factdesk.render.i18n import localized_settings
from factdesk.render.languages import claim_url, layout

CONTEXT = "https://schema.org"
_MEDIA_OBJECTS = {"image": "ImageObject", "video": "VideoObject", "audio": "AudioObject"}

# The schema.org type of each kind. Where several kinds share a type, the first keeps it
# alone and the others add `additionalType: <kind>`, so a reader gets the kind back.
CLAIMANT_TYPES: dict[ClaimantKind, str] = {
    "person": "Person",
    "organisation": "Organization",
    "media": "NewsMediaOrganization",
    "government": "GovernmentOrganization",
    "group": "Organization",
    "social-account": "Organization",
    "unknown": "Organization",
}
SOURCE_TYPES: dict[SourceKind, str] = {
    "article": "Article",
    "report": "Report",
    "dataset": "Dataset",
    "social-post": "SocialMediaPosting",
    "social-profile": "ProfilePage",
    "video": "VideoObject",
    "image": "ImageObject",
    "audio": "AudioObject",
    "official-document": "DigitalDocument",
    "court-record": "DigitalDocument",
    "statement": "CreativeWork",
    "testimony": "CreativeWork",
    "book": "Book",
    "website": "WebSite",
    "other": "CreativeWork",
}
# Node ids on a claim page (urls.node): the review, its media review, appearance-<n>.
REVIEW_NODE, MEDIA_NODE, APPEARANCE_NODE = "claimreview", "mediareview", "appearance-"
# A timestamp as a contributor writes it: 0:12, 1:02:03, 0:12-0:20, 0:12 – 0:20.
_CLOCK = r"(\d{1,2}(?::[0-5]\d){1,2})"
_TIMESTAMP = re.compile(rf"^\s*{_CLOCK}\s*(?:(?:-|–|—|to)\s*{_CLOCK})?\s*$")


def _typed(kind: str, table: dict[Any, str]) -> dict[str, str]:
    """`@type` for a kind, and `additionalType` when another kind came first to that type."""
    schema_type = table[kind]
    canonical = next(k for k, t in table.items() if t == schema_type)
    node = {"@type": schema_type}
    if kind != canonical:
        node["additionalType"] = kind
    return node


def _page(kb: KnowledgeBase, url: str) -> str:
    return urls.absolute(kb.settings.site_url, url)


def _source_page(kb: KnowledgeBase, sid: str) -> str:
    """A source's one identity in every graph: its page in the desk's default language
    (on a desk in several, each language has one; the default's lists every source)."""
    return _page(kb, layout(kb, kb.settings.default_language).source(sid))


def publisher(kb: KnowledgeBase) -> dict[str, Any]:
    pub = kb.settings.publisher
    node: dict[str, Any] = {"@type": "Organization", "name": pub.name}
    if pub.url:
        node["url"] = pub.url
    if pub.logo:
        node["logo"] = {"@type": "ImageObject", "url": pub.logo}
    return node


def _claimant(claim: Claim) -> dict[str, Any]:
    who = claim.claimant
    node: dict[str, Any] = {**_typed(who.kind, CLAIMANT_TYPES), "name": who.name}
    same_as = [u for u in [who.url, *who.same_as] if u]
    if same_as:
        node["sameAs"] = same_as if len(same_as) > 1 else same_as[0]
    if who.description:
        node["description"] = who.description
    if who.handle:
        node["alternateName"] = who.handle
    if who.handle or who.platform:
        # The account on its platform: PropertyValue names the system (propertyID) and
        # the value in it, the closest schema.org has to "handle on platform".
        account: dict[str, Any] = {"@type": "PropertyValue"}
        if who.platform:
            account["propertyID"] = who.platform
        if who.handle:
            account["value"] = who.handle
        node["identifier"] = account
    return node


def appearance_url(kb: KnowledgeBase, seen: Appearance) -> str | None:
    """Where a reader finds the appearance: its own URL, its source's, or, for a source
    without an address, the source's page on this site."""
    source = kb.sources[seen.source].record if seen.source in kb.sources else None
    if seen.url or (source and source.url):
        return seen.url or (source.url if source else None)
    return _source_page(kb, seen.source) if seen.source else None


def _appearance(kb: KnowledgeBase, claim: Claim, number: int) -> dict[str, Any]:
    """Appearance `number` (from 1) of the claim, as its own node on the claim page: its
    date is when the claim appeared there, which is not the source's publication date."""
    seen = claim.appearances[number - 1]
    node: dict[str, Any] = {
        "@type": "CreativeWork",
        "@id": _page(kb, urls.node(claim_url(kb, claim.id), f"{APPEARANCE_NODE}{number}")),
    }
    url = appearance_url(kb, seen)
    if url:
        node["url"] = url
    if seen.source:
        # The source record it is: its page here, read back by `factdesk import`.
        node["sameAs"] = _source_page(kb, seen.source)
        if seen.source in kb.sources:
            source = kb.sources[seen.source].record
            node["name"] = source.title
            if source.publisher:
                node["publisher"] = {"@type": "Organization", "name": source.publisher}
    if seen.date:
        node["datePublished"] = str(seen.date)
    if seen.archive_url:
        node["archivedAt"] = seen.archive_url
    if seen.platform:
        node["isPartOf"] = {"@type": "WebSite", "name": seen.platform}
    if seen.note:
        node["description"] = seen.note
    return node


def cited_sources(claim: Claim) -> list[str]:
    """Ids of every source the claim refers to (evidence, observations, appearances)."""
    return sorted(
        {e.source for e in claim.evidence}
        | {o.source for o in claim.observations}
        | {a.source for a in claim.appearances if a.source}
    )


def source_node(kb: KnowledgeBase, sid: str) -> dict[str, Any]:
    """A source as a schema.org CreativeWork, identified by its page on this site."""
    source = kb.sources[sid].record
    node: dict[str, Any] = {
        **_typed(source.kind, SOURCE_TYPES),
        "@id": _source_page(kb, sid),
        "name": source.title,
    }
    if source.url:
        node["url"] = source.url
    if source.publisher:
        node["publisher"] = {"@type": "Organization", "name": source.publisher}
    if source.authors:
        node["author"] = [{"@type": "Person", "name": name} for name in source.authors]
    if source.published:
        node["datePublished"] = str(source.published)
    if source.language:
        node["inLanguage"] = source.language
    if source.archive_url:
        archive: dict[str, Any] = {"@type": "WebPage", "url": source.archive_url}
        if source.archived:
            archive["dateCreated"] = str(source.archived)
        node["archivedAt"] = archive
    if source.notes:
        node["description"] = source.notes
    return node


def _rating(kb: KnowledgeBase, claim: Claim) -> dict[str, Any]:
    rating = kb.settings.rating(claim.rating_key)
    node: dict[str, Any] = {
        "@type": "Rating",
        # The label in the fact-check's own language, as its readers see it on the page.
        "alternateName": localized_settings(kb.settings, claim.language).rating_label(
            claim.rating_key
        ),
    }
    scale = kb.settings.ordinal_range
    if rating and rating.value is not None and scale:
        node.update(ratingValue=rating.value, worstRating=scale[0], bestRating=scale[1])
    if claim.conclusion:
        node["ratingExplanation"] = claim.conclusion
    return node


def _claim_words(claim: Claim) -> dict[str, str]:
    """The Claim's own words and their language: the original wording when the record
    gives one; otherwise `claim` is the words as made, in the fact-check's language."""
    if claim.original_claim:
        return {"text": claim.original_claim.text, "inLanguage": claim.original_claim.language}
    return {"inLanguage": claim.language}


def _claim_item(kb: KnowledgeBase, claim: Claim) -> dict[str, Any]:
    item: dict[str, Any] = {"@type": "Claim", "author": _claimant(claim), **_claim_words(claim)}
    if claim.claim_date:
        item["datePublished"] = str(claim.claim_date)
    if claim.appearances:
        numbers = range(1, len(claim.appearances) + 1)
        item["appearance"] = [_appearance(kb, claim, n) for n in numbers]
        first = next((n for n in numbers if claim.appearances[n - 1].first), None)
        if first:
            item["firstAppearance"] = _appearance(kb, claim, first)
    return item


def _review_dates(claim: Claim) -> dict[str, str]:
    """When a review (ClaimReview or MediaReview) was published and last changed."""
    if not claim.published:
        return {}
    return {"datePublished": str(claim.published), "dateModified": str(claim_modified(claim))}


def review_id(kb: KnowledgeBase, claim: Claim, name: str = REVIEW_NODE) -> str:
    return _page(kb, urls.node(claim_url(kb, claim.id), name))


def claim_review(kb: KnowledgeBase, claim: Claim) -> dict[str, Any]:
    review: dict[str, Any] = {
        "@type": "ClaimReview",
        "@id": review_id(kb, claim),
        "url": _page(kb, claim_url(kb, claim.id)),
        "headline": claim.title,
        "claimReviewed": claim.claim,
        "reviewRating": _rating(kb, claim),
        "itemReviewed": _claim_item(kb, claim),
        "author": publisher(kb),
        "publisher": publisher(kb),
        "inLanguage": claim.language,
    }
    review.update(_review_dates(claim))
    if claim.conclusion:
        review["description"] = claim.conclusion
    citations = [source_node(kb, s) for s in cited_sources(claim) if s in kb.sources]
    if citations:
        review["citation"] = citations
    if claim.media_review:
        review["associatedMediaReview"] = {"@id": review_id(kb, claim, MEDIA_NODE)}
    related = related_reviews(kb, claim)
    if related:
        review["associatedClaimReview"] = related
    review.update(translation_links(kb, claim))
    if kb.settings.license:
        review["license"] = kb.settings.license
    return review


def related_reviews(kb: KnowledgeBase, claim: Claim) -> list[dict[str, str]]:
    """The reviews of the claim's `related` claims that are published, in the record's
    order. schema.org's `associatedClaimReview` is "an associated ClaimReview, related by
    specific common content, topic or claim": the one property that says what `related`
    means, so an importer gets the links back."""
    linked = [kb.claims[r].record for r in claim.related if r in kb.claims]
    return [{"@id": review_id(kb, c)} for c in linked if c.status == "published"]


def translation_links(kb: KnowledgeBase, claim: Claim) -> dict[str, Any]:
    """schema.org's CreativeWork links between versions of one fact-check: a translation's
    `translationOfWork` (the published original) and `translator`, an original's
    `workTranslation` (its published translations). Only published reviews are named,
    as for `associatedClaimReview`."""
    links: dict[str, Any] = {}
    original = kb.original(claim)
    if original is not None and original.status == "published":
        links["translationOfWork"] = {"@id": review_id(kb, original)}
    if claim.translator:
        links["translator"] = _translator(kb, claim.translator)
    translated = [
        c
        for c in kb.translations(claim.id)
        if c.translation_of == claim.id and c.status == "published"
    ]
    if translated:
        links["workTranslation"] = [{"@id": review_id(kb, c)} for c in translated]
    return links


def _translator(kb: KnowledgeBase, name: str) -> dict[str, str]:
    # The record gives a name only: the desk itself is an Organization, anyone else a Person.
    kind = "Organization" if name == kb.settings.publisher.name else "Person"
    return {"@type": kind, "name": name}


def clip_times(timestamp: str) -> tuple[str, str | None] | None:
    """'0:12-0:20' → ('00:00:12', '00:00:20'), schema.org Time offsets into the media;
    None for text that is not a time or a range of times."""
    match = _TIMESTAMP.match(timestamp)
    if not match:
        return None

    def clock(text: str) -> str:
        parts = [int(p) for p in text.split(":")]
        hours, minutes, seconds = [0] * (3 - len(parts)) + parts
        return f"{hours:02d}:{minutes:02d}:{seconds:02d}"

    start, end = match.groups()
    return clock(start), clock(end) if end else None


def _media_items(kb: KnowledgeBase, claim: Claim) -> list[dict[str, Any]]:
    """The reviewed media where it was seen (its own link, else each appearance of the
    claim), then one clip of it per timestamp, with startTime and endTime."""
    review = claim.media_review
    assert review is not None
    kind = _MEDIA_OBJECTS[review.media_type]
    seen = [appearance_url(kb, a) for a in claim.appearances]
    places = [review.media_url] if review.media_url else [u for u in seen if u]
    items: list[dict[str, Any]] = [{"@type": kind, "contentUrl": u} for u in places]
    for timestamp in review.timestamps:
        clip: dict[str, Any] = {"@type": kind, "name": timestamp}
        if places:
            clip["contentUrl"] = places[0]
        times = clip_times(timestamp)
        if times:
            clip["startTime"] = times[0]
            if times[1]:
                clip["endTime"] = times[1]
        items.append(clip)
    return items or [{"@type": kind}]


def media_review(kb: KnowledgeBase, claim: Claim) -> dict[str, Any] | None:
    review = claim.media_review
    if review is None:
        return None
    categories = [f"{CONTEXT}/{MEDIA_CATEGORIES[c].schema_type}" for c in review.categories]
    node: dict[str, Any] = {
        "@type": "MediaReview",
        "@id": review_id(kb, claim, MEDIA_NODE),
        "url": _page(kb, claim_url(kb, claim.id)),
        "author": publisher(kb),
        "mediaAuthenticityCategory": categories if len(categories) > 1 else categories[0],
        "itemReviewed": {
            "@type": "MediaReviewItem",
            "mediaItemAppearance": _media_items(kb, claim),
        },
        "associatedClaimReview": {"@id": review_id(kb, claim)},
        "inLanguage": claim.language,
    }
    node.update(_review_dates(claim))
    if review.original_context:
        node["originalMediaContextDescription"] = review.original_context
    if review.original_media_url:
        node["originalMediaLink"] = review.original_media_url
    if review.note:
        node["description"] = review.note
    if kb.settings.license:
        node["license"] = kb.settings.license
    return node


def claim_nodes(kb: KnowledgeBase, claim: Claim) -> list[dict[str, Any]]:
    """The claim's reviews: the ClaimReview, and its MediaReview when it has one."""
    media = media_review(kb, claim)
    return [claim_review(kb, claim), *([media] if media else [])]


def claim_graph(kb: KnowledgeBase, claim: Claim) -> dict[str, Any]:
    """The page's one JSON-LD block: the ClaimReview, and a MediaReview beside it."""
    return {"@context": CONTEXT, "@graph": claim_nodes(kb, claim)}


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
