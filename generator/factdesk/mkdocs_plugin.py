"""Thin MkDocs adapter: the only module (with parts of cli.py) that imports MkDocs.

Validates in on_config (errors fail the build with the same diagnostics as `validate`),
adds the rendered pages as virtual files in on_files (nothing is written into docs/),
points "edit this page" at the YAML record, and puts each claim's JSON-LD in the head.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from factdesk.determinism import build_epoch
from factdesk.diagnostics import format_text
from factdesk.output import expand_markers, jsonld_script
from factdesk.render import asset_paths, render_site
from factdesk.render.pages import PageRenderer, RenderMemo
from factdesk.validation import Memo, Validation, validate_root

log = logging.getLogger("mkdocs.plugins.factdesk")


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


def _mark_for_search(html: str) -> str:
    """Pagefind indexes only what is marked: a claim page's content, not the lists around
    it, and not the section headings every claim page has, which would make a search for
    "evidence" or "corrections" match every claim (and, at 10,000 claims, take half a
    second to rank them all). The template marks its other fixed labels itself."""
    html = html.replace(_ARTICLE, _ARTICLE[:-1] + " data-pagefind-body>", 1)
    return _SECTION_HEADING.sub(r'<h\1 data-pagefind-ignore id="', html)


def _unchanged() -> bool:
    return False


class FactdeskConfig(base.Config):
    # The options are validated by factdesk's own settings model (with line numbers);
    # MkDocs only needs to accept them.
    publisher = opt.Type(dict, default={})
    ratings = opt.Optional(opt.Type(list))
    topics = opt.Optional(opt.Type(list))
    rating_aliases = opt.Type(dict, default={})
    search = opt.Choice(("auto", "material", "pagefind"), default="auto")
    edit_branch = opt.Type(str, default="main")
    templates = opt.Type(str, default="templates")


class FactdeskPlugin(BasePlugin[FactdeskConfig]):
    validation: Validation | None = None
    generated: dict[str, str]

    # `factdesk build` validates before MkDocs starts and hands the result over here, so
    # the knowledge base is read once; `mkdocs build` and every rebuild of `serve` read it.
    preloaded: Validation | None = None

    # `serve` rebuilds only what changed: this instance lives across its rebuilds (MkDocs
    # keeps plugins that handle on_startup) and remembers what it generated last time.
    dirty = False
    _previous: dict[str, str] | None = None
    # Under `serve`, what each record file gave last time, so a save re-parses one file,
    # and the pages' front matter and analyses, so a save re-renders only what changed.
    memo: Memo | None = None
    render_memo: RenderMemo | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.dirty = dirty
        serving = command == "serve"
        self.memo = {} if serving else None
        self.render_memo = RenderMemo() if serving else None

    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        # The records are the site's source: watch them whatever mkdocs.yml says.
        root = Path(config.config_file_path).parent
        for folder in (
            "claims",
            "sources",
            self.validation.kb.settings.templates if self.validation else "",
        ):
            if folder and (root / folder).is_dir():
                server.watch(str(root / folder))
        return server

    def on_config(self, config: Any) -> Any:
        root = Path(config.config_file_path).parent
        self.validation = self.preloaded or validate_root(root, memo=self.memo)
        self.preloaded = None
        # Record warnings are for editors (`factdesk validate --strict` gates them in CI);
        # as MkDocs warnings they would stop a strict build over a missing archive link.
        for diag in self.validation.warnings:
            log.info(format_text([diag]).rstrip())
        if self.validation.errors:
            raise PluginError(
                "factdesk: the knowledge base has errors\n"
                + format_text(self.validation.errors).rstrip()
            )
        kb = self.validation.kb
        overrides = root / kb.settings.templates
        self.renderer = PageRenderer(kb, overrides, self.render_memo)
        self.generated = render_site(kb, pages=self.renderer)
        _set_build_date(build_epoch(kb))
        for path in asset_paths():
            target = config.extra_css if path.endswith(".css") else config.extra_javascript
            if path not in target:
                target.append(path)
        return config

    # `factdesk build` sets this to show a progress bar: total pages → a step callback.
    progress: Callable[[int], Callable[[int], None]] | None = None
    _step: Callable[[int], None] | None = None

    def on_files(self, files: Files, config: Any) -> Files:
        for path, content in self.generated.items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(
                    f"factdesk: docs/{path} is in the way of a generated page; rename it"
                )
            generated = File.generated(config, path, content=content)
            if self.dirty and self._previous is not None and self._previous.get(path) == content:
                # A dirty rebuild skips files that report no change; MkDocs would otherwise
                # treat every generated file as modified and rebuild the whole site.
                generated.is_modified = _unchanged  # type: ignore[method-assign]
            files.append(generated)
        if self.progress is not None:
            self._step = self.progress(len(files.documentation_pages()))
        self._previous = self.generated
        return files

    def on_page_markdown(self, markdown: str, page: Page, config: Any, files: Files) -> str:
        if self._step is not None:
            self._step(1)
        record = (page.meta.get("factdesk") or {}).get("record")
        repo = self.validation.kb.settings.repo_url if self.validation else None
        if record and repo:
            branch = self.validation.kb.settings.edit_branch  # type: ignore[union-attr]
            page.edit_url = f"{repo.rstrip('/')}/edit/{branch}/{record}"
        return expand_markers(markdown, page.file.src_uri, self.renderer)

    def on_post_page(self, output: str, page: Page, config: Any) -> str:
        if (page.meta.get("factdesk") or {}).get("kind") == "claim":
            output = _mark_for_search(output)
        jsonld = page.meta.get("jsonld")
        if not isinstance(jsonld, str):
            return output
        return output.replace("</head>", jsonld_script(jsonld) + "</head>", 1)

    def on_post_build(self, config: Any) -> None:
        kb = self.validation.kb if self.validation else None
        if kb is None or kb.settings.search_engine(len(kb.published)) != "pagefind":
            return
        run_pagefind(Path(config.site_dir))


def run_pagefind(site: Path) -> None:
    """Index the built site with Pagefind (its binary ships in the `pagefind[bin]` wheel)."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--silent"]
    try:
        proc = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PluginError(f"factdesk: Pagefind could not run: {exc}") from None
    if proc.returncode:
        raise PluginError(
            "factdesk: Pagefind failed to index the site (is `pagefind[bin]` installed?)\n"
            + (proc.stderr or proc.stdout)[-2000:]
        )
