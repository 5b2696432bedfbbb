"""Reproducible builds: every date a build prints comes from the records, never the clock:
the build date (the newest record date), and when each page, feed entry and DataFeed item
last changed (the sitemap's `lastmod`, the feed's `updated`, the DataFeed's
`dateModified`)."""

from __future__ import annotations

import calendar
from collections.abc import Iterable

from factdesk.kb import KnowledgeBase
from factdesk.records.dates import PartialDate
from factdesk.records.models import Claim
from factdesk.render import urls
from factdesk.render.languages import claim_url, layout


def build_epoch(kb: KnowledgeBase) -> int:
    """Seconds since 1970 at the newest publication, update or correction date."""
    dates = [d for c in kb.published for d in (c.published, c.updated) if d is not None]
    dates += [fix.date for c in kb.published for fix in c.corrections]
    if not dates:
        return 0
    return calendar.timegm(max(dates).latest().timetuple())


def claim_modified(claim: Claim) -> PartialDate | None:
    """The day a fact-check last changed in substance: its update, else its publication."""
    return claim.updated or claim.published


def newest(claims: Iterable[Claim]) -> PartialDate | None:
    dates = [d for d in map(claim_modified, claims) if d is not None]
    return max(dates, key=lambda d: d.latest()) if dates else None


def page_dates(kb: KnowledgeBase) -> dict[str, str]:
    """Page file ('claims/x.md') → the YYYY-MM-DD its content last changed, for the pages
    whose content is a few records: a claim, a source (its newest citing claim), a
    claimant and a topic (their newest claim). Every other page lists the whole knowledge
    base, or is hand-written, and keeps the build date, which is the newest of them all."""
    groups: list[tuple[str, Iterable[Claim]]] = [(claim_url(kb, c.id), [c]) for c in kb.published]
    for language in kb.settings.languages:
        groups += _list_groups(kb.in_language(language), layout(kb, language))
    dates: dict[str, str] = {}
    for url, claims in groups:
        day = newest(claims)
        if day is not None:
            dates[urls.page_file(url)] = day.latest().isoformat()
    return dates


def _list_groups(kb: KnowledgeBase, site: urls.Layout) -> list[tuple[str, Iterable[Claim]]]:
    """One language's source, claimant and topic pages (each in its language's folder),
    with the fact-checks each lists: that language's only."""
    published = {c.id: c for c in kb.published}
    groups: list[tuple[str, Iterable[Claim]]] = [
        (site.source(sid), [published[cid] for cid in cids if cid in published])
        for sid, cids in kb.citations.items()
        if sid in kb.sources
    ]
    groups += [(site.claimant(slug), claims) for slug, claims in kb.by_claimant.items()]
    groups += [(site.topic(topic), claims) for topic, claims in kb.by_topic.items()]
    return groups
