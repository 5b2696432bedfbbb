"""Records as they were: the desk's git history, read in one pass.

A claim page's history, `factdesk review` and `factdesk diff` compare versions of
records. Every version comes from git in bulk: one `git rev-list` names the commits, one
`git diff-tree --stdin` lists each commit's changed files under claims/ with their blob
ids, and one `git cat-file --batch` reads every distinct blob, so the cost grows with the
number of changes, not with files × commits. A build keeps where its walk got to
(load/history_cache.py), so the next one reads only the commits since.
Without git or outside a repository (a desk unpacked from a tarball) there is no
history, and callers say so instead of failing.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factdesk.load.history_cache import HistoryCache, ReplayState, open_history_cache
from factdesk.load.loader import MAX_BYTES, load_bytes
from factdesk.records.history import Histories, HistoryEvent, Snapshot, changes

_ZERO = "0" * 40
_RECORD_FOLDERS = ("claims", "sources")


class GitError(Exception):
    """git is missing, the folder is not in a repository, or a revision is unknown."""


def git(root: Path, *args: str, data: bytes | None = None) -> bytes:
    """Run git in the desk; its output, or GitError with git's own words."""
    # Plain, prompt-free and locale-free: the output is parsed, never shown as is.
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C", "GIT_PAGER": "cat"}
    command = ["git", "-c", "core.quotePath=false", "-C", str(root), *args]
    try:
        done = subprocess.run(command, input=data, capture_output=True, env=env, check=False)
    except OSError as exc:
        raise GitError(f"git could not be run: {exc.strerror}") from None
    if done.returncode != 0:
        raise GitError(done.stderr.decode("utf-8", "replace").strip() or "git failed")
    return done.stdout


def resolve_revision(root: Path, rev: str) -> str:
    """The commit a revision names (a branch, tag, sha, HEAD~1…), refusing option-like text."""
    if not rev or rev.startswith("-"):
        raise GitError(f"'{rev}' is not a revision")
    try:
        out = git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    except GitError:
        raise GitError(f"no commit '{rev}' in this repository") from None
    return out.decode("ascii").strip()


def read_blobs(root: Path, shas: Iterable[str]) -> dict[str, bytes]:
    """The content of each blob, in one `git cat-file --batch`; blobs over the record size
    limit are read as over-long, so the loader refuses them as it would on disk."""
    wanted = sorted(set(shas))
    if not wanted:
        return {}
    out = git(root, "cat-file", "--batch", data="".join(f"{s}\n" for s in wanted).encode())
    blobs: dict[str, bytes] = {}
    at = 0
    for sha in wanted:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        if len(header) != 3:  # "<sha> missing"
            at = end + 1
            continue
        size = int(header[2])
        blobs[sha] = out[end + 1 : end + 1 + min(size, MAX_BYTES + 1)]
        at = end + 1 + size + 1
    return blobs


def _data(raw: bytes, rel: str) -> dict[str, Any] | None:
    return load_bytes(raw, rel).data


@dataclass(frozen=True)
class FileChange:
    """One record file one commit changed: its path and its new blob ('' when deleted)."""

    path: str
    blob: str


@dataclass(frozen=True)
class Commit:
    sha: str
    date: str  # the committer's date, YYYY-MM-DD: when the change landed
    files: tuple[FileChange, ...]


def _commits(output: bytes) -> Iterator[Commit]:
    """Parse `git log -z --raw --format=%x01%H %cs`: per commit, a header, then pairs of
    ':<modes> <old> <new> <status>' and a path, all NUL-separated."""
    for chunk in output.split(b"\x01")[1:]:
        parts = chunk.split(b"\0")
        sha, date = parts[0].decode("ascii").split(" ")
        files = []
        for meta, path in zip(parts[1::2], parts[2::2], strict=False):
            fields = meta.strip().split(b" ")
            if len(fields) < 5:
                continue
            name = path.decode("utf-8", "replace")
            if name.endswith(".yaml"):
                new = fields[3].decode("ascii")
                files.append(FileChange(name, "" if new == _ZERO else new))
        yield Commit(sha, date, tuple(files))


def first_parent_chain(root: Path, rev: str = "HEAD", since: str | None = None) -> list[str]:
    """'<commit> <first parent>' (a root commit alone) for every commit on `rev`'s
    first-parent line, oldest first; after `since` only, when given."""
    out = git(
        root,
        "rev-list",
        "--first-parent",
        "--parents",
        "--reverse",
        rev,
        *([f"^{since}"] if since else []),
    )
    return [" ".join(line.split(" ")[:2]) for line in out.decode("ascii").splitlines()]


