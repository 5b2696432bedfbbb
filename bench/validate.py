"""Benchmark cold `factdesk validate` against a bare PyYAML CSafeLoader parse of the same files.

    python -m bench.validate [N …]            (default: 1000 5000 10000 50000)
    python -m bench.validate --lexical [N …]  (matching without the sentence encoder)
    python -m bench.validate --profile N      (where one process spends a cold run)

Prints a Markdown table. "bare parse" reads and parses every file with
yaml.load(Loader=CSafeLoader) in one process, nothing else. "cold" is the whole
`factdesk validate` command in a fresh interpreter (start-up and imports included) with
no `.cache/factdesk/` at all (no cached Facts, no matching caches), on every core. The two
alternate, three rounds, and each round's ratio divides the command's time by the mean of
the bare parses just before and after it, so that the machine's load moving between
measurements moves both sides of the ratio. "warm" is the same command right after one
claim file changed, reading the others' results from the cache (best of three, a
different file each time). "CPU cold / bare" divides the CPU seconds of a cold run (every
process, workers included) by those of a bare parse: what the ratio would be on one idle
core, and the figure that a loaded machine disturbs least.
"""

from __future__ import annotations

import cProfile
import os
import platform
import pstats
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

import yaml

from bench.synth import write_kb
from factdesk.check.cache import CACHE_DIR

ROUNDS = 3


def bare_parse(root: Path) -> float:
    return bare_parse_cpu(root)[0]


def bare_parse_cpu(root: Path) -> tuple[float, float]:
    """Wall and CPU seconds of reading and parsing every file in this process."""
    files = sorted(root.rglob("*.yaml"))
    start, cpu = time.perf_counter(), time.process_time()
    for path in files:
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    return time.perf_counter() - start, time.process_time() - cpu


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def command(root: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall time and peak RSS (MB) of `factdesk validate` in a new interpreter."""
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "factdesk", "validate", "--root", str(root)],
        capture_output=True,
        text=True,
        env=env,
    )
    elapsed = time.perf_counter() - start
    assert proc.returncode == 0, proc.stdout[:2000]
    return elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def cold(root: Path, env: dict[str, str]) -> tuple[float, float]:
    shutil.rmtree(root / CACHE_DIR, ignore_errors=True)
    return command(root, env)


def warm(root: Path, env: dict[str, str]) -> float:
    """Best of three warm runs, each after one more claim file changed."""
    times = []
    for i in range(3):
        with (root / "claims" / f"claim-{i:06d}.yaml").open("a") as handle:
            handle.write(f"# edited {i}\n")
        times.append(command(root, env)[0])
    return min(times)


class Rounds(NamedTuple):
    bares: list[float]
    colds: list[float]
    ratios: list[float]  # cold wall / bare wall, each against the bare parses beside it
    cpu_ratio: float  # CPU seconds of every cold run (all processes) / of every bare parse
    peak: float


def ratios(root: Path, env: dict[str, str]) -> Rounds:
    """Bare parses and cold runs, alternating, and what they compare to."""
    first = bare_parse_cpu(root)
    bares, bare_cpu = [first[0]], first[1]
    colds: list[float] = []
    found: list[float] = []
    peak, cold_cpu = 0.0, 0.0
    for _ in range(ROUNDS):
        before = children_cpu()
        elapsed, peak = cold(root, env)
        cold_cpu += children_cpu() - before
        wall, cpu = bare_parse_cpu(root)
        bares.append(wall)
        bare_cpu += cpu
        colds.append(elapsed)
        found.append(elapsed / statistics.mean(bares[-2:]))
    cpu_ratio = (cold_cpu / ROUNDS) / (bare_cpu / (ROUNDS + 1))
    return Rounds(bares, colds, found, cpu_ratio, peak)


def main(sizes: list[int], *, lexical: bool) -> None:
    env = dict(os.environ)
    if lexical:
        env["FACTDESK_NO_ENCODER"] = "1"
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, libyaml {yaml.__with_libyaml__}; "
        f"matching: {'lexical' if lexical else 'as installed'}; "
        f"load before: {os.getloadavg()[0]:.1f}"
    )
    print()
    print(
        "| claims | files | bare parse s | cold validate s | cold / bare (median, range) | "
        "x as fast as bare | CPU cold / bare | peak MB | warm s | load after |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = write_kb(Path(tmp), n)
            files = n + n // 2
            got = ratios(root, env)
            again = warm(root, env)
            mid, found = statistics.median(got.ratios), got.ratios
            print(
                f"| {n:,} | {files:,} | {statistics.median(got.bares):.2f} | "
                f"{statistics.median(got.colds):.2f} | "
                f"{mid:.2f} ({min(found):.2f}-{max(found):.2f}) | "
                f"{1 / mid:.2f}x | {got.cpu_ratio:.2f} | {got.peak:,.0f} | {again:.2f} | "
                f"{os.getloadavg()[0]:.1f} |",
                flush=True,
            )


def profile(n: int) -> None:
    """cProfile of a cold validation in one process (the workers' share included), timed
    in CPU seconds: on a shared machine, wall time charges whatever function was running
    when the process was descheduled."""
    from factdesk.check.incremental import check_root

    with tempfile.TemporaryDirectory() as tmp:
        root = write_kb(Path(tmp), n)
        profiler = cProfile.Profile(time.process_time)
        profiler.enable()
        check_root(root, use_cache=False, parallel=False)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(30)


if __name__ == "__main__":
    args = sys.argv[1:]
    numbers = [int(a) for a in args if not a.startswith("--")]
    if "--profile" in args:
        profile(numbers[0] if numbers else 10000)
    else:
        main(numbers or [1000, 5000, 10000, 50000], lexical="--lexical" in args)
