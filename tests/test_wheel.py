"""A desk from the wheel alone: build the wheel, install it into a fresh virtual environment
without the source tree, `factdesk init --example` in an empty folder, build, check the site.

A template, asset or skeleton file that package-data leaves out fails here, as it would
for a desk that installs factdesk from PyPI.

The new environment gets factdesk only from the wheel. Its dependencies are this test
run's own installed packages, reached through a folder of links to them (factdesk's own
entries left out) instead of downloaded again: the same packages pip would install, in
seconds rather than minutes.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from factdesk.render.urls import Layout, language_prefix

from conftest import REPO

PACKAGE = REPO / "generator" / "factdesk"
CLAIM = "pyongyang-best-nightlife"
# The desk `init --example` makes publishes English and Korean, each in its folder.
EN = Layout(language_prefix("en", multilingual=True))


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    proc = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert proc.returncode == 0, f"{command}\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout


def build_wheel(tmp: Path) -> Path:
    """The wheel, built from a copy of what the sdist holds (no stray build files here)."""
    source = tmp / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc")
    shutil.copytree(REPO / "generator", source / "generator", ignore=ignore)
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", str(source), "-w", "dist"], tmp)
    (wheel,) = (tmp / "dist").glob("factdesk-*.whl")
    return wheel


def _is_factdesk(name: str) -> bool:
    return name == "factdesk" or name.startswith(("factdesk-", "__editable__.factdesk"))


def dependencies(tmp: Path) -> Path:
    """A folder of links to every installed package but factdesk."""
    folder = tmp / "dependencies"
    folder.mkdir()
    paths = sysconfig.get_paths()
    for site in dict.fromkeys((paths["purelib"], paths["platlib"])):
        for entry in Path(site).iterdir():
            target = folder / entry.name
            if not _is_factdesk(entry.name) and not target.exists():
                target.symlink_to(entry, target_is_directory=entry.is_dir())
    return folder


def fresh_venv(tmp: Path, wheel: Path) -> Path:
    venv = tmp / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)], tmp)
    python = venv / "bin" / "python"
    site = run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], tmp
    )
    Path(site.strip(), "dependencies.pth").write_text(f"{dependencies(tmp)}\n")
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "-q",
            "--no-deps",
            str(wheel),
        ],
        tmp,
    )
    return venv


def clean_env() -> dict[str, str]:
    """No PYTHONPATH, no virtual environment of the test run's: only the new venv."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["CI"] = "1"  # no progress bars
    return env


def non_python_files(names: list[str]) -> set[str]:
    return {n for n in names if not n.endswith((".py", ".pyc")) and "__pycache__" not in n}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_wheel(tmp_path_factory.mktemp("wheel"))


@pytest.fixture(scope="module")
def desk(wheel: Path) -> tuple[Path, Path, Path]:
    """(the wheel, the venv, the desk it started and built), made once for the module."""
    tmp = wheel.parent.parent
    venv = fresh_venv(tmp, wheel)
    empty = tmp / "work"
    empty.mkdir()
    factdesk, env = str(venv / "bin" / "factdesk"), clean_env()
    run([factdesk, "init", "mydesk", "--example"], empty, env)
    run([factdesk, "build"], empty / "mydesk", env)
    return wheel, venv, empty / "mydesk"


def test_factdesk_runs_from_the_new_venv_not_the_source_tree(
    desk: tuple[Path, Path, Path],
) -> None:
    _, venv, mydesk = desk
    where = run(
        [str(venv / "bin/python"), "-c", "import factdesk; print(factdesk.__file__)"],
        mydesk,
        clean_env(),
    )
    assert Path(where.strip()).is_relative_to(venv), where
    assert not Path(where.strip()).is_relative_to(REPO)


def test_the_wheel_holds_every_file_of_the_package(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        shipped = non_python_files(archive.namelist())
    source = [p.relative_to(PACKAGE.parent).as_posix() for p in PACKAGE.rglob("*") if p.is_file()]
    missing = non_python_files(source) - shipped
    assert missing == set(), "add these to [tool.setuptools.package-data] in pyproject.toml"


def test_the_new_desk_s_site_has_claim_pages_with_claimreview(
    desk: tuple[Path, Path, Path],
) -> None:
    site = desk[2] / "site"
    # `init --example` publishes the example's English and Korean: pages in /en/ and /ko/.
    page = (site / EN.claim(CLAIM) / "index.html").read_text()
    [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    [review] = [n for n in json.loads(block)["@graph"] if n["@type"] == "ClaimReview"]
    assert review["url"] == f"https://example.org/{EN.claim(CLAIM)}"
    assert review["claimReviewed"] == "Pyongyang has the best nightlife"
    assert review["author"]["name"] == "Fact-check desk"
    assert review["reviewRating"]["alternateName"]
    # The package's own stylesheet and script, linked and copied into the site.
    for asset in ("factdesk.css", "browse.js"):
        assert (site / "assets" / "factdesk" / asset).is_file(), asset
    assert "assets/factdesk/factdesk.css" in page


def test_the_new_desk_s_home_page_lists_the_latest_fact_checks(
    desk: tuple[Path, Path, Path],
) -> None:
    site = desk[2] / "site"
    home = (site / "index.html").read_text()
    assert "<h1" in home and "Fact-check desk" in home
    latest = set(re.findall(rf'href="{EN.prefix}claims/([a-z0-9-]+)/"', home))
    shipped = {p.stem for p in (desk[2] / "claims").rglob("*.yaml")}
    assert latest and latest <= shipped, "the latest fact-checks, expanded from the marker"
    about = (site / "about" / "index.html").read_text()
    assert "[FILL IN:" in about, "placeholders render as plain text"
