"""Benchmark the claim history a build reads from git, against the build itself.

    python -m bench.history [CLAIMS COMMITS] [--folders] [--full]   (default: 10000 50000)

A synthetic desk: CLAIMS claims (and half as many sources) added one commit each, then
edits up to COMMITS commits in all, one claim per commit: a new rating in one edit of
five, a rewritten conclusion in one of five, the analysis otherwise. The repository is
written with `git fast-import`, in seconds. Measured: reading every history
(`load/revisions.histories`), and the generator's share of a build (validation and
rendering every page and file in this process), which is less than a whole build, so the
share printed is an upper bound; `--full` also times `factdesk build` with MkDocs.
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
from collections.abc import Iterator
from pathlib import Path

from bench.synth import claim_text, write_site
from factdesk.check.pipeline import validate_root
from factdesk.load.revisions import histories
from factdesk.render import render_site

RATINGS = ("true", "mostly-true", "half-true", "mostly-false", "false")


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


def best_of(runs: int, work: object) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def main(claims: int, commits: int, folders: bool, full: bool) -> None:
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        root = write_site(Path(tmp) / "kb", claims)
        made = build_repository(root, claims, commits, folders)
        found = histories(root)
        events = sum(len(e) for e in found.values())
        history_s = best_of(2, lambda: histories(root))

        def generator_build() -> None:
            result = validate_root(root, parallel=True)
            result.kb.history = found
            render_site(result.kb)

        build_s = best_of(2, generator_build)
        layout = "sub-folders of 100" if folders else "one folder"
        print(f"repository: {claims} claims ({layout}), {commits} commits, written in {made:.1f} s")
        print()
        print("| claims | commits | events | history s | generator build s | history share |")
        print("| ---: | ---: | ---: | ---: | ---: | ---: |")
        print(
            f"| {claims} | {commits} | {events} | {history_s:.2f} | {build_s:.2f} "
            f"| {history_s / (build_s + history_s):.1%} |"
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
    main(
        int(args[0]) if args else 10_000,
        int(args[1]) if len(args) > 1 else 50_000,
        "--folders" in sys.argv,
        "--full" in sys.argv,
    )
