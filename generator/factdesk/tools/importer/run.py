"""Import ClaimReview files into a knowledge base: map, write formatted records, validate.

Two different reviews never become one record: a review is known by its URL, and a new
review whose id is taken gets a short hash of its URL. An existing record is never changed
without `update=True`; with it, only the fields the import owns are refreshed (`OWNED`),
a field the review carries is written only where the record has none, and nothing an
editor wrote is overwritten or removed. What changed is reported per file. A source of
this site that a review of this site cites is the desk's own record: it is written when
missing and otherwise only filled where empty, so importing the site's own DataFeed twice
changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from factdesk.check.cache import CACHE_DIR
from factdesk.check.pipeline import validate_root
from factdesk.diagnostics import Diagnostic
from factdesk.load.discover import discover
from factdesk.load.loader import REFUSED, load_file
from factdesk.load.site_config import load_settings
from factdesk.match.core import Doc, Matcher
from factdesk.match.encoder import load_encoder
from factdesk.records.fields import ID_MAX
from factdesk.records.models import BY_KIND, Claim, RecordKind
from factdesk.records.settings import Settings
from factdesk.tools.fmt import format_record_text
from factdesk.tools.importer.mapping import Mapped, map_review, short_hash
from factdesk.tools.importer.ratings import alias_table, normalise
from factdesk.tools.importer.read import Found, read_file
from factdesk.tools.progress import ProgressStep
from factdesk.tools.scaffold import schema_line, skeleton_path

# What the import owns, and refreshes on --update: on the review's source record, the
# review's own URL, headline, publication date and the publisher's rating label; on the
# claim, the appearances the review brought (added, never removed) and its citation of
# the review (the label it quotes). Everything else is the editor's once written.
OWNED_SOURCE = ("url", "title", "published", "rating_label")
# Claim fields a review carries: written when the record has none, never overwritten.
FILLED_CLAIM = (
    "title",
    "claim",
    "claim_date",
    "rating",
    "conclusion",
    "published",
    "updated",
    "language",
    "related",
    "original_claim",
    "translation_of",
    "translator",
)
# The language of a claim whose review and page declare none: the model's default.
DESK_LANGUAGE = str(Claim.model_fields["language"].default)


@dataclass(frozen=True)
class Match:
    """An incoming review that a claim already in the desk seems to be about."""

    item: str  # "file, item N"
    path: str  # the desk's claim file
    reason: str  # "same review URL", "same claim text" or "reads alike, score 0.72"


@dataclass
class ImportReport:
    written: list[str] = field(default_factory=list)
    drafts: list[str] = field(default_factory=list)
    skipped: int = 0
    filtered: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)
    matches: list[Match] = field(default_factory=list)
    # file → what an update changed in it, in words ("rating_label: 'A' → 'B'").
    changes: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Filters:
    """Which reviews to import: by publisher (name or site) and language (a tag or its
    primary language: `pt` takes pt-BR); empty takes all."""

    publishers: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()

    def keeps(self, mapped: Mapped) -> bool:
        return self._publisher(mapped) and self._language(mapped.claim.get("language") or "")

    def _publisher(self, mapped: Mapped) -> bool:
        said = f"{mapped.publisher or ''} {mapped.url or ''}".casefold()
        return not self.publishers or any(p.casefold() in said for p in self.publishers)

    def _language(self, tag: str) -> bool:
        tag = tag.casefold()
        return not self.languages or any(
            tag == want.casefold() or tag.startswith(want.casefold() + "-")
            for want in self.languages
        )


def _clean(value: Any) -> Any:
    """Drop empty values, so records hold only what the review said, and the characters
    records may not hold (control characters, terminal escapes: FD002), so an import never
    writes a record that validation then refuses."""
    if isinstance(value, dict):
        cleaned = {k: _clean(v) for k, v in value.items()}
        return {k: v for k, v in cleaned.items() if v not in (None, [], {}, "")}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, str):
        return REFUSED.sub("", value)
    return value


def _ordered(record: dict[str, Any], kind: RecordKind) -> dict[str, Any]:
    order = list(BY_KIND[kind].model.model_fields)
    return dict(sorted(record.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99))


def record_text(record: dict[str, Any], kind: RecordKind, display: str, header: list[str]) -> str:
    body = yaml.safe_dump(
        _ordered(_clean(record), kind), sort_keys=False, allow_unicode=True, width=88
    )
    comments = "".join(f"# {REFUSED.sub('', line)}\n" for line in header)
    return format_record_text(schema_line(kind) + comments + body, kind, display).text


def _empty(value: Any) -> bool:
    return value in (None, [], {}, "")


def _shown(value: Any) -> str:
    return f"'{value}'" if isinstance(value, str) else str(value)


def merge_source(
    old: dict[str, Any], new: dict[str, Any], owned: tuple[str, ...] = OWNED_SOURCE
) -> tuple[dict[str, Any], list[str]]:
    """A source record refreshed: `owned` fields (by default those of the review's own
    source) from the review, the rest kept (and filled only where empty). Returns the
    record and what changed."""
    merged, changed = dict(old), []
    for key, value in new.items():
        if _empty(value) or merged.get(key) == value:
            continue
        if key in owned and not _empty(merged.get(key)):
            changed.append(f"{key}: {_shown(merged[key])} → {_shown(value)}")
            merged[key] = value
        elif _empty(merged.get(key)):
            changed.append(f"{key}: added")
            merged[key] = value
    return merged, changed


def _place(appearance: Any) -> tuple[Any, Any]:
    return (
        (appearance.get("url"), appearance.get("source"))
        if isinstance(appearance, dict)
        else (
            None,
            None,
        )
    )


def merge_claim(
    old: dict[str, Any], new: dict[str, Any], review_source: str | None, citing: list[Any]
) -> tuple[dict[str, Any], list[str]]:
    """An editor's claim with what the review brings: empty fields filled, new appearances
    added, the citation of the review (its quoted label) refreshed, the sources the review
    cites (`citing`) cited where the claim does not cite them yet; nothing overwritten,
    nothing removed, the status left as the editor set it. `review_source` is None for a
    review of this very site, which is no source of its own."""
    merged, changed = dict(old), []
    for key in FILLED_CLAIM:
        if _empty(merged.get(key)) and not _empty(new.get(key)):
            merged[key] = new[key]
            changed.append(f"{key}: added")
    if _empty(merged.get("claimant")):
        merged["claimant"] = new["claimant"]
        changed.append("claimant: added")
    appearances = list(merged.get("appearances") or [])
    known = {_place(a) for a in appearances}
    added = [a for a in new.get("appearances") or [] if _place(a) not in known]
    if added:
        merged["appearances"] = appearances + added
        changed.append(f"appearances: {len(added)} added")
    evidence = list(merged.get("evidence") or [])
    if review_source is not None:
        evidence, note = _cite_review(evidence, new, review_source)
        changed += note
    cited = {e.get("source") for e in evidence if isinstance(e, dict)}
    added_evidence = [e for e in citing if e["source"] not in cited]
    if added_evidence:
        evidence += added_evidence
        changed.append(f"evidence: {len(added_evidence)} cited source(s) added")
    merged["evidence"] = evidence
    return merged, changed


def _cite_review(
    evidence: list[Any], new: dict[str, Any], review_source: str
) -> tuple[list[Any], list[str]]:
    """The evidence with its citation of the review: added if missing; its quoted label
    (owned by the import) refreshed; an editor's note on it kept."""
    fresh = dict(new["evidence"][0], source=review_source)
    for index, entry in enumerate(evidence):
        if isinstance(entry, dict) and entry.get("source") == review_source:
            if entry.get("quote") == fresh.get("quote"):
                return evidence, []
            updated = {**entry, "quote": fresh.get("quote"), "locator": fresh.get("locator")}
            evidence[index] = updated
            return evidence, [f"evidence[{index}].quote: → {_shown(fresh.get('quote'))}"]
    return [*evidence, fresh], ["evidence: citation of the review added"]


