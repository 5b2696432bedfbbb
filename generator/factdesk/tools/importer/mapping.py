"""One ClaimReview → a claim record and the source record of the review itself.

Every value goes through the same field validators as a contributor's record; a value that
fails is left out and reported (FD206), never passed on. A rating label with no alias is
never guessed: the claim is written as a draft without a rating (FD204).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from pydantic_core import PydanticCustomError

from factdesk.records.dates import PartialDate
from factdesk.records.fields import ID_MAX, check_language, check_url
from factdesk.records.slugs import readable_slug
from factdesk.render import urls
from factdesk.tools.importer.ratings import map_rating

_PERSON = {"Person"}
_ORGANISATION = {
    "Organization",
    "NewsMediaOrganization",
    "GovernmentOrganization",
    "Corporation",
    "NGO",
    "PoliticalParty",
    "EducationalOrganization",
}


@dataclass
class Problem:
    code: str
    field: str
    message: str
    hint: str


@dataclass
class Mapped:
    claim: dict[str, Any] = field(default_factory=dict)
    source: dict[str, Any] | None = None
    problems: list[Problem] = field(default_factory=list)
    # What a published fact-check needs and the review did not give: the claim stays a draft.
    missing: list[str] = field(default_factory=list)

    def note(self, code: str, where: str, message: str, hint: str) -> None:
        self.problems.append(Problem(code, where, message, hint))


def _items(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _text(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    return value.strip() if isinstance(value, str) and value.strip() else None


def _type(node: Any) -> str:
    kind = node.get("@type") if isinstance(node, dict) else None
    kind = kind[0] if isinstance(kind, list) and kind else kind
    return kind.rsplit("/", 1)[-1] if isinstance(kind, str) else ""


class _Fields:
    """Checks values with the records' own validators, noting what had to be dropped."""

    def __init__(self, out: Mapped) -> None:
        self.out = out

    def url(self, value: Any, where: str) -> str | None:
        text = value.get("url") or value.get("@id") if isinstance(value, dict) else value
        if not isinstance(text, str) or not text.strip():
            return None
        try:
            return check_url(text)
        except PydanticCustomError:
            self.out.note(
                "FD206",
                where,
                f"'{text}' is not an http(s) URL; left out",
                "add the address by hand if it is known",
            )
            return None

    def date(self, value: Any, where: str, *, day: bool = False) -> PartialDate | None:
        text = _text(value)
        if text is None:
            return None
        match = re.match(r"\d{4}(-\d{2}(-\d{2})?)?", text)
        try:
            return PartialDate.parse(match.group(0) if match else text, day_required=day)
        except PydanticCustomError:
            self.out.note(
                "FD206",
                where,
                f"'{text}' is not a usable date; left out",
                "write the date as YYYY-MM-DD in the record",
            )
            return None

    def language(self, value: Any) -> str | None:
        text = _text(value.get("alternateName") if isinstance(value, dict) else value)
        if text is None:
            return None
        try:
            return check_language(text)
        except PydanticCustomError:
            self.out.note(
                "FD206",
                "inLanguage",
                f"'{text}' is not a language tag; left out",
                "set `language:` by hand",
            )
            return None


def claim_id(review: dict[str, Any], claim_text: str, site_url: str | None) -> str:
    url = review.get("url") if isinstance(review.get("url"), str) else None
    # A URL of this site keeps its id, so the site's own feed maps back exactly.
    own = urls.id_in(url, site_url, urls.claim)
    if own:
        return own
    last = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1] if url else ""
    slug = readable_slug(re.sub(r"\.(s?html?|php|aspx?)$", "", last))
    # Opaque tails (numbers, document codes like 33vn4ya) make poor ids: use the claim.
    opaque = any(re.search(r"\d", t) and re.search(r"[a-z]", t) for t in slug.split("-"))
    if len(slug) < 8 or slug.isdigit() or opaque:
        # Transliterated: claims in Korean or Arabic all became `imported-claim` before.
        slug = readable_slug(" ".join(claim_text.split()[:10]))
    return slug[:ID_MAX].strip("-") or "imported-claim"


def _claimant(item: dict[str, Any], fields: _Fields, out: Mapped) -> dict[str, Any]:
    author = next(iter(_items(item.get("author"))), None)
    name = _text(author)
    if name is None:
        out.note(
            "FD206",
            "itemReviewed.author",
            "the claim has no author; 'Unknown' written",
            "fill in `claimant.name`",
        )
    kind = _type(author)
    who: dict[str, Any] = {
        "name": name or "Unknown",
        "kind": "person"
        if kind in _PERSON
        else "organisation"
        if kind in _ORGANISATION
        else "unknown",
    }
    same_as = [
        u
        for u in (
            fields.url(v, "itemReviewed.author.sameAs")
            for v in _items(author.get("sameAs") if isinstance(author, dict) else None)
        )
        if u
    ]
    if same_as:
        who["url"] = same_as[0]
    if same_as[1:]:
        who["same_as"] = same_as[1:]
    return who


