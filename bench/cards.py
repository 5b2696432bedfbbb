"""Benchmark share-card generation, cold (every card drawn) and warm (every card read from
the cache), on synthetic desks.

    python -m bench.cards [N …]      (default: 1000 10000)

Cold starts from an empty `.cache/factdesk/cards/`; warm runs again on the same desk, as
a rebuild after no record changed; "one edited" changes one claim and runs again. Prints
a Markdown table.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

from bench.synth import write_kb
from factdesk.check.pipeline import validate_root
from factdesk.kb import KnowledgeBase
from factdesk.render.cards import CACHE_FOLDER, cache_for, render_cards


def timed(kb: KnowledgeBase) -> tuple[float, int, int]:
    """Wall seconds, cards drawn, and the cards' total bytes."""
    cache = cache_for(kb)
    start = time.perf_counter()
    cards = render_cards(kb, cache)
    return time.perf_counter() - start, cache.drawn, sum(len(d) for d in cards.values())


def edit_one(root: Path) -> None:
    first = sorted((root / "claims").rglob("*.yaml"))[0]
    text = first.read_text(encoding="utf-8")
    first.write_text(text.replace("\nclaim: ", "\nclaim: Edited ", 1), encoding="utf-8")


def main(sizes: list[int]) -> None:
    print(
        f"{dt.date.today()}; machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )
    print()
    print("| claims | cold s | ms per card | warm s | one edited s (drawn) | cards MB |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = write_kb(Path(tmp) / "kb", n)
            kb = validate_root(root).kb
            cold, drawn, size = timed(kb)
            assert (root / CACHE_FOLDER).is_dir() and drawn == len(kb.published) + 1
            warm, redrawn, _ = timed(kb)
            assert redrawn == 0, "a warm run drew cards"
            edit_one(root)
            edited, one, _ = timed(validate_root(root).kb)
            print(
                f"| {n:,} | {cold:.1f} | {cold / drawn * 1000:.1f} | {warm:.2f} | "
                f"{edited:.2f} ({one}) | {size / 1e6:.0f} |",
                flush=True,
            )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000])
