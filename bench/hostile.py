"""Time and memory the loader spends on each YAML attack of the hostile corpus.

    python -m bench.hostile

Prints a Markdown table: the diagnostic each file gets, the wall time (best of three) and
the peak memory Python allocates while loading it (tracemalloc).
"""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import yaml

from factdesk.load.loader import load_file

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "hostile"


def main() -> None:
    cases = yaml.safe_load((CORPUS / "cases.yaml").read_text())
    print("| file | size | diagnostic | time ms | peak memory MB |")
    print("| --- | ---: | --- | ---: | ---: |")
    for case in cases:
        if not case["threat"].startswith("YAML attack"):
            continue
        path = CORPUS / "files" / case["file"]
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            load_file(path, case["file"])
            best = min(best, time.perf_counter() - start)
        tracemalloc.start()
        out = load_file(path, case["file"])
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        codes = ", ".join(sorted({d.code for d in out.diagnostics})) or "none"
        print(
            f"| {case['file']} | {path.stat().st_size:,} | {codes} | {best * 1000:.1f} | "
            f"{peak / 1e6:.1f} |"
        )


if __name__ == "__main__":
    main()
