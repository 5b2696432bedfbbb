"""One ClaimReview → a claim record and the source record of the review itself.

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
from factdesk.tools.importer.ratings import map_rating
from factdesk.tools.importer.read import Page

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
            text = resolve(text.strip(), base)
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


def resolve(url: str, base: str) -> str:
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
    # A source of this site with its own address is written as that address, with the
    # source's page in `sameAs`: any of the three names the source.
    source = next(
        filter(
            None, (urls.id_in(raw.get(k), site_url, urls.source) for k in ("@id", "url", "sameAs"))
        ),
        None,
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
        match = _same_place(found, first)
        if match is None:
            found.insert(0, first)
            match = first
        match["first"] = True
    # AFP and others name where the claim was seen as the claim's own `url`.
    where = fields.url(item.get("url"), "itemReviewed.url")
    if where and _same_place(found, {"url": where}) is None:
        found.append({"url": where})
    return found


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


def _claim_record(
    review: _Review, item: dict[str, Any], fields: _Fields, site_url: str | None
) -> dict[str, Any]:
    """The claim record, a draft until `_decide_status` finds it complete. Its language
    is None when neither the review nor its page declared one."""
    published, updated = review.published, review.updated
    return {
        "id": review.claim_id,
        "title": review.title,
        "claim": review.claim_text,
        "claimant": _claimant(item, fields, fields.out),
        "claim_date": str(d)
        if (d := fields.date(item.get("datePublished"), "itemReviewed.datePublished"))
        else None,
        "appearances": _appearances(item, fields, site_url),
        "rating": review.rating,
        "conclusion": review.conclusion,
        "evidence": [
            review_evidence(
                source_id(review.publisher, review.claim_id), review.label, review.publisher
            )
        ],
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
    out.source = _source_record(found, origin)
    out.claim = _claim_record(found, item, fields, site_url)
    _decide_status(out, _missing(found))
    return out
