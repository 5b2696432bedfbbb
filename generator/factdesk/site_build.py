"""`factdesk build`'s MkDocs build, with the pages read, converted and written on every core.

MkDocs builds a site in one process: it reads and converts every page, then renders each
through the theme's template and writes it. At 50,000 claims both loops run 125,000
times and are most of the build (Markdown, Material's `main.html` and its search plugin's
HTML parser, page after page). This module runs MkDocs' own build steps in MkDocs' order
(`mkdocs.commands.build.build`, MkDocs 1.6), and shares the pages outside the navigation
(claims, claimants, topics: the generated pages) between forked processes: each takes
runs of pages as it goes, reads, converts, renders and writes them, and sends back what
the rest of the build needs of them: Material's search entries, put back in page order,
and each page's anchors and links to anchors, so that MkDocs' check of anchor links
still sees every page. Pages in the navigation are read in every process (the theme
prints their titles on every page) and written by this one, which also copies the
site's other files and writes the sitemap while the others read. The plugins' `env`
event runs once those pages are read, before the rest (MkDocs runs it after every page
is read; the plugins allowed here use it for the theme only). The site is byte for byte
the one MkDocs' loops write.

A forked process runs every plugin's page events for its pages only, so pages are shared
only when each plugin is one whose collected state is known here (`_SHARABLE`); with any
other plugin, or few pages, or one core, MkDocs builds as it always does. `mkdocs build`
and `serve` never come here.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import pickle
import signal
import sys
import tempfile
import time
import traceback
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs import utils
from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError
from mkdocs.structure.files import File, Files, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page

from factdesk.workers import usable_cores

# MkDocs' own logger for its build steps, so that its messages read as they always did.
_log = logging.getLogger("mkdocs.commands.build")

# Below this many pages a second process costs more than it saves.
PARALLEL_PAGES_FROM = 1000
# Pages go to the processes in runs of this many, each run to whichever process asks
# first: small enough that all finish together, large enough that asking costs nothing.
RUN = 64

# Plugins whose page events keep state that a forked process's pages must bring back, by
# entry-point name: the list attribute of their search index that gathers one page's
# entries at a time. The factdesk plugin keeps nothing from a page that a later step reads.
_SEARCH_ENTRIES = {"material/search": "entries", "search": "entries"}
_SHARABLE = frozenset({"factdesk", *_SEARCH_ENTRIES})


def build_site(config: MkDocsConfig) -> None:
    """Build the site as `mkdocs.commands.build.build` does, sharing the writing of pages
    between every core when `shares_pages(config)`; else it is MkDocs' build itself."""
    if not shares_pages(config):
        mkdocs_build.build(config)
        return
    _build(config)


def shares_pages(config: MkDocsConfig) -> bool:
    """Whether the pages can be written on several cores: fork exists, there is more than
    one core, and every plugin is one whose page events this module knows."""
    cores = usable_cores()
    return cores > 1 and hasattr(os, "fork") and set(config.plugins) <= _SHARABLE


