"""Machine outputs: the JSON API, the ClaimReview DataFeed and the CSV. Every field of every
published record is here (nothing lost); drafts never are."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from typing import Any

from factdesk import SCHEMA_VERSION
from factdesk.kb import KnowledgeBase
from factdesk.match.related import RelatedCheck
from factdesk.records.history import Change, describe_change
from factdesk.records.models import Claim
from factdesk.render import urls
from factdesk.render.determinism import newest
from factdesk.render.jsonld import (
    CONTEXT,
    cited_sources,
    claim_nodes,
    claim_review,
    publisher,
)
from factdesk.render.languages import claim_url

CSV_COLUMNS = (
    "id",
    "url",
    "title",
    "claim",
    "claimant",
    "claim_date",
    "rating",
    "rating_label",
    "conclusion",
    "topics",
    "published",
    "updated",
    "corrections",
    # Languages, at the end so the columns above keep their places.
    "language",
    "original_claim",
    "original_language",
    "translation_of",
    "translator",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Every line break a text cell can hold (str.splitlines' set): each becomes LINE_BREAK, so
# a row of the CSV is one line for line-based tools (grep, wc -l, sort, head).
_LINE_BREAKS = re.compile(r"\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
LINE_BREAK = " ¶ "
# Excel reads a CSV as UTF-8 only after a byte order mark, and expects CRLF.
EXCEL_BOM = "\ufeff"


def dump(data: Any) -> str:
    # Compact: indented output runs json's pure-Python encoder, ten times slower.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def _claims(kb: KnowledgeBase) -> list[Any]:
    return sorted(kb.published, key=lambda c: c.id)


def related_links(kb: KnowledgeBase, related: Sequence[RelatedCheck]) -> list[dict[str, Any]]:
    """The links a claim page lists under "Checked in other languages" and "Similar
    fact-checks", for machines: the same claims, best first."""
    site = kb.settings.site_url
    return [
        {
            "id": r.id,
            "url": urls.absolute(site, claim_url(kb, r.id)),
            "api": urls.absolute(site, urls.claim_json(r.id)),
            "title": kb.claims[r.id].record.title,
            "language": kb.claims[r.id].record.language,
            "rating": kb.claims[r.id].record.rating_key,
            "score": round(r.score, 3),
            "other_language": r.other_language,
        }
        for r in related
    ]


def claim_document(
    kb: KnowledgeBase, cid: str, related: Sequence[RelatedCheck] = ()
) -> dict[str, Any]:
    claim = kb.claims[cid].record
    rating = kb.settings.rating(claim.rating_key)
    cited = cited_sources(claim)
    return {
        "claim": claim.model_dump(mode="json"),
        "url": urls.absolute(kb.settings.site_url, claim_url(kb, cid)),
        "rating": rating.model_dump(mode="json") if rating else None,
        "sources": [kb.sources[s].record.model_dump(mode="json") for s in cited if s in kb.sources],
        "claimreview": claim_review(kb, claim),
        "related_checks": related_links(kb, related),
        "translations": translation_list(kb, claim),
    }


def translation_list(kb: KnowledgeBase, claim: Claim) -> list[dict[str, Any]]:
    """The published versions of the fact-check in other languages (its original among
    them), by language: what the page's language links offer, for machines."""
    site = kb.settings.site_url
    return [
        {
            "id": c.id,
            "language": c.language,
            "url": urls.absolute(site, urls.claim(c.id)),
            "api": urls.absolute(site, urls.claim_json(c.id)),
            "title": c.title,
            "original": c.id == claim.translation_of,
            "translator": c.translator,
        }
        for c in kb.translations(claim.id)
        if c.status == "published"
    ]


def safe_cell(value: str) -> str:
    """Spreadsheets run a cell that starts with = + - @ as a formula: make it text."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def one_line(value: str) -> str:
    """A cell on one line: each line break becomes a visible ' ¶ ' (the API keeps the text
    exactly; the CSV is for reading and counting rows)."""
    return _LINE_BREAKS.sub(LINE_BREAK, value)


def claims_csv(kb: KnowledgeBase, *, excel: bool = False) -> str:
    """One published claim per line (RFC 4180 quoting: a cell with a comma or a double
    quote is quoted, a quote doubled). `excel`: the same rows with a UTF-8 byte order mark
    and CRLF line ends, which Excel needs to read UTF-8 text without mojibake."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n" if excel else "\n")
    writer.writerow(CSV_COLUMNS)
    for c in _claims(kb):
        row = [
            c.id,
            urls.absolute(kb.settings.site_url, claim_url(kb, c.id)),
            c.title,
            c.claim,
            c.claimant.name,
            str(c.claim_date or ""),
            c.rating_key,
            kb.settings.rating_label(c.rating_key),
            c.conclusion or "",
            ";".join(c.topics),
            str(c.published or ""),
            str(c.updated or ""),
            str(len(c.corrections)),
            c.language,
            c.original_claim.text if c.original_claim else "",
            c.original_claim.language if c.original_claim else "",
            c.translation_of or "",
            c.translator or "",
        ]
        writer.writerow([safe_cell(one_line(v)) for v in row])
    return (EXCEL_BOM if excel else "") + out.getvalue()


