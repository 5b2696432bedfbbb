"""`factdesk serve` after a save: only the pages that show the changed records are built
again, through the last full build's MkDocs objects; anything else takes a full build."""

from __future__ import annotations

import gc
import json
import logging
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from factdesk.mkdocs_plugin import FactdeskPlugin
from sitebuild import build as factdesk_build
from sitebuild import copy_example

from conftest import REPO

SERVE_URL = "http://127.0.0.1:8000/factdesk/"
CLAIM = "pyongyang-best-nightlife"
# Pages that list the whole desk: any claim's change may show on them.
WHOLE_DESK = {"index.html", "browse/index.html", "latest/index.html", "ratings/index.html"}
WHOLE_DESK |= {"stats/index.html", "corrections/index.html", "claimants/index.html"}
WHOLE_DESK |= {"topics/index.html", "sources/index.html", "find/index.html"}


class Session:
    """What `mkdocs serve` does with the plugin, in this process: a first build, then on
    each save the plugin's refresh, or a full (dirty) build when it declines."""

    def __init__(self, root: Path, site: Path) -> None:
        self.root, self.site = root, site
        config = self._config()
        config.plugins.on_startup(command="serve", dirty=True)
        self.plugin: FactdeskPlugin = config.plugins["factdesk"]
        # The desk's files are written as soon as the pages are (test_the_pause_…).
        self.plugin.serve.pause = 0.0
        build(config, serve_url=SERVE_URL, dirty=True)
        self.full_builds = 0

    def _config(self) -> object:
        config = load_config(str(self.root / "mkdocs.yml"), site_dir=str(self.site))
        config.site_url = SERVE_URL
        return config

    def save(self) -> set[str]:
        """The site's files written (or removed) by the rebuild after a save."""
        before = self._stamps()
        if not self.refresh():
            self.full_builds += 1
            build(self._config(), serve_url=SERVE_URL, dirty=True)  # type: ignore[arg-type]
        after = self._stamps()
        return {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}

    def refresh(self) -> bool:
        """The plugin's refresh, and the pages it builds behind the server."""
        handled = self.plugin.refresh()
        if self.plugin.serve.behind is not None:
            self.plugin.serve.behind.wait()
        return handled

    def _stamps(self) -> dict[str, int]:
        files = (p for p in self.site.rglob("*") if p.is_file() and "pagefind" not in p.parts)
        return {p.relative_to(self.site).as_posix(): p.stat().st_mtime_ns for p in files}

    def page(self, url: str) -> str:
        return (self.site / url / "index.html").read_text(encoding="utf-8")


def one_language(target: Path) -> Path:
    """The example desk publishing one language (its pages at the root): the desk a save
    refreshes in a few pages. A site in several takes a full build (the last test)."""
    root = copy_example(target)
    _edit(root / "mkdocs.yml", "      languages: [en, ko]\n", "")
    return root


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    serving = Session(one_language(tmp_path / "kb"), tmp_path / "site")
    yield serving
    serving.plugin.on_shutdown()  # as the server does: what it froze is collected again


def _pages(written: set[str], folder: str) -> set[str]:
    """The names of the pages under `folder` ('claims/x/index.html' → 'x') in `written`."""
    parts = (p.split("/") for p in written)
    return {part[1] for part in parts if part[0] == folder and part[-1] == "index.html"}


