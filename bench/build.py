"""Benchmark `factdesk build` against plain `mkdocs build` of the same pages pre-rendered.

    python -m bench.build [N …]      (default: 100 1000 5000)

The difference between the two is the generator's own share of the build: validation,
rendering and the plugin's work. Each build runs twice, alternating, and the faster run
counts. Prints a Markdown table.
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

from bench.synth import write_plain_site, write_site


def timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and the peak RSS (MB) of the biggest child so far."""
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{proc.stderr[-3000:]}")
    return elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def claim_page_kb(site: Path) -> float:
    pages = sorted((site / "claims").glob("*/index.html"))
    return sum(p.stat().st_size for p in pages) / len(pages) / 1024


def main(sizes: list[int]) -> None:
    python = sys.executable
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print()
    print(
        "| claims | pages | factdesk build s | plain mkdocs s | generator share | "
        "site MB | claim page KB | peak MB |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = write_site(Path(tmp) / "kb", n)
            site = Path(tmp) / "site"
            ours_cmd = [
                python,
                "-m",
                "factdesk",
                "build",
                "--root",
                str(root),
                "--site-dir",
                str(site),
            ]
            rendered = Path(tmp) / "rendered"
            timed(
                [python, "-m", "factdesk", "render", "--root", str(root), "--out", str(rendered)],
                root,
            )
            (Path(tmp) / "plain").mkdir()
            plain_root = write_plain_site(Path(tmp) / "plain", rendered)
            plain_cmd = [
                python,
                "-m",
                "mkdocs",
                "build",
                "-q",
                "--site-dir",
                str(Path(tmp) / "plain-site"),
            ]
            # Alternate, best of two: the first build into a fresh folder pays for the
            # file system's warm-up, whichever build it is.
            runs: dict[str, list[float]] = {"ours": [], "plain": []}
            peak = 0.0
            for _ in range(2):
                elapsed, peak = timed(plain_cmd, plain_root)
                runs["plain"].append(elapsed)
                elapsed, peak = timed(ours_cmd, root)
                runs["ours"].append(elapsed)
            ours, plain = min(runs["ours"]), min(runs["plain"])
            pages = len(list(site.rglob("index.html")))
            share = max(0.0, ours - plain) / ours
            print(
                f"| {n:,} | {pages:,} | {ours:.1f} | {plain:.1f} | {share:.0%} | "
                f"{size_mb(site):.0f} | {claim_page_kb(site):.0f} | {peak:,.0f} |",
                flush=True,
            )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 1000, 5000])
