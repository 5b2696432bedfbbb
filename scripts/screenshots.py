"""Build the example site and take the screenshots in manual/docs/screenshots/.

.venv/bin/python -m scripts.screenshots      (or: make screenshots)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from click.testing import CliRunner
from tests.browser import chromium, serve_directory

from factdesk.cli import cli
from factdesk.render.urls import HOME, Layout, language_prefix

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "manual" / "docs" / "screenshots"
# The example desk publishes English and Korean, each language's pages in its folder.
EN = Layout(language_prefix("en", multilingual=True))
KO = Layout(language_prefix("ko", multilingual=True))
MAP = EN.claim("american-occupation-zone-map")  # the claim with a picture and a media review
# A Korean translation quoting the English original, with the language switcher.
TRANSLATED = KO.claim("north-korea-last-rsf-press-freedom-2023-ko")
SHOTS = [
    # (file, path, width, height, colour scheme)
    ("home.png", HOME, 1280, 1100, "light"),
    ("claim.png", MAP, 1280, 2600, "light"),
    ("claim-figures.png", EN.claim("northkoreanlife-followers"), 1280, 2000, "light"),
    ("claim-dark.png", MAP, 1280, 2600, "dark"),
    ("claim-phone.png", MAP, 390, 3600, "light"),
    ("claim-phone-dark.png", MAP, 320, 3900, "dark"),
    ("claim-ko.png", TRANSLATED, 1280, 2000, "light"),
    ("claim-ko-phone-dark.png", TRANSLATED, 390, 3000, "dark"),
    ("browse.png", EN.browse(1), 1280, 1000, "light"),
    ("browse-dark.png", EN.browse(1) + "?rating=false", 1280, 700, "dark"),
    ("browse-phone.png", EN.browse(1), 320, 1400, "light"),
    ("claimant.png", EN.claimant("newsweek"), 1280, 1100, "light"),
    ("claimant-phone-dark.png", EN.claimant("newsweek"), 390, 1300, "dark"),
    ("ratings.png", EN.RATINGS, 1280, 1000, "light"),
    ("ratings-phone.png", EN.RATINGS, 320, 2200, "light"),
    ("stats.png", EN.STATS, 1280, 1200, "dark"),
    ("stats-phone.png", EN.STATS, 390, 1500, "light"),
]


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        result = CliRunner().invoke(cli, ["build", "--root", str(REPO), "--site-dir", str(site)])
        if result.exit_code:
            print(result.output, result.stderr, file=sys.stderr)
            return 1
        OUT.mkdir(parents=True, exist_ok=True)
        with serve_directory(site) as base, chromium() as browser:
            for name, path, width, height, scheme in SHOTS:
                context = browser.new_context(
                    viewport={"width": width, "height": height}, color_scheme=scheme
                )
                page = context.new_page()
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
                # Pictures load lazily: wait until every one on the page has arrived.
                page.evaluate(
                    "Promise.all(Array.from(document.images, i => (i.loading = 'eager',"
                    " i.decode().catch(() => null))))"
                )
                page.screenshot(path=str(OUT / name))
                context.close()
                print(f"wrote manual/docs/screenshots/{name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
