"""Thin MkDocs adapter: the only module (with parts of cli.py) that imports MkDocs.

Validates in on_config (errors fail the build with the same diagnostics as `validate`),
adds the rendered pages as virtual files in on_files (nothing is written into docs/),
points "edit this page" at the YAML record, and puts each claim's JSON-LD in the head.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import html
import logging
import os
import re
import signal
import subprocess
import threading
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import clean_directory, get_relative_url
from mkdocs.utils.templates import TemplateContext

from factdesk.check.cache import CACHE_DIR
from factdesk.check.pipeline import CheckMemo, Validation, validate_root
from factdesk.diagnostics import format_text
from factdesk.kb import KnowledgeBase
from factdesk.load.revisions import read_histories
from factdesk.load.site_config import load_settings, publishing_problems
from factdesk.records.languages import autonym, direction
from factdesk.records.settings import plugin_options
from factdesk.render import (
    asset_paths,
    data_files,
    held_html,
    record_page_paths,
    render_binaries,
    render_binaries_later,
    render_site_behind,
    render_site_kept,
    render_site_later,
    urls,
)
from factdesk.render.determinism import build_epoch, page_dates
from factdesk.render.feed import FEED_TYPE
from factdesk.render.i18n import install as install_i18n
from factdesk.render.incremental import pages_to_update, record_changes
from factdesk.render.languages import (
    alternates,
    choices,
    homes,
    links_into_folders,
    page_language,
)
from factdesk.render.output import LATEST_MARKER, expand_markers, jsonld_script
from factdesk.render.pages import Maker, PageRenderer, RenderMemo, page_plan
from factdesk.render.share import social_head
from factdesk.search_index import IndexingError, pagefind_command, run_pagefind
from factdesk.spool import Spool

log = logging.getLogger("mkdocs.plugins.factdesk")

# Under `serve`, how long after a save's pages the whole desk's files wait for another
# save before they are rendered (`FactdeskPlugin._finish`).
PAUSE_BEFORE_FILES = 2.0
# From this many claims, the first `serve` of a desk with no preview kept (preview.py)
# shows the site before its records' pages (claims, sources, claimants, topics), the
# claims' own files and the share cards are made: they are built behind the server (a
# reader's request first), then Pagefind indexes them. At 10,000 claims they are four
# minutes of work on one core.
PAGES_BEHIND_FROM = 1000


_ENV = "SOURCE_DATE_EPOCH"
_ARTICLE = '<article class="md-content__inner md-typeset">'
_ours: str | None = None


def _set_build_date(epoch: int) -> None:
    """Sitemap dates come from the records, not the clock, so builds are reproducible.

    A SOURCE_DATE_EPOCH the user set wins; one this plugin set on an earlier build in the
    same process (`mkdocs serve`) is replaced, since the records may have changed.
    """
    global _ours
    current = os.environ.get(_ENV)
    if current is None or current == _ours:
        _ours = str(epoch)
        os.environ[_ENV] = _ours


# Section headings MkDocs renders from the claim template ("Evidence", "Analysis"…) carry an
# id; headings in a contributor's analysis never do (the sanitiser drops every attribute).
_SECTION_HEADING = re.compile(r'<h([23]) id="')


def _mark_for_search(html: str, src_uri: str) -> str:
    """Pagefind indexes only what is marked: a claim page's content, not the lists around
    it, and not the section headings every claim page has, which would make a search for
    "evidence" or "corrections" match every claim (and, at 10,000 claims, take half a
    second to rank them all). The template marks its other fixed labels itself.

    The content is found by Material's own `<article>` markup. Under another theme (or a
    Material release that changes it) the mark would silently be missing and Pagefind would
    index nothing, so a page without it stops the build instead."""
    if _ARTICLE not in html:
        raise PluginError(
            f"factdesk: {src_uri}: the page has no {_ARTICLE!r}, so Pagefind cannot be told "
            "what to index; Pagefind search needs the Material theme (set `search: material` "
            "in the factdesk options to build with another theme)"
        )
    html = html.replace(_ARTICLE, _ARTICLE[:-1] + " data-pagefind-body>", 1)
    return _SECTION_HEADING.sub(r'<h\1 data-pagefind-ignore id="', html)


def _modified() -> bool:
    return True


def _unchanged() -> bool:
    return False


# The options are validated by factdesk's own settings model (with their lines in
# mkdocs.yml, and bounded: load/site_config.py); MkDocs only needs to accept them. Their
# names come from that model, so an option added there is accepted here too.
FactdeskConfig = type(
    "FactdeskConfig",
    (base.Config,),
    {name: opt.Optional(opt.Type(object)) for name in plugin_options()},
)


Steps = Callable[[int], Callable[[int], None]]
# A generated file not made yet: a page rendered, or a share card drawn, when first read.
Later = Callable[[], str | bytes]
Generated = str | bytes | Later | Path


@dataclass
class LastBuild:
    """The MkDocs objects of the last full build of a `serve` session: a save of records
    pushes its few changed pages through them instead of building the site again."""

    config: Any
    files: Files
    nav: Navigation
    env: Any
    # Source paths of the pages in the navigation: a change to one of their titles would
    # show in every page's menu, so it takes a full build.
    in_nav: frozenset[str]

    @cached_property
    def in_serve(self) -> Sequence[File]:
        """The pages MkDocs hands each page's build (links are checked against them):
        the same for every refresh, as a refresh keeps the build's set of files (a list
        of 25,000 at 10,000 claims, made once instead of once per page pushed)."""
        return self.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)


@dataclass
class ServeState:
    """What lives across the rebuilds of one `serve` (MkDocs keeps a plugin that handles
    on_startup): so a save re-parses one file and re-renders only what changed."""

    # `serve` previews on this computer: what only matters once published is a warning.
    serving: bool = False
    dirty: bool = False
    # Seconds the whole desk's files wait behind a save's pages for the next save.
    pause: float = PAUSE_BEFORE_FILES
    # What each record file gave last time, keyed by its bytes.
    checked: CheckMemo | None = None
    # The pages' front matter and analyses, each by its exact input.
    rendered: RenderMemo | None = None
    # What the last build generated, to tell a dirty rebuild which pages are unchanged.
    previous: dict[str, Generated] | None = None
    # The last full build's MkDocs objects, once it succeeded (refreshes go through them).
    site: LastBuild | None = None
    # The same objects of the full build under way, until it succeeds.
    building: LastBuild | None = None
    # What the site's other inputs (mkdocs.yml, docs/, templates, media/) looked like
    # when that build started: when they differ, a save takes a full build.
    inputs: frozenset[tuple[str, int, int]] = frozenset()
    # The generated files of the last session's preview, when this session's first build
    # writes over it (preview.py): every page is built again, the others' files removed.
    earlier: frozenset[str] | None = None
    # True when this build follows a change of those inputs: every page is built again.
    rebuild_all: bool = True
    # Hand-written pages that show the latest fact-checks (the home page).
    marked: set[str] = field(default_factory=set)
    # The part of the last refresh still being built behind the server.
    behind: Behind | None = None
    left: LeftBehind = field(default_factory=lambda: LeftBehind())
    # The Pagefind run indexing the preview behind the editor's back.
    indexer: subprocess.Popen[bytes] | None = None
    # Held while a page goes through MkDocs: by the work behind the server, a save's
    # refresh, or a reader's request for a page left behind (`build_now`).
    pushing: threading.RLock = field(default_factory=threading.RLock)
    # Called once the last full build's pages are all written (preview.py's stamp).
    whole: Callable[[], None] | None = None


@dataclass
class BuildState:
    """What one build knows, from on_config to on_post_build."""

    validation: Validation
    renderer: PageRenderer
    generated: dict[str, str | Maker | Path]
    # The claims' pictures from media/ and their share cards, shipped beside the pages
    # (under `serve`, a card not drawn yet is the call that draws it).
    binaries: dict[str, bytes | Path | Later]
    # Pagefind indexes this build: claim pages are marked for it.
    pagefind: bool
    # Page file → the day its records last changed (the sitemap's lastmod); pages not
    # here (home, hand-written, whole-site lists) keep the build date.
    lastmod: dict[str, str]
    # One step of the progress bar per page, when the command line asked for one.
    step: Callable[[int], None] | None = None
    # Page URL -> {language: the same page in it} on a site in several languages.
    alternates: dict[str, dict[str, str]] | None = None
    # Each language's navigation (its own lists where the desk's nav names generated ones).
    navs: dict[str, Navigation] | None = None
    # A generated page's HTML blocks, held out of Markdown (render/held_html.py) from
    # on_page_markdown to on_page_content.
    held: dict[str, list[str]] = field(default_factory=dict)
    # A generated page's HTML, compressed, from on_page_content until it is written.
    packed: dict[str, bytes] = field(default_factory=dict)
    # The generated files that are not pages (JSON, CSV, feeds, pictures, cards), which a
    # build lets go once MkDocs has copied them (see `_let_go`).
    copied: list[File] = field(default_factory=list)
    # A build's generated files that are not pages, on disk until MkDocs copies them.
    spool: Spool | None = None
    # The pages this build leaves to be built behind the server (`_pages_behind`), and
    # the claims' own files it leaves to be written there.
    behind: list[str] = field(default_factory=list)
    behind_files: list[str] = field(default_factory=list)


@dataclass
class Handed:
    """What `factdesk build` hands the plugin before MkDocs starts."""

    # The records, validated once by the command line.
    validation: Validation | None = None
    # Given the number of pages, a step callback for a progress bar.
    progress: Steps | None = None
    # What runs Pagefind once the site is written, in place of this process
    # (`search_index.build_first`); None: the plugin runs it at the end of the build.
    index: Callable[[Path], None] | None = None


class FactdeskPlugin(BasePlugin[FactdeskConfig]):  # type: ignore[valid-type]
    """Every piece of state is in `serve` (across rebuilds), `build` (this build) and
    `handed` (what the command line handed over): nothing else is set on the plugin."""

    def __init__(self) -> None:
        super().__init__()
        self.serve = ServeState()
        self.build: BuildState | None = None
        self.handed = Handed()

    def hand_over(
        self,
        validation: Validation,
        progress: Steps | None,
        index: Callable[[Path], None] | None = None,
    ) -> None:
        """`factdesk build` validates before MkDocs starts and hands the result over, so the
        knowledge base is read once; `progress(total pages)` gives a step callback for a
        progress bar; `index(site)`, when given, indexes the site for search instead of the
        plugin. `mkdocs build` and every rebuild of `serve` read the records here."""
        self.handed = Handed(validation, progress, index)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # MkDocs keeps this plugin for the whole process: each command starts afresh.
        self.build, self.handed = None, Handed()
        serving = command == "serve"
        self.serve = ServeState(
            serving=serving,
            dirty=dirty,
            checked={} if serving else None,
            rendered=RenderMemo() if serving else None,
        )

    def over_last_preview(
        self, outputs: list[str], inputs: frozenset[tuple[str, int, int]]
    ) -> None:
        """The first build of this `serve` writes over the last session's preview, which
        was built from the same site inputs and generated `outputs`: nothing is cleaned
        first (the server answers from it meanwhile), every page is built again, and the
        files of pages that are gone are removed."""
        self.serve.earlier = frozenset(outputs)
        self.serve.inputs = inputs

    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        # The records are the site's source: watch them whatever mkdocs.yml says.
        root = Path(config.config_file_path).parent
        # Before the first build (a preview served while it is built again), from mkdocs.yml.
        settings = self.build.validation.kb.settings if self.build else load_settings(root)[0]
        templates = settings.templates
        for folder in ("claims", "sources", "media", templates):
            if folder and (root / folder).is_dir():
                server.watch(str(root / folder))
        # MkDocs' server calls `builder()` on every change it sees; most are saves of
        # records, which a refresh handles in a few pages instead of a whole build.
        server.builder = lambda: self.refresh() or builder()
        return server

    def on_config(self, config: Any) -> Any:
        root = Path(config.config_file_path).parent
        if self.serve.serving:
            gc.unfreeze()  # the last full build's objects can go (see on_post_build)
            with self.serve.pushing:  # no reader's page is under way through the last one
                self.serve.site, self.serve.whole = None, None
            # Taken before the build reads them, so a change during the build is seen.
            inputs = site_inputs(config)
            self.serve.rebuild_all = inputs != self.serve.inputs
            self.serve.inputs = inputs
        validation = self._validation(root)
        kb = validation.kb
        kb.history, note = read_histories(root, root / CACHE_DIR)
        if note:
            log.info(note)  # a tarball builds fine; the pages just have no history
        renderer = PageRenderer(
            kb, root / kb.settings.templates, self.serve.rendered, match_cache=root / CACHE_DIR
        )
        self.build = BuildState(
            validation=validation,
            renderer=renderer,
            generated={},
            binaries={},
            pagefind=kb.settings.search_engine(len(kb.published)) == "pagefind",
            lastmod=page_dates(kb),
        )
        if self.serve.serving:
            # `serve` compares every generated file with the last build's.
            self.build.behind = self._pages_behind(kb, renderer, config.nav)
            later = set(self.build.behind)
            if later:
                made, self.build.behind_files = render_site_behind(kb, renderer)
                self.build.binaries = {**render_binaries_later(kb, renderer)}
            else:
                made = render_site_later(kb, renderer)
                self.build.binaries = {**render_binaries(kb, pages=renderer)}
            self.build.generated = {
                path: page if path in later or not callable(page) else page()
                for path, page in made.items()
            }
        else:
            self._render_for_build(kb, renderer, Path(config.site_dir))
        _set_build_date(build_epoch(kb))
        _add_assets(config)
        _add_theme_partials(config)
        if kb.settings.multilingual:
            pages = [
                urls.page_url_of(path) for path in self.build.generated if path.endswith(".md")
            ]
            self.build.alternates = alternates(kb, pages)
            # Material draws its language menu (partials/alternate.html, which factdesk's
            # theme replaces by each page's own counterparts) only when this is set.
            config.nav = _nav_in_folder(config.nav, self._default_page)
            config.extra["alternate"] = config.extra.get("alternate") or [
                {"name": autonym(lang), "link": url, "lang": lang}
                for lang, url in homes(kb).items()
                if lang != "x-default"
            ]
        return config

    def _render_for_build(self, kb: KnowledgeBase, renderer: PageRenderer, site: Path) -> None:
        """A build's generated files: each page as the call that renders it, when MkDocs
        reads it, on the core that builds it (site_build.py); the other files written
        to the spool at once (the claims' own on every core), and moved into the site once
        it is clean (spool.py). Share cards not drawn yet are drawn on every core."""
        assert self.build is not None
        spool = self.build.spool = Spool(site)
        self.build.generated = {**render_site_kept(kb, renderer, spool.keep, parallel=True)}
        binaries = render_binaries(kb, pages=renderer, parallel=True)
        self.build.binaries = {path: spool.keep(path, data) for path, data in binaries.items()}

    def _pages_behind(self, kb: KnowledgeBase, renderer: PageRenderer, nav: Any) -> list[str]:
        """The pages a first `serve` of a large desk with no preview to show leaves to be
        built behind the server (`PAGES_BEHIND_FROM`): every claim's, source's,
        claimant's and topic's, but one the desk's navigation (`nav`, mkdocs.yml's)
        names, whose title every page's menu shows. Not when Material's search indexes
        the preview: it reads only the pages a build writes, and Pagefind indexes the
        site once they are all written."""
        assert self.build is not None
        first = self.serve.previous is None and self.serve.earlier is None
        if not first or not self.build.pagefind or len(kb.claims) < PAGES_BEHIND_FROM:
            return []
        # On a site in several, a generated page the nav names is the default language's.
        moved = urls.language_prefix(kb.settings.default_language, kb.settings.multilingual)
        named = {f for name in _nav_files(nav) for f in (name, moved + name)}
        return [path for path in record_page_paths(kb, renderer) if path not in named]

    def _close_spool(self) -> None:
        if self.build is not None and self.build.spool is not None:
            self.build.spool.close()
            self.build.spool = None

    def _default_page(self, path: str) -> str:
        """Where a page the desk's nav names is on a site in several languages: a
        generated page ('browse.md') in the default language's folder; any other as
        written."""
        assert self.build is not None
        moved = urls.language_prefix(self.build.validation.kb.settings.default_language, True)
        return moved + path if moved + path in self.build.generated else path

    def on_nav(self, nav: Navigation, *, config: Any, files: Files) -> Navigation:
        """Every page's date for the sitemap. On a site in several languages, a navigation
        per language: the desk's, with each generated page swapped for its counterpart in
        that language. Under `serve`, the build's MkDocs objects, which a refresh after a
        save goes through."""
        if self.build is not None:
            # MkDocs' sitemap prints `page.update_date`, which it sets to the build date;
            # dated here, before any page is read, since site_build writes the sitemap
            # while other processes read the pages.
            lastmod = self.build.lastmod
            for file in files.documentation_pages():
                if file.page is not None:
                    file.page.update_date = lastmod.get(file.src_uri, file.page.update_date)
        if self.build is not None and self.build.alternates is not None:
            settings = self.build.validation.kb.settings
            default = urls.language_prefix(settings.default_language, True)
            self.build.navs = {
                lang: Navigation(
                    _nav_items(nav.items, files, default, urls.language_prefix(lang, True)),
                    nav.pages,
                )
                for lang in settings.languages
            }
        if self.serve.serving:
            in_nav = frozenset(page.file.src_uri for page in nav.pages)
            self.serve.building = LastBuild(config, files, nav, None, in_nav)
        return nav

    def on_pre_build(self, *, config: Any) -> None:
        """A dirty build rebuilds a hand-written page only when its own file is newer than
        its output: after a change to mkdocs.yml, the theme or a template every page may
        differ, so the last output goes first."""
        if self.serve.serving and self.serve.dirty and self.serve.rebuild_all:
            clean_directory(config.site_dir)

    @event_priority(100)  # before any other plugin reads the page's HTML (search)
    def _unpack_content(
        self, context: TemplateContext, *, page: Page, config: Any, nav: Navigation
    ) -> TemplateContext:
        packed = self.build.packed.pop(page.file.src_uri, None) if self.build else None
        if packed is not None:
            page.content = zlib.decompress(packed).decode("utf-8")
        return context

    def _page_context(
        self, context: TemplateContext, *, page: Page, config: Any, nav: Navigation
    ) -> TemplateContext:
        if self.build is not None and self.build.navs is not None:
            language = page.meta.get("factdesk_language")
            context["nav"] = self.build.navs.get(str(language), nav)
        if self.build is not None:
            # The chrome's words (render/theme/partials, through render/i18n.py) in the
            # page's language: the page's own on a site in several, else the desk's.
            settings = self.build.validation.kb.settings
            context["language"] = page.meta.get("factdesk_language") or settings.default_language  # type: ignore[typeddict-unknown-key]
        return context

    on_page_context = CombinedEvent(_unpack_content, _page_context)

    def on_env(self, env: Any, *, config: Any, files: Files) -> Any:
        """What the reader chrome (render/theme/partials) shows: publisher, licence."""
        if self.serve.building is not None:
            self.serve.building.env = env
        if self.build is not None:
            settings = self.build.validation.kb.settings
            env.globals["factdesk_publisher"] = settings.publisher
            env.globals["factdesk_license"] = settings.license
        env.filters["licence_name"] = _licence_name
        # The chrome's words in the page's language: `language` in a page's context (the
        # desk's language when none is set), as in factdesk's own templates.
        install_i18n(env)
        return env

    def _validation(self, root: Path) -> Validation:
        """The records, validated (or as handed over); errors stop the build."""
        validation = self.handed.validation or validate_root(root, memo=self.serve.checked)
        self.handed.validation = None
        # Record warnings are for editors (`factdesk validate --strict` gates them in CI);
        # as MkDocs warnings they would stop a strict build over a missing archive link.
        for diag in validation.warnings:
            log.info(format_text([diag]).rstrip())
        if validation.errors:
            raise PluginError(
                "factdesk: the knowledge base has errors\n"
                + format_text(validation.errors).rstrip()
            )
        self._check_publishing(root)
        return validation

    def _check_publishing(self, root: Path) -> None:
        """A site without its address (or on a placeholder repository) must not be built
        for publishing; a preview under `serve` only says so."""
        problems = publishing_problems(root)
        if problems and self.serve.serving:
            log.warning(format_text(problems).rstrip())
        elif problems:
            raise PluginError("factdesk: mkdocs.yml\n" + format_text(problems).rstrip())

    def on_files(self, files: Files, config: Any) -> Files:
        assert self.build is not None
        if self.build.spool is not None:
            self.build.spool.place()  # MkDocs has cleaned the site: the files go in
        previous = self.serve.previous if self.serve.dirty and not self.serve.rebuild_all else None
        output: dict[str, Generated] = {**self.build.generated, **self.build.binaries}
        cards = [path for path, card in self.build.binaries.items() if callable(card)]
        behind = {*self.build.behind, *self.build.behind_files, *cards}
        for path, content in output.items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(
                    f"factdesk: docs/{path} is in the way of a generated page; rename it"
                )
            generated = _generated_file(config, path, content)
            if previous is not None and previous.get(path) == content:
                # MkDocs' dirty rebuild asks each file whether it changed since the last
                # build, by comparing its source's modification time with the output's; a
                # generated file has no source on disk, so MkDocs counts every one as
                # modified and rebuilds the whole site. File has no other way to say
                # "unchanged" (MkDocs 1.6), so this one instance answers False.
                generated.is_modified = _unchanged  # type: ignore[method-assign]
            elif path in behind:
                # Left for the work behind the server: the dirty build skips it.
                generated.is_modified = _unchanged  # type: ignore[method-assign]
            files.append(generated)
            if not generated.is_documentation_page() and not isinstance(content, Path):
                self.build.copied.append(generated)
        if previous is not None:
            for gone in previous.keys() - output.keys():
                _remove_output(config, gone)
        if self.serve.earlier is not None:
            for gone in self.serve.earlier - output.keys():
                _remove_output(config, gone)
            for page in files.documentation_pages():
                # Its output is the last session's: the navigation or the latest claims
                # may differ since, so it is built again whatever the times say.
                page.is_modified = _modified  # type: ignore[method-assign]
            self.serve.earlier = None
        progress = self.handed.progress
        if progress is not None:
            self.build.step = progress(len(files.documentation_pages()))
        if self.serve.serving:
            self.serve.previous = output
        else:
            # A build holds each generated file once, in its File, and lets it go when
            # the page is written (`_let_go`); only membership is asked of these after.
            self.build.generated = dict.fromkeys(self.build.generated, "")
            self.build.binaries = {}
        self.serve.marked = set()
        # A full build builds everything, but what it leaves behind the server.
        self.serve.left = LeftBehind(
            first=dict.fromkeys(self.build.behind),
            files=dict.fromkeys(self.build.behind_files),
            cards=dict.fromkeys(cards),
        )
        return files

    def on_page_markdown(self, markdown: str, page: Page, config: Any, files: Files) -> str:
        assert self.build is not None
        if self._outside_material_search(page):
            page.meta["search"] = {"exclude": True}
        if self.serve.serving and LATEST_MARKER in markdown:
            self.serve.marked.add(page.file.src_uri)
        if self.build.step is not None:
            self.build.step(1)
        settings = self.build.validation.kb.settings
        record = (page.meta.get("factdesk") or {}).get("record")
        if record and settings.repo_url:
            page.edit_url = f"{settings.repo_url.rstrip('/')}/edit/{settings.edit_branch}/{record}"
        if self.build.alternates is not None:
            self._set_language(page, config)
            if page.file.src_uri not in self.build.generated:
                markdown = links_into_folders(markdown, page.file.src_uri, self._default_page)
        markdown = expand_markers(markdown, page.file.src_uri, self.build.renderer)
        if page.file.src_uri in self.build.generated:
            markdown, self.build.held[page.file.src_uri] = held_html.hold(markdown)
        return markdown

    def _restore_held(self, html: str, *, page: Page, config: Any, files: Files) -> str:
        assert self.build is not None
        if not self.serve.serving and page.file.src_uri in self.build.generated:
            # Read once: its HTML is what the build needs from here. ("", not None, which
            # MkDocs takes for a page not read yet: it would have no title.)
            page.markdown = ""
        return held_html.restore(html, self.build.held.pop(page.file.src_uri, []))

    @event_priority(-100)  # after every other plugin's on_page_content
    def _pack_content(self, html: str, *, page: Page, config: Any, files: Files) -> str:
        """MkDocs converts every page before it writes any, so at 50,000 claims the HTML
        of every page would be in memory at once (about 30 KB a claim page). A build
        keeps a generated page's HTML compressed until the page is written
        (`_unpack_content`, before any plugin's on_page_context)."""
        assert self.build is not None
        if self.serve.serving or page.file.src_uri not in self.build.generated:
            return html
        self.build.packed[page.file.src_uri] = zlib.compress(html.encode("utf-8"), 1)
        return ""

    on_page_content = CombinedEvent(_restore_held, _pack_content)

    def _outside_material_search(self, page: Page) -> bool:
        """Pages Material's search leaves out under `serve`: those a refresh builds (it
        collects every page it sees until a full build writes its index, so they would
        pile up there, save after save), and, when Pagefind indexes the preview, the
        generated pages (Material's index of 10,000 claims is tens of megabytes that the
        preview would rebuild on every full build; Pagefind's finds them)."""
        if not self.serve.serving:
            return False
        if self.serve.site is not None:
            return True
        generated = page.meta.get("factdesk") is not None
        return generated and self.build is not None and self.build.pagefind

    def _set_language(self, page: Page, config: Any) -> None:
        """What the theme reads of a page's language on a site in several: which of
        Material's string tables (and so its direction) to use, and what the language menu
        offers, the page's counterparts or else each language's home."""
        assert self.build is not None and self.build.alternates is not None
        kb = self.build.validation.kb
        language = page_language(kb, page.url)
        versions = self.build.alternates.get(page.url) or homes(kb)
        page.meta["factdesk_language"] = language
        page.meta["factdesk_theme_language"] = _theme_language(config, language)
        page.meta["factdesk_languages"] = choices(versions, page.url, language)

    def on_post_page(self, output: str, page: Page, config: Any) -> str:
        assert self.build is not None
        claim_page = (page.meta.get("factdesk") or {}).get("page") == "claim"
        if claim_page and self.build.pagefind:
            output = _mark_for_search(output, page.file.src_uri)
        kb = self.build.validation.kb
        language = page.meta.get("factdesk_language")
        feed = urls.Layout(urls.language_prefix(language, True)).FEED if language else urls.FEED
        head = _feed_link(kb.settings.site_url, page, config.site_name, feed)
        if language:
            output = _html_language(_MATERIAL_HREFLANG.sub("", output), language)
            head += _hreflang_links(kb.settings.site_url, page.url, self.build.alternates)
        head += self._social_tags(page, config)
        jsonld = page.meta.get("jsonld")
        if isinstance(jsonld, str):
            head += jsonld_script(jsonld)
        if not self.serve.serving:
            self._let_go(page)
        return output.replace("</head>", head + "</head>", 1)

    def _let_go(self, page: Page) -> None:
        """What a build no longer needs once a page is written: a generated page's
        Markdown and HTML, and (by the first page MkDocs writes) the generated files it
        has copied (the API's JSON, CSV, feeds, pictures and cards). At 10,000 claims they
        are most of the build's memory; `serve` keeps them for its refreshes."""
        assert self.build is not None
        for copied in self.build.copied:
            copied.content_bytes = b""
        self.build.copied = []
        if page.file.src_uri in self.build.generated:
            page.content = None
            page.file.content_string = ""

    def built_elsewhere(self, pages: int) -> None:
        """Pages another process read (`site_build`): they count on the progress bar."""
        if self.build is not None and self.build.step is not None:
            self.build.step(pages)

    def navigation_pages(self) -> set[str]:
        """The pages named by the navigation of each language (`on_nav`): the theme prints
        their titles on every page of that language."""
        named: set[str] = set()
        navs = self.build.navs if self.build is not None and self.build.navs else {}
        for nav in navs.values():
            named.update(_named_pages(nav.items))
        return named

    def in_worker(self) -> None:
        """In a process forked to build a share of the pages (`site_build`): the progress
        bar is the parent's to draw."""
        if self.build is not None:
            self.build.step = None

    def _social_tags(self, page: Page, config: Any) -> str:
        """Open Graph and Twitter tags (and a claim's oEmbed link) for every page, added
        here rather than in a theme override so they work with any theme. Generated pages
        escape their title and description in the front matter (themes print them raw):
        unescape them, since the tags escape what they print."""
        assert self.build is not None
        identity = page.meta.get("factdesk") or {}
        claim_id = identity.get("id") if identity.get("page") == "claim" else None
        title = html.unescape(str(page.meta.get("title") or page.title or config.site_name))
        about = page.meta.get("description") or config.site_description or title
        kb = self.build.validation.kb
        return social_head(kb, page.url, title, html.unescape(str(about)), claim_id)

    def on_post_template(self, output_content: str, template_name: str, config: Any) -> str:
        """Static templates (404.html) get the feed link too, where it can be absolute: a
        404 page is served at any address, so a relative link would break."""
        site_url = self.build.validation.kb.settings.site_url if self.build else None
        if not site_url or not template_name.endswith(".html"):
            return output_content
        link = _feed_link(site_url, None, config.site_name)
        return output_content.replace("</head>", link + "</head>", 1)

    def on_post_build(self, config: Any) -> None:
        # Refreshes go through this build's objects from now on (not during it: a page
        # it builds is no refresh's).
        self.serve.site, self.serve.building = self.serve.building, None
        if self.serve.serving:
            # The build's millions of objects stay for the refreshes, and each refresh's
            # collections would walk them all (a second of a save at 3,000 claims): they
            # leave the collector until the next full build (`on_config`) lets them go.
            gc.collect()
            gc.freeze()
        self._close_spool()  # what is left of it: the files are in the site
        site, left = self.serve.site, self.serve.left
        if self.serve.serving and site is not None and left.from_first_build:
            self._resume(site)  # Pagefind indexes the site once that is done
            return
        if self.build is None or not self.build.pagefind:
            return
        if self.serve.serving:
            self._index_behind(Path(config.site_dir))
        elif self.handed.index is not None:
            # The command line runs Pagefind once this process has ended and its memory
            # is back with the system (search_index.build_first).
            self.handed.index(Path(config.site_dir))
        else:
            # A build is done with its records and pages: their memory goes back to the
            # system before Pagefind, which needs gigabytes of its own on a large desk.
            self.build = None
            _give_back_memory()
            _index_now(Path(config.site_dir))

    def on_build_error(self, *, error: Exception) -> None:
        self._close_spool()

    def on_shutdown(self) -> None:
        self._halt_behind()
        self._stop_indexer()
        if self.serve.serving:
            gc.unfreeze()  # what the last build left frozen can be collected again

    def _stop_indexer(self) -> None:
        indexer = self.serve.indexer
        if indexer is not None and indexer.poll() is None:
            # The whole group: `python -m pagefind` runs Pagefind's binary as a child of
            # its own, which stopping the wrapper alone left indexing on its own.
            with suppress(ProcessLookupError):
                os.killpg(indexer.pid, signal.SIGTERM)
            indexer.wait()

    def _index_behind(self, site: Path) -> None:
        """The preview is browsable while Pagefind indexes it (a minute at 10,000 claims);
        a run a newer save made stale is stopped first."""
        self._stop_indexer()
        self.serve.indexer = subprocess.Popen(
            pagefind_command(site),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # a group of its own, stopped as one (_stop_indexer)
        )
        _behind_the_editor(self.serve.indexer.pid)

    def refresh(self) -> bool:
        """After a save under `serve`: when only records changed, re-render the pages that
        show them and push just those through MkDocs. The records' own pages are built
        here, and the server shows them as soon as this returns; the pages that list them
        and the files that are not pages are built right after, behind the server. False
        when something else changed (mkdocs.yml, docs/, templates, media/, the set of
        pages, a page in the navigation), or the site is in several languages (a save
        there changes pages in every language's folder, its navigation and language menus,
        which only a full build puts together): then the caller builds the whole site."""
        self._halt_behind()
        # The last save's index is stale now, and Pagefind indexing on every core would
        # slow this refresh down (a minute of work at 10,000 claims); the next starts
        # once this save's pages are written.
        self._stop_indexer()
        site, build = self.serve.site, self.build
        if site is None or site.env is None or build is None:
            return False
        if build.validation.kb.settings.multilingual:
            return False
        if site_inputs(site.config) != self.serve.inputs:
            return False
        root = Path(site.config.config_file_path).parent
        try:
            validation = self._validation(root)
        except PluginError as exc:  # the records have errors: the preview keeps its pages
            log.error(str(exc))
            return self._resume(site)
        old, kb = build.validation.kb, validation.kb
        kb.history = old.history  # a save commits nothing; history is read at full builds
        changes = record_changes(old, kb)
        if not changes:
            return self._resume(site)
        renderer = PageRenderer(
            kb, root / kb.settings.templates, self.serve.rendered, match_cache=root / CACHE_DIR
        )
        plan = page_plan(kb, renderer)
        if set(plan) != {path for path in build.generated if path.endswith(".md")}:
            return False  # pages come or go: the navigation and the file list change
        related = (build.renderer.related_checks, renderer.related_checks)
        todo = pages_to_update(old, kb, changes, related, plan)
        if site.in_nav.intersection(todo.first):
            return False
        self.build = BuildState(
            validation=validation,
            renderer=renderer,
            generated=build.generated,
            binaries=build.binaries,
            pagefind=build.pagefind,
            # The dates are the sitemap's, which only a full build writes.
            lastmod=build.lastmod,
        )
        _set_build_date(build_epoch(kb))
        for path in todo.first:
            self._push_page(site, path, plan[path])
        # What an earlier save left undone is done now, from the records as they are.
        left = self.serve.left
        left.pages = {**dict.fromkeys(todo.then), **left.pages}
        left.pages.update(dict.fromkeys(sorted(self.serve.marked)))
        left.lists = {**dict.fromkeys(todo.lists), **left.lists}
        for path in [*todo.first, *left.pages]:
            left.lists.pop(path, None)
        for path in todo.first:
            left.pages.pop(path, None)
        left.claims |= todo.claims
        left.data = True
        left.plan = plan
        return self._resume(site)

    def _resume(self, site: LastBuild) -> bool:
        """Build what is left behind the server, on a thread; True (the save is handled)."""
        left = self.serve.left
        if left.pages or left.lists or left.data or left.from_first_build:
            self.serve.behind = Behind(lambda stop: self._finish(site, left.plan, stop))
        return True

    def build_now(self, url: str) -> None:
        """A reader asked for `url` (site-relative): when it is a page the first build
        left behind (`_pages_behind`), it is built now, before the server looks for it."""
        left, site = self.serve.left, self.serve.site
        path = urls.page_file(url.removesuffix(urls.INDEX_HTML))
        if site is None or path not in left.first:
            return
        with self.serve.pushing:
            if self.serve.site is site and path in left.first:
                self._push_page(site, path, left.plan.get(path) or self._later(path))

    def when_whole(self, then: Callable[[], None]) -> None:
        """Call `then` once every file of the last full build is written: now, or when
        the work behind the server has built what the build left for it."""
        with self.serve.pushing:
            if self.serve.left.from_first_build:
                self.serve.whole = then
                return
        then()

    def _later(self, path: str) -> Maker | None:
        """How the build meant to render the generated page at `path` (None: as read)."""
        assert self.build is not None
        made = self.build.generated.get(path)
        return made if callable(made) else None

    def _halt_behind(self) -> None:
        behind = self.serve.behind
        if behind is not None:
            behind.halt()
            self.serve.behind = None

    def _push_page(self, site: LastBuild, path: str, make: Callable[[], str] | None) -> None:
        """Render a generated page (`make`) and rebuild it when its Markdown changed; a
        hand-written page (None) is rebuilt as it is."""
        assert self.build is not None
        with self.serve.pushing:
            self.serve.left.first.pop(path, None)
            if make is None:
                _rebuild_page(site, path, None)
                return
            content = make()
            if self.build.generated.get(path) != content:
                self.build.generated[path] = content
                _rebuild_page(site, path, content)

    def _finish(self, site: LastBuild, plan: dict[str, Callable[[], str]], stop: Any) -> None:
        """The rest of a refresh, page by page, until done or `stop` is set by a newer
        save (which takes over what is left): the pages that list the changed records,
        then the whole desk's files that are not pages and the changed claims' own; then
        what the first build left behind, pages and share cards; then Pagefind."""
        assert self.build is not None
        left = self.serve.left
        while left.pages and not stop.is_set():
            path = next(iter(left.pages))
            self._push_page(site, path, plan.get(path))
            del left.pages[path]
        if stop.is_set():
            return
        if (left.lists or left.data) and not self._finish_refresh(site, plan, stop):
            return
        while not stop.is_set() and (page := self._next_first()) is not None:
            self._push_page(site, page, plan.get(page) or self._later(page))
        while not stop.is_set() and (own := self._next(self.serve.left.files)) is not None:
            text = self.build.generated.get(own)
            if isinstance(text, str):  # rendered by the build (a refresh may have since)
                _rewrite_file(site, own, text)
        while not stop.is_set() and (card := self._next(self.serve.left.cards)) is not None:
            drawn = self.build.binaries[card]
            data = drawn() if callable(drawn) else drawn
            if isinstance(data, bytes):  # a card (a picture from media/ is never left)
                self.build.binaries[card] = data
                _rewrite_file(site, card, data)
        if stop.is_set():
            return
        self.serve.previous = {**self.build.generated, **self.build.binaries}
        if self.build.pagefind:
            self._index_behind(Path(site.config.site_dir))
        with self.serve.pushing:
            whole, self.serve.whole = self.serve.whole, None
        if whole is not None:
            whole()

    def _finish_refresh(
        self, site: LastBuild, plan: dict[str, Callable[[], str]], stop: Any
    ) -> bool:
        """A refresh's lists and files, once the editor pauses; False when stopped."""
        assert self.build is not None
        left = self.serve.left
        # The whole desk's other lists (compared in full) and files (the API's JSON and
        # DataFeed, the CSV, the feeds: seconds of work at 10,000 claims, which a newer
        # save can stop only between two files) wait until the editor pauses: a run of
        # saves renders them once, and the next save finds nothing under way to wait for.
        if stop.wait(self.serve.pause):
            return False
        while left.lists and not stop.is_set():
            path = next(iter(left.lists))
            self._push_page(site, path, plan.get(path))
            del left.lists[path]
        if stop.is_set():
            return False
        if not left.data:
            return True
        kb, renderer = self.build.validation.kb, self.build.renderer
        generated, binaries = self.build.generated, self.build.binaries
        for path, data in data_files(kb, renderer, left.claims):
            if stop.is_set():
                return False
            if generated.get(path) != data:
                generated[path] = data
                _rewrite_file(site, path, data)
                left.files.pop(path, None)
        for path, picture in render_binaries(kb, renderer, only=left.claims).items():
            if binaries.get(path) != picture:
                binaries[path] = picture
                _rewrite_file(site, path, picture)
            left.cards.pop(path, None)
        left.claims, left.data = set(), False
        return True

    def _next_first(self) -> str | None:
        """The next page the first build left behind (taken under the lock: a reader's
        request may build one meanwhile)."""
        with self.serve.pushing:
            return next(iter(self.serve.left.first), None)

    def _next(self, left: dict[str, None]) -> str | None:
        """The next file of `left` (the claims' own files, the share cards), taken off."""
        with self.serve.pushing:
            path = next(iter(left), None)
            left.pop(path or "", None)
            return path


class Behind:
    """Work run on a thread of its own while the server already shows a save's first
    pages; `halt` stops it between two pages and waits for it."""

    def __init__(self, work: Callable[[threading.Event], None]) -> None:
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, args=(work,), daemon=True)
        self.thread.start()

    def _run(self, work: Callable[[threading.Event], None]) -> None:
        try:
            work(self.stop)
        except Exception:  # a thread's exception would vanish: say what failed
            log.exception("factdesk: building the pages that list the saved records failed")

    def halt(self) -> None:
        self.stop.set()
        self.thread.join()

    def wait(self) -> None:
        self.thread.join()


