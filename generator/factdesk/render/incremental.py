"""What one save changes: the records that differ between two knowledge bases, and the
generated pages that show them, so `factdesk serve` re-renders those and nothing else.

A claim appears on its own page, on its claimant's and its topics' pages, on the pages of
the sources it cites, on the pages of claims that name it as related or list it as a
related fact-check, and in the lists of the whole desk (browse, latest, ratings,
corrections, statistics, the directories). A source appears on its own page and on the
pages of the claims that cite it. Both knowledge bases are asked, so a claim that moved
to another claimant or dropped a topic also leaves the pages it was on.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from factdesk.kb import Entry, KnowledgeBase
from factdesk.match.related import RelatedCheck
from factdesk.records.models import Claim, Record
from factdesk.render import urls
from factdesk.render.pages import BROWSE_PAGE, LATEST_COUNT

Related = Mapping[str, Sequence[RelatedCheck]]
_R = TypeVar("_R", bound=Record)


@dataclass(frozen=True)
class RecordChanges:
    """The ids of the claims and sources a save changed, added or removed."""

    claims: frozenset[str]
    sources: frozenset[str]

    def __bool__(self) -> bool:
        return bool(self.claims or self.sources)


def record_changes(old: KnowledgeBase, new: KnowledgeBase) -> RecordChanges:
    return RecordChanges(_differing(old.claims, new.claims), _differing(old.sources, new.sources))


def _differing(old: Mapping[str, Entry[_R]], new: Mapping[str, Entry[_R]]) -> frozenset[str]:
    """Ids whose record or file differs; an unchanged file gives the very same record
    object back from the check memo, so most comparisons stop at `is`."""
    return frozenset(
        rid
        for rid in old.keys() | new.keys()
        if rid not in old
        or rid not in new
        or not (old[rid] is new[rid] or old[rid].record == new[rid].record)
        or old[rid].path != new[rid].path
    )


@dataclass(frozen=True)
class PagesToUpdate:
    """`first`: the changed records' own pages, which the editor is looking at; `then`:
    the pages that list them (their claimants, topics, sources, browse page, related
    claims, the latest fact-checks), which the editor looks at next; `lists`: the whole
    desk's other short lists that may show them (ratings, statistics, corrections…),
    rendered and compared in full; each in the plan's order; `claims`: the claims among
    all these pages, whose own files (JSON, embed, share card) are written again."""

    first: list[str]
    then: list[str]
    lists: list[str]
    claims: frozenset[str]


def pages_to_update(
    old: KnowledgeBase,
    new: KnowledgeBase,
    changes: RecordChanges,
    related: tuple[Related, Related],
    plan: Collection[str],
) -> PagesToUpdate:
    """The generated pages (of `plan`, the new build's page paths) that may differ after
    `changes`; `related`: each claim's related fact-checks before and after."""
    own = [urls.page_file(urls.claim(c)) for c in sorted(changes.claims)]
    own += [urls.page_file(urls.source(s)) for s in sorted(changes.sources)]
    first = [p for p in own if p in plan]
    shown = set(first)
    for kb, checks in zip((old, new), related, strict=True):
        shown.update(_claim_listings(kb, changes.claims, checks))
        shown.update(_source_listings(kb, changes.sources))
    # One set, made once: written inside the loop, the union was made again for every
    # page of the plan (13 s a save at 10,000 claims).
    unshown = (
        _record_page_paths(new) | _record_page_paths(old) | _unchanged_lists(old, new, changes)
    )
    due = [p for p in plan if p not in first and (p in shown or p not in unshown)]
    listing = shown | _browse_pages(new) | {urls.page_file(urls.LATEST)}
    claims = {c for c in changes.claims if c in new.claims}
    claims.update(c for c in new.claims if urls.page_file(urls.claim(c)) in shown)
    then = [p for p in due if p in listing]
    lists = [p for p in due if p not in listing]
    return PagesToUpdate(first, then, lists, frozenset(claims))


def _unchanged_lists(old: KnowledgeBase, new: KnowledgeBase, changes: RecordChanges) -> set[str]:
    """The whole-desk lists that are long at 10,000 claims and cannot show the changed
    records: browse pages without them, and latest, corrections and the sources' index
    when the change is elsewhere. Only while the published claims keep their order (no
    date, status or id changed); the short lists are always rendered and compared."""
    before, after = [c.id for c in old.published], [c.id for c in new.published]
    if before != after:
        return set()
    position = {cid: n for n, cid in enumerate(after)}
    at = {position[c] // BROWSE_PAGE + 1 for c in changes.claims if c in position}
    skipped = _browse_pages(new) - {urls.page_file(urls.browse(n)) for n in at}
    if all(position.get(c, LATEST_COUNT) >= LATEST_COUNT for c in changes.claims):
        skipped.add(urls.page_file(urls.LATEST))
    if not any(_corrected(kb, changes.claims) for kb in (old, new)):
        skipped.add(urls.page_file(urls.CORRECTIONS))
    if not changes.sources:
        skipped.add(urls.page_file(urls.SOURCES))
    return skipped


def _browse_pages(kb: KnowledgeBase) -> set[str]:
    count = max(1, -(-len(kb.published) // BROWSE_PAGE))
    return {urls.page_file(urls.browse(n)) for n in range(1, count + 1)}


def _corrected(kb: KnowledgeBase, claims: Collection[str]) -> bool:
    return any(kb.claims[c].record.corrections for c in claims if c in kb.claims)


def _record_page_paths(kb: KnowledgeBase) -> set[str]:
    """The pages that show a few records each; every other generated page lists the whole
    desk (or a fixed part of it, like the latest fact-checks) and is compared in full."""
    paths = [urls.claim(c) for c in kb.claims]
    paths += [urls.source(s) for s in kb.sources]
    paths += [urls.claimant(s) for s in kb.by_claimant]
    paths += [urls.topic(t) for t in kb.by_topic]
    return {urls.page_file(p) for p in paths}


def _claim_listings(kb: KnowledgeBase, changed: Collection[str], related: Related) -> Iterable[str]:
    """The record pages of `kb` on which the changed claims appear."""
    for cid in changed:
        entry = kb.claims.get(cid)
        if entry is None:
            continue
        claim = entry.record
        yield urls.page_file(urls.claimant(kb.claimant_slug(claim)))
        for topic in claim.topics:
            yield urls.page_file(urls.topic(topic))
        for sid in _cited(claim):
            yield urls.page_file(urls.source(sid))
    for claim in [*kb.published, *kb.withdrawn]:
        shows = set(claim.related) | {r.id for r in related.get(claim.id, ())}
        if shows & set(changed):
            yield urls.page_file(urls.claim(claim.id))


def _cited(claim: Claim) -> list[str]:
    """The sources a claim cites, as KnowledgeBase.citations counts them."""
    refs = [e.source for e in claim.evidence] + [o.source for o in claim.observations]
    return refs + [a.source for a in claim.appearances if a.source]


def _source_listings(kb: KnowledgeBase, changed: Collection[str]) -> Iterable[str]:
    """The claim pages of `kb` that cite a changed source ("Our sources")."""
    for sid in changed:
        for cid in kb.citations.get(sid, []):
            yield urls.page_file(urls.claim(cid))
