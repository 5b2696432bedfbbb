"""Search and browse at scale, measured in headless Chromium.

    python -m bench.search [N …]      (default: 1000 10000)

For each N it builds a synthetic site once with both Material's search index and Pagefind,
then measures: bytes downloaded and time until the first result appears, for each engine;
the browse page's first load and the time a filter over every claim takes. Also prints the
build's wall time and peak memory. Prints Markdown tables.
"""

from __future__ import annotations

import contextlib
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.synth import write_site
from browser import chromium, serve_directory

# A word of the synthetic vocabulary: it is in every claim, the worst case for an index.
COMMON = "evidence"


def build(root: Path, site: Path) -> tuple[float, float]:
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("  - factdesk:\n", "  - factdesk:\n      search: pagefind\n")
    )
    start = time.perf_counter()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "factdesk",
            "build",
            "--root",
            str(root),
            "--site-dir",
            str(site),
            "-q",
        ],
        capture_output=True,
        text=True,
    )
    if proc.returncode:
        raise SystemExit(proc.stderr[-3000:])
    return time.perf_counter() - start, resource.getrusage(
        resource.RUSAGE_CHILDREN
    ).ru_maxrss / 1024


def first_result(
    browser: Any, url: str, box: str, result: str, prefix: str, query: str
) -> tuple[float, int, int]:
    """Milliseconds from typing the query to the first result; bytes of search data (index,
    filters, fragments) and of everything fetched under `prefix` (code included)."""
    context = browser.new_context()
    page = context.new_page()
    fetched: dict[str, int] = {}

    def count(response: Any) -> None:
        if prefix in response.url:
            with contextlib.suppress(Exception):  # an aborted response has no body
                fetched[response.url] = len(response.body())

    page.on("response", count)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.click(box)
    start = time.perf_counter()
    page.keyboard.type(query)
    page.locator(result).first.wait_for(timeout=300_000)
    elapsed = (time.perf_counter() - start) * 1000
    page.wait_for_load_state("networkidle")
    context.close()
    data_suffixes = (".json", ".pf_index", ".pf_meta", ".pf_filter", ".pf_fragment")
    data = sum(v for k, v in fetched.items() if k.endswith(data_suffixes))
    return elapsed, data, sum(fetched.values())


def browse(browser: Any, url: str) -> tuple[int, float, float]:
    """First-load bytes of the browse page (HTML, its CSS and JS), index load and filter ms."""
    context = browser.new_context()
    page = context.new_page()
    sizes: dict[str, int] = {}
    page.on("response", lambda r: sizes.__setitem__(r.url, len(r.body())) if r.ok else None)
    page.goto(url + "browse/")
    page.wait_for_load_state("networkidle")
    first = sum(v for k, v in sizes.items() if "/browse/" in k or "factdesk" in k)
    start = time.perf_counter()
    page.select_option("select[name=rating]", "false")
    page.wait_for_function("document.getElementById('fd-browse').dataset.state === 'filtered'")
    loaded = (time.perf_counter() - start) * 1000
    page.fill("input[name=q]", "number 1")
    page.wait_for_function("document.getElementById('fd-browse').dataset.state === 'filtered'")
    filter_ms = float(page.get_attribute("#fd-browse", "data-filter-ms") or "nan")
    context.close()
    return first, loaded, filter_ms


def main(sizes: list[int]) -> None:
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    rows = []
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = write_site(Path(tmp) / "kb", n)
            site = Path(tmp) / "site"
            seconds, peak = build(root, site)
            rare = str(n // 2)  # "Claim number <n/2>": a word of one claim
            find = (".pagefind-ui__search-input", ".pagefind-ui__result-link", "/pagefind/")
            with serve_directory(site) as url, chromium() as browser:
                pf = first_result(browser, url + "find/", *find, rare)
                pf_all = first_result(browser, url + "find/", *find, COMMON)
                md = first_result(
                    browser, url, ".md-search__input", ".md-search-result__item", "/search/", rare
                )
                first, loaded, filter_ms = browse(browser, url)
            index_size = (site / "api" / "browse.json").stat().st_size
            rows.append((n, seconds, peak, md, pf, pf_all, first, index_size, loaded, filter_ms))
    print()
    print(
        "| claims | build s | build peak MB | Material: search data KB, first result ms "
        "| Pagefind, one claim: search data KB (with code), ms "
        "| Pagefind, word in every claim: KB, ms |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for n, seconds, peak, md, pf, pf_all, *_ in rows:
        print(
            f"| {n:,} | {seconds:.0f} | {peak:,.0f} | {md[1] / 1024:,.0f} KB, {md[0]:,.0f} ms "
            f"| {pf[1] / 1024:,.0f} KB ({pf[2] / 1024:,.0f} KB), {pf[0]:,.0f} ms "
            f"| {pf_all[1] / 1024:,.0f} KB, {pf_all[0]:,.0f} ms |"
        )
    print()
    print(
        "| claims | browse first load KB | browse.json KB | first filter incl. fetch ms "
        "| filter over all claims ms |"
    )
    print("| ---: | ---: | ---: | ---: | ---: |")
    for row in rows:
        n, first, index_size, loaded, filter_ms = row[0], *row[6:]
        print(
            f"| {n:,} | {first / 1024:,.0f} | {index_size / 1024:,.0f} | {loaded:,.0f} "
            f"| {filter_ms:.1f} |"
        )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000])