@dataclass
class LeftBehind:
    """What a refresh has still to build: pages (in order), then after a pause the whole
    desk's other lists, the own files of some claims, and whether the whole desk's files
    (JSON, feed, CSV) are due."""

    pages: dict[str, None] = field(default_factory=dict)
    lists: dict[str, None] = field(default_factory=dict)
    claims: set[str] = field(default_factory=set)
    data: bool = False
    # What the first build of a large desk left behind the server (`_pages_behind`):
    # its records' pages (claims, sources, claimants, topics), in order, the claims' own
    # files (JSON, embed), and the share cards not drawn yet.
    first: dict[str, None] = field(default_factory=dict)
    files: dict[str, None] = field(default_factory=dict)
    cards: dict[str, None] = field(default_factory=dict)

    @property
    def from_first_build(self) -> bool:
        return bool(self.first or self.files or self.cards)

    # How to render each generated page, from the records as the last refresh read them.
    plan: dict[str, Callable[[], str]] = field(default_factory=dict)


def _feed_link(
    site_url: str | None, page: Page | None, site_name: str, feed: str = urls.FEED
) -> str:
    """`<link rel=alternate>` to the Atom feed (on a site in several languages, the page's
    language's), so browsers and feed readers find it from any page; added here rather
    than in a theme override, so it works with any theme."""
    if site_url or page is None:
        href = urls.absolute(site_url, feed)
    else:
        href = get_relative_url(feed, page.url)
    title = html.escape(site_name, quote=True)
    return f'<link rel="alternate" type="{FEED_TYPE}" title="{title}" href="{html.escape(href)}">'


