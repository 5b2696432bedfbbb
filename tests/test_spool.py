"""A build's generated files that are not pages wait on disk, not in memory, in a hidden
folder of the site that MkDocs' cleaning leaves alone, and are moved into place once the
site is clean (spool.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.utils import clean_directory

from factdesk.spool import PREFIX, Spool


def test_files_wait_hidden_in_the_site_and_are_moved_into_place(tmp_path: Path) -> None:
    site = tmp_path / "site"
    spool = Spool(site)
    text = spool.keep("api/claims/a.json", '{"claim": "Ünïcode"}')
    data = spool.keep("cards/a.png", b"\x89PNG")
    feed = spool.keep("feed.xml", "<feed/>")
    assert text == site / "api" / "claims" / "a.json"
    assert (data, feed) == (site / "cards" / "a.png", site / "feed.xml")
    assert spool.folder is not None and spool.folder.parent == site
    assert spool.folder.name.startswith(".")
    clean_directory(str(site))  # MkDocs cleans the site after the plugin's on_config
    assert not text.exists()
    spool.place()
    assert text.read_bytes() == '{"claim": "Ünïcode"}'.encode()
    assert (data.read_bytes(), feed.read_text()) == (b"\x89PNG", "<feed/>")
    folder = spool.folder
    spool.close()
    assert not folder.exists()
    assert sorted(p.name for p in site.iterdir()) == ["api", "cards", "feed.xml"]
    spool.close()  # twice is harmless


def test_a_site_with_files_already_there_gets_each_file_replaced(tmp_path: Path) -> None:
    # `mkdocs build --dirty` does not clean the site: what is there is overwritten,
    # what the spool does not have is left.
    site = tmp_path / "site"
    (site / "api" / "claims").mkdir(parents=True)
    (site / "api" / "claims" / "a.json").write_text("old")
    (site / "api" / "claims" / "kept.json").write_text("kept")
    (site / "feed.xml").mkdir()  # a folder where a file now goes
    spool = Spool(site)
    spool.keep("api/claims/a.json", "new")
    spool.keep("feed.xml", "<feed/>")
    spool.place()
    spool.close()
    assert (site / "api" / "claims" / "a.json").read_text() == "new"
    assert (site / "api" / "claims" / "kept.json").read_text() == "kept"
    assert (site / "feed.xml").read_text() == "<feed/>"


def test_a_killed_builds_spool_is_removed_by_the_next(tmp_path: Path) -> None:
    stale = tmp_path / "site" / (PREFIX + "old")
    stale.mkdir(parents=True)
    (stale / "x.json").write_text("{}")
    spool = Spool(tmp_path / "site")
    assert not stale.exists()
    spool.close()


@pytest.mark.parametrize("path", ["../outside.json", "/etc/passwd", "a/../../b", ""])
def test_a_path_that_leaves_the_site_is_refused(tmp_path: Path, path: str) -> None:
    spool = Spool(tmp_path / "site")
    try:
        with pytest.raises(ValueError, match="not a site path"):
            spool.keep(path, "x")
    finally:
        spool.close()