@dataclass
class Desk:
    """The records already in the knowledge base, read once: files by kind and id, and
    the claims each review URL and each claim text belongs to."""

    paths: dict[tuple[RecordKind, str], Path] = field(default_factory=dict)
    data: dict[tuple[RecordKind, str], dict[str, Any]] = field(default_factory=dict)
    by_review_url: dict[str, tuple[str, str]] = field(default_factory=dict)  # → claim, source
    by_text: dict[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, root: Path) -> Desk:
        desk = cls()
        files, _ = discover(root)
        for f in files:
            desk.paths[(f.kind, f.stem)] = f.path
            raw = load_file(f.path, f.stem).data
            desk.data[(f.kind, f.stem)] = raw if isinstance(raw, dict) else {}
        for (kind, cid), raw in list(desk.data.items()):
            if kind == "claim":
                desk._index_claim(cid, raw)
        return desk

    def _index_claim(self, cid: str, raw: dict[str, Any]) -> None:
        if isinstance(raw.get("claim"), str):
            self.by_text.setdefault(claim_key(raw["claim"]), cid)
        for entry in raw.get("evidence") or []:
            sid = entry.get("source") if isinstance(entry, dict) else None
            url = self.data.get(("source", sid), {}).get("url") if isinstance(sid, str) else None
            if isinstance(url, str):
                self.by_review_url.setdefault(url, (cid, str(sid)))

    def taken(self, kind: RecordKind, rid: str) -> bool:
        return (kind, rid) in self.paths


