"""A build's files that are not pages, written as they are rendered (`render_site_kept`):
the same files as `render_site`, the claims' own written on every core."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import factdesk.render as render
from factdesk.check.pipeline import validate_root
from factdesk.render import render_site, render_site_behind, render_site_kept
from factdesk.render.pages import PageRenderer
from factdesk.workers import usable_cores

from conftest import REPO


def kept_site(tmp_path: Path, *, parallel: bool) -> tuple[dict[str, str], set[str]]:
    """Every generated file of the example desk as `render_site_kept` leaves it (pages
    rendered, other files read back) and the processes that wrote them."""
    kb = validate_root(REPO).kb
    folder = tmp_path / "kept"

    def keep(path: str, content: str) -> Path:
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content.encode("utf-8"))
        target.with_name(target.name + ".pid").write_text(str(os.getpid()))
        return target

    files = render_site_kept(kb, PageRenderer(kb), keep, parallel=parallel)
    site = {
        path: made.read_bytes().decode("utf-8") if isinstance(made, Path) else made()
        for path, made in files.items()
    }
    writers = {pid.read_text() for pid in folder.rglob("*.pid")}
    return site, writers


def test_kept_files_are_render_sites_files_in_its_order(tmp_path: Path) -> None:
    site, writers = kept_site(tmp_path, parallel=False)
    expected = render_site(validate_root(REPO).kb)
    assert list(site) == list(expected)
    assert site == expected
    assert writers == {str(os.getpid())}


@pytest.mark.skipif(usable_cores() < 2 or not hasattr(os, "fork"), reason="needs two cores")
def test_claims_own_files_are_written_on_every_core(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With one claim per task and no minimum, the example desk's claims are shared
    between this process and a forked worker; the files are the same."""
    monkeypatch.setattr(render, "PARALLEL_MIN_CLAIMS", 1)
    monkeypatch.setattr(render, "CLAIMS_PER_TASK", 1)
    site, writers = kept_site(tmp_path, parallel=True)
    assert site == render_site(validate_root(REPO).kb)
    assert len(writers) >= 2


def test_serve_leaves_behind_the_claims_own_files_of_the_same_site() -> None:
    """`render_site_behind` (a large desk's first `serve`): `render_site`'s files, and
    which are the claims' own, those `serve` writes behind the server."""
    kb = validate_root(REPO).kb
    renderer = PageRenderer(kb)
    files, own = render_site_behind(kb, renderer)
    rendered = {path: made() if callable(made) else made for path, made in files.items()}
    assert rendered == render_site(kb, pages=PageRenderer(kb))
    assert list(files) == sorted(files)
    claims = sorted(kb.claims)
    assert set(own) >= {f"api/claims/{cid}.json" for cid in claims}
    assert set(own) >= {f"embed/{cid}/index.html" for cid in [c.id for c in kb.published]}
    assert not {path for path in own if path.endswith(".md")}
    assert "api/claims.json" not in own and "feed.xml" not in own
