"""`factdesk serve` answers from the last session's preview while it builds the site
again (preview.py)."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from bench.synth import write_site

from factdesk.preview import (
    STAMP_FILE,
    earlier_outputs,
    preview_dir,
    read_stamp,
    write_stamp,
)

WANTED = {"format": 1, "version": "1", "url": "http://127.0.0.1:1/", "inputs": [["a", 1, 2]]}


def _preview(tmp_path: Path, stamp: object) -> Path:
    site = tmp_path / "preview"
    site.mkdir()
    (site / "index.html").write_text("<p>home</p>")
    if stamp is not None:
        text = stamp if isinstance(stamp, str) else json.dumps(stamp)
        (site / STAMP_FILE).write_text(text)
    return site


def test_a_preview_built_from_the_same_inputs_is_reused(tmp_path: Path) -> None:
    site = _preview(tmp_path, None)
    write_stamp(site, WANTED, ["claims/a.md", "api/claims.json"])
    assert earlier_outputs(site, WANTED) == ["claims/a.md", "api/claims.json"]


@pytest.mark.parametrize(
    "stamp",
    [
        None,  # the first session, or one stopped during a build
        "{not json",
        "[1, 2]",
        {**WANTED, "version": "0", "outputs": []},  # another factdesk
        {**WANTED, "url": "http://127.0.0.1:2/", "outputs": []},  # another address
        {**WANTED, "inputs": [["a", 1, 3]], "outputs": []},  # mkdocs.yml or docs/ changed
        {**WANTED, "outputs": [1, 2]},
        WANTED,  # no list of outputs
    ],
)
def test_any_other_preview_is_built_first(tmp_path: Path, stamp: object) -> None:
    assert earlier_outputs(_preview(tmp_path, stamp), WANTED) is None


def test_a_preview_without_its_home_page_is_built_first(tmp_path: Path) -> None:
    site = _preview(tmp_path, {**WANTED, "outputs": []})
    (site / "index.html").unlink()
    assert earlier_outputs(site, WANTED) is None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Serving:
    """One `factdesk serve` session in a process of its own, its log in a file."""

    def __init__(self, root: Path, log: Path, port: int) -> None:
        self.port, self.log = port, log
        command = [sys.executable, "-m", "factdesk", "serve", "--root", str(root)]
        with log.open("w") as out:
            self.proc = subprocess.Popen(
                [*command, "-a", f"127.0.0.1:{self.port}"], stdout=out, stderr=subprocess.STDOUT
            )

    def lines(self) -> list[str]:
        return self.log.read_text(encoding="utf-8", errors="replace").splitlines()

    def wait_for(self, words: str, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(words in line for line in self.lines()):
                return
            assert self.proc.poll() is None, "\n".join(self.lines()[-20:])
            time.sleep(0.2)
        raise AssertionError(f"no {words!r} in\n" + "\n".join(self.lines()[-20:]))

    def status(self, path: str) -> tuple[int, str]:
        try:
            url = f"http://127.0.0.1:{self.port}/bench/{path}"
            with urllib.request.urlopen(url, timeout=10) as answer:
                return answer.status, answer.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, ""

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)

    def order(self, *words: str) -> list[int]:
        """Where each of `words` first shows in the log."""
        lines = self.lines()
        return [next(i for i, line in enumerate(lines) if w in line) for w in words]


def test_the_next_session_serves_the_last_preview_while_it_builds(tmp_path: Path) -> None:
    root = write_site(tmp_path / "kb", 20)
    port = _free_port()  # the same address: pages hold it (another one builds first)
    first = Serving(root, tmp_path / "first.log", port)
    try:
        first.wait_for("Serving on")
        assert first.status("claims/claim-000019/")[0] == 200
    finally:
        first.stop()
    built, serving = first.order("Documentation built", "Serving on")
    assert built < serving, "with no preview yet, the site is built before it is served"
    assert read_stamp(preview_dir(root)) is not None

    # Between the sessions a claim is deleted and another is edited.
    (root / "claims" / "claim-000019.yaml").unlink()
    edited = root / "claims" / "claim-000001.yaml"
    edited.write_text(
        "\n".join(
            "title: Edited between sessions" if line.startswith("title:") else line
            for line in edited.read_text(encoding="utf-8").splitlines()
        )
        + "\n",
        encoding="utf-8",
    )
    second = Serving(root, tmp_path / "second.log", port)
    try:
        second.wait_for("Documentation built")
        serving, built = second.order("Serving on", "Documentation built")
        assert serving < built, "the last preview is served while the site is built again"
        assert second.status("claims/claim-000019/")[0] == 404, "a deleted claim's page goes"
        status, page = second.status("claims/claim-000001/")
        assert status == 200 and "Edited between sessions" in page
    finally:
        second.stop()
