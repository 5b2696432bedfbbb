"""`factdesk build` shares the pages outside the navigation between forked processes
(site_build.py): the site is byte for byte MkDocs' own, what a forked process sees
(warnings, anchors, failures) still reaches the build's verdict, and each process renders
only the generated pages it builds, when MkDocs reads them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config

import factdesk.mkdocs_plugin as plugin_module
import factdesk.site_build as site_build
from factdesk import search_index
from factdesk.bugs import EXIT_PROBLEMS
from factdesk.check.pipeline import validate_root
from factdesk.cli import cli
from factdesk.mkdocs_plugin import FactdeskPlugin, _generated_file
from factdesk.render.pages import PageRenderer
from sitebuild import copy_example


def run_build(root: Path, site: Path) -> Result:
    return CliRunner().invoke(cli, ["build", "--root", str(root), "--site-dir", str(site)])


@pytest.fixture
def shared(monkeypatch: pytest.MonkeyPatch) -> list[site_build._Plan]:
    """Every build shares its pages, however few, in runs of two between two processes;
    the plans it made. The runs are dealt in turn (this process the even ones), not to
    whichever process asks first, so that each process surely has pages of its own."""
    plans: list[site_build._Plan] = []
    planned = site_build._plan
    parent = os.getpid()

    def plan(doc_files: Any, named: set[str]) -> site_build._Plan:
        plans.append(planned(doc_files, named))
        return plans[-1]

    def take(dealer: site_build._Dealer) -> int | None:
        turn = 0 if os.getpid() == parent else 1
        dealt = dealer.__dict__.setdefault("dealt", {})
        number = dealt.get(turn, turn)
        dealt[turn] = number + 2
        return number if number < dealer.runs else None

    monkeypatch.setattr(site_build, "PARALLEL_PAGES_FROM", 1)
    monkeypatch.setattr(site_build, "RUN", 2)
    monkeypatch.setattr(site_build, "usable_cores", lambda: 2)
    monkeypatch.setattr(site_build, "_plan", plan)
    monkeypatch.setattr(site_build._Dealer, "take", take)
    return plans


def one_core(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(site_build, "shares_pages", lambda config: False)


def tree(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_the_shared_build_is_byte_for_byte_mkdocs_own(
    tmp_path: Path, shared: list[site_build._Plan], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_example(tmp_path / "kb")
    result = run_build(root, tmp_path / "shared")
    assert result.exit_code == 0, result.output
    [plan] = shared
    # Two processes, each with runs of its own; the navigation's pages in both.
    assert plan.processes == 2 and len(plan.runs) > 10
    assert plan.everywhere and not set(plan.everywhere) & {i for r in plan.runs for i in r}
    one_core(monkeypatch)
    result = run_build(root, tmp_path / "alone")
    assert result.exit_code == 0, result.output
    alone, both = tree(tmp_path / "alone"), tree(tmp_path / "shared")
    assert alone.keys() == both.keys()
    assert [path for path in alone if alone[path] != both[path]] == []
    # The search index holds the other process's pages, in MkDocs' order.
    assert b"claims/" in both["search/search_index.json"]


def pages_with(root: Path, pages: dict[str, str]) -> Path:
    for name, text in pages.items():
        (root / "docs" / name).write_text(text)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text() + "\nvalidation:\n  anchors: warn\n")
    return root


def test_warnings_logged_in_a_forked_process_stop_a_strict_build(
    tmp_path: Path, shared: list[site_build._Plan], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Four pages outside the navigation, each linking to a page that does not exist:
    # MkDocs warns while converting them, in whichever process has them.
    root = pages_with(
        copy_example(tmp_path / "kb"),
        {f"note-{n}.md": f"# Note {n}\n\n[gone](nowhere-{n}.md)\n" for n in range(4)},
    )
    result = run_build(root, tmp_path / "shared")
    assert result.exit_code == EXIT_PROBLEMS
    assert "Aborted with 4 warnings in strict mode" in result.output
    one_core(monkeypatch)
    result = run_build(root, tmp_path / "alone")
    assert result.exit_code == EXIT_PROBLEMS
    assert "Aborted with 4 warnings in strict mode" in result.output


def test_anchor_links_are_checked_across_processes(
    tmp_path: Path, shared: list[site_build._Plan]
) -> None:
    # Pages 0..5 outside the navigation, in runs of two: each links to the next one's
    # heading, which is in the other process's share, once rightly and once wrongly.
    pages = {
        f"note-{n}.md": (
            f"# Note {n}\n\n## Part {n}\n\n"
            f"[right](note-{(n + 1) % 6}.md#part-{(n + 1) % 6}) "
            f"[wrong](note-{(n + 1) % 6}.md#nowhere-{n})\n"
        )
        for n in range(6)
    }
    root = pages_with(copy_example(tmp_path / "kb"), pages)
    result = run_build(root, tmp_path / "site")
    assert result.exit_code == EXIT_PROBLEMS
    for n in range(6):
        assert f"does not contain an anchor '#nowhere-{n}'" in result.output
    assert "#part-" not in result.output
    assert "Aborted with 6 warnings" in result.output


def in_forked_process_only(monkeypatch: pytest.MonkeyPatch, act: Callable[[Any], None]) -> None:
    """Writing a page does `act(page)` first, in a forked process only."""
    parent = os.getpid()
    build_page: Callable[..., None] = mkdocs_build._build_page

    def acting(page: Any, *args: Any, **kwargs: Any) -> None:
        if os.getpid() != parent:
            act(page)
        build_page(page, *args, **kwargs)

    monkeypatch.setattr(mkdocs_build, "_build_page", acting)


def test_a_failure_in_a_forked_process_fails_the_build_with_its_message(
    tmp_path: Path, shared: list[site_build._Plan], monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing(page: Any) -> None:
        raise RuntimeError(f"cannot write {page.file.src_uri}")

    in_forked_process_only(monkeypatch, failing)
    result = run_build(copy_example(tmp_path / "kb"), tmp_path / "site")
    assert result.exit_code == EXIT_PROBLEMS
    assert "RuntimeError: cannot write " in result.output


def test_a_forked_process_that_dies_fails_the_build(
    tmp_path: Path, shared: list[site_build._Plan], monkeypatch: pytest.MonkeyPatch
) -> None:
    in_forked_process_only(monkeypatch, lambda page: os._exit(9))
    result = run_build(copy_example(tmp_path / "kb"), tmp_path / "site")
    assert result.exit_code == EXIT_PROBLEMS
    assert "a process building pages stopped (exit status 9)" in result.output


class _Config:
    def __init__(self, plugins: list[str]) -> None:
        self.plugins = dict.fromkeys(plugins)


def test_pages_are_shared_only_with_plugins_whose_state_is_known(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(site_build, "usable_cores", lambda: 2)
    assert site_build.shares_pages(_Config(["material/search", "factdesk"]))  # type: ignore[arg-type]
    assert site_build.shares_pages(_Config(["factdesk"]))  # type: ignore[arg-type]
    # A plugin may gather from each page (tags, a blog, a sitemap of its own): the
    # pages of a forked process would be missing from what it gathered.
    assert not site_build.shares_pages(_Config(["factdesk", "material/tags"]))  # type: ignore[arg-type]
    monkeypatch.setattr(site_build, "usable_cores", lambda: 1)
    assert not site_build.shares_pages(_Config(["factdesk"]))  # type: ignore[arg-type]


def test_a_generated_page_is_rendered_when_read_and_once(tmp_path: Path) -> None:
    config = load_config(str(copy_example(tmp_path / "kb") / "mkdocs.yml"))
    config.plugins._current_plugin = "factdesk"  # as during the plugin's on_files
    calls: list[str] = []

    def make() -> str:
        calls.append("rendered")
        return "# A claim\n"

    file = _generated_file(config, "claims/a.md", make)
    assert calls == [] and file.is_documentation_page()
    assert file.content_string == "# A claim\n" and file.content_bytes == b"# A claim\n"
    assert calls == ["rendered"]
    file.content_string = ""  # what a build does once the page is written
    assert file.content_string == "" and calls == ["rendered"]
    assert _generated_file(config, "data.json", "{}").content_string == "{}"


def test_each_process_renders_only_the_pages_it_builds(
    tmp_path: Path, shared: list[site_build._Plan], monkeypatch: pytest.MonkeyPatch
) -> None:
    rendered: list[int] = []
    claim_page = PageRenderer.claim

    def counting(self: PageRenderer, *args: Any, **kwargs: Any) -> str:
        rendered.append(os.getpid())
        return claim_page(self, *args, **kwargs)

    monkeypatch.setattr(PageRenderer, "claim", counting)
    root = copy_example(tmp_path / "kb")
    assert run_build(root, tmp_path / "shared").exit_code == 0
    shared_here = rendered.count(os.getpid())
    rendered.clear()
    one_core(monkeypatch)
    assert run_build(root, tmp_path / "alone").exit_code == 0
    # The other process rendered the rest (its calls are counted in its own memory).
    assert 0 < shared_here < len(rendered)


@pytest.fixture
def temp_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the build's temporary folders go (the spool, the answers of forked processes)."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_the_spooled_files_are_in_the_site_and_the_spool_is_gone(
    tmp_path: Path, shared: list[site_build._Plan], temp_root: Path
) -> None:
    result = run_build(copy_example(tmp_path / "kb"), tmp_path / "site")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "site" / "api" / "claims.json").is_file()
    assert list((tmp_path / "site").glob(".*")) == []
    assert list(temp_root.iterdir()) == []


def test_a_failed_build_leaves_no_spool_behind(
    tmp_path: Path,
    shared: list[site_build._Plan],
    temp_root: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def failing(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("cannot write a page")

    monkeypatch.setattr(mkdocs_build, "_build_page", failing)
    result = run_build(copy_example(tmp_path / "kb"), tmp_path / "site")
    assert result.exit_code != 0
    assert list((tmp_path / "site").glob(".*")) == []
    assert list(temp_root.iterdir()) == []


def test_nothing_holds_the_records_when_pagefind_starts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Pagefind needs gigabytes of its own at 50,000 claims: the build's records and
    # pages must be free to go by then.
    root = copy_example(tmp_path / "kb")
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("  - factdesk:\n", "  - factdesk:\n      search: pagefind\n", 1)
    )
    kb_refs: list[weakref.ref[Any]] = []
    validation = FactdeskPlugin._validation

    def keeping(self: FactdeskPlugin, root: Path) -> Any:
        found = validation(self, root)
        kb_refs.append(weakref.ref(found.kb))
        return found

    alive: list[bool] = []
    monkeypatch.setattr(FactdeskPlugin, "_validation", keeping)
    monkeypatch.setattr(
        plugin_module, "run_pagefind", lambda site: alive.append(kb_refs[0]() is not None)
    )
    result = run_build(root, tmp_path / "site")
    assert result.exit_code == 0, result.output
    assert alive == [False]


def with_pagefind(root: Path) -> Path:
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("  - factdesk:\n", "  - factdesk:\n      search: pagefind\n", 1)
    )
    return root


def test_the_command_line_indexes_once_the_build_process_has_ended(tmp_path: Path) -> None:
    # From a terminal or CI (real output files), `factdesk build` forks: the build runs
    # in the child and Pagefind in the parent, after it. The site is the one the build
    # writes when it runs Pagefind itself (in-process, as under a test runner).
    root = with_pagefind(copy_example(tmp_path / "kb"))
    command = ["build", "--root", str(root), "--site-dir", str(tmp_path / "forked"), "--quiet"]
    forked = subprocess.run(
        [sys.executable, "-m", "factdesk", *command],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert forked.returncode == 0, forked.stderr
    assert forked.stdout == f"built the site in {tmp_path / 'forked'}\n"
    assert (tmp_path / "forked" / "pagefind" / "pagefind-entry.json").exists()
    assert run_build(root, tmp_path / "here").exit_code == 0
    assert tree(tmp_path / "forked") == tree(tmp_path / "here")


def test_pagefind_reads_only_the_claim_pages_and_indexes_the_same(tmp_path: Path) -> None:
    # Only claim pages are marked for Pagefind, so reading only them (in every
    # language's folder) gives the index Pagefind makes from every page of the site.
    root = with_pagefind(copy_example(tmp_path / "kb"))
    assert run_build(root, tmp_path / "site").exit_code == 0
    assert "--glob" in search_index.pagefind_command(tmp_path / "site")
    everything = tmp_path / "everything"
    shutil.copytree(tmp_path / "site", everything, ignore=shutil.ignore_patterns("pagefind"))
    whole = [sys.executable, "-m", "pagefind", "--site", str(everything), "--silent"]
    search_index.run_pagefind(everything, whole)
    assert tree(everything / "pagefind") == tree(tmp_path / "site" / "pagefind")


def test_a_build_handed_an_indexer_leaves_pagefind_to_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = with_pagefind(copy_example(tmp_path / "kb"))
    ran: list[Path] = []
    monkeypatch.setattr(plugin_module, "run_pagefind", ran.append)
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    named: list[Path] = []
    config.plugins["factdesk"].hand_over(validate_root(root), None, named.append)
    site_build.build_site(config)
    assert (ran, named) == ([], [tmp_path / "site"])


def test_the_dealer_hands_each_run_to_one_process_only() -> None:
    dealer = site_build._Dealer(500, shared=True)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the other process takes runs as fast as it can, as this one does
        taken = []
        while (number := dealer.take()) is not None:
            taken.append(number)
        os.write(write, ",".join(map(str, taken)).encode())
        os._exit(0)
    os.close(write)
    here = []
    while (number := dealer.take()) is not None:
        here.append(number)
    os.waitpid(pid, 0)
    with os.fdopen(read) as answer:
        there = [int(n) for n in answer.read().split(",") if n]
    assert sorted(here + there) == list(range(500))
    assert here == sorted(here) and there == sorted(there)


def test_the_progress_bar_counts_every_page_read_in_any_process(
    tmp_path: Path, shared: list[site_build._Plan], monkeypatch: pytest.MonkeyPatch
) -> None:
    totals: list[int] = []
    steps: list[int] = []
    hand_over = FactdeskPlugin.hand_over

    def counting(self: FactdeskPlugin, validation: Any, progress: Any, index: Any) -> None:
        def bar(total: int) -> Callable[[int], None]:
            totals.append(total)
            return steps.append

        hand_over(self, validation, bar, index)

    monkeypatch.setattr(FactdeskPlugin, "hand_over", counting)
    result = run_build(copy_example(tmp_path / "kb"), tmp_path / "site")
    assert result.exit_code == 0, result.output
    assert len(totals) == 1 and sum(steps) == totals[0]
    assert max(steps) > 1, "the other process's pages count in one step"
