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

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "manual" / "docs" / "screenshots"
SHOTS = [
    # (file, path, width, height, colour scheme)
    ("home.png", "", 1280, 1100, "light"),
    ("claim.png", "claims/northkoreanlife-followers/", 1280, 2000, "light"),
    ("browse.png", "browse/?rating=false", 1280, 900, "light"),
    ("claim-dark.png", "claims/american-occupation-zone-map/", 1280, 1300, "dark"),
    ("claim-phone.png", "claims/north-korea-last-rsf-press-freedom-2023/", 390, 1600, "light"),
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
                page.screenshot(path=str(OUT / name))
                context.close()
                print(f"wrote manual/docs/screenshots/{name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
