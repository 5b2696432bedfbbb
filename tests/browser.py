"""Serve a built site on loopback and open it in headless Chromium (Debian's package).

Used by the browser tests and by `scripts/screenshots.py`; not part of the factdesk
package, which readers' sites and desks never need to run a browser. Playwright drives
the system Chromium; it never downloads a browser of its own.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from factdesk.render.urls import HOME, Layout, language_prefix

CHROMIUM = "/usr/bin/chromium"
# Chromium's background services try to reach the network; this machine has none.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve_directory(folder: Path) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 at a free port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


# One page of each kind a reader reaches: the browser tests (accessibility, phones, third
# parties) and the screenshots go over all of them.
# The example desk publishes English and Korean: each language's pages are in its folder.
EN = Layout(language_prefix("en", multilingual=True))
KO = Layout(language_prefix("ko", multilingual=True))

READER_PAGES = {
    "home": HOME,
    "Korean home": KO.LANGUAGE_HOME,
    "claim": EN.claim("american-occupation-zone-map"),
    "claim with figures": EN.claim("northkoreanlife-followers"),
    # Korean, quoting English: the original wording, quotes and their translations.
    "translated claim": KO.claim("north-korea-last-rsf-press-freedom-2023-ko"),
    "browse": EN.browse(1),
    "claimant": EN.claimant("newsweek"),
    "source": EN.source("newsweek-pro-north-korea-tiktok"),
    "topic": EN.topic("north-korea"),
    "ratings": EN.RATINGS,
    "stats": EN.STATS,
    "corrections": EN.CORRECTIONS,
}


def search_for(page: Any, query: str) -> None:
    """Open Material's search dialog (behind a button on narrow screens), type `query`
    as a reader would, and wait for the results."""
    opener = page.locator("label.md-header__button[for=__search]")
    if opener.is_visible():
        opener.click()
    else:
        page.locator("input.md-search__input").click()
    page.keyboard.type(query)
    page.wait_for_selector(".md-search-result__item")
