"""The hostile corpus as knowledge bases: one per refused case, one with every safe case."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from kbfactory import BASE_SOURCE

HOSTILE = Path(__file__).parent / "hostile"
CASES: list[dict[str, str]] = yaml.safe_load((HOSTILE / "cases.yaml").read_text())
SAFE = [c for c in CASES if c["expect"] == "safe"]
# Twins that must not merge: accepted with pages of their own, or refused with FD045.
DISTINCT = [c for c in CASES if c["expect"] == "distinct"]
# The same name written in NFC and in NFD: one claimant, one page.
ONE_NAME = [c for c in CASES if c["expect"] == "one-name"]
REFUSED = [c for c in CASES if c["expect"] not in ("safe", "distinct", "one-name")]
SITE_CONFIG = """\
site_name: hostile
site_url: https://example.org/hostile/
repo_url: https://git.example.org/hostile
theme:
  name: material
plugins:
  - search
  - factdesk
"""


def single_case_kb(root: Path, case: dict[str, str]) -> Path:
    (root / case["kind"]).mkdir(parents=True, exist_ok=True)
    (root / "sources").mkdir(exist_ok=True)
    (root / "sources" / "src-a.yaml").write_text(BASE_SOURCE)
    for name in (case["file"], case.get("with")):
        if name:  # `with`: the twin the case needs beside it
            shutil.copy(HOSTILE / "files" / name, root / case["kind"] / name)
    return root


def safe_kb(root: Path) -> Path:
    for kind in ("claims", "sources", "docs"):
        (root / kind).mkdir(parents=True, exist_ok=True)
    (root / "sources" / "src-a.yaml").write_text(BASE_SOURCE)
    (root / "docs" / "index.md").write_text("# Hostile\n\n<!-- factdesk:latest -->\n")
    (root / "mkdocs.yml").write_text(SITE_CONFIG)
    for case in SAFE:
        shutil.copy(HOSTILE / "files" / case["file"], root / case["kind"] / case["file"])
    return root
