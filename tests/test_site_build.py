"""The example site builds with `mkdocs build --strict`, and bad records fail the build."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO


def mkdocs_build(root: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_example_site_builds_strict(tmp_path: Path) -> None:
    proc = mkdocs_build(REPO, tmp_path / "site")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "site" / "index.html").exists()
    assert (tmp_path / "site" / "diagnostics" / "index.html").exists()


def test_a_record_error_fails_the_build_with_its_diagnostic(tmp_path: Path) -> None:
    root = tmp_path / "kb"
    root.mkdir()
    for name in ("mkdocs.yml", "docs", "overrides", "claims", "sources", "media"):
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, root / name)
    bad = root / "claims" / "pyongyang-best-nightlife.yaml"
    bad.write_text(bad.read_text().replace("rating: unproven", "rating: unprovn"))
    proc = mkdocs_build(root, tmp_path / "site")
    assert proc.returncode != 0
    assert "claims/pyongyang-best-nightlife.yaml" in proc.stderr
    assert "FD019 unknown rating 'unprovn' (did you mean 'unproven'?)" in proc.stderr
    assert "Traceback" not in proc.stderr


def example_records_desk(root: Path, config: str) -> Path:
    """The example desk's records and pictures, a one-page docs folder and `config`."""
    for name in ("claims", "sources", "media"):
        shutil.copytree(REPO / name, root / name)
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    return root


def test_pagefind_under_another_theme_stops_the_build_instead_of_indexing_nothing(
    tmp_path: Path,
) -> None:
    """Claim pages are marked for Pagefind inside Material's <article>; under MkDocs' own
    theme there is none, and a silently unmarked site would have an empty search."""
    root = example_records_desk(
        tmp_path / "kb",
        "site_name: t\nsite_url: https://example.org/\ntheme:\n  name: mkdocs\n"
        "plugins:\n  - factdesk:\n      search: pagefind\n",
    )
    proc = mkdocs_build(root, tmp_path / "site")
    assert proc.returncode != 0
    assert "Pagefind cannot be told what to index" in proc.stderr + proc.stdout
    assert "Traceback" not in proc.stderr


def test_a_site_without_its_address_is_not_built_for_publishing(tmp_path: Path) -> None:
    """No site_url: `build` stops with FD049 at mkdocs.yml (relative ClaimReview URLs and
    feed ids would be rejected by every consumer); a serve preview only warns."""
    from factdesk.mkdocs_plugin import FactdeskPlugin

    root = example_records_desk(
        tmp_path / "kb", "site_name: t\ntheme:\n  name: material\nplugins:\n  - factdesk\n"
    )
    proc = mkdocs_build(root, tmp_path / "site")
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert "mkdocs.yml:1:1: error FD049 site_url is not set" in proc.stderr + proc.stdout
    plugin = FactdeskPlugin()
    plugin.on_startup(command="serve", dirty=False)
    plugin._check_publishing(root)  # a preview: a warning in the log, no error