def _nav_in_folder(nav: Any, place: Callable[[str], str]) -> Any:
    """mkdocs.yml's nav with each page path put where `place` says."""
    if isinstance(nav, str):
        return nav if "://" in nav else place(nav)
    if isinstance(nav, list):
        return [_nav_in_folder(item, place) for item in nav]
    if isinstance(nav, dict):
        return {title: _nav_in_folder(item, place) for title, item in nav.items()}
    return nav


def _nav_items(items: list[Any], files: Files, default: str, prefix: str) -> list[Any]:
    """Navigation items with every page of the default language's folder replaced by the
    same page in `prefix`'s folder, where it has one (sections copied, links kept)."""
    copied: list[Any] = []
    for item in items:
        if isinstance(item, Section):
            copied.append(Section(item.title, _nav_items(item.children, files, default, prefix)))
        elif isinstance(item, Link) or not item.file.src_uri.startswith(default):
            copied.append(item)
        else:
            there = files.get_file_from_path(prefix + item.file.src_uri.removeprefix(default))
            copied.append(there.page if there is not None and there.page else item)
    return copied


def _give_back_memory() -> None:
    """Collect what is no longer referenced, and have the C allocator return the freed
    pages to the system (glibc keeps them for the process otherwise)."""
    gc.collect()
    with suppress(OSError, AttributeError):  # not glibc: what was freed stays reusable
        ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim(0)


