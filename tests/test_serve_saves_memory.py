"""A `factdesk serve` session's memory after many saves: the refreshes' caches warm up,
then hold still."""

from __future__ import annotations

import gc
import itertools
import logging
import statistics
import tracemalloc
from pathlib import Path

from test_serve_incremental import CLAIM, Session, one_language

WARM_SAVES = 40
WINDOWS = 6
SAVES_PER_WINDOW = 10
# A page kept per save is tens of kilobytes each time; 5 KB a save is the most we allow.
MOST_GROWTH_PER_WINDOW = 5_000 * SAVES_PER_WINDOW


def test_saves_under_serve_do_not_grow_memory(tmp_path: Path) -> None:
    """A serve session's refreshes fill caches while they warm up (the pages' front matter
    and analyses, the share cards' fonts: about 2 MB over the first 40 saves on the
    example desk), then hold still: measured from save 40 to 100 it grows by a few KB.

    Growth is judged window by window and the median window must stay small. One window
    may jump by about 2 MB without any leak: a table made before tracing started (the
    interpreter's table of interned strings) is rebuilt once after enough strings come
    and go, and tracing sees the new table but never saw the old one. When that happens
    depends on what the process imported first, so a single before/after difference
    failed on some checkouts and passed on others. A real leak grows in every window."""
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

    def traced() -> int:
        gc.collect()
        return tracemalloc.get_traced_memory()[0]

    # pytest keeps every log record of a test: MkDocs' lines would count as growth.
    logging.disable(logging.INFO)
    tracemalloc.start()
    try:
        for n in range(WARM_SAVES):
            save(n)
        marks = [traced()]
        for window in range(WINDOWS):
            first = WARM_SAVES + window * SAVES_PER_WINDOW
            for n in range(first, first + SAVES_PER_WINDOW):
                save(n)
            marks.append(traced())
    finally:
        tracemalloc.stop()
        logging.disable(logging.NOTSET)
        session.plugin.on_shutdown()
    growths = [later - earlier for earlier, later in itertools.pairwise(marks)]
    assert statistics.median(growths) < MOST_GROWTH_PER_WINDOW, growths
