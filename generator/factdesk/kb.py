"""The knowledge base: valid records with their file positions, plus the indexes renderers use."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Generic, TypeVar

from factdesk.load.loader import Loaded
from factdesk.records.history import Histories
from factdesk.records.models import Claim, Record, Source
from factdesk.records.settings import Settings
from factdesk.records.slugs import name_key, name_slug, page_slugs

R = TypeVar("R", bound=Record)


@dataclass(frozen=True)
class Entry(Generic[R]):
    """A valid record and the loaded file it came from (for positions in diagnostics)."""

    record: R
    loaded: Loaded

    @property
    def path(self) -> str:
        return self.loaded.path


@dataclass
class KnowledgeBase:
    settings: Settings
    claims: dict[str, Entry[Claim]] = field(default_factory=dict)
    sources: dict[str, Entry[Source]] = field(default_factory=dict)
    root: Path | None = None  # the desk's folder, where media/ is; None for a KB in memory
    # Each claim's history from the desk's repository; None when there is none to read
    # (load/revisions.py; set by whoever builds the site, before rendering).
    history: Histories | None = None
    # The one language whose fact-checks the lists show (a site in several languages
    # renders each language's pages from such a view); None: every language.
    language: str | None = None

    def in_language(self, language: str) -> KnowledgeBase:
        """The same records, listing only the fact-checks in `language`: every lookup
        by id still finds every record, so a page links its translations."""
        return KnowledgeBase(
            self.settings, self.claims, self.sources, self.root, self.history, language
        )

    def _listed(self, claim: Claim) -> bool:
        return self.language is None or self.settings.site_language(claim.language) == self.language

    @cached_property
    def published(self) -> list[Claim]:
        """Published claims, newest first, ties by id: the order of every listing."""
        live = [
            e.record
            for e in self.claims.values()
            if e.record.status == "published" and self._listed(e.record)
        ]
        live.sort(key=lambda c: c.id)
        live.sort(key=lambda c: str(c.published or ""), reverse=True)
        return live

    @cached_property
    def withdrawn(self) -> list[Claim]:
        """Withdrawn claims, by id: each keeps its page, and is in no listing."""
        return sorted(
            (
                e.record
                for e in self.claims.values()
                if e.record.status == "withdrawn" and self._listed(e.record)
            ),
            key=lambda c: c.id,
        )

    @cached_property
    def citations(self) -> dict[str, list[str]]:
        """Source id → ids of the claims (drafts included) that cite it, sorted."""
        cited: dict[str, set[str]] = defaultdict(set)
        for entry in self.claims.values():
            claim = entry.record
            refs = [e.source for e in claim.evidence] + [o.source for o in claim.observations]
            refs += [a.source for a in claim.appearances if a.source]
            for ref in refs:
                cited[ref].add(claim.id)
        return {k: sorted(v) for k, v in sorted(cited.items())}

    @cached_property
    def by_rating(self) -> dict[str, list[Claim]]:
        groups: dict[str, list[Claim]] = {k: [] for k in self.settings.rating_keys}
        for claim in self.published:
            groups.setdefault(claim.rating_key, []).append(claim)
        return groups

    @cached_property
    def by_topic(self) -> dict[str, list[Claim]]:
        groups: dict[str, list[Claim]] = defaultdict(list)
        for claim in self.published:
            for topic in claim.topics:
                groups[topic].append(claim)
        return dict(sorted(groups.items()))

    @cached_property
    def claimant_slugs(self) -> dict[str, str]:
        """Claimant name (NFC) → page slug, unique per name even when two names meet at
        one slug (validate reports that as FD045; the pages still never merge)."""
        return page_slugs(c.claimant.name for c in self.published)

    def claimant_slug(self, claim: Claim) -> str:
        key = name_key(claim.claimant.name)
        # A draft's claimant has no page; its slug is still the one it would get alone.
        return self.claimant_slugs.get(key) or name_slug(key)

    @cached_property
    def by_claimant(self) -> dict[str, list[Claim]]:
        groups: dict[str, list[Claim]] = defaultdict(list)
        for claim in self.published:
            groups[self.claimant_slug(claim)].append(claim)
        return dict(sorted(groups.items()))

    @cached_property
    def translation_families(self) -> dict[str, list[Claim]]:
        """Original's id → the original and every translation that names it, by language
        then id. Validation keeps each family one level deep and one version per language
        (FD061, FD062); a chain is still followed to its root here, and a loop is left out."""
        families: dict[str, list[Claim]] = defaultdict(list)
        for entry in self.claims.values():
            root = self.translation_root(entry.record.id)
            if root is not None:
                families[root].append(entry.record)
        return {
            root: sorted(members, key=lambda c: (c.language, c.id))
            for root, members in sorted(families.items())
            if len(members) > 1
        }

    def translation_root(self, claim_id: str) -> str | None:
        """The original a claim's `translation_of` leads to (itself when it is one); None
        when the chain loops."""
        seen = {claim_id}
        while True:
            of = self.claims[claim_id].record.translation_of if claim_id in self.claims else None
            if of is None or of not in self.claims:
                return claim_id
            if of in seen:
                return None
            seen.add(of)
            claim_id = of

    def translations(self, claim_id: str) -> list[Claim]:
        """The other versions of a fact-check, in both directions (its original and the
        original's other translations, or an original's translations), drafts included,
        by language then id; [] for a claim with none. The site's language switcher and
        hreflang links take the published ones."""
        root = self.translation_root(claim_id)
        family = self.translation_families.get(root, []) if root is not None else []
        return [c for c in family if c.id != claim_id]

    def original(self, claim: Claim) -> Claim | None:
        """The fact-check this one translates, when it names one the desk has."""
        of = claim.translation_of
        return self.claims[of].record if of in self.claims and of != claim.id else None