def _behind_the_editor(group: int) -> None:
    """The lowest CPU priority for a process group working behind the server (Pagefind):
    a save's refresh comes first. The wrapper is lowered at once, so the binary it starts
    inherits the priority."""
    with suppress(OSError, AttributeError):  # no priorities on this platform: as it was
        os.setpriority(os.PRIO_PGRP, group, 19)


def _generated_file(config: Any, path: str, content: Generated) -> File:
    """A generated file for MkDocs: its content, a file the spool has put in its place
    in the site, or a page rendered when MkDocs reads it."""
    if isinstance(content, Path):
        return _Placed.generated(config, path, abs_src_path=str(content))
    if not callable(content):
        return File.generated(config, path, content=content)
    file = _RenderedWhenRead.generated(config, path, content="")
    assert isinstance(file, _RenderedWhenRead)
    file.make = content
    return file


class _Placed(File):
    """A generated file already at its place in the site (spool.py): MkDocs has nothing
    to copy (its own copy would only find it is the same file, after a few system calls
    each, 175,000 files at 50,000 claims)."""

    def copy_file(self, dirty: bool = False) -> None:
        return


class _RenderedWhenRead(File):
    """A generated page whose Markdown is rendered when MkDocs first reads it. MkDocs
    keeps a file's content in `_content`, read by `content_string` and `content_bytes`:
    here that attribute renders the page on first read."""

    make: Later | None = None
    _text: str | bytes | None = None

    @property
    def _content(self) -> str | bytes | None:
        if self.make is not None:
            self._text, self.make = self.make(), None
        return self._text

    @_content.setter
    def _content(self, value: str | bytes | None) -> None:
        self.make, self._text = None, value


