"""Benchmark the rules across translations against the other rules across records.

    python -m bench.translations [N …]      (default: 1000 10000)

A synthetic desk (`bench.synth`) of N claims, a third of them with a Korean translation
(`translation_of`), is read once; then, in one run so the machine's load cancels out,
the translation rules (FD060-FD062, FD115) and the other rules across records that do
not match texts or read media files are timed (best of three). Prints a Markdown table.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
import sys
import tempfile
import time
from pathlib import Path

from bench.synth import write_kb
from factdesk.check.cross_rules import CHECKS, Corpus, CrossCheck, run_cross_checks
from factdesk.check.facts import Facts
from factdesk.check.pipeline import check_loaded
from factdesk.load.discover import discover
from factdesk.load.loader import load_file
from factdesk.records.settings import Settings

TODAY = dt.date(2026, 11, 30)
SLOW = ("check_earlier_checks", "check_media_files")  # timed by bench.match and bench.build


def translate_a_third(root: Path, n: int) -> None:
    for path in sorted((root / "claims").rglob("*.yaml"))[: n // 3]:
        text = re.sub(r"(?m)^id: .*$", f"id: {path.stem}-ko", path.read_text())
        text = re.sub(r"(?m)^language: .*\n", "", text)
        text += f"language: ko\ntranslation_of: {path.stem}\n"
        (path.parent / f"{path.stem}-ko.yaml").write_text(text)


def best_ms(facts: list[Facts], checks: tuple[CrossCheck, ...]) -> float:
    """Best of three, each on a new Corpus, so the lookups it caches are built in the time."""
    times = []
    for _ in range(3):
        corpus = Corpus(facts, Settings(), TODAY)
        start = time.perf_counter()
        run_cross_checks(corpus, checks)
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def facts_of_desk(root: Path) -> list[Facts]:
    return [check_loaded(f, load_file(f.path, f.rel))[1] for f in discover(root)[0]]


def main(sizes: list[int]) -> None:
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print()
    print("| claims | translations | translation rules ms | other cross rules ms | ratio |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    translation = tuple(c for c in CHECKS if "translation" in c.__name__)
    others = tuple(c for c in CHECKS if c not in translation and c.__name__ not in SLOW)
    for n in sizes:
        with tempfile.TemporaryDirectory() as folder:
            root = write_kb(Path(folder) / "kb", n)
            translate_a_third(root, n)
            facts = facts_of_desk(root)
            valid = not run_cross_checks(Corpus(facts, Settings(), TODAY), translation)
            assert valid, "the synthetic translations are valid"
            ours, theirs = best_ms(facts, translation), best_ms(facts, others)
            print(f"| {n:,} | {n // 3:,} | {ours:.1f} | {theirs:.1f} | {ours / theirs:.2f} |")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000])