def _build(config: MkDocsConfig) -> None:
    """`mkdocs.commands.build.build(config)` (MkDocs 1.6) for `mkdocs build`: the same
    events, in the same order, with the same messages; only the page loops differ."""
    logger = logging.getLogger("mkdocs")
    warning_counter = utils.CountHandler()
    warning_counter.setLevel(logging.WARNING)
    if config.strict:
        logger.addHandler(warning_counter)
    inclusion = InclusionLevel.is_included
    try:
        start = time.monotonic()
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        _log.info("Cleaning site directory")
        utils.clean_directory(config.site_dir)
        _log.info(f"Building documentation to directory: {config.site_dir}")

        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)

        doc_files = files.documentation_pages(inclusion=inclusion)
        for file in doc_files:
            if file.page is None and file.inclusion.is_not_in_nav():  # type: ignore[no-untyped-call]
                Page(None, file, config)
        plan = _plan(doc_files, _named(nav, config))
        with _shared(plan, config, files, doc_files, nav, env) as shares:
            # The pages a navigation names first (every page shows their titles), then
            # this process's serial steps while the others already read pages, then its
            # share of the pages, taken a run at a time as the others take theirs.
            _log.debug("Reading markdown pages.")
            _read_pages(plan.everywhere, config, files, doc_files)
            env = config.plugins.on_env(env, config=config, files=files)
            _log.debug("Copying static assets.")
            files.copy_static_files(inclusion=inclusion)
            for template in config.theme.static_templates:
                mkdocs_build._build_theme_template(template, env, files, config, nav)
            for template in config.extra_templates:
                mkdocs_build._build_extra_template(template, files, config, nav)
            mine = shares.read(config, files, doc_files)
            _log.debug("Building markdown pages.")
            done = _write_pages(plan.everywhere + mine, config, doc_files, nav, env)
            theirs = shares.answers()
        _take_back(theirs, done, config, doc_files, warning_counter)

        log_level = config.validation.links.anchors
        for file in doc_files:
            assert file.page is not None
            file.page.validate_anchor_links(files=files, log_level=log_level)
        # Every page is written: what remains of them goes before the plugins' last step
        # (Pagefind, a process of its own that needs gigabytes at 50,000 claims).
        del files, nav, doc_files, env, plan

        config.plugins.on_post_build(config=config)
        if counts := warning_counter.get_counts():
            msg = ", ".join(f"{v} {k.lower()}s" for k, v in counts)
            raise Abort(f"Aborted with {msg} in strict mode!")
        _log.info(f"Documentation built in {time.monotonic() - start:.2f} seconds")
    except Exception as e:
        config.plugins.on_build_error(error=e)
        if isinstance(e, BuildError):
            _log.error(str(e))
            raise Abort("Aborted with a BuildError!") from None  # as MkDocs does
        raise
    finally:
        logger.removeHandler(warning_counter)


@dataclass(frozen=True)
class _Plan:
    """The pages (as indexes into MkDocs' list of them) every process reads, the runs the
    rest are cut into, and how many processes share them."""

    everywhere: list[int]
    runs: list[list[int]]
    processes: int


def _named(nav: Navigation, config: MkDocsConfig) -> set[str]:
    """The pages a navigation names: MkDocs' own, and the factdesk plugin's one per
    language on a site in several."""
    named = {page.file.src_uri for page in nav.pages}
    more = getattr(config.plugins.get("factdesk"), "navigation_pages", None)
    return named | more() if more is not None else named


def _plan(doc_files: Sequence[File], named: set[str]) -> _Plan:
    """Pages a navigation names go everywhere; the rest are dealt out in runs."""
    everywhere = [i for i, file in enumerate(doc_files) if file.src_uri in named]
    rest = [i for i, file in enumerate(doc_files) if file.src_uri not in named]
    processes = usable_cores() if len(rest) >= PARALLEL_PAGES_FROM else 1
    runs = [rest[i : i + RUN] for i in range(0, len(rest), RUN)]
    return _Plan(everywhere, runs, processes)


class _Dealer:
    """Hands out the runs of pages one at a time, in order, to whichever process asks
    first: a process slowed by work of its own (the parent copies the site's files and
    writes the sitemap) takes fewer, and all finish together. The next run's number is
    shared memory, made before the processes fork."""

    def __init__(self, runs: int, shared: bool) -> None:
        self.runs = runs
        context = multiprocessing.get_context("fork") if shared else None
        self._next: Any = context.RawValue("q", 0) if context else _Number()
        self._lock: Any = context.Lock() if context else nullcontext()

    def take(self) -> int | None:
        """The next run's number, or None when every run is taken."""
        with self._lock:
            number = self._next.value
            if number >= self.runs:
                return None
            self._next.value = number + 1
            return int(number)


@dataclass
class _Number:
    value: int = 0


def _take_runs(
    plan: _Plan, dealer: _Dealer, config: MkDocsConfig, files: Files, doc_files: Sequence[File]
) -> tuple[list[int], list[int]]:
    """Read runs of pages until none is left: the pages read, and the numbers of the
    runs taken."""
    pages: list[int] = []
    taken: list[int] = []
    while (number := dealer.take()) is not None:
        _read_pages(plan.runs[number], config, files, doc_files)
        pages += plan.runs[number]
        taken.append(number)
    return pages, taken


