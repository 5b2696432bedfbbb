"""Rules across records, and the one that depends on today's date, run on files' Facts.

They read no YAML and no models, only each file's Facts (facts.py), so the cold run and
the cached run of `factdesk validate` report through the same code. Each check is
isolated: a bug in one is reported as FD000 and the others still run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from factdesk.bugs import rule_crashed
from factdesk.check.facts import Facts
from factdesk.diagnostics import Diagnostic
from factdesk.match.core import Doc
from factdesk.match.pairs import similar_pairs
from factdesk.records.media import MediaProblem, read_picture
from factdesk.records.models import RecordKind
from factdesk.records.settings import Settings
from factdesk.suggest import did_you_mean


@dataclass
class Corpus:
    """Every record file's Facts, in file order, with the lookups the checks share."""

    files: Sequence[Facts]
    settings: Settings
    today: dt.date
    root: Path | None = None  # the desk, for the files in media/; None checks none
    # Where matching keeps its caches (`.cache/factdesk/`); None keeps nothing.
    cache_dir: Path | None = None

    @cached_property
    def claim_names(self) -> set[str]:
        return {f.stem for f in self.files if f.kind == "claim"}

    @cached_property
    def source_names(self) -> set[str]:
        return {f.stem for f in self.files if f.kind == "source"}

    @cached_property
    def registered(self) -> dict[tuple[RecordKind, str], Facts]:
        """(kind, id) → the file registered under it: the first valid one in file order."""
        first: dict[tuple[RecordKind, str], Facts] = {}
        for f in self.files:
            if f.record_id is not None:
                first.setdefault((f.kind, f.record_id), f)
        return first


CrossCheck = Callable[[Corpus], Iterator[Diagnostic]]


def _ref_problem(corpus: Corpus, own_id: str | None, kind: str, ref: str) -> tuple[str, str, str]:
    """(code, message, hint) for a reference that does not resolve."""
    if kind == "source":
        names = corpus.source_names
        return (
            "FD012",
            f"unknown source '{ref}'{did_you_mean(ref, names)}",
            f"create sources/{ref}.yaml (`factdesk new source {ref}`) or fix the id",
        )
    if kind == "claim" and ref == own_id:
        return ("FD105", "the claim lists itself as related", "remove its own id from `related`")
    if kind == "claim":
        return (
            "FD013",
            f"unknown claim '{ref}'{did_you_mean(ref, corpus.claim_names)}",
            "use the id of an existing claim (its file name without .yaml)",
        )
    if kind == "rating":
        keys = corpus.settings.rating_keys
        return (
            "FD019",
            f"unknown rating '{ref}'{did_you_mean(ref, keys)}",
            f"use one of the site's ratings: {', '.join(keys)}",
        )
    if kind == "language":
        published = corpus.settings.languages
        return (
            "FD064",
            f"the fact-check is in '{ref}', a language this desk does not publish"
            f"{did_you_mean(ref, published)}",
            f"write it in one of the desk's languages ({', '.join(published)}), or add "
            f"'{ref}' to `languages:` in mkdocs.yml",
        )
    return (
        "FD036",
        f"unknown topic '{ref}'{did_you_mean(ref, corpus.settings.topic_keys or ())}",
        "use a topic listed under `topics:` in mkdocs.yml, or add it there",
    )


def check_references(corpus: Corpus) -> Iterator[Diagnostic]:
    known = {
        "source": corpus.source_names,
        "claim": corpus.claim_names,
        "rating": set(corpus.settings.rating_keys),
    }
    topics = corpus.settings.topic_keys
    for f in corpus.files:
        for line, col, kind, ref in f.references():
            if kind == "topic":
                ok = topics is None or ref in topics
            elif kind == "language":
                ok = corpus.settings.site_language(ref) is not None
            else:
                ok = ref in known[kind] and not (kind == "claim" and ref == f.own_id)
            if not ok:
                code, message, hint = _ref_problem(corpus, f.own_id, kind, ref)
                yield Diagnostic.make(code, f.rel, (line, col), message, hint)


def check_unique_ids(corpus: Corpus) -> Iterator[Diagnostic]:
    for f in corpus.files:
        first = corpus.registered.get((f.kind, f.record_id or ""))
        if f.record_id is not None and first is not None and first is not f:
            yield Diagnostic.make(
                "FD018",
                f.rel,
                f.id_pos,
                f"id '{f.record_id}' is already used by {first.rel}",
                "ids are unique across sub-folders; rename one of the two records",
            )


def check_sources_used(corpus: Corpus) -> Iterator[Diagnostic]:
    cited = {ref for f in corpus.files for _, _, kind, ref in f.references() if kind == "source"}
    for (kind, rid), f in corpus.registered.items():
        if kind == "source" and rid not in cited:
            yield Diagnostic.make(
                "FD101",
                f.rel,
                f.id_pos,
                f"source '{rid}' is not cited by any claim",
                "cite it in a claim's evidence, observations or appearances, or delete it",
            )


