"""Benchmark `factdesk build` against plain `mkdocs build` of the same pages pre-rendered.

    python -m bench.build [N …]                 (default: 100 1000 5000)
    python -m bench.build --scale [N …]         (default: 1000 10000 50000)
    python -m bench.build --scale --lexical …   (matching without the sentence encoder)
    python -m bench.build --scale --no-material-search …   (no `search` plugin, as advised
                                                 for a large desk searched with Pagefind)
    python -m bench.build --scale --cards=FOLDER …   (share cards kept in FOLDER from one
                                                 run to the next, as a deploy keeps them)

The difference between the two is the generator's own share of the build: validation,
rendering and the plugin's work. Each build runs twice, alternating, and the faster run
counts. Prints a Markdown table.

`--scale` builds each desk once, with no plain MkDocs build beside it (at 50,000 claims
one build takes many minutes), and prints each build's own wall time and peak memory, and
seconds per 1,000 claims, which stays flat when the build time is linear in N.
"""

from __future__ import annotations

import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.synth import write_plain_site, write_site
from factdesk.render.cards import CACHE_FOLDER as CARDS_CACHE


def timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and the peak RSS (MB) of the biggest child so far."""
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{proc.stderr[-3000:]}")
    return elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


class TreeMemory:
    """The peak of the memory a process and all its descendants hold together, sampled
    twice a second: the sum of their proportional set sizes (PSS), so that pages forked
    processes share count once. (A process's own peak RSS, from wait4, is the largest
    single process's: a build that forks a process per core holds more than that.)"""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_kb = 0
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()

    def stop(self) -> float:
        """The peak in MB."""
        self.done.set()
        self.thread.join()
        return self.peak_kb / 1024

    def _watch(self) -> None:
        while not self.done.wait(0.5):
            self.peak_kb = max(self.peak_kb, sum(_pss_kb(pid) for pid in _tree(self.pid)))


def _tree(root: int) -> list[int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += [child for child, parent in parents.items() if parent == pid]
    return found


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def one_build(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, this build's largest process's peak RSS (MB), from wait4 on its
    process (the RUSAGE_CHILDREN maximum would be the largest of every child so far), and
    the peak of all its processes together (MB, `TreeMemory`)."""
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=log)
        tree = TreeMemory(proc.pid)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        together = tree.stop()
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode:
            log.seek(0)
            tail = log.read()[-3000:].decode(errors="replace")
            raise SystemExit(f"{' '.join(command)} failed:\n{tail}")
    return elapsed, usage.ru_maxrss / 1024, together


def scale(
    sizes: list[int], *, lexical: bool, material_search: bool = True, cards: Path | None = None
) -> None:
    """One `factdesk build` per size: time, peak memory, and time per 1,000 claims.
    `cards`: a folder of share cards per size, put in the desk's cache before the build
    and kept from it after (the synthetic desks are the same from run to run, so are
    their cards): a first run draws every card, the next ones only read them back, as a
    deploy that keeps `.cache/factdesk/cards` does."""
    env = dict(os.environ)
    if lexical:
        env["FACTDESK_NO_ENCODER"] = "1"
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; matching: {'lexical' if lexical else 'as installed'}; "
        f"Material's search plugin: {'yes' if material_search else 'no'}; "
        f"share cards: {'kept in ' + str(cards) if cards else 'every one drawn'}; "
        f"load before: {os.getloadavg()[0]:.1f}"
    )
    print()
    print(
        "| claims | pages | build s | s per 1,000 claims | peak MB, largest process "
        "| peak MB, all processes | site MB | load after |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = write_site(Path(tmp) / "kb", n, material_search=material_search)
            site = Path(tmp) / "site"
            kept = cards / str(n) if cards else None
            if kept is not None and kept.is_dir():
                shutil.copytree(kept, root / CARDS_CACHE)
            command = [sys.executable, "-m", "factdesk", "build", "--root", str(root)]
            elapsed, peak, together = one_build([*command, "--site-dir", str(site)], root, env)
            if kept is not None:
                shutil.rmtree(kept, ignore_errors=True)
                shutil.copytree(root / CARDS_CACHE, kept)
            pages = len(list(site.rglob("index.html")))
            print(
                f"| {n:,} | {pages:,} | {elapsed:.0f} | {elapsed / n * 1000:.1f} | "
                f"{peak:,.0f} | {together:,.0f} | {size_mb(site):,.0f} | "
                f"{os.getloadavg()[0]:.1f} |",
                flush=True,
            )


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
    args = sys.argv[1:]
    numbers = [int(a) for a in args if not a.startswith("--")]
    if "--scale" in args:
        scale(
            numbers or [1000, 10000, 50000],
            lexical="--lexical" in args,
            material_search="--no-material-search" not in args,
            cards=next((Path(a.split("=", 1)[1]) for a in args if a.startswith("--cards=")), None),
        )
    else:
        main(numbers or [100, 1000, 5000])
