"""A build's generated files that are not pages wait on disk, not in memory (spool.py)."""

from __future__ import annotations

import pytest

from factdesk.spool import Spool


def test_files_are_kept_under_their_site_path_and_go_with_the_spool() -> None:
    spool = Spool()
    text = spool.keep("api/claims/a.json", '{"claim": "Ünïcode"}')
    data = spool.keep("cards/a.png", b"\x89PNG")
    assert text.read_bytes() == '{"claim": "Ünïcode"}'.encode()
    assert data.read_bytes() == b"\x89PNG"
    assert spool.folder is not None and text.is_relative_to(spool.folder)
    assert text.relative_to(spool.folder).as_posix() == "api/claims/a.json"
    folder = spool.folder
    spool.close()
    assert not folder.exists()
    spool.close()  # twice is harmless


@pytest.mark.parametrize("path", ["../outside.json", "/etc/passwd", "a/../../b", ""])
def test_a_path_that_leaves_the_spool_is_refused(path: str) -> None:
    spool = Spool()
    try:
        with pytest.raises(ValueError, match="not a site path"):
            spool.keep(path, "x")
    finally:
        spool.close()
