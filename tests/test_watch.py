"""`factdesk serve` learns of changed files from the system's notifications, not by
polling (watch.py); reading a file is not a change, or every build would start another."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from mkdocs.livereload import LiveReloadServer
from watchdog.events import (
    DirModifiedEvent,
    FileClosedEvent,
    FileClosedNoWriteEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileOpenedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers.polling import PollingObserver

from factdesk.watch import ChangesOnly, NotifiedObserver, use_notifications


class Seen(FileSystemEventHandler):
    def __init__(self) -> None:
        self.events: list[FileSystemEvent] = []

    def dispatch(self, event: FileSystemEvent) -> None:
        self.events.append(event)


def test_only_changes_reach_the_handler() -> None:
    seen = Seen()
    changes = ChangesOnly(seen)
    passed = [
        FileCreatedEvent("a"),
        FileModifiedEvent("a"),
        FileClosedEvent("a"),
        FileMovedEvent("a", "b"),
        FileDeletedEvent("b"),
        DirModifiedEvent("d"),
    ]
    for event in [FileOpenedEvent("a"), FileClosedNoWriteEvent("a"), *passed]:
        changes.dispatch(event)
    assert seen.events == passed


@pytest.fixture
def server(tmp_path: Path) -> LiveReloadServer:
    site = tmp_path / "site"
    site.mkdir()
    served = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(site))
    assert isinstance(served.observer, PollingObserver)  # MkDocs 1.6's own
    use_notifications(served)
    return served


def _wants_rebuild(server: LiveReloadServer, within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if server._want_rebuild:
            return True
        time.sleep(0.02)
    return False


def test_a_saved_record_starts_a_build_and_a_read_one_does_not(
    server: LiveReloadServer, tmp_path: Path
) -> None:
    claims = tmp_path / "claims"
    claims.mkdir()
    record = claims / "a.yaml"
    record.write_text("id: a\n")
    assert isinstance(server.observer, NotifiedObserver)
    server.watch(str(claims))
    server.observer.start()
    try:
        time.sleep(0.2)
        assert record.read_text() == "id: a\n"  # as the build reads it
        assert not _wants_rebuild(server, within=0.5)
        record.write_text("id: a\nrating: false\n")
        assert _wants_rebuild(server, within=5)
    finally:
        server.observer.stop()
        server.observer.join()
