"""check-links against a local HTTP server on 127.0.0.1 only: no other address is touched."""

from __future__ import annotations

import http.server
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from factdesk.check.pipeline import validate_root
from factdesk.cli import cli
from factdesk.tools.links import Checker, Options, check_links

from conftest import MakeKB


class _State:
    flaky_calls = 0
    in_flight = 0
    max_in_flight = 0
    lock = threading.Lock()


class _Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def _answer(self, status: int, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self) -> None:
        if self.path == "/nohead":
            self._answer(405)
        else:
            self.do_GET()

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        if path == "/ok" or path == "/nohead":
            self._answer(200)
        elif path == "/moved":
            self._answer(301, {"Location": "/ok"})
        elif path == "/gone":
            self._answer(404)
        elif path == "/removed":
            self._answer(410)
        elif path == "/error":
            self._answer(500)
        elif path == "/flaky":
            with _State.lock:
                _State.flaky_calls += 1
                first = _State.flaky_calls == 1
            self._answer(503 if first else 200)
        elif path == "/slow":
            time.sleep(1.5)
            self._answer(200)
        elif path == "/drop":
            self.connection.shutdown(socket.SHUT_RDWR)
            self.close_connection = True
        elif path == "/busy":
            with _State.lock:
                _State.in_flight += 1
                _State.max_in_flight = max(_State.max_in_flight, _State.in_flight)
            time.sleep(0.1)
            with _State.lock:
                _State.in_flight -= 1
            self._answer(200)
        else:
            self._answer(404)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def source(sid: str, url: str, archive: str | None = None) -> str:
    text = f"id: {sid}\ntitle: T\nkind: article\nurl: {url}\n"
    return text + (f"archive_url: {archive}\n" if archive else "")


def kb_with_links(make_kb: MakeKB, base: str) -> Path:
    files: dict[str, str | bytes | None] = {
        f"sources/s-{name}.yaml": source(f"s-{name}", f"{base}/{name}", f"{base}/ok")
        for name in ("ok", "moved", "gone", "removed", "error", "slow", "drop", "nohead")
    }
    files["sources/s-unarchived.yaml"] = source("s-unarchived", f"{base}/ok")
    cites = "".join(f"  - source: {sid.split('/')[1][:-5]}\n    stance: context\n" for sid in files)
    claim = (
        "id: claim-a\ntitle: A claim\nclaim: The sky is green\nclaimant:\n  name: Someone\n"
        'rating: "false"\nconclusion: It is not.\n'
        "evidence:\n  - source: src-a\n    stance: refutes\n"
        + cites
        + f"appearances:\n  - url: {base}/gone\n    archive_url: {base}/ok\n"
        "published: 2024-01-02\nstatus: published\n"
    )
    files["claims/claim-a.yaml"] = claim
    return make_kb(files)


def test_each_kind_of_answer(make_kb: MakeKB, server: str) -> None:
    kb = validate_root(kb_with_links(make_kb, server)).kb
    found = check_links(kb, Checker(Options(timeout=0.5, retries=1, backoff=0.01)))
    by_file = {(d.file, d.code) for d in found}
    assert ("sources/s-gone.yaml", "FD301") in by_file
    assert ("sources/s-removed.yaml", "FD301") in by_file
    assert ("sources/s-moved.yaml", "FD302") in by_file
    assert ("sources/s-error.yaml", "FD303") in by_file
    assert ("sources/s-slow.yaml", "FD303") in by_file
    assert ("sources/s-drop.yaml", "FD303") in by_file
    assert ("sources/s-unarchived.yaml", "FD304") in by_file
    for fine in ("s-ok", "s-nohead"):
        assert not any(d.file == f"sources/{fine}.yaml" and d.code != "FD304" for d in found)
    moved = next(d for d in found if d.code == "FD302")
    assert moved.message.endswith(f"to {server}/ok") and moved.line == 4
    appearance = next(d for d in found if d.file == "claims/claim-a.yaml")
    assert appearance.code == "FD301" and "appearance URL" in appearance.message


def test_retries_recover_a_passing_failure(server: str) -> None:
    _State.flaky_calls = 0
    checker = Checker(Options(timeout=1, retries=2, backoff=0.01))
    assert checker.check(f"{server}/flaky").status == 200
    assert _State.flaky_calls == 2
    _State.flaky_calls = 0
    assert Checker(Options(timeout=1, retries=0)).check(f"{server}/flaky").status == 503


def test_per_host_limit_bounds_concurrent_requests(server: str) -> None:
    _State.max_in_flight = 0
    checker = Checker(Options(timeout=2, retries=0, workers=8, per_host=2))
    outcomes = checker.check_all([f"{server}/busy?n={i}" for i in range(12)])
    assert all(o.status == 200 for o in outcomes.values())
    assert _State.max_in_flight <= 2


def test_each_url_is_fetched_once_however_often_cited(make_kb: MakeKB) -> None:
    calls: list[str] = []

    def fake(url: str, timeout: float) -> object:
        from factdesk.tools.links import Outcome

        calls.append(url)
        return Outcome(200)

    kb = validate_root(kb_with_links(make_kb, "http://127.0.0.1:9")).kb
    check_links(kb, Checker(Options(), fetch=fake))  # type: ignore[arg-type]
    assert len(calls) == len(set(calls))
    assert "http://127.0.0.1:9/ok" in calls


def test_command_formats_and_exit_code(make_kb: MakeKB, server: str) -> None:
    root = kb_with_links(make_kb, server)
    result = CliRunner().invoke(
        cli,
        [
            "check-links",
            "--root",
            str(root),
            "--timeout",
            "0.5",
            "--retries",
            "0",
            "--format",
            "github",
        ],
    )
    assert result.exit_code == 1
    assert "::error file=sources/s-gone.yaml,line=4" in result.stdout
    only = CliRunner().invoke(
        cli,
        [
            "check-links",
            "--root",
            str(root),
            "--timeout",
            "0.5",
            "--retries",
            "0",
            str(root / "sources" / "s-ok.yaml"),
        ],
    )
    assert only.exit_code == 0 and only.stdout == ""
