"""Files → records → checks → KnowledgeBase, collecting every diagnostic on the way."""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
import os
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from factdesk.checks import run_checks
from factdesk.diagnostics import Diagnostic, sort_diagnostics
from factdesk.discover import RecordFile, discover
from factdesk.kb import Entry, KnowledgeBase
from factdesk.loader import Loaded, load_file
from factdesk.model_errors import translate
from factdesk.models import MODELS, Record
from factdesk.settings import load_settings

PARALLEL_MIN_FILES = 2000
CHUNK = 250
MAX_WORKERS = 8


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


@contextmanager
def _gc_paused() -> Iterator[None]:
    # Parsing allocates millions of small objects that all stay alive; the collector's
    # repeated full scans would double the load time for nothing.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # What was loaded stays alive for the whole run: moving it out of the collector's
        # generations spares a full collection over every record when collection resumes.
        gc.freeze()
        if enabled:
            gc.enable()


def _load_chunk(files: list[RecordFile]) -> list[Loaded]:
    with _gc_paused():
        return [load_file(item.path, item.rel) for item in files]


Progress = Callable[[int], None]


def _no_progress(done: int) -> None:
    pass


def load_all(
    files: list[RecordFile], *, parallel: bool, progress: Progress = _no_progress
) -> list[Loaded]:
    """Load every file, in order; on several cores when there are many files.

    Forked workers parse chunks of files while this process parses its own share, then
    collects theirs in order; progress is reported as chunks finish. Only the command
    line asks for it: forking inside MkDocs' threaded dev server is not safe.
    """
    cores = min(os.cpu_count() or 1, MAX_WORKERS)
    chunks = [files[i : i + CHUNK] for i in range(0, len(files), CHUNK)]
    if not parallel or cores < 2 or len(files) < PARALLEL_MIN_FILES:
        loaded: list[Loaded] = []
        for chunk in chunks:
            loaded += _load_chunk(chunk)
            progress(len(chunk))
        return loaded
    try:
        context = multiprocessing.get_context("fork")
    except ValueError:  # no fork on this platform
        return load_all(files, parallel=False, progress=progress)
    # This process parses every cores-th chunk itself while the workers parse the rest.
    mine = range(0, len(chunks), cores)
    theirs = [i for i in range(len(chunks)) if i % cores]
    results: dict[int, list[Loaded]] = {}
    with context.Pool(cores - 1) as pool:
        pending = pool.imap(_load_chunk, [chunks[i] for i in theirs])
        for index in mine:
            results[index] = _load_chunk(chunks[index])
            progress(len(chunks[index]))
        for index, done in zip(theirs, pending, strict=True):
            results[index] = done
            progress(len(done))
    return [loaded for index in range(len(chunks)) for loaded in results[index]]


def validate_root(
    root: Path,
    today: dt.date | None = None,
    *,
    parallel: bool = False,
    progress: Callable[[int, int], Progress] | None = None,
) -> Validation:
    """Validate the knowledge base under `root`. `progress(total, files)` may return a
    callback that is told how many files each step loaded."""
    settings, diagnostics = load_settings(root)
    kb = KnowledgeBase(settings)
    files, found = discover(root)
    diagnostics += found
    report = progress(len(files), len(files)) if progress else _no_progress
    everything = load_all(files, parallel=parallel, progress=report)
    with _gc_paused():
        for item, loaded in zip(files, everything, strict=True):
            (kb.claim_names if item.kind == "claims" else kb.source_names).add(item.stem)
            if loaded.data is not None:
                (kb.claim_files if item.kind == "claims" else kb.source_files).append(loaded)
            record = _to_record(item, loaded)
            diagnostics += loaded.diagnostics
            if record is not None:
                diagnostics += _register(kb, item, record, loaded)
    diagnostics += run_checks(kb, today or dt.date.today())
    return Validation(kb, sort_diagnostics(diagnostics), files)


def _to_record(item: RecordFile, loaded: Loaded) -> Record | None:
    if loaded.data is None:
        return None
    model = MODELS[item.kind]
    try:
        return model.model_validate(loaded.data)
    except ValidationError as exc:
        translate(exc, model, loaded)
    except Exception as exc:
        where = traceback.extract_tb(exc.__traceback__)[-1]
        loaded.error(
            "FD000",
            (1, 1),
            f"internal error in {model.__name__} validation: {type(exc).__name__}: {exc}",
            f"please report this bug (at {where.name}:{where.lineno})",
        )
    return None


def _register(
    kb: KnowledgeBase, item: RecordFile, record: Record, loaded: Loaded
) -> list[Diagnostic]:
    rid = getattr(record, "id")  # noqa: B009 - every record model has an id
    if rid != item.stem:
        return [
            Diagnostic.make(
                "FD017",
                item.rel,
                loaded.pos(("id",)),
                f"id '{rid}' does not match the file name '{item.stem}.yaml'",
                f"rename the file to {rid}.yaml, or set `id: {item.stem}`",
            )
        ]
    table: dict[str, Entry[Any]] = kb.claims if item.kind == "claims" else kb.sources
    if rid in table:
        first = table[rid].path
        return [
            Diagnostic.make(
                "FD018",
                item.rel,
                loaded.pos(("id",)),
                f"id '{rid}' is already used by {first}",
                "ids are unique across sub-folders; rename one of the two records",
            )
        ]
    table[rid] = Entry(record, loaded)
    (kb.claim_names if item.kind == "claims" else kb.source_names).add(rid)
    return []