def _nav_files(nav: Any) -> Iterator[str]:
    """Every file mkdocs.yml's `nav` names (a list of paths, or of titled paths and
    sections, nested)."""
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from _nav_files(value)
    elif isinstance(nav, list):
        for item in nav:
            yield from _nav_files(item)


def _named_pages(items: list[Any]) -> Iterator[str]:
    for item in items:
        if isinstance(item, Section):
            yield from _named_pages(item.children)
        elif isinstance(item, Page):
            yield item.file.src_uri


_HTML_TAG = re.compile(r"<html\b[^>]*>")
# Material links every page to `extra.alternate`, the language homes that turn its menu
# on: the same `hreflang` as the page's own counterparts, pointing elsewhere. Its links
# (href before hreflang) go; the page's own (`_hreflang_links`) stay.
_MATERIAL_HREFLANG = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def _html_language(output: str, language: str) -> str:
    """The page's `<html lang dir>`: its own language's exact tag (Pagefind keeps an index
    per `lang`, and Material's table for 'pt-BR' or 'en-GB' may be a broader one) and
    direction, which Material sets only on `<body>`."""
    tag = f'<html lang="{html.escape(language)}" dir="{direction(language)}" class="no-js">'
    return _HTML_TAG.sub(tag, output, count=1)


def _hreflang_links(site_url: str | None, url: str, found: dict[str, dict[str, str]] | None) -> str:
    """`<link rel=alternate hreflang>` to each language's version of the page (itself
    included, as search engines ask) and the x-default; none for a page without one."""
    versions = (found or {}).get(url)
    if not versions:
        return ""
    links = []
    for lang, target in versions.items():
        href = urls.absolute(site_url, target) if site_url else urls.relative(url, target)
        links.append(
            f'<link rel="alternate" hreflang="{html.escape(lang)}" href="{html.escape(href)}">'
        )
    return "".join(links)


