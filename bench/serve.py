"""The edit loop: with `factdesk serve` running on N claims, how long after saving a record
its page shows the change.

    python -m bench.serve [N]      (default: 1000)

Edits one claim's rating three times and prints the seconds from each save to the page
(fetched from the dev server on 127.0.0.1) showing the new rating.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.synth import write_site


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode())
    except OSError:
        return ""


def wait_for(url: str, text: str, limit: float = 300) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if text in fetch(url):
            return time.perf_counter() - start
        time.sleep(0.05)
    raise SystemExit(f"{url} never showed {text!r}")


def main(n: int) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with tempfile.TemporaryDirectory() as tmp:
        root = write_site(Path(tmp) / "kb", n)
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "factdesk",
                "serve",
                "--root",
                str(root),
                "-a",
                f"127.0.0.1:{port}",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            cid = f"claim-{n // 2:06d}"
            url = f"http://127.0.0.1:{port}/bench/claims/{cid}/"
            first = wait_for(url, "fd-verdict")
            path = root / "claims" / f"{cid}.yaml"
            print(f"{n:,} claims: first build and serve {first:.1f} s")
            print()
            print("| save | new rating | seconds until the page shows it |")
            print("| ---: | --- | ---: |")
            for attempt, rating in enumerate(["satire", "unproven", "false"], start=1):
                text = path.read_text()
                current = text.split('rating: "', 1)[1].split('"', 1)[0]
                time.sleep(1.0)  # let the watcher settle after the previous build
                path.write_text(text.replace(f'rating: "{current}"', f'rating: "{rating}"'))
                took = wait_for(url, f'data-rating="{rating}"')
                print(f"| {attempt} | {rating} | {took:.2f} |")
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