def _tagged(rid: str, tag: str) -> str:
    """An id with a short hash appended, within the id length limit."""
    return f"{rid[: ID_MAX - len(tag) - 1].rstrip('-')}-{tag}"


def claim_key(text: str) -> str:
    """Claim text compared for "the same claim": case, punctuation and spacing aside."""
    return normalise(text)


# (desk, review URL, claim text, its language) → [(claim id, why)], best first.
MatchFinder = Callable[[Desk, str | None, str, str | None], list[tuple[str, str]]]
# Claims that read alike shown per incoming review: an editor picks one, or none.
SIMILAR_TOP = 3


def exact_matches(
    desk: Desk, url: str | None, text: str, language: str | None = None
) -> list[tuple[str, str]]:
    """Claims in the desk an incoming review is about: the same review URL, or the same
    claim text once normalised. `SimilarClaims` adds those that read alike."""
    found: list[tuple[str, str]] = []
    if url and url in desk.by_review_url:
        found.append((desk.by_review_url[url][0], "same review URL"))
    same_text = desk.by_text.get(claim_key(text))
    if same_text and all(cid != same_text for cid, _ in found):
        found.append((same_text, "same claim text"))
    return found


class SimilarClaims:
    """The default `MatchFinder`: exact matches, then the desk's claims that read like the
    incoming one in any language (match/), scoring at least the desk's `match_threshold`,
    so an editor can add an appearance or a translation instead of a new claim. The
    matcher is built on first use, from the desk as it was before the import."""

    def __init__(self, threshold: float, cache_dir: Path | None) -> None:
        self.threshold = threshold
        self.cache_dir = cache_dir
        self._index: tuple[list[Doc], Matcher] | None = None

    def _matcher(self, desk: Desk) -> tuple[list[Doc], Matcher]:
        if self._index is None:
            docs = desk_match_docs(desk)
            self._index = docs, Matcher(docs, load_encoder(self.cache_dir), self.cache_dir)
        return self._index

    def __call__(
        self, desk: Desk, url: str | None, text: str, language: str | None = None
    ) -> list[tuple[str, str]]:
        found = exact_matches(desk, url, text, language)
        if self.threshold >= 1:  # the desk turned matching off (as for FD113)
            return found
        docs, matcher = self._matcher(desk)
        for hit in matcher.search(text, SIMILAR_TOP, language):
            cid = docs[hit.index].id
            if hit.score >= self.threshold and all(cid != known for known, _ in found):
                found.append((cid, f"reads alike, score {hit.score:.2f}"))
        return found