def _theme_language(config: Any, language: str) -> str:
    """The name of Material's string table for `language`: its own ('ko', 'pt-BR'), its
    base language's ('en' for 'en-GB'), or the theme's configured one."""
    for name in (language, language.split("-")[0]):
        for folder in config.theme.dirs:
            if (Path(folder) / "partials" / "languages" / f"{name}.html").is_file():
                return name
    return str(config.theme.language)


def _add_assets(config: Any) -> None:
    """factdesk's stylesheet and scripts, once, whatever mkdocs.yml lists. The scripts are
    deferred: none of them is needed before the page is drawn."""
    for path in asset_paths():
        if path.endswith(".css"):
            if path not in config.extra_css:
                config.extra_css.append(path)
        elif path not in [str(s) for s in config.extra_javascript]:
            script = opt.ExtraScriptValue(path)
            script.defer = True
            config.extra_javascript.append(script)


# Material's partials replaced for readers (footer, logo, search dialog, no repository
# widget): shipped with the package so a desk started by `factdesk init`, which has no
# theme overrides of its own, gets them too.
THEME_PARTIALS = Path(__file__).parent / "render" / "theme"


def _add_theme_partials(config: Any) -> None:
    """Put factdesk's partials after the desk's own `custom_dir` (which still wins) and
    before Material's."""
    dirs = config.theme.dirs
    if str(THEME_PARTIALS) in dirs:
        return
    custom = config.theme.custom_dir
    dirs.insert(1 if custom and dirs and dirs[0] == custom else 0, str(THEME_PARTIALS))


