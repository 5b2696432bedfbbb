"""`factdesk build`, `render` and `serve`."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench.serve import listed_with
from click.testing import CliRunner

from factdesk.cli import cli
from factdesk.render.urls import Layout, language_prefix, page_file
from sitebuild import copy_example

# The example desk publishes English and Korean, each language's pages in its folder.
EN = Layout(language_prefix("en", multilingual=True))


def test_build_refuses_a_broken_knowledge_base(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    path = root / "claims" / "pyongyang-best-nightlife.yaml"
    path.write_text(
        path.read_text().replace("source: newsweek-pro-north-korea-tiktok\n", "source: nope\n", 1)
    )
    result = CliRunner().invoke(
        cli, ["build", "--root", str(root), "--site-dir", str(tmp_path / "s")]
    )
    assert result.exit_code == 1
    assert "FD012 unknown source 'nope'" in result.stderr
    assert not (tmp_path / "s").exists(), "a failed validation writes nothing"


def test_render_writes_only_what_changed(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    out = tmp_path / "out"
    runner = CliRunner()
    first = runner.invoke(cli, ["render", "--root", str(root), "--out", str(out)])
    assert first.exit_code == 0 and " 0 unchanged" in first.stdout
    assert (out / page_file(EN.claim("pyongyang-best-nightlife"))).exists()
    assert (out / "methodology.md").exists() and (out / "api/claims.json").exists()
    assert "<!-- factdesk:latest -->" not in (out / "index.md").read_text()
    again = runner.invoke(cli, ["render", "--root", str(root), "--out", str(out)])
    assert again.stdout.startswith("0 written")
    # The fact-check and its Korean translation go back to draft together (FD115).
    for claim in (root / "claims").rglob("pyongyang-best-nightlife*.yaml"):
        claim.write_text(claim.read_text().replace("status: published", "status: draft"))
    third = runner.invoke(cli, ["render", "--root", str(root), "--out", str(out)])
    # Each version's page, JSON, share card, embed page and oEmbed answer, and its
    # claimant's page in each language (those were the claimant's only claims).
    assert "12 removed" in third.stdout
    assert not (out / "cards/pyongyang-best-nightlife.png").exists()
    assert not (out / page_file(EN.claim("pyongyang-best-nightlife"))).exists()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_serves_the_site_and_rebuilds_on_a_record_edit(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "factdesk", "serve", "--root", str(root), "-a", f"127.0.0.1:{port}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    # MkDocs serves under the path of site_url (https://example.org/factdesk/).
    url = f"http://127.0.0.1:{port}/factdesk/{EN.claim('pyongyang-best-nightlife')}"
    try:
        page = _fetch(url, lambda text: "best nightlife" in text)
        assert "Unproven" in page
        # A verdict changes in every version of the fact-check at once (FD060).
        for claim in (root / "claims").rglob("pyongyang-best-nightlife*.yaml"):
            claim.write_text(claim.read_text().replace("rating: unproven", "rating: misleading"))
        assert "Misleading" in _fetch(url, lambda text: 'data-rating="misleading"' in text)
        # The browse table lists it with its new rating right after (the example desk is in
        # two languages, so the save builds the site again; in one, behind the server).
        browse = f"http://127.0.0.1:{port}/factdesk/{EN.browse(1)}"
        cid = "pyongyang-best-nightlife"
        _fetch(browse, lambda text: listed_with(text, cid, "misleading"), timeout=120)
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def _fetch(url: str, ready: object, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                last = response.read().decode()
            if ready(last):  # type: ignore[operator]
                return last
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} never became ready; last answer: {last[:200]}")


def test_record_warnings_do_not_stop_a_build(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    (root / "sources" / "uncited-report.yaml").write_text(
        "id: uncited-report\ntitle: A report\nkind: report\n"
    )
    result = CliRunner().invoke(
        cli, ["build", "--root", str(root), "--site-dir", str(tmp_path / "s")]
    )
    assert result.exit_code == 0, result.stderr
    assert "warning FD101" in result.stderr
    assert (tmp_path / "s" / EN.source("uncited-report") / "index.html").exists()


def test_render_never_writes_outside_its_folder(tmp_path: Path) -> None:
    import pytest

    from factdesk.render.output import write_tree

    out = tmp_path / "out"
    for bad in ["../escape.md", "/etc/passwd-copy", "a/../../escape.md"]:
        with pytest.raises(ValueError, match="outside"):
            write_tree({bad: b"x"}, out)
    assert not (tmp_path / "escape.md").exists()