def desk_match_docs(desk: Desk) -> list[Doc]:
    """The desk's claims as matching docs, from their raw data (a claim with no text is
    left out; its problems are validate's)."""
    docs = []
    for (kind, cid), raw in desk.data.items():
        text = raw.get("claim")
        if kind != "claim" or not isinstance(text, str):
            continue
        title, language = raw.get("title"), raw.get("language")
        docs.append(
            Doc(
                cid,
                text,
                title if isinstance(title, str) else "",
                language if isinstance(language, str) else DESK_LANGUAGE,
            )
        )
    return docs


def _with_ids(mapped: Mapped, cid: str, sid: str | None) -> None:
    """Give the mapped records other ids (a collision), keeping the claim's citation."""
    mapped.claim["id"] = cid
    if mapped.source is not None and sid is not None:
        mapped.source["id"] = sid
        mapped.claim["evidence"][0]["source"] = sid


class _Importer:
    def __init__(
        self, root: Path, settings: Settings, update: bool, filters: Filters, matcher: MatchFinder
    ) -> None:
        self.root = root
        self.settings = settings
        self.update = update
        self.filters = filters
        self.matcher = matcher
        self.table = alias_table(settings)
        self.desk = Desk.read(root)
        self.planned: dict[tuple[RecordKind, str], tuple[dict[str, Any], list[str]]] = {}
        self.planned_urls: dict[str, str] = {}  # review URL → "file, item N" that brought it
        self.report = ImportReport()

    def diag(self, found: Found, code: str, message: str, hint: str) -> None:
        self.report.diagnostics.append(
            Diagnostic.make(
                code, found.file, (found.line, 1), f"item {found.index}: {message}", hint
            )
        )

    def display(self, kind: RecordKind, rid: str) -> str:
        path = self.desk.paths.get((kind, rid)) or skeleton_path(self.root, kind, rid)
        return path.relative_to(self.root).as_posix()

    def take(self, found: Found) -> None:
        origin = f"{Path(found.file).name}, item {found.index}"
        mapped = map_review(found.node, self.table, self.settings.site_url, origin, found.page)
        if mapped.claim:
            mapped.claim["language"] = mapped.claim.get("language") or DESK_LANGUAGE
            if not self.filters.keeps(mapped):
                self.report.filtered += 1
                return
        for problem in mapped.problems:
            self.diag(found, problem.code, f"{problem.field}: {problem.message}", problem.hint)
        if not mapped.claim:
            self.report.skipped += 1
            return
        url = mapped.url
        claim = mapped.claim
        for cid, reason in self.matcher(self.desk, url, claim["claim"], claim["language"]):
            self.report.matches.append(Match(origin, self.display("claim", cid), reason))
        if url and url in self.planned_urls:
            self.diag(
                found,
                "FD205",
                f"the same review as {self.planned_urls[url]} (same URL {url}); imported once",
                "nothing to do: a file may list a review twice",
            )
            self.report.skipped += 1
            return
        if url:
            self.planned_urls[url] = origin
        known = self._known(mapped)
        if known is not None:
            self._refresh(found, mapped, *known)
        else:
            self._add(found, mapped)

    def _known(self, mapped: Mapped) -> tuple[str, str | None] | None:
        """The desk's claim and source of this very review: by its URL, or, for this
        site's own feed, by the id its URL names (a review of this site has no source)."""
        url = mapped.url
        if url and url in self.desk.by_review_url:
            return self.desk.by_review_url[url]
        cid = mapped.claim["id"]
        own = mapped.source is None
        return (cid, None) if own and self.desk.taken("claim", cid) else None

    def _refresh(self, found: Found, mapped: Mapped, cid: str, sid: str | None) -> None:
        path = self.display("claim", cid)
        if not self.update:
            self.diag(
                found,
                "FD205",
                f"this review is in the desk already as {path}; not changed",
                "rerun with --update to refresh what the import owns (the review's URL, "
                "title, date and rating label, new appearances); an editor's fields stay",
            )
            self.report.skipped += 1
            return
        header = [f"Imported from ClaimReview: {Path(found.file).name}, item {found.index}."]
        old_claim = self.desk.data[("claim", cid)]
        claim, claim_changes = merge_claim(old_claim, mapped.claim, sid, mapped.citing)
        self._plan("claim", cid, claim, header, claim_changes)
        if mapped.source is not None and sid is not None:
            old_source = self.desk.data.get(("source", sid))
            if old_source is None:
                self._plan("source", sid, dict(mapped.source, id=sid), header, ["new"])
            else:
                source, source_changes = merge_source(old_source, dict(mapped.source, id=sid))
                self._plan("source", sid, source, header, source_changes)
        self._plan_cited(mapped, header)

    def _plan_cited(self, mapped: Mapped, header: list[str]) -> None:
        """The sources of this site a review cites: new ones written; one the desk has is
        the desk's own record (the review is this site's export of it), so with --update
        it is only filled where empty, and without it left alone. A source an earlier
        review of this import brought is planned once."""
        comment = [*header[:1], "A source the review cites."]
        for source in mapped.cited:
            key: tuple[RecordKind, str] = ("source", source["id"])
            old = self.desk.data.get(key)
            if key in self.planned:
                continue
            if old is None:
                self._plan(*key, source, comment, ["new"])
            elif self.update:
                merged, changes = merge_source(old, source, owned=())
                self._plan(*key, merged, comment, changes)

    def _free_ids(self, mapped: Mapped) -> bool:
        """Make the mapped ids unused in the desk and this import: a different review
        that meets an existing id gets a short hash of its URL. False when even that is
        taken (the same review under another URL: reported, not merged)."""
        cid = mapped.claim["id"]
        sid = mapped.source["id"] if mapped.source is not None else None
        if not self._ids_taken(cid, sid):
            return True
        tag = short_hash(mapped.url or mapped.claim["claim"])
        cid = _tagged(cid, tag)
        sid = _tagged(sid, tag) if sid is not None else None
        _with_ids(mapped, cid, sid)
        return not self._ids_taken(cid, sid)

    def _ids_taken(self, cid: str, sid: str | None) -> bool:
        return self._taken("claim", cid) or (sid is not None and self._taken("source", sid))

    def _taken(self, kind: RecordKind, rid: str) -> bool:
        return self.desk.taken(kind, rid) or (kind, rid) in self.planned

    def _add(self, found: Found, mapped: Mapped) -> None:
        first_id = mapped.claim["id"]
        if not self._free_ids(mapped):
            self.diag(
                found,
                "FD205",
                f"a different review already has the id '{first_id}' and its hashed form "
                f"({self.display('claim', mapped.claim['id'])})",
                "import this file on its own, or rename the existing record",
            )
            self.report.skipped += 1
            return
        header = [f"Imported from ClaimReview: {Path(found.file).name}, item {found.index}."]
        if mapped.missing:
            header.append(
                f"DRAFT: the review gave no {', '.join(mapped.missing)} usable here; "
                "an editor completes it and sets `status: published`."
            )
        self._plan("claim", mapped.claim["id"], mapped.claim, header, ["new"])
        if mapped.source is not None:
            self._plan("source", mapped.source["id"], mapped.source, header[:1], ["new"])
        self._plan_cited(mapped, header)

    def _plan(
        self,
        kind: RecordKind,
        rid: str,
        record: dict[str, Any],
        header: list[str],
        changes: list[str],
    ) -> None:
        if changes:
            self.planned[(kind, rid)] = (record, header)
            self.report.changes[self.display(kind, rid)] = changes

    def _drop_unknown_related(self) -> None:
        """Related claims the import brought that are neither in the desk nor imported
        (a --language filter left them out) are left out and reported, rather than
        written as references to nothing (FD013). An editor's own list is not touched."""
        known = {rid for kind, rid in [*self.desk.paths, *self.planned] if kind == "claim"}
        for (kind, rid), (record, _) in self.planned.items():
            display = self.display(kind, rid)
            brought = {"new", "related: added"} & set(self.report.changes[display])
            missing = [r for r in record.get("related") or [] if r not in known]
            if kind != "claim" or not brought or not missing:
                continue
            record["related"] = [r for r in record["related"] if r in known]
            self.report.diagnostics.append(
                Diagnostic.make(
                    "FD206",
                    display,
                    (1, 1),
                    f"related: {', '.join(missing)} neither in the desk nor imported; left out",
                    "import the related claims too, then add them under `related:`",
                )
            )

    def _drop_unknown_original(self) -> None:
        """A translation whose original is neither in the desk nor imported keeps its text
        and loses the reference (FD206), as a related claim does."""
        known = {rid for kind, rid in [*self.desk.paths, *self.planned] if kind == "claim"}
        for (kind, rid), (record, _) in self.planned.items():
            original = record.get("translation_of")
            brought = {"new", "translation_of: added"} & set(
                self.report.changes[self.display(kind, rid)]
            )
            if kind != "claim" or original is None or original in known or not brought:
                continue
            del record["translation_of"]
            self.report.diagnostics.append(
                Diagnostic.make(
                    "FD206",
                    self.display(kind, rid),
                    (1, 1),
                    f"translation_of: {original} neither in the desk nor imported; left out",
                    "import the original too, then add `translation_of:`",
                )
            )

    def write(self) -> None:
        self._drop_unknown_related()
        self._drop_unknown_original()
        for (kind, rid), (record, header) in sorted(self.planned.items()):
            display = self.display(kind, rid)
            path = self.root / display
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(record_text(record, kind, display, header), encoding="utf-8")
            self.report.written.append(display)
            if kind == "claim" and record.get("status") == "draft":
                self.report.drafts.append(display)