_CC = "creativecommons.org/licenses/"


def _licence_name(url: str) -> str:
    """A Creative Commons licence by its short name (CC BY 4.0); any other by its address."""
    _, found, rest = url.partition(_CC)
    if found and rest.strip("/"):
        return "CC " + " ".join(part.upper() for part in rest.strip("/").split("/")[:2])
    return url.split("://", 1)[-1].rstrip("/")


def _rebuild_page(site: LastBuild, path: str, content: str | None) -> None:
    """One page through MkDocs again (its Markdown replaced by `content` unless None),
    written where the last build put it; nothing else of the site is touched."""
    file = site.files.get_file_from_path(path)
    if file is None or file.page is None:
        return
    if content is not None:
        file.content_string = content
    _populate_page(file.page, site.config, site.files)
    excluded = file.inclusion.is_excluded()
    _build_page(file.page, site.config, site.in_serve, site.nav, site.env, excluded=excluded)


def _remove_output(config: Any, path: str) -> None:
    """A dirty build writes over the last one's output and removes nothing: the page of
    a claim that was deleted or renamed would still be served."""
    dest = Path(File(path, None, config.site_dir, config.use_directory_urls).abs_dest_path)
    dest.unlink(missing_ok=True)
    with suppress(OSError):  # a page's folder (claims/<id>/), when nothing else is in it
        dest.parent.rmdir()


