"""Benchmark the claim history a build reads from git, against the build itself.

    python -m bench.history [CLAIMS COMMITS] [--folders] [--full] [--keep=DIR]
                                                        (default: 10000 50000)

A synthetic desk: CLAIMS claims (and half as many sources) added one commit each, then
edits up to COMMITS commits in all, one claim per commit: a new rating in one edit of
five, a rewritten conclusion in one of five, the analysis otherwise. The repository is
written with `git fast-import`, in seconds. Measured: reading every history
(`load/revisions.histories`), and the generator's share of a build (validation and
rendering every page and file in this process), which is less than a whole build, so the
share printed is an upper bound; `--full` also times `factdesk build` with MkDocs.
Cold is a read without a cache; warm, the next build's read after one new commit, with
the cache the previous build left (load/history_cache.py); the cold pass is also timed
step by step. `--keep=DIR` writes the repository into DIR, or reuses the one an earlier
run left there (same CLAIMS, COMMITS and layout), since writing it takes minutes.
`--folders` puts the claims in sub-folders of 100 (claims/042/claim-004200.yaml), as a
large desk would (sub-folders are allowed; ids stay the file names): git compares a
commit's trees folder by folder, so one flat folder of 10,000 files costs git a walk of
all 10,000 entries for every commit. Prints a Markdown table.
"""

from __future__ import annotations

import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from bench.synth import claim_text, write_site
from factdesk.check.pipeline import validate_root
from factdesk.load import revisions
from factdesk.load.history_cache import HISTORY_FILE, open_history_cache
from factdesk.load.revisions import histories
from factdesk.render import render_site

RATINGS = ("true", "mostly-true", "half-true", "mostly-false", "false")
T = TypeVar("T")


def _blob(path: str, text: str) -> bytes:
    data = text.encode("utf-8")
    return b"M 100644 inline " + path.encode() + b"\ndata %d\n" % len(data) + data + b"\n"


def _commit(number: int, files: list[bytes]) -> bytes:
    stamp = 1_700_000_000 + number * 600  # ten minutes apart
    message = b"edit"
    head = (
        b"commit refs/heads/main\n"
        + b"committer Bench <bench@example.org> %d +0000\n" % stamp
        + b"data %d\n" % len(message)
        + message
        + b"\n"
    )
    return head + b"".join(files) + b"\n"


def claim_path(i: int, folders: bool) -> str:
    return f"claims/{i // 100:03d}/claim-{i:06d}.yaml" if folders else f"claims/claim-{i:06d}.yaml"


