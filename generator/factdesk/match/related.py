"""Each claim's related fact-checks for its page and its API document, found at build time.

The pairs are FD113's (pairs.py): the same docs in the same order at the desk's
`match_threshold`, so a build that follows `validate` (the plugin validates first, and CI
runs `validate` before `build`) reads them back from `.cache/factdesk/match-pairs.json`
instead of comparing every claim with every other a second time. A pair silenced for
FD113 (`not_same_as`) is still shown: "not the same claim" does not mean unrelated.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from factdesk.kb import KnowledgeBase
from factdesk.match.desk import doc_of
from factdesk.match.pairs import similar_pairs
from factdesk.match.tokens import primary

# Links per claim page: the closest few are what a reader follows; more is noise.
RELATED_TOP = 5


@dataclass(frozen=True)
class RelatedCheck:
    """Another published fact-check that reads like this one."""

    id: str
    score: float
    other_language: bool  # the same claim checked in another language, most likely


def _neighbours(pairs: Sequence[tuple[int, int, float]]) -> dict[int, list[tuple[int, float]]]:
    found: dict[int, list[tuple[int, float]]] = {}
    for i, j, score in pairs:
        found.setdefault(i, []).append((j, score))
        found.setdefault(j, []).append((i, score))
    return found


def related_checks(kb: KnowledgeBase, cache_dir: Path | None) -> dict[str, list[RelatedCheck]]:
    """claim id → its related published fact-checks, best first (ties by id), at most
    RELATED_TOP, leaving out those the claim already names in `related` and its own
    translations."""
    docs = [doc_of(entry.record) for entry in kb.claims.values()]
    pairs = similar_pairs(docs, kb.settings.match_threshold, cache_dir)
    published = {c.id for c in kb.published}
    out: dict[str, list[RelatedCheck]] = {}
    for i, others in _neighbours(pairs).items():
        doc = docs[i]
        if doc.id not in published:
            continue
        # Its own translations are the same fact-check, linked as such, not related ones.
        named = set(kb.claims[doc.id].record.related) | {c.id for c in kb.translations(doc.id)}
        shown = [
            RelatedCheck(docs[j].id, score, primary(docs[j].language) != primary(doc.language))
            for j, score in others
            if docs[j].id in published and docs[j].id not in named
        ]
        shown.sort(key=lambda r: (-r.score, r.id))
        if shown:
            out[doc.id] = shown[:RELATED_TOP]
    return out
