"""Benchmark matching: `factdesk match` and the build's related fact-checks, by desk size.

    python -m bench.match [N …]      (default: 1000 10000 50000)

Prints a Markdown table. Every time but "pairs" is the whole command in a fresh
interpreter (start-up, imports and the encoder's weights included), as a contributor or
CI runs it:

- "index": the first `factdesk match` on the desk, no cache: parse every claim, build
  BM25, encode every claim's text and title (with `factdesk[match]`), write the caches;
- "query": the next `factdesk match`, one query, cache warm (best of three);
- "edited": the query right after one claim file changed (best of three, a different
  file each time): that file parsed, its texts split into words and encoded again, the
  index updated;
- "peak MB": the largest resident size of the query and edited processes; "index MB"
  that of the first, cold run;
- "CPU": processor seconds (user + system) of the query and of the edited run, which a
  loaded machine inflates far less than wall time;
- "pairs": every claim against every other (FD113, the related lists on claim pages), in
  process, with the vectors cached; what a build pays when `validate` did not leave them;
- "FD113 cold" / "FD113 warm": what FD113 adds to `validate`, in process: its pairs with
  no cache at all (every text encoded), and read back from the cache an unchanged desk
  left.

The goals (issue 19, on 2 cores): query ≤ 0.3 s and index ≤ 60 s at 10,000 claims,
edited ≤ 1 s, peak ≤ 500 MB at 50,000.

The package's modules are byte-compiled first, as installing a wheel does: an interpreter
that may not write `__pycache__` (PYTHONDONTWRITEBYTECODE) would otherwise compile them
from source on every run, 20 ms of a 0.3 s query.
"""

from __future__ import annotations

import compileall
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import factdesk
from bench.synth import write_kb
from factdesk.check.cache import CACHE_DIR
from factdesk.match.desk import desk_docs
from factdesk.match.encoder import encoder_name
from factdesk.match.pairs import compute_pairs, similar_pairs
from factdesk.records.settings import Settings

QUERY = "the minister said unemployment doubled since last year"


def run_match(root: Path) -> tuple[float, float, float]:
    """Wall seconds, peak RSS (MB) and CPU seconds of one `factdesk match` in a new
    interpreter, measured in a child of its own: RUSAGE_CHILDREN only ever grows."""
    probe = (
        "import resource, subprocess, sys, time; t = time.perf_counter();"
        "p = subprocess.run(sys.argv[1:], capture_output=True);"
        "w = time.perf_counter() - t; assert p.returncode == 0, p.stderr[-2000:];"
        "u = resource.getrusage(resource.RUSAGE_CHILDREN);"
        "print(w, u.ru_maxrss / 1024, u.ru_utime + u.ru_stime)"
    )
    command = [sys.executable, "-m", "factdesk", "match", "--root", str(root), QUERY]
    out = subprocess.run(
        [sys.executable, "-c", probe, *command], capture_output=True, text=True, check=True
    )
    wall, peak, cpu = out.stdout.split()
    return float(wall), float(peak), float(cpu)


def edited(root: Path) -> tuple[float, float, float]:
    """Best wall and processor seconds, and the peak MB, of three runs after an edit."""
    runs = []
    for i in range(3):
        with (root / "claims" / f"claim-{i:06d}.yaml").open("a") as handle:
            handle.write(f"# edited {i}\n")
        text = (root / "claims" / f"claim-{i:06d}.yaml").read_text()
        (root / "claims" / f"claim-{i:06d}.yaml").write_text(
            text.replace("claim: ", f"claim: Edited {i}: ", 1)
        )
        runs.append(run_match(root))
    return min(w for w, _, _ in runs), min(c for _, _, c in runs), max(p for _, p, _ in runs)


def fd113_times(n: int) -> tuple[float, float]:
    """FD113's pairs as `validate` computes them: on a desk with no cache, then again
    with the pairs cached."""
    with tempfile.TemporaryDirectory() as tmp:
        root = write_kb(Path(tmp), n)
        docs = desk_docs(root, None)
        threshold, cache = Settings().match_threshold, root / CACHE_DIR
        start = time.perf_counter()
        similar_pairs(docs, threshold, cache)
        cold = time.perf_counter() - start
        start = time.perf_counter()
        similar_pairs(docs, threshold, cache)
        return cold, time.perf_counter() - start


def pairs_time(root: Path) -> tuple[float, int]:
    docs = desk_docs(root, root / CACHE_DIR)
    start = time.perf_counter()
    found = compute_pairs(docs, Settings().match_threshold, root / CACHE_DIR)
    return time.perf_counter() - start, len(found)


def main(sizes: list[int]) -> None:
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, encoder: {encoder_name() or 'none (lexical)'}"
    )
    print()
    compileall.compile_dir(Path(factdesk.__file__).parent, quiet=1)
    print(
        "| claims | index s | index MB | query s | query CPU s | edited s | edited CPU s | peak MB "
        "| pairs s | pairs | FD113 cold s | FD113 warm s | load |"
    )
    print("| ---: " * 12 + "| --- |")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = write_kb(Path(tmp), n)
            index, index_peak, _ = run_match(root)
            runs = [run_match(root) for _ in range(3)]
            query = min(w for w, _, _ in runs)
            cpu = min(c for _, _, c in runs)
            peak = max(p for _, p, _ in runs)
            again, again_cpu, again_peak = edited(root)
            peak = max(peak, again_peak)
            pairs, count = pairs_time(root)
        fd113_cold, fd113_warm = fd113_times(n)
        load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
        print(
            f"| {n:,} | {index:.1f} | {index_peak:,.0f} | {query:.2f} | {cpu:.2f} | {again:.2f} "
            f"| {again_cpu:.2f} "
            f"| {peak:,.0f} | "
            f"{pairs:.1f} | {count:,} | {fd113_cold:.1f} | {fd113_warm:.2f} | {load} |",
            flush=True,
        )


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    main([int(a) for a in sys.argv[1:]] or [1000, 10000, 50000])