def _rate(root: Path, rating: str) -> None:
    """A new verdict for CLAIM, saved in its Korean translation too (translations share
    one verdict, FD060)."""
    for path in (root / "claims" / f"{CLAIM}.yaml", root / "claims" / "ko" / f"{CLAIM}-ko.yaml"):
        _edit(path, "rating: unproven", f"rating: {rating}")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer has {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_changed_claim_rebuilds_its_page_and_the_pages_that_list_it(session: Session) -> None:
    _rate(session.root, "misleading")
    written = session.save()
    assert session.full_builds == 0
    assert 'data-rating="misleading"' in session.page(f"claims/{CLAIM}")
    # Its listings show it too: its claimant, its topics, the browse table, the home page.
    claimant = _pages(written, "claimants")
    assert len(claimant) == 1
    assert 'data-rating="misleading"' in session.page(f"claimants/{claimant.pop()}")
    assert {"topics/north-korea/index.html", "browse/index.html", "index.html"} <= written
    # Nothing else: every other rebuilt record page shows the claim (names it as related,
    # or is a source it cites), and untouched claims keep their pages.
    for folder in ("claims", "sources"):
        for name in _pages(written, folder) - {CLAIM}:
            assert f"/{CLAIM}/" in session.page(f"{folder}/{name}"), f"{folder}/{name}"
    assert "claims/tiktok-heating-button/index.html" not in written
    pages = {p for p in written if p.endswith(".html") and not p.startswith("embed/")}
    records = {p for p in pages if p.split("/")[0] in ("claims", "sources", "claimants", "topics")}
    assert pages - records <= WHOLE_DESK, pages - records
    # The files that are not pages follow: its JSON, the feed, its share card.
    assert {f"api/claims/{CLAIM}.json", "feed.xml", f"cards/{CLAIM}.png"} <= written


def test_the_desks_files_wait_for_a_pause_and_a_save_meanwhile_takes_them_over(
    session: Session,
) -> None:
    plugin, api = session.plugin, session.site / "api" / "claims" / f"{CLAIM}.json"
    plugin.serve.pause = 60.0
    _rate(session.root, "misleading")
    assert plugin.refresh()
    deadline = time.monotonic() + 60
    while plugin.serve.left.pages and time.monotonic() < deadline:
        time.sleep(0.05)  # the pages that list it come first
    # The whole desk's other lists and files wait.
    assert plugin.serve.left.pages == {} and plugin.serve.left.data
    assert "ratings.md" in plugin.serve.left.lists
    assert "misleading" not in api.read_text(encoding="utf-8")
    # The next save does not wait for them: it stops the pause and takes them over.
    plugin.serve.pause = 0.0
    for path in (session.root / "claims").rglob(f"{CLAIM}*.yaml"):
        _edit(path, "rating: misleading", "rating: satire")
    started = time.monotonic()
    assert session.refresh()
    assert time.monotonic() - started < 30
    assert plugin.serve.left.lists == {} and not plugin.serve.left.data
    assert '"satire"' in api.read_text(encoding="utf-8")


def test_a_save_that_changes_nothing_rebuilds_nothing(session: Session) -> None:
    path = session.root / "claims" / f"{CLAIM}.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8")
    assert session.save() == set() and session.full_builds == 0


def test_a_changed_source_rebuilds_its_page_and_the_claims_that_cite_it(
    session: Session,
) -> None:
    source = session.root / "sources" / "newsweek-pro-north-korea-tiktok.yaml"
    title = source.read_text(encoding="utf-8").split("title: ", 1)[1].split("\n", 1)[0]
    _edit(source, f"title: {title}", "title: A renamed report")
    written = session.save()
    assert session.full_builds == 0
    assert "A renamed report" in session.page("sources/newsweek-pro-north-korea-tiktok")
    assert "A renamed report" in session.page(f"claims/{CLAIM}")
    for name in _pages(written, "claims"):
        assert "newsweek-pro-north-korea-tiktok" in session.page(f"claims/{name}")
    assert "claims/tiktok-heating-button/index.html" not in written


def test_a_removed_claim_takes_a_full_build_and_its_page_is_gone(session: Session) -> None:
    (session.root / "claims" / "wray-tiktok-favorable-narratives.yaml").unlink()
    session.save()
    assert session.full_builds == 1
    assert not (session.site / "claims" / "wray-tiktok-favorable-narratives").exists()
    assert "wray-tiktok-favorable-narratives" not in session.page("browse")


def test_an_added_and_a_renamed_claim_are_served_at_their_new_address(session: Session) -> None:
    old = session.root / "claims" / "wray-tiktok-favorable-narratives.yaml"
    text = old.read_text(encoding="utf-8")
    (session.root / "claims" / "wray-tiktok-narratives.yaml").write_text(
        text.replace("id: wray-tiktok-favorable-narratives", "id: wray-tiktok-narratives"),
        encoding="utf-8",
    )
    old.unlink()
    session.save()
    assert session.full_builds == 1
    assert "fd-verdict" in session.page("claims/wray-tiktok-narratives")
    assert not (session.site / "claims" / "wray-tiktok-favorable-narratives").exists()
    # The next save of a record is a refresh again.
    _rate(session.root, "misleading")
    session.save()
    assert session.full_builds == 1


