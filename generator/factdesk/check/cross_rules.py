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
    # Claims not matched before are encoded on every core (the command line's runs).
    parallel: bool = False

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

    @cached_property
    def versions(self) -> dict[str, Facts]:
        """Registered valid claims by id: the fact-checks translations can name (built
        once for the four rules that follow `translation_of`)."""
        return {
            rid: f
            for (kind, rid), f in self.registered.items()
            if kind == "claim" and f.version is not None
        }


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
    if kind in ("claim", "translation"):
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
        "translation": corpus.claim_names,
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
    unless either names the other in `related` or `not_same_as`, FD104 already says
    they are the same text, or they are versions of one fact-check (`translation_of`)."""
    claims = [f for (kind, _), f in corpus.registered.items() if kind == "claim" and f.match_doc]
    docs = [Doc(f.record_id or "", *(f.match_doc or ("", "", "en"))) for f in claims]
    threshold = corpus.settings.match_threshold
    versions = corpus.versions
    pairs = similar_pairs(docs, threshold, corpus.cache_dir, parallel=corpus.parallel)
    for later, earlier, score in pairs:
        f, other = claims[later], claims[earlier]
        if f.claim_key == other.claim_key or other.record_id in f.silenced:
            continue
        if _one_family(versions, f, other):  # translations of one fact-check
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


def translation_root(versions: dict[str, Facts], cid: str) -> str | None:
    """The fact-check at the end of a chain of `translation_of`; None for a loop."""
    seen = {cid}
    while True:
        version = versions[cid].version if cid in versions else None
        of = version[0] if version else ""
        if not of or of not in versions:
            return cid
        if of in seen:
            return None
        seen.add(of)
        cid = of


def _original(versions: dict[str, Facts], f: Facts) -> Facts | None:
    """The fact-check `f` translates, when it names another one that exists."""
    of = f.version[0] if f.version else ""
    return versions.get(of) if of and of != f.record_id else None


def _one_family(versions: dict[str, Facts], a: Facts, b: Facts) -> bool:
    """Whether two claims are versions of one fact-check: the same text by design."""
    root = translation_root(versions, a.record_id or "")
    return root is not None and root == translation_root(versions, b.record_id or "")


def check_translation_chains(corpus: Corpus) -> Iterator[Diagnostic]:
    """FD061: a translation names a translation; every version names the one original,
    so the switcher and hreflang see one family with one verdict."""
    versions = corpus.versions
    for f in versions.values():
        original = _original(versions, f)
        if original is None or original.version is None or not original.version[0]:
            continue
        root = translation_root(versions, original.record_id or "")
        fix = (
            f"write `translation_of: {root}`, the fact-check they all translate"
            if root and root != f.record_id
            else "these fact-checks name each other: remove `translation_of` from the original"
        )
        yield Diagnostic.make(
            "FD061",
            f.rel,
            f.version_pos[0],
            f"'{original.record_id}' is itself a translation (of '{original.version[0]}')",
            fix,
        )


def check_translation_verdicts(corpus: Corpus) -> Iterator[Diagnostic]:
    """FD060 when a translation's rating is not its original's; FD115 when a translation
    is published and its original is not (a draft's verdict is undecided, a withdrawn
    one taken back: readers in one language must not see what the others do not)."""
    versions = corpus.versions
    for f in versions.values():
        original = _original(versions, f)
        if original is None or f.version is None or original.version is None:
            continue
        _, _, rating, status = f.version
        _, _, their_rating, their_status = original.version
        if rating and their_rating and rating != their_rating:
            yield Diagnostic.make(
                "FD060",
                f.rel,
                f.version_pos[2],
                f"rating '{rating}' differs from '{their_rating}' in {original.rel}, "
                "which this fact-check translates: translations share one verdict",
                f"write `rating: {their_rating}`, or change the verdict in every version "
                "(with a correction in each)",
            )
        if status == "published" and their_status != "published":
            yield Diagnostic.make(
                "FD115",
                f.rel,
                f.version_pos[3],
                f"this translation is published and its original {original.record_id} "
                f"is {their_status}",
                "publish the original first, or set this translation to the same status "
                "(a withdrawn one with its `withdrawal` note)",
            )


def check_translation_languages(corpus: Corpus) -> Iterator[Diagnostic]:
    """FD062: a translation in its original's language, or two translations of one
    fact-check in one language; a language has one version, its switcher one link."""
    versions = corpus.versions
    first: dict[tuple[str, str], Facts] = {}
    for f in versions.values():
        original = _original(versions, f)
        if original is None or f.version is None or original.version is None:
            continue
        language = f.version[1].casefold()
        if language == original.version[1].casefold():
            yield Diagnostic.make(
                "FD062",
                f.rel,
                f.version_pos[0],
                f"this fact-check and {original.record_id}, which it translates, are both "
                f"in '{f.version[1]}'",
                "correct `language:`, or, if it is a second fact-check of the same claim, "
                "remove `translation_of` and link the two with `related:`",
            )
            continue
        owner = first.setdefault((original.record_id or "", language), f)
        if owner is not f:
            yield Diagnostic.make(
                "FD062",
                f.rel,
                f.version_pos[1],
                f"{owner.record_id} ({owner.rel}) already translates "
                f"{original.record_id} into '{f.version[1]}'",
                "keep one translation per language: merge the two, or correct `language:`",
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
    check_translation_chains,
    check_translation_verdicts,
    check_translation_languages,
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
