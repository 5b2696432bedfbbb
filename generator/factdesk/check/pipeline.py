"""Files → records → checks → KnowledgeBase, collecting every diagnostic on the way."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import ValidationError

from factdesk.bugs import rule_crashed
from factdesk.check.cache import CACHE_DIR, digest
from factdesk.check.cross_rules import Corpus, diagnose
from factdesk.check.facts import Facts, facts_of
from factdesk.check.placeholders import placeholder_diagnostics
from factdesk.check.record_rules import run_record_checks
from factdesk.diagnostics import Diagnostic, sort_diagnostics
from factdesk.kb import Entry, KnowledgeBase
from factdesk.load.discover import RecordFile, discover
from factdesk.load.loader import Loaded, load_bytes, load_file, read_capped
from factdesk.load.model_errors import translate
from factdesk.load.site_config import CONFIG_FILE, factdesk_options, load_settings, read_settings
from factdesk.records.models import Record
from factdesk.workers import Progress, gc_paused, map_chunks, no_progress

ProgressFactory = Callable[[int, int], Progress]


@dataclass
class Validation:
    kb: KnowledgeBase
    diagnostics: list[Diagnostic]
    files: list[RecordFile] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]


def _load_chunk(files: list[RecordFile]) -> list[Loaded]:
    with gc_paused():
        return [load_file(item.fspath, item.rel) for item in files]


def load_all(
    files: list[RecordFile], *, parallel: bool, progress: Progress = no_progress
) -> list[Loaded]:
    """Load every file, in order; on several cores when there are many files."""
    return map_chunks(_load_chunk, files, parallel=parallel, progress=progress)


def check_loaded(item: RecordFile, loaded: Loaded) -> tuple[Record | None, Facts]:
    """Check one loaded file on its own: its record (None when invalid) and its Facts,
    every diagnostic that depends on this file alone and what the checks across records
    need from it."""
    record = _to_record(item, loaded)
    local = list(loaded.diagnostics)
    if record is not None:
        local += _id_mismatch(item, record, loaded)
    local += run_record_checks(record, loaded)
    return record, facts_of(item.kind, loaded, record, local, stem=item.stem)


class CheckedFile(NamedTuple):
    """What reading and checking one record file gave."""

    digest: str | None  # of exactly the bytes checked; None when the file is unreadable
    loaded: Loaded
    record: Record | None
    facts: Facts
    # The file's size and modification time when it was read, kept only when that time
    # was already two seconds old (see `_settled_stamp`); None otherwise.
    stamp: tuple[int, int] | None = None


# rel path → what checking the file's bytes gave last time: what a long-lived process
# (`serve`) keeps between runs so that only changed files are parsed again. (The render
# stage keeps its own memo; `validate` keeps Facts on disk in check/cache.py's ValidationCache.)
CheckMemo = dict[str, CheckedFile]


def file_digest(item: RecordFile) -> str | None:
    """The hash of the file's bytes (what caches key on); None when it cannot be read."""
    try:
        return digest(read_capped(item.fspath))
    except OSError:
        return None


def check_file(item: RecordFile) -> CheckedFile:
    """Read, load and check one file, with the hash of exactly the bytes checked (None
    when it cannot be read, which load_file then reports)."""
    try:
        raw = read_capped(item.fspath)
    except OSError:
        loaded = load_file(item.fspath, item.rel)
        return CheckedFile(None, loaded, *check_loaded(item, loaded))
    loaded = load_bytes(raw, item.rel)
    return CheckedFile(digest(raw), loaded, *check_loaded(item, loaded))


# How old a file's modification time must be for its size and time to stand for its bytes.
SETTLED_NS = 2_000_000_000


def _settled_stamp(item: RecordFile) -> tuple[int, int] | None:
    """A file's size and modification time, taken before it is read, when that time is
    at least two seconds old: a later write then gets a later time, even on a file
    system whose clock moves in steps of milliseconds (git's "racy" rule). Under `serve`
    the memo skips reading and hashing a file whose stamp it already holds: 15,000 files
    were 0.25 s of a save at 10,000 claims. None for a file just written (hashed, as
    before) or one that cannot be read."""
    try:
        info = os.stat(item.fspath)
    except OSError:
        return None
    if info.st_mtime_ns > time.time_ns() - SETTLED_NS:
        return None
    return info.st_size, info.st_mtime_ns


def _check_files(
    files: list[RecordFile], memo: CheckMemo | None, *, parallel: bool, report: Progress
) -> Iterator[tuple[Loaded, Record | None, Facts]]:
    """Check every file in order; with a memo, only those whose bytes changed."""
    if memo is None:
        everything = load_all(files, parallel=parallel, progress=report)
        for item, loaded in zip(files, everything, strict=True):
            yield (loaded, *check_loaded(item, loaded))
        return
    found = [(item, *_remembered(item, memo)) for item in files]
    todo = [(item, hashed) for item, known, _, hashed in found if known is None]
    fresh = _check_changed(todo, parallel=parallel, report=report)
    for item, known, stamp, _ in found:
        known = memo[item.rel] = (known or fresh[item.rel])._replace(stamp=stamp)
        yield known.loaded, known.record, known.facts
    for gone in memo.keys() - {item.rel for item in files}:
        del memo[gone]


