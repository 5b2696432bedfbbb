"""The unit tier stays fast: no module in it builds a site or starts a browser."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import TIERS, tier_of

HERE = Path(__file__).parent
# What makes a module belong to a heavier tier than "unit".
HEAVY = {
    "browser": re.compile(r"\bchromium\(|sync_playwright"),
    "site": re.compile(r"^from sitebuild import|\"mkdocs\", \"build\"", re.M),
}


def test_modules_that_build_sites_or_open_browsers_are_not_unit_tests() -> None:
    misplaced = []
    for path in sorted(HERE.glob("test_*.py")):
        if path.name == Path(__file__).name:
            continue
        text = path.read_text(encoding="utf-8")
        needs = [tier for tier, pattern in HEAVY.items() if pattern.search(text)]
        if needs and tier_of(path.stem) == "unit":
            misplaced.append(f"{path.name} ({', '.join(needs)})")
    assert misplaced == [], "place these in conftest.TIERS"


def test_every_listed_module_exists() -> None:
    listed = {module for modules in TIERS.values() for module in modules}
    assert {m for m in listed if not (HERE / f"{m}.py").exists()} == set()
