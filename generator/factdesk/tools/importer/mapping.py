"""One ClaimReview → a claim record and the source record of the review itself.

A review of this very site (its `url` is one of the site's claim pages, as in the site's
own DataFeed) is no outside source: it gives back the desk's records instead, with every
`citation` of the site's source pages as a source record the claim cites, the claimant's
kind, handle and platform, each appearance's source, platform and note, and the related
claims (`associatedClaimReview`). The manual's "Pages and data" page lists what ClaimReview
cannot carry.

Every value goes through the same field validators as a contributor's record; a value that
fails is left out and reported (FD206), never passed on. A rating label with no alias is
never guessed: the claim is written as a draft without a rating (FD204).
"""

from __future__ import annotations

import email.utils
import hashlib
import html
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from pydantic_core import PydanticCustomError

from factdesk.check.record_rules import CLAIM_TEXT_LIMIT
from factdesk.records.dates import PartialDate
from factdesk.records.fields import ID_MAX, check_language, check_url
from factdesk.records.slugs import readable_slug
from factdesk.render import urls
from factdesk.render.jsonld import CLAIMANT_TYPES, SOURCE_TYPES
from factdesk.tools.importer.ratings import map_rating
from factdesk.tools.importer.read import Page

# Organisation types beyond those a kind is exported as (jsonld.CLAIMANT_TYPES).
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


# The evidence note of a source a review cites: ClaimReview says nothing of its stance.
CITED_NOTE = "Cited by the review; its markup does not say whether this supports or refutes."


@dataclass
class Mapped:
    claim: dict[str, Any] = field(default_factory=dict)
    # The source record of the review itself; None for a review of this very site.
    source: dict[str, Any] | None = None
    # Source records of this site the review cites, and the claim's evidence citing them.
    cited: list[dict[str, Any]] = field(default_factory=list)
    citing: list[dict[str, Any]] = field(default_factory=list)
    # The review's own address and outlet, which the import filters by.
    url: str | None = None
    publisher: str | None = None
    problems: list[Problem] = field(default_factory=list)
    # What a published fact-check needs and the review did not give: the claim stays a draft.
    missing: list[str] = field(default_factory=list)

    def note(self, code: str, where: str, message: str, hint: str) -> None:
        self.problems.append(Problem(code, where, message, hint))