def _read_pages(
    indexes: list[int], config: MkDocsConfig, files: Files, doc_files: Sequence[File]
) -> None:
    """MkDocs' loop of `_populate_page` over these pages."""
    for index in sorted(indexes):
        file = doc_files[index]
        _log.debug(f"Reading: {file.src_uri}")
        assert file.page is not None
        mkdocs_build._populate_page(file.page, config, files)


@dataclass
class _Answer:
    """What one process brings back from its pages, by each page's place in MkDocs'
    list: its search entries (a list per search index), its anchors and its links to
    anchors (by the linked page's path); the warnings it logged, by level; or why it
    failed."""

    entries: dict[int, list[list[Any]]] = field(default_factory=dict)
    anchors: dict[int, set[str] | None] = field(default_factory=dict)
    links: dict[int, dict[str, dict[str, str]] | None] = field(default_factory=dict)
    warnings: dict[int, int] = field(default_factory=dict)
    failure: str | None = None


def _write_pages(
    indexes: list[int], config: MkDocsConfig, doc_files: Sequence[File], nav: Navigation, env: Any
) -> _Answer:
    """MkDocs' loop of `_build_page` over these pages, keeping each one's search entries
    apart."""
    search_indexes = _search_indexes(config)
    done = _Answer()
    for index in sorted(indexes):
        file = doc_files[index]
        assert file.page is not None
        marks = [len(getattr(search, attr)) for search, attr in search_indexes]
        mkdocs_build._build_page(
            file.page,
            config,
            doc_files,
            nav,
            env,
            excluded=file.inclusion.is_excluded(),  # type: ignore[no-untyped-call]
        )
        done.entries[index] = []
        for (search, attr), mark in zip(search_indexes, marks, strict=True):
            entries = getattr(search, attr)
            done.entries[index].append(entries[mark:])
            del entries[mark:]
    return done


def _search_indexes(config: MkDocsConfig) -> list[tuple[Any, str]]:
    """Each search plugin's index, with the name of its list of entries."""
    found = []
    for name, attr in _SEARCH_ENTRIES.items():
        plugin = config.plugins.get(name)
        index = getattr(plugin, "search_index", None)
        if index is not None and isinstance(getattr(index, attr, None), list):
            found.append((index, attr))
    return found


def _take_back(
    theirs: list[_Answer],
    mine: _Answer,
    config: MkDocsConfig,
    doc_files: Sequence[File],
    warning_counter: utils.CountHandler,
) -> None:
    """The other processes' answers, into this process's pages and search index; the
    first failure stops the build."""
    for answer in theirs:
        if answer.failure is not None:
            raise BuildError(answer.failure)
        if config.strict:  # counted as if logged here, so that strict mode stops on them
            for level, count in answer.warnings.items():
                warning_counter.counts[level] += count
    by_path = {file.src_uri: file for file in doc_files}
    for answer in theirs:
        for index, anchors in answer.anchors.items():
            page = doc_files[index].page
            assert page is not None
            page.present_anchor_ids = anchors
            links = answer.links[index]
            page.links_to_anchors = (
                None if links is None else {by_path[uri]: to for uri, to in links.items()}
            )
    by_page = {i: entries for answer in [mine, *theirs] for i, entries in answer.entries.items()}
    order = sorted(by_page)
    for number, (search, attr) in enumerate(_search_indexes(config)):
        getattr(search, attr)[:] = [e for i in order for e in by_page[i][number]]


class _Child:
    """A forked process reading and writing a share of the pages, and the file it
    answers in."""

    def __init__(self, pid: int, answer: Path) -> None:
        self.pid = pid
        self.answer = answer

    def result(self) -> _Answer:
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        try:
            with self.answer.open("rb") as f:
                answer: _Answer = pickle.load(f)
        except (OSError, EOFError, pickle.UnpicklingError):
            code = os.waitstatus_to_exitcode(status)
            return _Answer(failure=f"a process building pages stopped ({_ended(code)})")
        return answer

    def stop(self) -> None:
        if self.pid:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            self.pid = 0


