"""The claim history's cache in `.cache/factdesk/`: the walk's state at one commit.

A build at HEAD=X keeps what the walk over X's first-parent line found (each claim's last
version, the claim id at each path, the events so far) with X's id. The next build, at a
descendant Y of X, walks only X..Y from there; since the walk is a fold over the commits
in order, that gives exactly what a walk from the first commit would. Anything else
(history rewritten, another branch, a cache written by other code or for the desk at
another place in its repository) means the whole walk again.

The file is signed (load/cachefile.py) and checked before it is
decoded, so a cache committed to the repository is never trusted; a damaged, foreign or
other-version cache is ignored with a notice, never an error.
"""

from __future__ import annotations

import marshal
from pathlib import Path
from typing import Any

from factdesk.load.cachefile import (
    CacheUnreadable,
    code_digest,
    read_signed,
    signing_key,
    write_signed,
)
from factdesk.records.history import Change, HistoryEvent, Snapshot

HISTORY_FILE = "history.bin"
HISTORY_FORMAT = "history-1"
IGNORED = "the claim history cache was ignored ({why}); the whole history was read"

# Each claim's last version, the claim id each path last held, the events found so far.
ReplayState = tuple[dict[str, Snapshot], dict[str, str], dict[str, list[HistoryEvent]]]


def _snapshot_row(s: Snapshot) -> tuple[Any, ...]:
    return (s.id, s.title, s.status, s.rating, s.conclusion, s.evidence, s.corrections)


def _snapshot(row: tuple[Any, ...]) -> Snapshot:
    ident, title, status, rating, conclusion, evidence, corrections = row
    cited = tuple((str(source), str(stance)) for source, stance in evidence)
    return Snapshot(ident, title, status, rating, conclusion, cited, int(corrections))


def _event_row(e: HistoryEvent) -> tuple[Any, ...]:
    return (
        e.date,
        e.commit,
        tuple((c.kind, c.before, c.after, c.added, c.removed) for c in e.changes),
    )


def _event(row: tuple[Any, ...]) -> HistoryEvent:
    date, commit, changes = row
    return HistoryEvent(
        date,
        commit,
        tuple(
            Change(kind, before, after, tuple(map(tuple, added)), tuple(map(tuple, removed)))
            for kind, before, after, added, removed in changes
        ),
    )


class HistoryCache:
    def __init__(self, folder: Path, key: bytes, code: str) -> None:
        self.path = folder / HISTORY_FILE
        self.key = key
        self.code = code
        self.notice = ""  # one line when a cache was there but could not be used

    def load(self, prefix: str) -> tuple[str, ReplayState] | None:
        """(the commit the state was saved at, the state), or None: none, or not usable."""
        try:
            return self._read(prefix)
        except CacheUnreadable as exc:
            self.notice = IGNORED.format(why=exc)
        except (ValueError, EOFError, TypeError, AttributeError):
            self.notice = IGNORED.format(why="it is damaged")
        return None

    def _read(self, prefix: str) -> tuple[str, ReplayState] | None:
        body = read_signed(self.path, self.key)
        if body is None:
            return None
        fmt, code, at_prefix, commit, last, id_at, found = marshal.loads(body)
        if (fmt, code) != (HISTORY_FORMAT, self.code):
            raise CacheUnreadable("written by another version of factdesk")
        if at_prefix != prefix:
            return None  # the desk moved within its repository: its paths changed
        state: ReplayState = (
            {str(cid): _snapshot(row) for cid, row in last.items()},
            {str(path): str(cid) for path, cid in id_at.items()},
            {str(cid): [_event(row) for row in rows] for cid, rows in found.items()},
        )
        return str(commit), state

    def save(self, prefix: str, commit: str, state: ReplayState) -> None:
        last, id_at, found = state
        body = marshal.dumps(
            (
                HISTORY_FORMAT,
                self.code,
                prefix,
                commit,
                {cid: _snapshot_row(s) for cid, s in last.items()},
                dict(id_at),
                {cid: [_event_row(e) for e in events] for cid, events in found.items()},
            )
        )
        write_signed(self.path, self.key, body)


def open_history_cache(folder: Path) -> HistoryCache | None:
    """The cache in `folder` (the desk's `.cache/factdesk/`); None without a signing key."""
    key = signing_key()
    return HistoryCache(folder, key, code_digest()) if key else None
