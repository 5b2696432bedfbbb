"""`factdesk validate` with the cache: parse only the files whose bytes changed.

Every file is read and hashed; a file whose hash matches its cache entry contributes its
cached Facts, the others are loaded and checked as in a cold run (on several
cores when there are many). The checks across records and the date checks then run on
all the Facts, cached or fresh, through the same code as `validate_root`, so a warm run
reports exactly what a cold run would.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from factdesk.check.cache import CACHE_DIR, CachedFacts, ValidationCache, open_cache
from factdesk.check.cross_rules import Corpus, diagnose
from factdesk.check.facts import Facts, from_row, to_row
from factdesk.check.pipeline import ProgressFactory, check_file, file_digest
from factdesk.check.placeholders import placeholder_diagnostics
from factdesk.diagnostics import Diagnostic, sort_diagnostics
from factdesk.load.discover import RecordFile, discover
from factdesk.load.site_config import load_settings
from factdesk.workers import gc_paused, map_chunks, no_progress


@dataclass
class Checked:
    diagnostics: list[Diagnostic]
    files: list[RecordFile]
    reused: int  # files whose Facts came from the cache


def _check_chunk(items: list[RecordFile]) -> list[tuple[str | None, Facts]]:
    """What a worker sends back for its share of the files: (hash of the bytes checked,
    or None when unreadable; Facts) per file. Records and positions stay behind."""
    with gc_paused():
        return [(checked.digest, checked.facts) for checked in map(check_file, items)]


def _cached(
    files: list[RecordFile], known: dict[str, CachedFacts]
) -> tuple[list[Facts | None], list[CachedFacts | None]]:
    """Facts from the cache for files whose bytes match (None elsewhere), and the entries."""
    found: list[Facts | None] = [None] * len(files)
    entries: list[CachedFacts | None] = [None] * len(files)
    for index, item in enumerate(files):
        entry = known.get(item.rel)
        if entry is not None and entry[0] == file_digest(item):
            found[index], entries[index] = from_row(item.rel, entry[1]), entry
    return found, entries


def _reuse(
    files: list[RecordFile], cache: ValidationCache | None
) -> tuple[list[Facts | None], list[CachedFacts | None]]:
    known = cache.load() if cache else {}
    try:
        return _cached(files, known)
    except (TypeError, ValueError, KeyError, IndexError):  # a damaged entry: start cold
        return [None] * len(files), [None] * len(files)


def check_root(
    root: Path,
    today: dt.date | None = None,
    *,
    use_cache: bool = True,
    parallel: bool = False,
    progress: ProgressFactory | None = None,
) -> Checked:
    """Every diagnostic `validate_root` would report, reusing cached Facts."""
    settings, diagnostics = load_settings(root)
    files, found = discover(root)
    diagnostics += found
    cache = open_cache(root, settings) if use_cache else None
    facts, entries = _reuse(files, cache)
    misses = [i for i, f in enumerate(facts) if f is None]
    report = progress(len(misses), len(files)) if progress else no_progress
    fresh = map_chunks(_check_chunk, [files[i] for i in misses], parallel=parallel, progress=report)
    for index, (hashed, new) in zip(misses, fresh, strict=True):
        facts[index] = new
        entries[index] = (hashed, to_row(new)) if hashed else None
    if cache is not None and (misses or cache.stale(len(files))):
        cache.save({f.rel: e for f, e in zip(files, entries, strict=True) if e})
    complete = [f for f in facts if f is not None]
    match_cache = root / CACHE_DIR if use_cache else None
    corpus = Corpus(complete, settings, today or dt.date.today(), root, match_cache)
    diagnostics += diagnose(corpus)
    diagnostics += placeholder_diagnostics(root, settings.docs_dir)
    return Checked(sort_diagnostics(diagnostics), files, len(files) - len(misses))