def _items(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


_TAG = re.compile(r"<[^<>]*>")
_BREAK = re.compile(r"<\s*(br|/p|/div|/li)\b[^<>]*>", re.I)


def plain(text: str) -> str:
    """Publishers put HTML in JSON-LD text (`Singh&#039;s`, `<p>…</p>`, `<br />`): the
    text a reader sees, with tags gone, entities decoded and spacing tidied."""
    if "<" in text:
        text = _TAG.sub("", _BREAK.sub(" ", text))
    text = html.unescape(html.unescape(text)) if "&" in text else text
    return re.sub(r"\s+", " ", text).strip()


def _text(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    text = plain(value) if isinstance(value, str) else ""
    return text or None


def _type(node: Any) -> str:
    kind = node.get("@type") if isinstance(node, dict) else None
    kind = kind[0] if isinstance(kind, list) and kind else kind
    return kind.rsplit("/", 1)[-1] if isinstance(kind, str) else ""


class _Fields:
    """Checks values with the records' own validators, noting what had to be dropped."""

    def __init__(self, out: Mapped) -> None:
        self.out = out

    def url(self, value: Any, where: str, base: str | None = None) -> str | None:
        """A checked http(s) URL. With `base` (the page's own address), a relative or
        scheme-less address is first resolved the way a browser on that page would."""
        text = value.get("url") or value.get("@id") if isinstance(value, dict) else value
        if not isinstance(text, str) or not text.strip():
            return None
        if base is not None:
            text = resolve_url(text.strip(), base)
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
        try:
            return PartialDate.parse(date_text(text), day_required=day)
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


_SCHEMELESS = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)+(/|$)", re.I)


def resolve_url(url: str, base: str) -> str:
    """`/path` and `path` against the page's address; `aosfatos.org/noticias/…` (a host
    without its scheme, as Aos Fatos writes it) as https."""
    if urlsplit(url).scheme:
        return url
    if _SCHEMELESS.match(url):
        return f"https://{url}"
    return urljoin(base, url) if urlsplit(base).scheme in ("http", "https") else url


_ISO_DAY = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def date_text(text: str) -> str:
    """The date part of how publishers write dates: ISO with a time (`2020-06-23 20:02`,
    `2022-11-01T18:16:43+05:30`: the publisher's own day), or RFC 2822
    (`Wed, 11 Mar 2020 10:00:00 +0000`). Anything else is passed on to be refused."""
    iso = _ISO_DAY.match(text)
    if iso:
        return iso.group(0)
    try:
        return email.utils.parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return text


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
    # Nothing readable at all (a claim of symbols): the review's own address tells it apart.
    return slug[:ID_MAX].strip("-") or f"claim-{short_hash(url or claim_text)}"


def short_hash(text: str) -> str:
    """Six hex digits that tell two reviews apart when their ids would meet."""
    return hashlib.sha256(text.encode()).hexdigest()[:6]


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
    node = author if isinstance(author, dict) else {}
    handle = _text(node.get("alternateName"))
    who: dict[str, Any] = {
        "name": name or "Unknown",
        "kind": _claimant_kind(node),
        "platform": _platform(node, handle),
        "handle": handle,
        "description": _text(node.get("description")),
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


def kind_of(node: dict[str, Any], table: dict[Any, str]) -> str | None:
    """The kind a node names in the export's terms: its `additionalType` when that is a
    kind of the table, else the first kind exported as its `@type` (jsonld._typed)."""
    extra = node.get("additionalType")
    if isinstance(extra, str) and extra in table:
        return extra
    schema_type = _type(node)
    return next((kind for kind, t in table.items() if t == schema_type), None)


def _claimant_kind(author: dict[str, Any]) -> str:
    kind = kind_of(author, CLAIMANT_TYPES)
    return kind or ("organisation" if _type(author) in _ORGANISATION else "unknown")


def _platform(author: dict[str, Any], handle: str | None) -> str | None:
    """The platform of the claimant's account: `propertyID` of the PropertyValue that
    holds the handle (or no value at all). An identifier of another sort (a Wikidata id)
    names no platform."""
    for account in _items(author.get("identifier")):
        if isinstance(account, dict) and _text(account.get("value")) in (None, handle):
            return _text(account.get("propertyID"))
    return None


def _on_site(url: Any, site_url: str | None) -> bool:
    return isinstance(url, str) and bool(site_url) and url.startswith(urls.absolute(site_url, ""))


def _appearance(
    node: Any, fields: _Fields, site_url: str | None, where: str, cited: dict[str, str | None]
) -> dict[str, Any] | None:
    """One appearance. Its source is the source page of this site its `sameAs` (or `url`)
    names; its `url` is kept unless it only repeats that source's address (the export
    writes one there when the appearance has none), and its node's own `@id` on this site
    is no address at all."""
    raw = node if isinstance(node, dict) else {"url": node}
    seen: dict[str, Any] = {}
    source = urls.id_in(raw.get("sameAs"), site_url, urls.source) or urls.id_in(
        raw.get("url"), site_url, urls.source
    )
    ident = raw.get("@id") if not _on_site(raw.get("@id"), site_url) else None
    url = fields.url(raw.get("url") or ident, where)
    if url and not (source and _repeats_source(url, source, site_url, cited)):
        seen["url"] = url
    if source:
        seen["source"] = source
    if not seen:
        return None
    part_of = raw.get("isPartOf")
    platform = _text(part_of) if isinstance(part_of, dict) else None
    if platform:
        seen["platform"] = platform
    when = fields.date(raw.get("datePublished"), f"{where}.datePublished")
    if when:
        seen["date"] = str(when)
    archive = fields.url(raw.get("archivedAt"), f"{where}.archivedAt")
    if archive:
        seen["archive_url"] = archive
    note = _text(raw.get("description"))
    if note:
        seen["note"] = note
    return seen


def _repeats_source(
    url: str, source: str, site_url: str | None, cited: dict[str, str | None]
) -> bool:
    """The appearance's URL is only its source's address or the source's page here (in
    any language's folder)."""
    return url == cited.get(source) or urls.id_in(url, site_url, urls.source) == source


def _node_id(node: Any) -> str | None:
    ident = node.get("@id") if isinstance(node, dict) else None
    return ident if isinstance(ident, str) else None


def _appearances(
    item: dict[str, Any], fields: _Fields, site_url: str | None, cited: dict[str, str | None]
) -> list[dict[str, Any]]:
    found: list[tuple[str | None, dict[str, Any]]] = []
    for index, node in enumerate(_items(item.get("appearance"))):
        seen = _appearance(node, fields, site_url, f"itemReviewed.appearance[{index}]", cited)
        if seen:
            found.append((_node_id(node), seen))
    places = [seen for _, seen in found]
    first_node = next(iter(_items(item.get("firstAppearance"))), None)
    # The export repeats the first appearance's node, @id and all: that names it exactly.
    first = next((s for i, s in found if i and i == _node_id(first_node)), None)
    if first is None and first_node:
        read = _appearance(first_node, fields, site_url, "itemReviewed.firstAppearance", cited)
        first = _same_place(places, read) if read else None
        if read and first is None:
            places.insert(0, read)
            first = read
    if first is not None:
        first["first"] = True
    # AFP and others name where the claim was seen as the claim's own `url`.
    where = fields.url(item.get("url"), "itemReviewed.url")
    if where and _same_place(places, {"url": where}) is None:
        places.append({"url": where})
    return places


def _same_place(found: list[dict[str, Any]], seen: dict[str, Any]) -> dict[str, Any] | None:
    key = (seen.get("url"), seen.get("source"))
    return next((a for a in found if (a.get("url"), a.get("source")) == key), None)


@dataclass(frozen=True)
class _Review:
    """What one ClaimReview says, read once: the values both records are built from."""

    claim_text: str
    claim_id: str
    label: str | None  # the publisher's rating label, as written
    rating: str | None  # that label on this site's scale; None when it does not map
    published: PartialDate | None
    updated: PartialDate | None
    publisher: str | None
    url: str | None
    title: str
    conclusion: str | None
    language: str | None
    authors: list[str]
    own: bool  # a review of this very site: its claim page is `url`


def _claim_text(review: dict[str, Any], item: dict[str, Any]) -> str | None:
    return _first_text(review.get("claimReviewed"), item.get("text"), item.get("name"))


def _rating(label: str | None, table: dict[str, str], out: Mapped) -> str | None:
    """The label on this site's scale; never guessed: an unknown label is reported."""
    rating = map_rating(label, table)
    if rating is None:
        shown = f"'{label}'" if label else "no rating label"
        out.note(
            "FD204",
            "reviewRating.alternateName",
            f"{shown} does not map to this site's scale; written as a draft without a rating "
            "(the publisher's label is kept on the review's source record)",
            "an editor chooses the rating; add the label under `rating_aliases` in mkdocs.yml "
            "to map it on the next import",
        )
    return rating


def _is_organisation(node: Any) -> bool:
    return _type(node) in _ORGANISATION


def _outlet(review: dict[str, Any], url: str | None) -> str | None:
    """Who published the review: its `publisher`, else an `author` that is an organisation
    (or says not what it is), else the review's host. A person who wrote it is an author,
    not the outlet."""
    authors = _items(review.get("author"))
    organisations = [a for a in authors if _is_organisation(a)]
    untyped = [a for a in authors if not _type(a)]
    named = _first_text(*_items(review.get("publisher")), *organisations, *untyped)
    host = urlsplit(url).hostname if url else None
    return named or (host.removeprefix("www.") if host else None)


def _conclusion(review: dict[str, Any], rating_node: dict[str, Any], page: Page) -> str | None:
    """The publisher's own summary. BOOM writes the rating's number ("5") in
    `ratingExplanation`: a number alone is no conclusion. The page's description, written
    by the same desk, is the last resort."""
    for value in (
        rating_node.get("ratingExplanation"),
        review.get("reviewBody"),
        review.get("description"),
        page.description,
    ):
        text = _text(value)
        if text and re.search(r"[^\W\d_]", text):
            return text
    return None


def _language(review: dict[str, Any], page: Page, fields: _Fields) -> str | None:
    """The review's own `inLanguage`, else what its page declares; None when neither
    does (the caller then uses the desk's language)."""
    return fields.language(review.get("inLanguage")) or fields.language(page.language)


def _read_review(
    review: dict[str, Any],
    claim_text: str,
    table: dict[str, str],
    site_url: str | None,
    fields: _Fields,
    page: Page,
) -> _Review:
    """Extract the review's own values, each checked as a contributor's would be. The
    checks run one by one, so problems are reported in the order the fields are read."""
    rating_node = next((r for r in _items(review.get("reviewRating")) if isinstance(r, dict)), {})
    label = _text(rating_node.get("alternateName")) or _text(rating_node.get("name"))
    rating = _rating(label, table, fields.out)
    published = fields.date(review.get("datePublished"), "datePublished", day=True)
    updated = fields.date(review.get("dateModified"), "dateModified", day=True)
    url = fields.url(review.get("url"), "url", page.url)
    language = _language(review, page, fields)
    publisher = _outlet(review, url)
    people = [a for a in _items(review.get("author")) if not _is_organisation(a)]
    return _Review(
        claim_text=claim_text,
        claim_id=claim_id({**review, "url": url}, claim_text, site_url),
        label=label,
        rating=rating,
        published=published,
        updated=updated,
        publisher=publisher,
        url=url,
        title=_first_text(review.get("headline"), review.get("name"))
        or f"Fact-check: {claim_text}",
        conclusion=_conclusion(review, rating_node, page),
        language=language,
        authors=[n for n in (_text(a) for a in people) if n and n != publisher],
        own=urls.id_in(url, site_url, urls.claim) is not None,
    )


def _first_text(*values: Any) -> str | None:
    """The first of these values that holds text."""
    return next((text for text in map(_text, values) if text), None)


def source_id(publisher: str | None, cid: str) -> str:
    """The id of the review's source record, from its outlet and its claim's id."""
    return readable_slug(f"{publisher or 'review'} {cid}")[:ID_MAX].strip("-")


def _source_record(review: _Review, origin: str) -> dict[str, Any]:
    """The source record of the fact-check itself, which the claim cites."""
    return {
        "id": source_id(review.publisher, review.claim_id),
        "title": review.title,
        "kind": "article",
        "url": review.url,
        "publisher": review.publisher,
        "authors": review.authors,
        "published": str(review.published) if review.published else None,
        "rating_label": review.label,
        "language": review.language,
        "notes": f"The fact-check itself, imported from its ClaimReview markup ({origin}).",
    }


def review_evidence(source: str, label: str | None, publisher: str | None) -> dict[str, Any]:
    """The claim's citation of the review: the publisher's label quoted as written."""
    note = f"Rated '{label}'" if label else "Reviewed"
    return {
        "source": source,
        "stance": "context",
        "quote": label,
        "locator": "rating" if label else None,
        "note": f"{note} by {publisher or 'the publisher'}.",
    }


def cited_evidence(source: str) -> dict[str, Any]:
    """The claim's citation of a source its review cites. ClaimReview has no property for
    how a source bears on a claim, so the stance is `context` and the note says why."""
    return {"source": source, "stance": "context", "note": CITED_NOTE}


def _cited_sources(
    review: dict[str, Any], fields: _Fields, site_url: str | None
) -> list[dict[str, Any]]:
    """Each `citation` whose `@id` is a source page of this site, as that source record
    (the export's `jsonld.source_node` read back). A citation elsewhere names no record."""
    found: dict[str, dict[str, Any]] = {}
    for index, node in enumerate(_items(review.get("citation"))):
        sid = urls.id_in(_node_id(node), site_url, urls.source)
        if sid and sid not in found and isinstance(node, dict):
            found[sid] = _cited_source(node, sid, fields, f"citation[{index}]")
    return list(found.values())


def _cited_source(node: dict[str, Any], sid: str, fields: _Fields, where: str) -> dict[str, Any]:
    archive = node.get("archivedAt")
    made = archive.get("dateCreated") if isinstance(archive, dict) else None
    published = fields.date(node.get("datePublished"), f"{where}.datePublished")
    archived = fields.date(made, f"{where}.archivedAt.dateCreated", day=True)
    return {
        "id": sid,
        "title": _text(node.get("name")) or sid,
        "kind": kind_of(node, SOURCE_TYPES) or "other",
        "url": fields.url(node.get("url"), f"{where}.url"),
        "publisher": _text(node.get("publisher")),
        "authors": [n for n in map(_text, _items(node.get("author"))) if n],
        "published": str(published) if published else None,
        "archive_url": fields.url(archive, f"{where}.archivedAt"),
        "archived": str(archived) if archived else None,
        "language": fields.language(node.get("inLanguage")),
        "notes": _text(node.get("description")),
    }


def related_claims(review: dict[str, Any], site_url: str | None) -> list[str]:
    """The claims of this site whose reviews `associatedClaimReview` names (the export's
    `related`), in order; a review elsewhere names no claim of this desk."""
    found: list[str] = []
    for node in _items(review.get("associatedClaimReview")):
        cid = site_claim(node, site_url)
        if cid and cid not in found:
            found.append(cid)
    return found


def site_claim(node: Any, site_url: str | None) -> str | None:
    """The claim of this site whose review a node names by `@id`; None for one elsewhere."""
    return urls.id_in((_node_id(node) or "").partition("#")[0], site_url, urls.claim)


def translation_fields(
    review: dict[str, Any],
    item: dict[str, Any],
    fields: _Fields,
    site_url: str | None,
    checked_in: str | None,
) -> dict[str, Any]:
    """What a review says of languages: the Claim's own words (`text`, `inLanguage`) as
    the original wording when they are in another language than the review (`checked_in`;
    in its own, `claimReviewed` already is the claim), the original a translation names
    (`translationOfWork`, a review of this site) and its `translator`. Fields not given
    are left out."""
    found: dict[str, Any] = {}
    text, language = _text(item.get("text")), fields.language(item.get("inLanguage"))
    if text and language and language.casefold() != (checked_in or "").casefold():
        found["original_claim"] = {"text": text, "language": language}
    original = next(
        (
            c
            for c in map(lambda n: site_claim(n, site_url), _items(review.get("translationOfWork")))
            if c
        ),
        None,
    )
    if original:
        found["translation_of"] = original
    translator = next(
        (_text(t.get("name")) for t in _items(review.get("translator")) if isinstance(t, dict)),
        None,
    )
    if translator:
        found["translator"] = translator
    return found


def _claim_record(
    review: _Review,
    item: dict[str, Any],
    fields: _Fields,
    site_url: str | None,
    cited: list[dict[str, Any]],
) -> dict[str, Any]:
    """The claim record, a draft until `_decide_status` finds it complete. Its language
    is None when neither the review nor its page declared one. It cites the review itself
    (unless the review is this site's own) and every source of this site the review cites."""
    published, updated = review.published, review.updated
    own_cite = (
        []
        if review.own
        else [
            review_evidence(
                source_id(review.publisher, review.claim_id), review.label, review.publisher
            )
        ]
    )
    return {
        "id": review.claim_id,
        "title": review.title,
        "claim": review.claim_text,
        "claimant": _claimant(item, fields, fields.out),
        "claim_date": str(d)
        if (d := fields.date(item.get("datePublished"), "itemReviewed.datePublished"))
        else None,
        "appearances": _appearances(item, fields, site_url, {s["id"]: s.get("url") for s in cited}),
        "rating": review.rating,
        "conclusion": review.conclusion,
        "evidence": own_cite + [cited_evidence(s["id"]) for s in cited],
        "published": str(published) if published else None,
        "updated": str(updated) if updated and updated != published else None,
        "language": review.language,
        "status": "draft",
    }


def _missing(review: _Review) -> list[str]:
    """What a published fact-check needs and the review did not give. A claim text over
    the limit (FD103) waits as a draft for an editor to shorten it, rather than failing
    `validate --strict` the moment it is imported."""
    needed = (
        ("rating", review.rating),
        ("full publication date", review.published),
        ("conclusion", review.conclusion),
        (
            f"claim text within {CLAIM_TEXT_LIMIT} characters (FD103)",
            len(review.claim_text) <= CLAIM_TEXT_LIMIT,
        ),
    )
    return [name for name, value in needed if not value]


def _decide_status(out: Mapped, missing: list[str]) -> None:
    """Published when the review gave all a published fact-check needs; else a draft,
    with what is missing for the editor who completes it."""
    if missing:
        out.missing = missing
    else:
        out.claim["status"] = "published"


def map_review(
    review: dict[str, Any],
    table: dict[str, str],
    site_url: str | None,
    origin: str,
    page: Page | None = None,
) -> Mapped:
    """One ClaimReview → the claim record and the source record of the review itself."""
    out = Mapped()
    fields = _Fields(out)
    item = next((i for i in _items(review.get("itemReviewed")) if isinstance(i, dict)), {})
    claim_text = _claim_text(review, item)
    if claim_text is None:
        out.note(
            "FD203",
            "claimReviewed",
            "the review names no claim (claimReviewed is empty)",
            "nothing can be imported from it; check the publisher's markup",
        )
        return out
    found = _read_review(review, claim_text, table, site_url, fields, page or Page())
    out.url, out.publisher = found.url, found.publisher
    out.source = None if found.own else _source_record(found, origin)
    out.cited = _cited_sources(review, fields, site_url)
    out.citing = [cited_evidence(s["id"]) for s in out.cited]
    out.claim = _claim_record(found, item, fields, site_url, out.cited)
    out.claim["related"] = related_claims(review, site_url)
    out.claim.update(translation_fields(review, item, fields, site_url, found.language))
    _decide_status(out, _missing(found))
    return out
