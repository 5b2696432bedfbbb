"""What tells `factdesk serve` that a file changed: the system's change notifications
(inotify on Linux, FSEvents on macOS, ReadDirectoryChangesW on Windows), where MkDocs 1.6
polls.

MkDocs' development server lists and stats every file it watches twice a second: at
10,000 claims, 15,000 files a round, 0.1 s of processor time with the interpreter's lock
held, a fifth of a core for the whole session, taken from the refresh after a save; and
a save is seen a quarter of a second later on average. Notifications cost nothing while
nothing changes and arrive at once. File systems that send none (network shares, some
container mounts) keep MkDocs' polling with `factdesk serve --poll`.
"""

from __future__ import annotations

from typing import Any

from watchdog.events import (
    EVENT_TYPE_CLOSED_NO_WRITE,
    EVENT_TYPE_OPENED,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import ObservedWatch

# Events that report a file being read, not changed: every build opens the records it
# reads, and MkDocs starts a build on any event, so they would start one build after
# another. (Polling never saw them.)
READS = frozenset({EVENT_TYPE_OPENED, EVENT_TYPE_CLOSED_NO_WRITE})


class ChangesOnly(FileSystemEventHandler):
    """Passes `handler` every event but those of reading a file."""

    def __init__(self, handler: FileSystemEventHandler) -> None:
        self.handler = handler

    def dispatch(self, event: FileSystemEvent) -> None:
        if event.event_type not in READS:
            self.handler.dispatch(event)


class NotifiedObserver(Observer):  # type: ignore[misc,valid-type]
    """The platform's notifying observer, telling MkDocs' handlers of changes only."""

    def schedule(
        self, event_handler: FileSystemEventHandler, path: str, **options: Any
    ) -> ObservedWatch:
        watch: ObservedWatch = super().schedule(ChangesOnly(event_handler), path, **options)
        return watch


def use_notifications(server: Any) -> None:
    """Have MkDocs' `LiveReloadServer` learn of changes from the system. Call it before
    anything is watched: the observer's watches are scheduled by `server.watch`."""
    server.observer = NotifiedObserver()