def _rewrite_file(site: LastBuild, path: str, data: str | bytes) -> None:
    """A generated file that is not a page (JSON, feed, embed, picture), written anew."""
    file = site.files.get_file_from_path(path)
    if file is None:
        return
    if isinstance(data, str):
        file.content_string = data
    else:
        file.content_bytes = data
    file.copy_file()


def site_inputs(config: Any) -> frozenset[tuple[str, int, int]]:
    """Path, size and modification time of every input of a site but its records:
    mkdocs.yml, docs/, the theme's overrides, factdesk's templates and media/. A desk's
    hand-written pages are few, so this is cheap at any number of records."""
    root = Path(config.config_file_path).parent
    folders = [Path(config.docs_dir), root / "templates", root / "media"]
    if config.theme.custom_dir:
        folders.append(Path(config.theme.custom_dir))
    paths = [Path(config.config_file_path)]
    paths += [p for folder in folders if folder.is_dir() for p in folder.rglob("*")]
    stamps = set()
    for path in paths:
        try:
            info = path.stat()
        except OSError:
            continue
        stamps.add((str(path), info.st_size, info.st_mtime_ns))
    return frozenset(stamps)


def _index_now(site: Path) -> None:
    """Pagefind over the site, from this process (`mkdocs build`, tests)."""
    try:
        run_pagefind(site)
    except IndexingError as exc:
        raise PluginError(str(exc)) from None