def stream(root: Path, claims: int, commits: int, folders: bool, seed: int = 1) -> Iterator[bytes]:
    """The fast-import stream: the desk's current files first, then one commit per claim
    and the edits; the last version of each claim is the one left on disk."""
    rng = random.Random(seed)
    n_sources = max(1, claims // 2)
    others = [p for p in root.rglob("*") if p.is_file() and not {"claims", ".git"} & set(p.parts)]
    first = [_blob(p.relative_to(root).as_posix(), p.read_text()) for p in others]
    yield _commit(0, first)
    texts = {}
    for i in range(claims):
        texts[i] = claim_text(i, n_sources, rng)
        yield _commit(i + 1, [_blob(claim_path(i, folders), texts[i])])
    for number in range(claims + 1, commits):
        i = rng.randrange(claims)
        text, roll = texts[i], rng.random()
        lines = text.split("\n")
        if roll < 0.2:
            at = next(n for n, line in enumerate(lines) if line.startswith("rating:"))
            lines[at] = f'rating: "{rng.choice(RATINGS)}"'
        elif roll < 0.4:
            at = next(n for n, line in enumerate(lines) if line.startswith("conclusion:"))
            lines[at] = f"conclusion: Rewritten in commit {number}."
        else:
            at = next(n for n, line in enumerate(lines) if line.startswith("analysis:"))
            lines[at + 1] = f"  Edited in commit {number}."
        texts[i] = "\n".join(lines)
        yield _commit(number, [_blob(claim_path(i, folders), texts[i])])


def build_repository(root: Path, claims: int, commits: int, folders: bool) -> float:
    start = time.perf_counter()
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    importer = subprocess.Popen(
        ["git", "-C", str(root), "fast-import", "--quiet"], stdin=subprocess.PIPE
    )
    assert importer.stdin is not None
    for chunk in stream(root, claims, commits, folders):
        importer.stdin.write(chunk)
    importer.stdin.close()
    if importer.wait():
        raise SystemExit("git fast-import failed")
    # The working tree becomes the last commit: the records the build validates (the
    # synthetic desk's own claim files were never committed; the history wrote them).
    shutil.rmtree(root / "claims")
    subprocess.run(["git", "-C", str(root), "reset", "-q", "--hard", "main"], check=True)
    return time.perf_counter() - start


def best_of(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def timed(work: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    done = work()
    return done, time.perf_counter() - start


def profile(root: Path) -> dict[str, float]:
    """The cold pass step by step: what git costs, and what Python does with it."""
    chain, listed = timed(lambda: revisions.first_parent_chain(root))
    out, diffed = timed(lambda: revisions._diff(root, chain, ("claims",)))
    commits = list(revisions._commits(out))
    snaps, parsed = timed(lambda: revisions._snapshots(root, commits))
    _, walked = timed(lambda: revisions.Replay().apply(commits, snaps))
    return {"rev-list": listed, "diff-tree": diffed, "blobs+parse": parsed, "walk": walked}


def one_more_commit(root: Path) -> None:
    """A new rating for the first claim, committed: what the next build finds."""
    path = next(p for p in sorted((root / "claims").rglob("*.yaml")))
    text = path.read_text(encoding="utf-8")
    rating = next(line for line in text.split("\n") if line.startswith("rating:"))
    other = 'rating: "false"' if rating != 'rating: "false"' else 'rating: "true"'
    path.write_text(text.replace(rating, other, 1), encoding="utf-8")
    subprocess.run(["git", "-C", str(root), "commit", "-qam", "one more"], check=True)


def warm_read(root: Path, cache_dir: Path) -> float:
    """A build's history read with the cache the previous build left, one commit back."""
    cache = open_history_cache(cache_dir)
    assert cache is not None, "no signing key"
    histories(root, cache)  # the previous build, at HEAD: writes the cache
    saved = (cache_dir / HISTORY_FILE).read_bytes()
    one_more_commit(root)
    expected = histories(root)

    def read() -> None:
        (cache_dir / HISTORY_FILE).write_bytes(saved)
        assert histories(root, open_history_cache(cache_dir)) == expected

    try:
        return best_of(3, read)
    finally:
        subprocess.run(["git", "-C", str(root), "reset", "-q", "--hard", "HEAD~1"], check=True)


def repository(where: Path, claims: int, commits: int, folders: bool) -> tuple[Path, float]:
    """The synthetic desk in `where`, written unless an earlier run left it there."""
    if (where / ".git").is_dir():
        return where, 0.0
    root = write_site(where, claims)
    return root, build_repository(root, claims, commits, folders)


def main(claims: int, commits: int, folders: bool, full: bool, keep: Path | None) -> None:
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        root, made = repository(keep or Path(tmp) / "kb", claims, commits, folders)
        found = histories(root)
        events = sum(len(e) for e in found.values())
        history_s = best_of(2, lambda: histories(root))
        steps = profile(root)
        warm_s = warm_read(root, Path(tmp) / "cache")

        def generator_build() -> None:
            result = validate_root(root, parallel=True)
            result.kb.history = found
            render_site(result.kb)

        build_s = best_of(2, generator_build)
        layout = "sub-folders of 100" if folders else "one folder"
        print(f"repository: {claims} claims ({layout}), {commits} commits, written in {made:.1f} s")
        print("cold pass, step by step: " + ", ".join(f"{k} {v:.2f} s" for k, v in steps.items()))
        print(f"load average after the run: {os.getloadavg()[0]:.1f}")
        print()
        print(
            "| claims | commits | events | cold s | warm s (1 new commit) "
            "| generator build s | cold share | warm share |"
        )
        print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        print(
            f"| {claims} | {commits} | {events} | {history_s:.2f} | {warm_s:.2f} | {build_s:.2f} "
            f"| {history_s / (build_s + history_s):.1%} | {warm_s / (build_s + warm_s):.1%} |"
        )
        if full:
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "factdesk", "build", "--root", str(root), "--quiet"],
                check=True,
                capture_output=True,
            )
            whole = time.perf_counter() - start
            print(
                f"\nfactdesk build (with history): {whole:.1f} s; history {history_s / whole:.1%}"
            )


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    keep = next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--keep=")), None)
    main(
        int(args[0]) if args else 10_000,
        int(args[1]) if len(args) > 1 else 50_000,
        "--folders" in sys.argv,
        "--full" in sys.argv,
        Path(keep) if keep else None,
    )