def test_a_changed_mkdocs_yml_takes_a_full_build(session: Session) -> None:
    _edit(session.root / "mkdocs.yml", "site_name: ", "site_name: Renamed ")
    written = session.save()
    assert session.full_builds == 1
    assert "claims/tiktok-heating-button/index.html" in written
    assert "Renamed" in session.page("claims/tiktok-heating-button")


def test_records_with_errors_keep_the_served_pages(
    session: Session, caplog: pytest.LogCaptureFixture
) -> None:
    _edit(session.root / "claims" / f"{CLAIM}.yaml", "rating: unproven", "rating: [")
    with caplog.at_level(logging.ERROR):
        assert session.save() == set()
    assert session.full_builds == 0
    assert f"claims/{CLAIM}.yaml" in caplog.text
    assert 'data-rating="unproven"' in session.page(f"claims/{CLAIM}")


def test_under_pagefind_the_preview_leaves_generated_pages_to_it(tmp_path: Path) -> None:
    root = one_language(tmp_path / "kb")
    _edit(root / "mkdocs.yml", "  - factdesk:\n", "  - factdesk:\n      search: pagefind\n")
    session = Session(root, tmp_path / "site")
    try:
        index = (session.site / "search" / "search_index.json").read_text(encoding="utf-8")
        locations = {doc["location"] for doc in json.loads(index)["docs"]}
        assert any(loc.startswith("methodology/") for loc in locations)
        assert not any(loc.startswith(("claims/", "sources/", "browse/")) for loc in locations)
    finally:
        session.plugin.on_shutdown()  # the Pagefind run behind the server


def test_a_save_on_a_site_in_several_languages_builds_it_again(tmp_path: Path) -> None:
    """Such a site builds in full after a save (every language's folder, menus and feed
    are put together there), and the saved Korean claim's page and lists show it."""
    root = tmp_path / "kb"
    shutil.copytree(REPO / "tests" / "fixtures" / "desk-multilingual", root)
    session = Session(root, tmp_path / "site")
    try:
        claim = root / "claims" / "motorcycle-wealth-ko.yaml"
        _edit(claim, "title: 움푹 팬 도로", "title: 새로 고친 제목, 움푹 팬 도로")
        _edit(claim, "claim: 오토바이를 탄 남자는", "claim: 새로 고친 주장, 오토바이를 탄 남자는")
        written = session.save()
        assert session.full_builds == 1
        for page in ("ko/claims/motorcycle-wealth-ko", "ko/latest", "ko"):
            assert "새로 고친 제목" in session.page(page), page
        assert "새로 고친 주장" in session.page("ko/browse")
        assert {"ko/feed.xml", "ko/api/browse.json"} <= written
        assert "새로 고친 제목" in (session.site / "ko" / "feed.xml").read_text(encoding="utf-8")
        rows = json.loads((session.site / "ko" / "api" / "browse.json").read_bytes())
        assert "새로 고친 주장" in json.dumps(rows, ensure_ascii=False)
        assert "새로 고친 제목" not in session.page("en/latest")
    finally:
        session.plugin.on_shutdown()  # the Pagefind run behind the server


def test_a_build_after_a_preview_in_the_same_process_is_a_build(tmp_path: Path) -> None:
    """MkDocs keeps the plugin for the whole process: `factdesk build` after a preview
    must not act as served (Pagefind would index behind it, after it returned)."""
    root = one_language(tmp_path / "kb")
    _edit(root / "mkdocs.yml", "  - factdesk:\n", "  - factdesk:\n      search: pagefind\n")
    Session(root, tmp_path / "preview").plugin.on_shutdown()
    site = factdesk_build(root, tmp_path / "site")
    assert (site / "pagefind" / "pagefind-entry.json").is_file()


def test_a_refresh_walks_only_its_own_objects(session: Session) -> None:
    # The full build's objects left the collector when it ended, so a refresh's
    # collections do not walk them (at 3,000 claims a refresh took 2.4-3.0 s, then 0.6).
    frozen = gc.get_freeze_count()
    assert frozen > 50_000, frozen
    _rate(session.root, "false")
    assert session.refresh()
    assert gc.get_freeze_count() >= frozen * 0.9
    session.plugin.on_shutdown()
    assert gc.get_freeze_count() == 0, "a stopped server leaves nothing frozen"