def _remembered(
    item: RecordFile, memo: CheckMemo
) -> tuple[CheckedFile | None, tuple[int, int] | None, str | None]:
    """What the memo holds for `item` if it still stands for the file's bytes (else None),
    the file's settled stamp, and its hash when it was taken: a file whose stamp the memo
    holds is not even read again."""
    known, stamp = memo.get(item.rel), _settled_stamp(item)
    if known is not None and stamp is not None and known.stamp == stamp:
        return known, stamp, known.digest
    hashed = file_digest(item)
    if known is None or hashed is None or known.digest != hashed:
        return None, stamp, hashed
    return known, stamp, hashed


def _check_changed(
    todo: list[tuple[RecordFile, str | None]], *, parallel: bool, report: Progress
) -> dict[str, CheckedFile]:
    """Check the files the memo does not hold, by their path. One by one, each hashed from
    the very bytes it was checked from; or on every core (all of them when `serve`
    starts), each with the hash taken before it was loaded, so a write in between leaves
    a hash that the next run finds different (and checks again), never new bytes under
    an old hash."""
    if not parallel:
        return {item.rel: check_file(item) for item, _ in todo}
    everything = load_all([item for item, _ in todo], parallel=True, progress=report)
    return {
        item.rel: CheckedFile(hashed, loaded, *check_loaded(item, loaded))
        for (item, hashed), loaded in zip(todo, everything, strict=True)
    }


def validate_root(
    root: Path,
    today: dt.date | None = None,
    *,
    parallel: bool = False,
    progress: ProgressFactory | None = None,
    memo: CheckMemo | None = None,
) -> Validation:
    """Validate the knowledge base under `root`. `progress(total, files)` may return a
    callback that is told how many files each step loaded. With a `memo` (kept by the
    caller between runs), files whose bytes did not change are not checked again."""
    settings, diagnostics = load_settings(root)
    kb = KnowledgeBase(settings, root=root)
    files, found = discover(root)
    diagnostics += found
    report = progress(len(files), len(files)) if progress else no_progress
    corpus: list[Facts] = []
    # A memo means a long-lived process that validates again and again: never freeze there.
    with gc_paused(freeze=memo is None):
        for loaded, record, facts in _check_files(files, memo, parallel=parallel, report=report):
            corpus.append(facts)
            if record is not None and facts.record_id is not None:
                table: dict[str, Entry[Any]] = kb.claims if facts.kind == "claim" else kb.sources
                table.setdefault(facts.record_id, Entry(record, loaded))
    corpus_ = Corpus(
        corpus, settings, today or dt.date.today(), root, root / CACHE_DIR, parallel=parallel
    )
    diagnostics += diagnose(corpus_)
    diagnostics += placeholder_diagnostics(root, settings.docs_dir)
    diagnostics += languages_without_checks(root, kb)
    return Validation(kb, sort_diagnostics(diagnostics), files)


def languages_without_checks(root: Path, kb: KnowledgeBase) -> list[Diagnostic]:
    """FD117 at each language a site in several languages lists and has no published
    fact-check in: its folder would hold empty lists, and its switcher nothing."""
    if not kb.settings.multilingual:
        return []
    written = {claim.language for claim in kb.published}
    empty = [(i, lang) for i, lang in enumerate(kb.settings.languages) if lang not in written]
    if not empty:
        return []
    _, loaded = read_settings(root)
    _, base = factdesk_options(loaded)
    return [
        Diagnostic.make(
            "FD117",
            CONFIG_FILE,
            loaded.pos((*base, "languages", index)),
            f"the site publishes '{lang}', and no published fact-check is in it: its pages "
            "would be empty lists",
            f"publish a fact-check with `language: {lang}`, or leave '{lang}' out of "
            "`languages:` until one is ready",
        )
        for index, lang in empty
    ]


def _to_record(item: RecordFile, loaded: Loaded) -> Record | None:
    if loaded.data is None:
        return None
    model = item.model
    try:
        return model.model_validate(loaded.data)
    except ValidationError as exc:
        translate(exc, model, loaded)
    except Exception as exc:
        loaded.diagnostics.append(rule_crashed(loaded.path, f"{model.__name__} validation", exc))
    return None


def _id_mismatch(item: RecordFile, record: Record, loaded: Loaded) -> list[Diagnostic]:
    rid = getattr(record, "id")  # noqa: B009 - every record model has an id
    if rid == item.stem:
        return []
    return [
        Diagnostic.make(
            "FD017",
            item.rel,
            loaded.pos(("id",)),
            f"id '{rid}' does not match the file name '{item.stem}.yaml'",
            f"rename the file to {rid}.yaml, or set `id: {item.stem}`",
        )
    ]
