"""Build a knowledge base's site once per test module, through `factdesk build`."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from factdesk.cli import cli

from conftest import REPO

SITE_PARTS = ("mkdocs.yml", "docs", "overrides", "claims", "sources", "media")


def copy_example(target: Path) -> Path:
    target.mkdir(parents=True)
    for name in SITE_PARTS:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, target / name)
        else:
            shutil.copy(src, target / name)
    return target


def build(root: Path, site: Path) -> Path:
    result = CliRunner().invoke(cli, ["build", "--root", str(root), "--site-dir", str(site)])
    assert result.exit_code == 0, result.output + result.stderr
    return site
