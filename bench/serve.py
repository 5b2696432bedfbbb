"""The edit loop: with `factdesk serve` running on N claims, how long after saving a record
its page, and the pages that list it, show the change.

    python -m bench.serve [N] [SAVES]      (default: 1000 claims, 3 saves)
    python -m bench.serve N --first        (a desk's first start only)

Starts the dev server on a synthetic desk, waits until the middle claim's page is served
(start to ready), then changes that claim's rating SAVES times. For each save it prints
the seconds from the write to the claim page (fetched from the server on 127.0.0.1)
showing the new rating, and to every page that lists the claim (its browse page, its
claimant's page, its topics' pages) showing it in the claim's row. The server's resident
memory is read from /proc after the first save and after the last, and once the preview
is whole (the pages a large desk's first session builds behind the server written, the
preview stamped). Then it stops the server and starts it again on the same address:
"ready again" is the time to the claim's page from the last session's preview, "built
behind" the time until the build that runs behind it has finished.

With --first, no save: from the start of a desk's first session (no preview kept, no
cache), the time until the middle claim's page is served (a page the first build of a
large desk left behind the server, built when asked for), until the browse page is
served, and until the preview is whole (every page written and Pagefind started: its
stamp is written), with the number of claim pages and share cards written by then.
"""

from __future__ import annotations

import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from subprocess import Popen
from typing import IO

from bench.synth import RATINGS, write_site
from factdesk.preview import STAMP_FILE, preview_dir
from factdesk.records.slugs import name_key, name_slug
from factdesk.render import urls
from factdesk.render.pages import BROWSE_PAGE

# A claim in a list: a browse table row or an item of a claim list.
_ITEM = re.compile(r'<tr data-rating=|<li class="fd-claim-item">')


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode())
    except OSError:
        return ""


def wait_for(url: str, ready: Callable[[str], bool], limit: float = 600) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if ready(fetch(url)):
            return time.perf_counter() - start
        time.sleep(0.05)
    raise SystemExit(f"{url} never showed the change")


def listed_with(html: str, cid: str, rating: str) -> bool:
    """The list item that links to claim `cid` shows `rating`."""
    for item in _ITEM.split(html)[1:]:
        if f"/{cid}/" in item.split("</tr>", 1)[0].split("</li>", 1)[0]:
            return f'data-rating="{rating}"' in item.split("</tr>", 1)[0].split("</li>", 1)[0]
    return False


