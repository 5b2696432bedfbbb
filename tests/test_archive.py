"""`factdesk archive` against a local stand-in for Save Page Now on 127.0.0.1 only: no
other address is touched."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator

import pytest
from click.testing import CliRunner

from factdesk.check.pipeline import validate_root
from factdesk.cli import cli
from factdesk.tools.archive import ArchiveOptions, archive

from conftest import MakeKB
from kbfactory import BASE_CLAIM

ASKED: list[str] = []


class _SavePageNow(http.server.BaseHTTPRequestHandler):
    """/save/<url>: the first request for a URL is refused (429, Retry-After: 0), the next
    redirects to its snapshot; a URL with 'gone' in it is always 404."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        target = self.path.removeprefix("/save/")
        ASKED.append(target)
        if "gone" in target:
            self._answer(404, {})
        elif ASKED.count(target) == 1:
            self._answer(429, {"Retry-After": "0"})
        else:
            self._answer(302, {"Location": f"/web/20240102030405/{target}"})

    def _answer(self, status: int, headers: dict[str, str]) -> None:
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture
def endpoint() -> Iterator[str]:
    ASKED.clear()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _SavePageNow)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/save/"
    httpd.shutdown()
    httpd.server_close()


SOURCE = """\
# Checked by the desk on 2024-01-02.
id: src-a
title: A source  # as printed
kind: article
url: https://example.org/a
"""
CLAIM = BASE_CLAIM.replace(
    "status: published",
    "appearances:\n  - url: https://example.org/a\n    first: true\n"
    "  - url: https://example.org/gone\nstatus: published",
)


def test_archive_writes_snapshots_back_keeping_comments(make_kb: MakeKB, endpoint: str) -> None:
    root = make_kb({"sources/src-a.yaml": SOURCE, "claims/claim-a.yaml": CLAIM})
    waits: list[float] = []
    report = archive(
        root,
        validate_root(root).kb,
        ArchiveOptions(endpoint, delay=7, backoff=0),
        sleep=waits.append,
    )
    snapshot = f"{endpoint.removesuffix('/save/')}/web/20240102030405/https://example.org/a"
    assert report.archived == ["https://example.org/a"]
    # Asked once per URL however often cited, retried after the 429, then the other URL.
    assert ASKED == ["https://example.org/a", "https://example.org/a", "https://example.org/gone"]
    assert waits == [0.0, 7], "Retry-After, then the delay between two pages"
    text = (root / "sources/src-a.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Checked by the desk on 2024-01-02.\n")
    assert "title: A source  # as printed\n" in text
    assert f"url: https://example.org/a\narchive_url: {snapshot}\narchived: 2024-01-02\n" in text
    claim = (root / "claims/claim-a.yaml").read_text(encoding="utf-8")
    assert f"    archive_url: {snapshot}\n" in claim
    assert [(d.code, d.file, d.line) for d in report.diagnostics] == [
        ("FD114", "claims/claim-a.yaml", 15)
    ]
    result = validate_root(root)
    assert not result.errors and result.kb.sources["src-a"].record.archive_url == snapshot


def test_a_second_run_resumes_from_the_records(make_kb: MakeKB, endpoint: str) -> None:
    root = make_kb({"sources/src-a.yaml": SOURCE, "claims/claim-a.yaml": CLAIM})
    args = ["archive", "--root", str(root), "--endpoint", endpoint, "--delay", "0", "--limit", "1"]
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 0 and "1 left for the next run" in first.stderr
    ASKED.clear()
    second = CliRunner().invoke(cli, [*args[:-2], "--retries", "0"])
    assert ASKED == ["https://example.org/gone"], "what was archived is not asked for again"
    assert second.exit_code == 1 and "FD114" in second.stdout


def test_endpoint_must_be_http(make_kb: MakeKB) -> None:
    result = CliRunner().invoke(
        cli, ["archive", "--root", str(make_kb({})), "--endpoint", "file:///etc/passwd"]
    )
    assert result.exit_code == 2