def import_claimreview(
    root: Path,
    paths: list[Path],
    *,
    update: bool = False,
    filters: Filters = Filters(),
    matcher: MatchFinder | None = None,
    progress: ProgressStep = lambda n: None,
) -> ImportReport:
    """`matcher`: how incoming reviews are matched with the desk's claims (by default
    `SimilarClaims` at the desk's `match_threshold`, with the desk's vector cache)."""
    settings, problems = load_settings(root)
    if matcher is None:
        matcher = SimilarClaims(settings.match_threshold, root / CACHE_DIR)
    importer = _Importer(root, settings, update, filters, matcher)
    importer.report.diagnostics += problems
    for path in paths:
        found, unreadable = read_file(path, str(path))
        importer.report.diagnostics += unreadable
        for item in found:
            importer.take(item)
        progress(1)
    importer.write()
    written = set(importer.report.written)
    result = validate_root(root)
    importer.report.diagnostics += [d for d in result.diagnostics if d.file in written]
    return importer.report


def summary_lines(report: ImportReport) -> list[str]:
    """What an import did, for the terminal: each file's changes, the desk's claims the
    incoming reviews match, then the counts."""
    lines = [f"{path}: {'; '.join(changes)}" for path, changes in sorted(report.changes.items())]
    lines += [f"{m.item}: matches {m.path} ({m.reason})" for m in report.matches]
    claims = [w for w in report.written if w.startswith("claims/")]
    lines.append(
        f"imported {len(claims)} claim(s) ({len(report.drafts)} draft(s)) and "
        f"{len(report.written) - len(claims)} source(s); skipped {report.skipped}"
        + (f"; {report.filtered} left out by --publisher/--language" if report.filtered else "")
    )
    return lines