def _appearance(
    node: Any, fields: _Fields, site_url: str | None, where: str
) -> dict[str, Any] | None:
    raw = node if isinstance(node, dict) else {"url": node}
    seen: dict[str, Any] = {}
    ident = raw.get("@id") if isinstance(raw.get("@id"), str) else None
    source = urls.id_in(ident, site_url, urls.source) or urls.id_in(
        raw.get("url"), site_url, urls.source
    )
    # With a source of this site, `url` is that source's address, already in its record.
    url = None if source else fields.url(raw.get("url") or ident, where)
    if url:
        seen["url"] = url
    if source:
        seen["source"] = source
    if not seen:
        return None
    when = fields.date(raw.get("datePublished"), f"{where}.datePublished")
    if when:
        seen["date"] = str(when)
    archive = fields.url(raw.get("archivedAt"), f"{where}.archivedAt")
    if archive:
        seen["archive_url"] = archive
    return seen


def _appearances(
    item: dict[str, Any], fields: _Fields, site_url: str | None
) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for index, node in enumerate(_items(item.get("appearance"))):
        seen = _appearance(node, fields, site_url, f"itemReviewed.appearance[{index}]")
        if seen:
            found.append(seen)
    first_node = next(iter(_items(item.get("firstAppearance"))), None)
    first = (
        _appearance(first_node, fields, site_url, "itemReviewed.firstAppearance")
        if first_node
        else None
    )
    if first:
        key = (first.get("url"), first.get("source"))
        match = next((a for a in found if (a.get("url"), a.get("source")) == key), None)
        if match is None:
            found.insert(0, first)
            match = first
        match["first"] = True
    return found


def map_review(
    review: dict[str, Any], table: dict[str, str], site_url: str | None, origin: str
) -> Mapped:
    out = Mapped()
    fields = _Fields(out)
    item = next((i for i in _items(review.get("itemReviewed")) if isinstance(i, dict)), {})
    claim_text = (
        _text(review.get("claimReviewed")) or _text(item.get("text")) or _text(item.get("name"))
    )
    if claim_text is None:
        out.note(
            "FD203",
            "claimReviewed",
            "the review names no claim (claimReviewed is empty)",
            "nothing can be imported from it; check the publisher's markup",
        )
        return out
    rid = claim_id(review, claim_text, site_url)
    rating_node = next((r for r in _items(review.get("reviewRating")) if isinstance(r, dict)), {})
    label = _text(rating_node.get("alternateName")) or _text(rating_node.get("name"))
    rating = map_rating(label, table)
    if rating is None:
        shown = f"'{label}'" if label else "no rating label"
        out.note(
            "FD204",
            "reviewRating.alternateName",
            f"{shown} does not map to this site's scale; written as a draft without a rating",
            "an editor chooses the rating; add the label under `rating_aliases` in mkdocs.yml "
            "to map it on the next import",
        )
    published = fields.date(review.get("datePublished"), "datePublished", day=True)
    updated = fields.date(review.get("dateModified"), "dateModified", day=True)
    publisher = _text(next(iter(_items(review.get("author"))), None)) or _text(
        review.get("publisher")
    )
    review_url = fields.url(review.get("url"), "url")
    title = (
        _text(review.get("headline")) or _text(review.get("name")) or f"Fact-check: {claim_text}"
    )
    conclusion = (
        _text(rating_node.get("ratingExplanation"))
        or _text(review.get("reviewBody"))
        or _text(review.get("description"))
    )
    source_id = readable_slug(f"{publisher or 'review'} {rid}")[:ID_MAX].strip("-")
    language = fields.language(review.get("inLanguage"))
    out.source = {
        "id": source_id,
        "title": title,
        "kind": "article",
        "url": review_url,
        "publisher": publisher,
        "published": str(published) if published else None,
        "language": language,
        "notes": f"The fact-check itself, imported from its ClaimReview markup ({origin}).",
    }
    note = f"Rated '{label}'" if label else "Reviewed"
    out.claim = {
        "id": rid,
        "title": title,
        "claim": claim_text,
        "claimant": _claimant(item, fields, out),
        "claim_date": str(d)
        if (d := fields.date(item.get("datePublished"), "itemReviewed.datePublished"))
        else None,
        "appearances": _appearances(item, fields, site_url),
        "rating": rating,
        "conclusion": conclusion,
        "evidence": [
            {
                "source": source_id,
                "stance": "context",
                "note": f"{note} by {publisher or 'the publisher'}.",
            }
        ],
        "authors": [n for n in (_text(a) for a in _items(review.get("author"))) if n],
        "published": str(published) if published else None,
        "updated": str(updated) if updated and updated != published else None,
        "language": language or "en",
        "status": "draft",
    }
    missing = [
        name
        for name, value in (
            ("rating", rating),
            ("full publication date", published),
            ("conclusion", conclusion),
        )
        if not value
    ]
    if missing:
        out.missing = missing
    else:
        out.claim["status"] = "published"
    return out