def check_duplicate_claims(corpus: Corpus) -> Iterator[Diagnostic]:
    seen: dict[str, Facts] = {}
    for (kind, _), f in corpus.registered.items():
        if kind != "claim" or f.claim_key is None:
            continue
        first = seen.setdefault(f.claim_key, f)
        if first is not f:
            yield Diagnostic.make(
                "FD104",
                f.rel,
                f.claim_pos,
                f"the same claim text as {first.record_id} ({first.rel})",
                "merge the two fact-checks, or link them with `related:` and reword one",
            )


def check_earlier_checks(corpus: Corpus) -> Iterator[Diagnostic]:
    """FD113: a claim that reads like an earlier one (in file order), in any language,
    unless either names the other in `related` or `not_same_as`, or FD104 already says
    they are the same text."""
    claims = [f for (kind, _), f in corpus.registered.items() if kind == "claim" and f.match_doc]
    docs = [Doc(f.record_id or "", *(f.match_doc or ("", "", "en"))) for f in claims]
    threshold = corpus.settings.match_threshold
    for later, earlier, score in similar_pairs(docs, threshold, corpus.cache_dir):
        f, other = claims[later], claims[earlier]
        if f.claim_key == other.claim_key or other.record_id in f.silenced:
            continue
        if f.record_id in other.silenced:
            continue
        yield Diagnostic.make(
            "FD113",
            f.rel,
            f.claim_pos,
            f"this claim reads like {other.record_id} ({other.rel}, line {other.claim_pos[0]}),"
            f" score {score:.2f}: it may have been checked before",
            f"if it is the same claim, add to {other.record_id} instead (an appearance or a "
            f"translation); if not, add `not_same_as: [{other.record_id}]`",
        )


def check_claimant_pages(corpus: Corpus) -> Iterator[Diagnostic]:
    """Two different names whose pages would have one address: FD045 at each name that
    differs from the first one (in file order) with that address."""
    first: dict[str, Facts] = {}
    for f in corpus.files:
        if f.claimant is None:
            continue
        name, slug = f.claimant
        owner = first.setdefault(slug, f)
        if owner.claimant is None or owner.claimant[0] == name:
            continue
        other = owner.claimant[0]
        line = owner.claimant_pos[0]
        yield Diagnostic.make(
            "FD045",
            f.rel,
            f.claimant_pos,
            f"claimant '{name}' would share the page claimants/{slug}/ with '{other}' "
            f"({owner.rel}, line {line}): two different names, one address",
            f"if they are one claimant, write the name exactly as in {owner.rel}; if not, "
            "tell the names apart (a full name, an initial, the organisation)",
        )


def check_future_dates(corpus: Corpus) -> Iterator[Diagnostic]:
    today = corpus.today.isoformat()
    for f in corpus.files:
        for label, line, col, earliest, written in f.dated():
            if earliest > today:  # ISO dates compare as text
                yield Diagnostic.make(
                    "FD031",
                    f.rel,
                    (line, col),
                    f"{label} {written} is in the future (today is {today})",
                    "check the year; dates record what has already happened",
                )


def check_media_files(corpus: Corpus) -> Iterator[Diagnostic]:
    """Every picture a record shows is a usable file in media/ (FD046, FD047). Run on
    every validation, because adding or replacing a picture changes no record's bytes."""
    if corpus.root is None:
        return
    for f in corpus.files:
        for rel, line, col in f.pictures():
            found = read_picture(corpus.root, rel)
            if isinstance(found, MediaProblem):
                yield Diagnostic.make(found.code, f.rel, (line, col), found.message, found.hint)


def check_second_reader(corpus: Corpus) -> Iterator[Diagnostic]:
    if not corpus.settings.require_review:
        return
    for f in corpus.files:
        if f.unreviewed is not None:
            yield Diagnostic.make(
                "FD058",
                f.rel,
                f.unreviewed,
                "this desk requires a second reader, and no one but the authors reviewed "
                "this published claim",
                "add `review: {by: <a reviewer who is not an author>, date: YYYY-MM-DD}`, "
                "or set `status: draft` until someone has",
            )


CHECKS: tuple[CrossCheck, ...] = (
    check_references,
    check_unique_ids,
    check_sources_used,
    check_duplicate_claims,
    check_earlier_checks,
    check_claimant_pages,
    check_future_dates,
    check_media_files,
    check_second_reader,
)


def run_cross_checks(corpus: Corpus, checks: tuple[CrossCheck, ...] = CHECKS) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for check in checks:
        try:
            found.extend(check(corpus))
        except Exception as exc:
            found.append(
                rule_crashed("(factdesk)", check.__name__, exc, after="; other checks ran")
            )
    return found


def diagnose(corpus: Corpus) -> list[Diagnostic]:
    """Every file's own diagnostics, then the checks across records."""
    found = [d for f in corpus.files for d in f.local]
    return found + run_cross_checks(corpus)