def listings(text: str, index: int) -> list[str]:
    """The pages listing the synthetic claim whose YAML is `text`, `index` in the browse
    order (bench claims share a publication date, so they are listed by id)."""
    name = text.split("  name: ", 1)[1].split("\n", 1)[0]
    topics = text.split("topics:\n", 1)[1].split("\nauthors:", 1)[0]
    pages = [urls.browse(index // BROWSE_PAGE + 1), urls.claimant(name_slug(name_key(name)))]
    return pages + [urls.topic(line.strip("- ")) for line in topics.splitlines()]


def rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(status.split("VmRSS:", 1)[1].split()[0]) / 1024


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_serving(root: Path, port: int, out: IO[str] | int = subprocess.DEVNULL) -> Popen[bytes]:
    """`factdesk serve` on the desk at `root`, on 127.0.0.1:`port`, its output to `out`."""
    command = [sys.executable, "-m", "factdesk", "serve", "--root", str(root)]
    return subprocess.Popen(
        [*command, "-a", f"127.0.0.1:{port}"], stdout=out, stderr=subprocess.STDOUT
    )


def main(n: int, saves: int) -> None:
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        root = write_site(Path(tmp) / "kb", n)
        index = n // 2
        cid = f"claim-{index:06d}"
        base = f"http://127.0.0.1:{port}/bench/"
        path = root / "claims" / f"{cid}.yaml"
        lists = listings(path.read_text(), index)
        started = time.perf_counter()
        server = start_serving(root, port)
        try:
            wait_for(base + urls.claim(cid), lambda html: "fd-verdict" in html)
            ready = time.perf_counter() - started
            print(f"{n:,} claims, load {os.getloadavg()[0]:.1f}: ready after {ready:.1f} s")
            print()
            print("| save | new rating | claim page (s) | listing pages (s) |")
            print("| ---: | --- | ---: | ---: |")
            to_page, to_lists, first_rss = [], [], 0.0
            for attempt in range(1, saves + 1):
                text = path.read_text()
                current = text.split('rating: "', 1)[1].split('"', 1)[0]
                rating = RATINGS[(RATINGS.index(current) + 1) % len(RATINGS)]
                time.sleep(0.5)  # let the watcher settle after the previous build
                saved = time.perf_counter()
                path.write_text(text.replace(f'rating: "{current}"', f'rating: "{rating}"'))
                shown = f'data-rating="{rating}"'
                wait_for(base + urls.claim(cid), lambda html, shown=shown: shown in html)
                to_page.append(time.perf_counter() - saved)
                for page in lists:
                    wait_for(base + page, lambda html, key=rating: listed_with(html, cid, key))
                to_lists.append(time.perf_counter() - saved)
                if attempt == 1:
                    first_rss = rss_mb(server.pid)
                if attempt <= 3 or attempt == saves:
                    print(f"| {attempt} | {rating} | {to_page[-1]:.2f} | {to_lists[-1]:.2f} |")
            print()
            page_s, lists_s = statistics.median(to_page), statistics.median(to_lists)
            print(f"median of {saves} saves: claim page {page_s:.2f} s, listings {lists_s:.2f} s")
            last_rss = rss_mb(server.pid)
            print(f"memory: {first_rss:.0f} MB after the first save, {last_rss:.0f} MB at the end")
            whole = whole_after(root, server) - started
            memory = rss_mb(server.pid)
            print(f"preview whole {whole:.1f} s after the start, memory {memory:.0f} MB")
        finally:
            server.terminate()
            server.wait(timeout=60)
        again(root, port, base + urls.claim(cid), Path(tmp) / "again.log")


def whole_after(root: Path, server: Popen[bytes]) -> float:
    """When the preview is whole (its stamp written): a large desk's first session builds
    its record pages behind the server, after the saves' own work, and the next session
    starts from the preview only once it is whole."""
    stamp = preview_dir(root) / STAMP_FILE
    while not stamp.is_file():
        if server.poll() is not None:
            raise SystemExit("the server stopped")
        time.sleep(0.2)
    return time.perf_counter()


def again(root: Path, port: int, page: str, log: Path) -> None:
    """A second session on the same desk and address: served from the kept preview."""
    started = time.perf_counter()
    with log.open("w") as out:
        server = start_serving(root, port, out)
    try:
        wait_for(page, lambda html: "fd-verdict" in html)
        ready = time.perf_counter() - started
        while "Documentation built" not in log.read_text(errors="replace"):
            time.sleep(0.1)
        behind = time.perf_counter() - started
        print(f"next session: ready again after {ready:.1f} s, built behind after {behind:.1f} s")
    finally:
        server.terminate()
        server.wait(timeout=60)


def first_start(n: int) -> None:
    """A desk's first session, to a whole preview."""
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        root = write_site(Path(tmp) / "kb", n)
        base = f"http://127.0.0.1:{port}/bench/"
        started = time.perf_counter()
        server = start_serving(root, port)
        try:
            claim = f"claim-{n // 2:06d}"
            wait_for(base + urls.claim(claim), lambda html: "fd-verdict" in html)
            ready = time.perf_counter() - started
            wait_for(base + urls.browse(1), lambda html: "fd-browse" in html)
            browse = time.perf_counter() - started
            whole = whole_after(root, server) - started
            site = preview_dir(root)
            pages = len(list((site / "claims").glob("*/index.html")))
            cards = len(list(site.rglob("cards/*.png")))
        finally:
            server.terminate()
            server.wait(timeout=60)
    print(f"{n:,} claims, load {os.getloadavg()[0]:.1f}, a first session:")
    print()
    print("| claim page served (s) | browse page (s) | whole preview (s) | claim pages | cards |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    print(f"| {ready:.1f} | {browse:.1f} | {whole:.1f} | {pages:,} | {cards:,} |")


if __name__ == "__main__":
    if "--first" in sys.argv:
        first_start(int(sys.argv[1]))
    else:
        main(
            int(sys.argv[1]) if len(sys.argv) > 1 else 1000,
            int(sys.argv[2]) if len(sys.argv) > 2 else 3,
        )