def _diff(root: Path, chain: list[str], folders: tuple[str, ...]) -> bytes:
    """The record files each commit of `chain` changed against its first parent."""
    if not chain:
        return b""
    return git(
        root,
        "diff-tree",
        "--stdin",
        "--root",
        "-r",
        "--no-renames",
        "--raw",
        "--no-abbrev",
        "-z",
        "--relative",
        "--format=%x01%H %cs",
        "--",
        *[f"{f}/" for f in folders],
        data="".join(f"{line}\n" for line in chain).encode("ascii"),
    )


def log_of(root: Path, *folders: str, rev: str = "HEAD", since: str | None = None) -> list[Commit]:
    """Every commit that changed a file under `folders`, oldest first, along the first
    parent (so a merged pull request counts once, on the day it was merged), with paths
    relative to the desk even when the desk is a sub-folder of its repository."""
    # Not `git log -- claims/`: with a path, git compares each commit's trees twice, once
    # to decide whether the commit touched the path and once to list what changed, and
    # in a flat claims/ folder each comparison walks every file. `rev-list` without a
    # path is cheap; `diff-tree` then compares each commit once.
    return _commits_of(root, first_parent_chain(root, rev, since), folders)


def _commits_of(root: Path, chain: list[str], folders: tuple[str, ...]) -> list[Commit]:
    return list(_commits(_diff(root, chain, folders)))


def head_of(root: Path) -> tuple[str, str]:
    """HEAD's commit and the desk's folder in its repository ('' at its top). Raises
    GitError for a shallow clone: it holds the last commits only, so every claim older
    than them would look first published on the day of the oldest one."""
    shallow, prefix, head = (
        git(root, "rev-parse", "--is-shallow-repository", "--show-prefix", "HEAD")
        .decode("utf-8", "replace")
        .split("\n")[:3]
    )
    if shallow == "true":
        raise GitError("a shallow clone; check out the whole history (fetch-depth: 0)")
    return head, prefix


def histories(root: Path, cache: HistoryCache | None = None) -> Histories:
    """Each claim's history from the repository: one pass over the commits, one batch of
    blobs; with a cache, only the commits since the one it was written at. Raises
    GitError when there is no repository to read, or only a shallow clone of one."""
    head, prefix = head_of(root)
    saved = cache.load(prefix) if cache is not None else None
    replay, chain = _resume(root, head, saved)
    commits = _commits_of(root, chain, ("claims",))
    replay.apply(commits, _snapshots(root, commits))
    if cache is not None and (saved is None or saved[0] != head):
        cache.save(prefix, head, (replay.last, replay.id_at, replay.found))
    return replay.histories()


def _resume(
    root: Path, head: str, saved: tuple[str, ReplayState] | None
) -> tuple[Replay, list[str]]:
    """Where to start: the cached state when its commit is on HEAD's first-parent line
    (then only the commits after it are read), otherwise nothing and the whole line."""
    if saved is not None:
        at, state = saved
        replay = Replay(*state)
        if at == head:
            return replay, []
        try:
            chain = first_parent_chain(root, head, since=at)
        except GitError:  # the commit is gone: history rewritten and collected
            chain = []
        # The oldest new commit's first parent is the cached one only when the cached
        # commit lies on HEAD's first-parent line (not rebased away, not another branch).
        if chain and chain[0].split(" ")[1:] == [at]:
            return replay, chain
    return Replay(), first_parent_chain(root, head)


def _snapshots(root: Path, commits: list[Commit]) -> dict[str, Snapshot | None]:
    """Each new blob's Snapshot (None when it does not load)."""
    blobs = read_blobs(root, (f.blob for c in commits for f in c.files if f.blob))
    parsed: dict[bytes, Snapshot | None] = {}
    snaps: dict[str, Snapshot | None] = {}
    for sha, raw in blobs.items():
        # Most commits edit an analysis or a note: versions whose history fields read the
        # same share one parse, of those fields alone (about a third of a record).
        key = history_fields(raw)
        if key not in parsed:
            parsed[key] = _snapshot(key) or _snapshot(raw)
        snaps[sha] = parsed[key]
    return snaps


# The top-level fields a Snapshot reads; each is a block from its key's line to the next
# line that starts at the left margin with anything but a list item or a comment.
_HISTORY_KEYS = ("id", "title", "status", "rating", "conclusion", "evidence", "corrections")
_BLOCK_START = re.compile(rb"(?m)^(?=[^\s#-])")
_KEY = re.compile(rb"""["']?([A-Za-z_]+)["']?\s*:""")