def _ended(code: int) -> str:
    return f"killed by signal {-code}" if code < 0 else f"exit status {code}"


@dataclass
class _Shares:
    """This process's side of the shared pages: the dealer of runs, the processes it
    forked, and the plugin whose progress bar counts the pages they read."""

    plan: _Plan
    dealer: _Dealer
    children: list[_Child]
    plugin: Any

    def read(self, config: MkDocsConfig, files: Files, doc_files: Sequence[File]) -> list[int]:
        """This process's share: runs taken until none is left. The runs the others took
        count on the progress bar once this one is done with its own."""
        pages, taken = _take_runs(self.plan, self.dealer, config, files, doc_files)
        mine = set(taken)
        elsewhere = sum(len(run) for n, run in enumerate(self.plan.runs) if n not in mine)
        if elsewhere and hasattr(self.plugin, "built_elsewhere"):
            self.plugin.built_elsewhere(elsewhere)
        return pages

    def answers(self) -> list[_Answer]:
        return [child.result() for child in self.children]


@contextmanager
def _shared(
    plan: _Plan,
    config: MkDocsConfig,
    files: Files,
    doc_files: Sequence[File],
    nav: Navigation,
    env: Any,
) -> Iterator[_Shares]:
    """A process forked for each core after the first, this one's; each is stopped if
    this process leaves early."""
    plugin = config.plugins.get("factdesk")
    dealer = _Dealer(len(plan.runs), shared=plan.processes > 1)
    children: list[_Child] = []
    if plan.processes < 2:
        yield _Shares(plan, dealer, children, plugin)
        return
    # The build's objects leave the collector, so that a collection in either process
    # does not write to (and so copy) every page of memory the processes share.
    gc.freeze()
    try:
        with tempfile.TemporaryDirectory(prefix="factdesk-pages-") as tmp:
            for number in range(1, plan.processes):
                answer = Path(tmp) / f"{number}.pickle"
                sys.stdout.flush()
                sys.stderr.flush()
                pid = os.fork()
                if pid == 0:
                    _child(plan, dealer, answer, config, files, doc_files, nav, env)
                children.append(_Child(pid, answer))
            yield _Shares(plan, dealer, children, plugin)
    finally:
        for child in children:
            child.stop()
        gc.unfreeze()


def _child(
    plan: _Plan,
    dealer: _Dealer,
    answer: Path,
    config: MkDocsConfig,
    files: Files,
    doc_files: Sequence[File],
    nav: Navigation,
    env: Any,
) -> None:
    """In a forked process: read and write the share, answer, and leave without running
    any of the parent's exit handlers (never returns)."""
    in_worker = getattr(config.plugins.get("factdesk"), "in_worker", None)
    if in_worker is not None:
        in_worker()
    counter = utils.CountHandler()
    counter.setLevel(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(counter)
    code = 0
    try:
        # The pages every process reads say what they have to say once, in the parent.
        logging.disable(logging.CRITICAL)
        _read_pages(plan.everywhere, config, files, doc_files)
        logging.disable(logging.NOTSET)
        share, _ = _take_runs(plan, dealer, config, files, doc_files)
        env = config.plugins.on_env(env, config=config, files=files)
        done = _write_pages(share, config, doc_files, nav, env)
        for index in share:
            page = doc_files[index].page
            assert page is not None
            done.anchors[index] = page.present_anchor_ids
            links = page.links_to_anchors
            done.links[index] = (
                None if links is None else {to.src_uri: at for to, at in links.items()}
            )
    except BaseException as exc:  # every failure, Ctrl-C too, is the parent's to report
        code = 1
        # A BuildError's message is the diagnostic; anything else is a bug, whose
        # traceback is all the parent can show of it.
        failure = str(exc) if isinstance(exc, BuildError) else traceback.format_exc()
        done = _Answer(failure=failure)
    done.warnings = dict(counter.counts)
    try:
        with answer.open("wb") as f:
            pickle.dump(done, f, protocol=pickle.HIGHEST_PROTOCOL)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
