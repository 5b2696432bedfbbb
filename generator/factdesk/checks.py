"""Rules across fields and records. Each check is isolated: a bug in one cannot stop the run."""

from __future__ import annotations

import datetime as dt
import re
import traceback
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Any

from factdesk.dates import PartialDate
from factdesk.diagnostics import Diagnostic
from factdesk.kb import Entry, KnowledgeBase
from factdesk.loader import Loc
from factdesk.models import Claim
from factdesk.refs import RefKind, references
from factdesk.suggest import did_you_mean

CLAIM_TEXT_LIMIT = 75
Check = Callable[[KnowledgeBase, dt.date], Iterator[Diagnostic]]


def _at(entry: Entry[Any], code: str, loc: Loc, message: str, hint: str) -> Diagnostic:
    return Diagnostic.make(code, entry.path, entry.loaded.pos(loc), message, hint)


def _ref_problem(
    kb: KnowledgeBase, own_id: Any, kind: RefKind, ref: str
) -> tuple[str, str, str] | None:
    """(code, message, hint) when a reference does not resolve."""
    if kind == "source" and ref not in kb.source_names:
        return (
            "FD012",
            f"unknown source '{ref}'{did_you_mean(ref, kb.source_names)}",
            f"create sources/{ref}.yaml (`factdesk new source {ref}`) or fix the id",
        )
    if kind == "claim" and ref == own_id:
        return ("FD105", "the claim lists itself as related", "remove its own id from `related`")
    if kind == "claim" and ref not in kb.claim_names:
        return (
            "FD013",
            f"unknown claim '{ref}'{did_you_mean(ref, kb.claim_names)}",
            "use the id of an existing claim (its file name without .yaml)",
        )
    keys = kb.settings.rating_keys
    if kind == "rating" and ref not in keys:
        return (
            "FD019",
            f"unknown rating '{ref}'{did_you_mean(ref, keys)}",
            f"use one of the site's ratings: {', '.join(keys)}",
        )
    vocabulary = kb.settings.topics
    if kind == "topic" and vocabulary is not None and ref not in vocabulary:
        return (
            "FD036",
            f"unknown topic '{ref}'{did_you_mean(ref, vocabulary)}",
            "use a topic listed under `topics:` in mkdocs.yml, or add it there",
        )
    return None


def check_references(kb: KnowledgeBase, today: dt.date) -> Iterator[Diagnostic]:
    for loaded in kb.claim_files:
        assert loaded.data is not None
        for loc, kind, ref in references(loaded.data):
            problem = _ref_problem(kb, loaded.data.get("id"), kind, ref)
            if problem:
                code, message, hint = problem
                yield Diagnostic.make(code, loaded.path, loaded.pos(loc), message, hint)


def _order(
    entry: Entry[Any],
    earlier: tuple[str, PartialDate | None],
    later: tuple[str, PartialDate | None],
    loc: Loc,
) -> Iterator[Diagnostic]:
    (a_name, a), (b_name, b) = earlier, later
    if a is not None and b is not None and a.certainly_after(b):
        yield _at(
            entry,
            "FD030",
            loc,
            f"{a_name} {a} is after {b_name} {b}",
            f"{a_name} must not be later than {b_name}; check both dates",
        )


def _future(
    entry: Entry[Any], name: str, value: PartialDate | None, loc: Loc, today: dt.date
) -> Iterator[Diagnostic]:
    if value is not None and value.certainly_after(today):
        yield _at(
            entry,
            "FD031",
            loc,
            f"{name} {value} is in the future (today is {today})",
            "check the year; dates record what has already happened",
        )


def check_claim_dates(kb: KnowledgeBase, today: dt.date) -> Iterator[Diagnostic]:
    for entry in kb.claims.values():
        c = entry.record
        yield from _order(
            entry, ("claim_date", c.claim_date), ("published", c.published), ("published",)
        )
        yield from _order(entry, ("published", c.published), ("updated", c.updated), ("updated",))
        for name in ("claim_date", "published", "updated"):
            yield from _future(entry, name, getattr(c, name), (name,), today)
        for i, fix in enumerate(c.corrections):
            yield from _order(
                entry,
                ("published", c.published),
                ("the correction date", fix.date),
                ("corrections", i, "date"),
            )
            yield from _future(
                entry, "correction date", fix.date, ("corrections", i, "date"), today
            )
        for i, seen in enumerate(c.appearances):
            yield from _future(
                entry, "appearance date", seen.date, ("appearances", i, "date"), today
            )
        for i, obs in enumerate(c.observations):
            yield from _future(entry, "as_of", obs.as_of, ("observations", i, "as_of"), today)


def check_source_dates(kb: KnowledgeBase, today: dt.date) -> Iterator[Diagnostic]:
    for entry in kb.sources.values():
        s = entry.record
        yield from _order(
            entry, ("published", s.published), ("accessed", s.accessed), ("accessed",)
        )
        yield from _order(
            entry, ("published", s.published), ("archived", s.archived), ("archived",)
        )
        for name in ("published", "accessed", "archived"):
            yield from _future(entry, name, getattr(s, name), (name,), today)


