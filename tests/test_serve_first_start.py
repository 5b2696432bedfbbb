"""The first `factdesk serve` of a large desk, with no preview kept: the site is served
before its records' pages (claims, sources, claimants, topics), the claims' own files and
the share cards are made. They are built behind the server, a page a reader asks for
first, then Pagefind indexes the whole site, and the preview is stamped whole. What it
serves in the end is what a whole build writes."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

import factdesk.mkdocs_plugin as plugin_module
from factdesk.mkdocs_plugin import FactdeskPlugin
from factdesk.preview import _pages_on_request
from test_serve_incremental import SERVE_URL, _rate, one_language

CLAIM = "pyongyang-best-nightlife"
SOURCE = "forbes-tiktok-heating-button"


class First:
    """A serve session's first build, in this process, on the example desk published in
    one language and indexed by Pagefind; `behind`: whether the first build leaves its
    record pages and cards behind (the example is far below PAGES_BEHIND_FROM)."""

    def __init__(self, root: Path, site: Path, *, behind: bool) -> None:
        self.root, self.site = root, site
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(site))
        config.site_url = SERVE_URL
        config.plugins.on_startup(command="serve", dirty=True)
        self.plugin: FactdeskPlugin = config.plugins["factdesk"]
        self.plugin.serve.pause = 0.0
        self.indexed: list[set[str]] = []  # the pages written when Pagefind was started
        self.plugin._index_behind = lambda site: self.indexed.append(self.pages())  # type: ignore[method-assign]
        self.whole: list[set[str]] = []
        self.config = config
        self.behind = behind

    def build(self) -> None:
        limit = 1 if self.behind else 10**9
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(plugin_module, "PAGES_BEHIND_FROM", limit)
            build(self.config, serve_url=SERVE_URL, dirty=True)  # type: ignore[arg-type]
        self.plugin.when_whole(lambda: self.whole.append(self.pages()))

    def wait(self) -> None:
        if self.plugin.serve.behind is not None:
            self.plugin.serve.behind.wait()

    def pages(self) -> set[str]:
        return {p.relative_to(self.site).as_posix() for p in self.site.rglob("*") if p.is_file()}

    def files(self) -> dict[str, bytes]:
        return {path: (self.site / path).read_bytes() for path in self.pages()}


def _searched_by_pagefind(root: Path) -> Path:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  - factdesk:\n", "  - factdesk:\n      search: pagefind\n", 1))
    return root


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    return _searched_by_pagefind(one_language(tmp_path / "kb"))


@pytest.fixture
def whole(desk: Path, tmp_path: Path) -> Iterator[dict[str, bytes]]:
    """What a first build that leaves nothing behind writes (a small desk's)."""
    session = First(desk, tmp_path / "whole", behind=False)
    session.build()
    yield session.files()
    session.plugin.on_shutdown()


def test_the_pages_built_behind_are_those_a_whole_build_writes(
    desk: Path, tmp_path: Path, whole: dict[str, bytes]
) -> None:
    session = First(desk, tmp_path / "first", behind=True)
    session.build()
    session.wait()
    try:
        assert session.files() == whole
        # Pagefind was started once, when every page was there; the stamp after it.
        assert session.indexed == [set(whole)]
        assert session.whole == [set(whole)]
    finally:
        session.plugin.on_shutdown()


def test_a_page_a_reader_asks_for_is_built_first(desk: Path, tmp_path: Path) -> None:
    session = First(desk, tmp_path / "first", behind=True)
    pushing = session.plugin.serve.pushing
    with pushing:  # the work behind the server waits for its first page meanwhile
        session.build()
        written = session.pages()
        # Served at once: the home, the lists, the hand-written pages, the desk's files;
        # not yet the records' pages, the claims' own files, nor cards.
        assert "index.html" in written and "browse/index.html" in written
        records = {p for p in written if p.startswith(("claims/", "sources/"))}
        assert {p for p in records if p.endswith(".html")} == {"sources/index.html"}
        assert not any(p.endswith(".png") and "/cards/" in f"/{p}" for p in written)
        assert not any(p.startswith(("api/claims/", "api/oembed/", "embed/")) for p in written)
        assert "api/claims.json" in written and "feed.xml" in written, "the desk's files are"
        assert session.whole == [] and session.indexed == []
        # A reader asks for a claim (as the server's address, with or without index.html).
        session.plugin.build_now(f"claims/{CLAIM}/")
        session.plugin.build_now(f"sources/{SOURCE}/index.html")
        session.plugin.build_now("claims/no-such-claim/")
        now = session.pages() - written
        assert now == {f"claims/{CLAIM}/index.html", f"sources/{SOURCE}/index.html"}
    session.wait()
    try:
        assert session.whole and session.indexed
        assert f"claims/{CLAIM}/index.html" in session.whole[0]
    finally:
        session.plugin.on_shutdown()


def test_a_save_while_pages_are_built_behind_shows_on_every_page(
    desk: Path, tmp_path: Path
) -> None:
    session = First(desk, tmp_path / "first", behind=True)
    with session.plugin.serve.pushing:
        session.build()
        _rate(desk, "misleading")
        # The save's refresh stops the work behind (which waits for the lock), builds
        # the claim's pages and hands the rest back to it.
        handled: list[bool] = []
        saving = threading.Thread(target=lambda: handled.append(session.plugin.refresh()))
        saving.start()
        time.sleep(0.2)
    saving.join(timeout=120)
    assert handled == [True], "a refresh, not a whole build"
    session.wait()
    try:
        assert (
            'data-rating="misleading"' in (session.site / f"claims/{CLAIM}/index.html").read_text()
        )
        saved = First(desk, tmp_path / "saved", behind=False)
        saved.build()
        try:
            # A page a refresh rebuilt leaves Material's search (see the plugin's
            # `_outside_material_search`), which leaves blank lines in its template.
            assert _words(session.files()) == _words(saved.files())
        finally:
            saved.plugin.on_shutdown()
    finally:
        session.plugin.on_shutdown()


def _words(files: dict[str, bytes]) -> dict[str, bytes]:
    return {path: re.sub(rb"\s+", b" ", data) for path, data in files.items()}


def test_the_server_asks_for_the_page_before_it_looks_for_it() -> None:
    asked: list[str] = []

    class Plugin:
        def build_now(self, url: str) -> None:
            asked.append(url)

    def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        asked.append("served")
        return [b""]

    serve = _pages_on_request(app, Plugin(), "/factdesk/")  # type: ignore[arg-type]
    serve({"PATH_INFO": "/factdesk/claims/x/"}, None)
    serve({"PATH_INFO": "/livereload/1/2"}, None)
    # A UTF-8 path as WSGI hands it over (latin-1).
    serve({"PATH_INFO": "/factdesk/claims/é/".encode().decode("latin-1")}, None)
    assert asked == ["claims/x/", "served", "served", "claims/é/", "served"]


def test_small_desks_and_later_builds_leave_nothing_behind(desk: Path, tmp_path: Path) -> None:
    session = First(desk, tmp_path / "first", behind=False)
    session.build()
    try:
        assert session.plugin.serve.left.first == {}
        assert f"claims/{CLAIM}/index.html" in session.pages()
        assert session.whole == [session.pages()]
    finally:
        session.plugin.on_shutdown()


def test_a_page_the_navigation_names_is_built_with_the_lists(desk: Path, tmp_path: Path) -> None:
    """Its title is in every page's menu, so it is not left behind."""
    config = desk / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    named = "      - Statistics: stats.md\n"
    assert named in text
    config.write_text(text.replace(named, named + "      - Maps: topics/maps.md\n"))
    session = First(desk, tmp_path / "first", behind=True)
    with session.plugin.serve.pushing:
        session.build()
        written = session.pages()
        assert "topics/maps/index.html" in written
        assert "topics/north-korea/index.html" not in written, "another topic is left"
        assert not any(p.startswith("claimants/") and p.count("/") > 1 for p in written)
    session.wait()
    try:
        assert "topics/north-korea/index.html" in session.pages()
    finally:
        session.plugin.on_shutdown()
