"""Benchmark `factdesk validate` against a bare PyYAML CSafeLoader parse of the same files.

    python -m bench.validate [N …]      (default: 1000 5000 10000 50000)

Prints a Markdown table. "validate" is the whole command in a fresh interpreter (start-up
and imports included) with no cache (it writes one); "warm" is the same command right
after one claim file changed, reading the others' results from .cache/factdesk/ (best of
three, a different file each time); "in-process" is the validation pipeline alone; "bare
parse" reads and parses every file with yaml.load(Loader=CSafeLoader), nothing else.
"""

from __future__ import annotations

import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from bench.synth import write_kb
from factdesk.check.pipeline import validate_root


def bare_parse(root: Path) -> float:
    files = sorted(root.rglob("*.yaml"))
    start = time.perf_counter()
    for path in files:
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    return time.perf_counter() - start


def in_process(root: Path) -> float:
    start = time.perf_counter()
    result = validate_root(root)
    elapsed = time.perf_counter() - start
    assert not result.errors, result.errors[:3]
    return elapsed


def command(root: Path) -> tuple[float, float]:
    """Wall time and peak RSS (MB) of `factdesk validate` in a new interpreter."""
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "factdesk", "validate", "--root", str(root)],
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    assert proc.returncode == 0, proc.stdout[:2000]
    return elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def warm(root: Path) -> float:
    """Best of three warm runs, each after one more claim file changed."""
    times = []
    for i in range(3):
        with (root / "claims" / f"claim-{i:06d}.yaml").open("a") as handle:
            handle.write(f"# edited {i}\n")
        times.append(command(root)[0])
    return min(times)


def main(sizes: list[int]) -> None:
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, libyaml {yaml.__with_libyaml__}"
    )
    print()
    print(
        "| claims | files | bare parse s | in-process s | validate s | records/s | "
        "vs bare parse | peak MB | warm s |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = write_kb(Path(tmp), n)
            files = n + n // 2
            bare = min(bare_parse(root) for _ in range(2))
            inproc = in_process(root)
            wall, peak = command(root)
            again = warm(root)
            print(
                f"| {n:,} | {files:,} | {bare:.2f} | {inproc:.2f} | {wall:.2f} | "
                f"{files / wall:,.0f} | {wall / bare:.2f}x | {peak:,.0f} | {again:.2f} |",
                flush=True,
            )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 5000, 10000, 50000])
