"""Run a function over many record files, on several cores when there are many of them."""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

PARALLEL_MIN_FILES = 2000
CHUNK = 250
MAX_WORKERS = 8

T = TypeVar("T")
U = TypeVar("U")
Progress = Callable[[int], None]


def no_progress(done: int) -> None:
    pass


@contextmanager
def gc_paused(*, freeze: bool = True) -> Iterator[None]:
    """Parsing allocates millions of small objects that all stay alive; the collector's
    repeated full scans would double the load time for nothing.

    With `freeze`, what was loaded then leaves the collector's generations for good, which
    spares a full collection over every record when collection resumes: right for a run
    that ends with its command, wrong for a process that rebuilds (`serve`), where each
    rebuild's frozen objects could never be freed again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if enabled:
            gc.enable()


def usable_cores() -> int:
    """The cores this process may run on (a container's share, not the machine's), at
    most MAX_WORKERS: how many processes parallel work forks up to."""
    if hasattr(os, "sched_getaffinity"):
        return min(len(os.sched_getaffinity(0)), MAX_WORKERS)
    return min(os.cpu_count() or 1, MAX_WORKERS)


def map_chunks(
    work: Callable[[list[T]], list[U]],
    items: list[T],
    *,
    parallel: bool,
    progress: Progress = no_progress,
    min_items: int = PARALLEL_MIN_FILES,
    chunk_size: int = CHUNK,
) -> list[U]:
    """`work` over `items` in chunks, results in order; `work` must be a module-level
    function (workers receive it by name).

    Forked workers take chunks while this process works through its own share, then
    collects theirs in order; progress is reported as chunks finish. Only the command
    line asks for parallel work: forking inside MkDocs' threaded dev server is not safe.
    """
    cores = usable_cores()
    chunks = [items[i : i + chunk_size] for i in range(0, len(items), chunk_size)]
    if not parallel or cores < 2 or len(items) < min_items:
        done: list[U] = []
        for chunk in chunks:
            done += work(chunk)
            progress(len(chunk))
        return done
    try:
        context = multiprocessing.get_context("fork")
    except ValueError:  # no fork on this platform
        return map_chunks(work, items, parallel=False, progress=progress, chunk_size=chunk_size)
    # This process takes every cores-th chunk itself while the workers take the rest.
    mine = range(0, len(chunks), cores)
    theirs = [i for i in range(len(chunks)) if i % cores]
    results: dict[int, list[U]] = {}
    with context.Pool(cores - 1) as pool:
        pending = pool.imap(work, [chunks[i] for i in theirs])
        for index in mine:
            results[index] = work(chunks[index])
            progress(len(chunks[index]))
        for index, finished in zip(theirs, pending, strict=True):
            results[index] = finished
            progress(len(finished))
    return [result for index in range(len(chunks)) for result in results[index]]
