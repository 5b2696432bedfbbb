"""A `factdesk serve` session's memory after many saves: the refreshes' caches warm up,
then hold still."""

from __future__ import annotations

import gc
import logging
import tracemalloc
from pathlib import Path

from test_serve_incremental import CLAIM, Session, one_language


def test_saves_under_serve_do_not_grow_memory(tmp_path: Path) -> None:
    """A serve session's refreshes fill caches while they warm up (the pages' front matter
    and analyses, the share cards' fonts: about 2 MB over the first 40 saves on the
    example desk), then hold still: measured from save 40 to 120 it grew 6 KB."""
    session = Session(one_language(tmp_path / "kb"), tmp_path / "site")
    paths = [session.root / "claims" / f"{CLAIM}.yaml"]
    paths.append(session.root / "claims" / "ko" / f"{CLAIM}-ko.yaml")  # one verdict
    originals = [path.read_text(encoding="utf-8") for path in paths]
    ratings = ["misleading", "false", "unproven"]

    def save(n: int) -> None:
        rating = ratings[n % len(ratings)]
        for path, original in zip(paths, originals, strict=True):
            path.write_text(original.replace("rating: unproven", f"rating: {rating}"), "utf-8")
        assert session.refresh()

    # pytest keeps every log record of a test: MkDocs' lines would count as growth.
    logging.disable(logging.INFO)
    tracemalloc.start()
    try:
        for n in range(40):
            save(n)
        gc.collect()
        warm = tracemalloc.get_traced_memory()[0]
        for n in range(40, 100):
            save(n)
        gc.collect()
        later = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
        logging.disable(logging.NOTSET)
        session.plugin.on_shutdown()
    # A page kept per save is tens of kilobytes each time: megabytes over 60 saves.
    assert later - warm < 300_000, (warm, later)