def check_published_complete(kb: KnowledgeBase, today: dt.date) -> Iterator[Diagnostic]:
    draft = "or set `status: draft` until it is ready"
    for entry in kb.claims.values():
        c = entry.record
        if c.status != "published":
            continue
        if not c.evidence:
            yield _at(
                entry,
                "FD032",
                ("status",),
                "a published claim needs evidence",
                f"add `evidence:` with at least one source, {draft}",
            )
        if not c.conclusion:
            yield _at(
                entry,
                "FD033",
                ("status",),
                "a published claim needs a conclusion",
                f"add `conclusion:` explaining the verdict in a sentence or two, {draft}",
            )
        if c.rating is None:
            yield _at(
                entry,
                "FD040",
                ("status",),
                "a published claim needs a rating",
                f"add `rating:` with a key of the site's scale, {draft}",
            )
        if c.published is None:
            yield _at(
                entry,
                "FD034",
                ("status",),
                "a published claim needs a `published` date",
                f"add `published: YYYY-MM-DD`, {draft}",
            )


_ALTERED = {"edited-or-cropped", "transformed", "staged"}


def check_media_review(kb: KnowledgeBase, today: dt.date) -> Iterator[Diagnostic]:
    for entry in kb.claims.values():
        review = entry.record.media_review
        if review and "original" in review.categories and _ALTERED & set(review.categories):
            clash = ", ".join(sorted(_ALTERED & set(review.categories)))
            yield _at(
                entry,
                "FD035",
                ("media_review", "categories"),
                f"media review says 'original' and also {clash}",
                "'original' means unaltered; keep either it or the manipulation categories",
            )


def check_first_appearance(kb: KnowledgeBase, today: dt.date) -> Iterator[Diagnostic]:
    for entry in kb.claims.values():
        firsts = [i for i, a in enumerate(entry.record.appearances) if a.first]
        for i in firsts[1:]:
            yield _at(
                entry,
                "FD037",
                ("appearances", i, "first"),
                f"appearances {firsts[0]} and {i} are both marked first",
                "mark only the earliest known appearance with `first: true`",
            )


def check_sources_used(kb: KnowledgeBase, today: dt.date) -> Iterator[Diagnostic]:
    cited = {
        ref
        for data in (f.data for f in kb.claim_files)
        if data
        for _, kind, ref in references(data)
        if kind == "source"
    }
    for entry in kb.sources.values():
        s = entry.record
        if s.id not in cited:
            yield _at(
                entry,
                "FD101",
                ("id",),
                f"source '{s.id}' is not cited by any claim",
                "cite it in a claim's evidence, observations or appearances, or delete it",
            )
        if s.url and not s.archive_url:
            yield _at(
                entry,
                "FD102",
                ("url",),
                "the source has a URL but no archive copy",
                "save it at web.archive.org or archive.today and add `archive_url:`",
            )


def _normal(text: str) -> str:
    return re.sub(r"\W+", " ", text.casefold()).strip()


def check_claim_text(kb: KnowledgeBase, today: dt.date) -> Iterator[Diagnostic]:
    seen: dict[str, list[Entry[Claim]]] = defaultdict(list)
    for entry in kb.claims.values():
        text = entry.record.claim
        if len(text) > CLAIM_TEXT_LIMIT:
            yield _at(
                entry,
                "FD103",
                ("claim",),
                f"claim text is {len(text)} characters; the limit is {CLAIM_TEXT_LIMIT}",
                "shorten it to the checkable core; search results and ClaimReview show it "
                "whole, and the analysis can quote it in full",
            )
        seen[_normal(text)].append(entry)
    for entries in seen.values():
        for entry in entries[1:]:
            yield _at(
                entry,
                "FD104",
                ("claim",),
                f"the same claim text as {entries[0].record.id} ({entries[0].path})",
                "merge the two fact-checks, or link them with `related:` and reword one",
            )


# Characters that change how text reads without being seen: bidirectional overrides and
# isolates (the "Trojan Source" trick) and zero-width characters.
_INVISIBLE = re.compile("[\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def _strings(value: object, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*loc, index))


def check_invisible_text(kb: KnowledgeBase, today: dt.date) -> Iterator[Diagnostic]:
    for loaded in [*kb.claim_files, *kb.source_files]:
        for loc, text in _strings(loaded.data, ()):
            found = _INVISIBLE.search(text)
            if found:
                code = f"U+{ord(found.group()):04X}"
                yield Diagnostic.make(
                    "FD106",
                    loaded.path,
                    loaded.pos(loc),
                    f"{'.'.join(map(str, loc))} contains an invisible or direction-changing "
                    f"character ({code}): the text may read differently from what it says",
                    "delete it, unless the language needs it (a zero-width joiner in Persian, "
                    "Indic scripts or emoji)",
                )


CHECKS: tuple[Check, ...] = (
    check_references,
    check_claim_dates,
    check_source_dates,
    check_published_complete,
    check_media_review,
    check_first_appearance,
    check_sources_used,
    check_claim_text,
    check_invisible_text,
)


def run_checks(
    kb: KnowledgeBase, today: dt.date, checks: tuple[Check, ...] = CHECKS
) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for check in checks:
        try:
            found.extend(check(kb, today))
        except Exception as exc:
            where = traceback.extract_tb(exc.__traceback__)[-1]
            found.append(
                Diagnostic.make(
                    "FD000",
                    "(factdesk)",
                    (1, 1),
                    f"internal error in {check.__name__}: {type(exc).__name__}: {exc}",
                    f"please report this bug ({where.name}:{where.lineno}); other checks ran",
                )
            )
    return found