def browse_index(kb: KnowledgeBase) -> dict[str, Any]:
    """What the browse page filters, for every published claim, newest first, in compact
    columns: [id, date, rating, claimant, [topics], claim text, conclusion, claim date];
    ratings,
    claimants and topics are indexes into the lists beside the rows."""
    ratings = kb.settings.rating_keys
    claimants = sorted({kb.claimant_slug(c): c.claimant.name for c in kb.published}.items())
    claimant_index = {slug: i for i, (slug, _) in enumerate(claimants)}
    topics = sorted(kb.by_topic)
    topic_index = {t: i for i, t in enumerate(topics)}
    rows = [
        [
            c.id,
            str(c.published or ""),
            ratings.index(c.rating_key) if c.rating_key in ratings else -1,
            claimant_index[kb.claimant_slug(c)],
            [topic_index[t] for t in c.topics],
            c.claim,
            c.conclusion or "",
            str(c.claim_date or ""),  # last, so readers of the first seven are unchanged
        ]
        for c in kb.published
    ]
    labels = [kb.settings.rating_label(k) for k in ratings]
    return {
        "ratings": ratings,
        "labels": labels,
        "claimants": claimants,
        "topics": topics,
        "rows": rows,
    }


def _feed_item(kb: KnowledgeBase, claim: Claim) -> dict[str, Any]:
    """One fact-check as Data Commons reads it: a DataFeedItem whose `item` lists the
    ClaimReview (and the MediaReview beside it), dated by the fact-check's own dates."""
    node: dict[str, Any] = {
        "@type": "DataFeedItem",
        "url": urls.absolute(kb.settings.site_url, claim_url(kb, claim.id)),
        "dateCreated": str(claim.published),
    }
    if claim.updated:
        node["dateModified"] = str(claim.updated)
    node["item"] = claim_nodes(kb, claim)
    return node


def datafeed(kb: KnowledgeBase) -> dict[str, Any]:
    """The schema.org DataFeed of every published fact-check, in Data Commons' shape."""
    claims = _claims(kb)
    site = kb.settings.site_url
    feed: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "DataFeed",
        "@id": urls.absolute(site, urls.CLAIMREVIEW_JSON),
        "url": urls.absolute(site, urls.CLAIMREVIEW_JSON),
        "name": f"{kb.settings.publisher.name} fact-checks",
        "publisher": publisher(kb),
    }
    modified = newest(claims)
    if modified:
        feed["dateModified"] = str(modified)
    if kb.settings.license:
        feed["license"] = kb.settings.license
    feed["dataFeedElement"] = [_feed_item(kb, c) for c in claims]
    return feed


def _change(kb: KnowledgeBase, change: Change) -> dict[str, Any]:
    return {
        "kind": change.kind,
        "text": describe_change(change, kb.settings.rating_label),
        "before": change.before or None,
        "after": change.after or None,
        "added": [{"source": s, "stance": st} for s, st in change.added],
        "removed": [{"source": s, "stance": st} for s, st in change.removed],
    }


def history_document(kb: KnowledgeBase, cid: str) -> dict[str, Any]:
    """A claim's history: each change readers saw, with its date and commit."""
    repo = (kb.settings.repo_url or "").rstrip("/")
    events = (kb.history or {}).get(cid, ())
    return {
        "schema_version": SCHEMA_VERSION,
        "id": cid,
        "events": [
            {
                "date": e.date,
                "commit": e.commit,
                "url": f"{repo}/commit/{e.commit}" if repo else None,
                "changes": [_change(kb, c) for c in e.changes],
            }
            for e in events
        ],
    }


def history_files(
    kb: KnowledgeBase, only: Collection[str] | None = None
) -> Iterator[tuple[str, str]]:
    """api/claims/<id>/history.json for every claim with a page (or those in `only`), when
    the history is known."""
    if kb.history is None:
        return
    for claim in sorted([*kb.published, *kb.withdrawn], key=lambda c: c.id):
        if only is not None and claim.id not in only:
            continue
        yield urls.claim_history_json(claim.id), dump(history_document(kb, claim.id))


def render_api(
    kb: KnowledgeBase,
    related: Mapping[str, Sequence[RelatedCheck]] | None = None,
    only: Collection[str] | None = None,
    *,
    desk: bool = True,
) -> Iterator[tuple[str, str]]:
    """`related`: each claim's related fact-checks, as its page lists them; `only`: the
    claims whose own documents are wanted (all when None), beside the whole-desk files,
    which `desk=False` leaves out."""
    claims = _claims(kb)
    related = related or {}
    meta = {"schema_version": SCHEMA_VERSION}
    if desk:
        claim_list = [c.model_dump(mode="json") for c in claims]
        yield urls.CLAIMS_JSON, dump({**meta, "claims": claim_list})
    for c in claims:
        if only is None or c.id in only:
            yield urls.claim_json(c.id), dump(claim_document(kb, c.id, related.get(c.id, ())))
    if desk:
        sources = [kb.sources[s].record.model_dump(mode="json") for s in sorted(kb.sources)]
        yield urls.SOURCES_JSON, dump({**meta, "sources": sources})
        yield urls.CLAIMREVIEW_JSON, dump(datafeed(kb))
        yield urls.CLAIMS_CSV, claims_csv(kb)
        yield urls.CLAIMS_EXCEL_CSV, claims_csv(kb, excel=True)
        yield urls.BROWSE_JSON, dump(browse_index(kb))
    yield from history_files(kb, only)