def history_fields(raw: bytes) -> bytes:
    """The blocks of a record's text that hold the fields its history reads. Text that is
    not a plain block mapping gives b"" and is then parsed whole."""
    kept = []
    for block in _BLOCK_START.split(raw):
        match = _KEY.match(block)
        if match and match.group(1).decode() in _HISTORY_KEYS:
            kept.append(block if block.endswith(b"\n") else block + b"\n")
    return b"".join(kept)


def _snapshot(raw: bytes) -> Snapshot | None:
    data = _data(raw, "history") if raw else None
    return Snapshot.of(data, "") if data is not None else None


NO_HISTORY = "no git history to read here ({why}): claim pages are built without their history"


def read_histories(root: Path, cache_dir: Path | None = None) -> tuple[Histories | None, str]:
    """The histories, or None; and the one line a build prints to say why there are none
    (or that a cache in `cache_dir` was ignored), else ''."""
    cache = open_history_cache(cache_dir) if cache_dir is not None else None
    try:
        found = histories(root, cache)
    except GitError as exc:
        why = str(exc).splitlines()[0] if str(exc) else "git failed"
        return None, NO_HISTORY.format(why=why)
    return found, cache.notice if cache is not None else ""


@dataclass
class Replay:
    """The commits walked so far, in order: each claim's last version, the claim id each
    path last held, and the changes readers see. Walking more commits later continues it
    exactly as one walk over all of them would."""

    last: dict[str, Snapshot] = field(default_factory=dict)
    id_at: dict[str, str] = field(default_factory=dict)  # path → the id its last version had
    found: dict[str, list[HistoryEvent]] = field(default_factory=dict)

    def apply(self, commits: list[Commit], snaps: dict[str, Snapshot | None]) -> None:
        """A file moved within one commit keeps its claim's history (ids, not paths)."""
        for commit in commits:
            touched: set[str] = set()
            gone: list[str] = []
            for change in commit.files:
                snap = snaps.get(change.blob) if change.blob else None
                if snap is None:
                    gone.append(change.path)
                    continue
                snap = snap if snap.id else Snapshot.of({}, Path(change.path).stem)
                seen = changes(self.last.get(snap.id), snap)
                if seen:
                    event = HistoryEvent(commit.date, commit.sha, seen)
                    self.found.setdefault(snap.id, []).append(event)
                self.last[snap.id] = snap
                self.id_at[change.path] = snap.id
                touched.add(snap.id)
            for path in gone:
                cid = self.id_at.pop(path, None)
                if cid is not None and cid not in touched:
                    self.last.pop(cid, None)

    def histories(self) -> Histories:
        return {cid: tuple(events) for cid, events in sorted(self.found.items())}


def records_at(root: Path, rev: str) -> dict[str, dict[str, Any]]:
    """Record path → raw data of every claim and source file at a revision (files that do
    not load are left out: validate reports them)."""
    out = git(root, "ls-tree", "-r", "-z", "--full-name", rev, "--", *_RECORD_FOLDERS)
    prefix = git(root, "rev-parse", "--show-prefix").decode("utf-8").strip()
    entries: dict[str, str] = {}
    for line in out.split(b"\0"):
        if not line:
            continue
        meta, path = line.split(b"\t", 1)
        name = path.decode("utf-8", "replace")
        kind = meta.split(b" ")
        if kind[1] == b"blob" and name.endswith(".yaml") and name.startswith(prefix):
            entries[name[len(prefix) :]] = kind[2].decode("ascii")
    blobs = read_blobs(root, entries.values())
    found: dict[str, dict[str, Any]] = {}
    for rel, sha in sorted(entries.items()):
        data = _data(blobs.get(sha, b""), rel)
        if data is not None:
            found[rel] = data
    return found


def record_key(rel: str) -> tuple[str, str]:
    """(folder, id) of a record path: claims/2023/x.yaml → ('claims', 'x')."""
    return rel.split("/", 1)[0], Path(rel).stem


def deleted_ids(root: Path, rev: str) -> dict[tuple[str, str], str]:
    """(folder, id) → path, for every record file deleted in the history up to `rev`:
    ids that once had a page, and so must not name a different record later."""
    found: dict[tuple[str, str], str] = {}
    for commit in log_of(root, *_RECORD_FOLDERS, rev=rev):
        for change in commit.files:
            if not change.blob:
                found[record_key(change.path)] = change.path
    return found
