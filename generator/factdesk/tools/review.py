"""`factdesk review BASE`: what a pull request may not do to published fact-checks.

A reader who saw a verdict must be able to find out that it changed: a published claim's
rating or conclusion changes only with a new `corrections` entry (FD054); a published
claim is withdrawn, never deleted or put back to draft (FD055); and an id that once had a
page never names a different record (FD056). The base revision comes from git
(load/revisions.py); the other side is the working tree, as `validate` reads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factdesk.diagnostics import Diagnostic, sort_diagnostics
from factdesk.load.discover import discover
from factdesk.load.loader import Loaded, load_file
from factdesk.load.revisions import deleted_ids, record_key, records_at, resolve_revision
from factdesk.records.history import Snapshot

WITHDRAW = "set `status: withdrawn` with a `withdrawal` note saying why"


@dataclass(frozen=True)
class Version:
    """One claim record on one side of the comparison."""

    rel: str
    snap: Snapshot
    loaded: Loaded | None = None  # the working tree's file, for positions


def _stem(rel: str) -> str:
    return Path(rel).stem


def claims_of(records: dict[str, dict[str, Any]]) -> dict[str, Version]:
    """Claim id → its version, from record path → raw data (first file wins, as in validate)."""
    found: dict[str, Version] = {}
    for rel, data in records.items():
        if rel.startswith("claims/"):
            snap = Snapshot.of(data, _stem(rel))
            found.setdefault(snap.id, Version(rel, snap))
    return found


def working_tree(root: Path) -> dict[str, Loaded]:
    """Record path → the loaded file, for every record file in the working tree."""
    files, _ = discover(root)
    return {item.rel: load_file(item.fspath, item.rel) for item in files}


def working_claims(loaded: dict[str, Loaded]) -> dict[str, Version]:
    found: dict[str, Version] = {}
    for rel, one in loaded.items():
        if rel.startswith("claims/") and one.data is not None:
            snap = Snapshot.of(one.data, _stem(rel))
            found.setdefault(snap.id, Version(rel, snap, one))
    return found


def _at(version: Version, field: str) -> tuple[int, int]:
    return version.loaded.pos((field,)) if version.loaded else (1, 1)


def _verdict_changed(base: Version, head: Version, rev: str) -> list[Diagnostic]:
    old, new = base.snap, head.snap
    what = [f for f in ("rating", "conclusion") if getattr(old, f) != getattr(new, f)]
    if not what or new.corrections > old.corrections or not new.published:
        return []
    field = what[0]
    before = f" ({old.rating} → {new.rating})" if field == "rating" else ""
    return [
        Diagnostic.make(
            "FD054",
            head.rel,
            _at(head, field),
            f"the published {' and '.join(what)} changed since {rev}{before} without a new "
            "`corrections` entry",
            "add a `corrections:` item (date, kind: correction or update, note saying what "
            "changed and why), so readers see the change",
        )
    ]


def _taken_down(base: Version, head: Version | None, rev: str) -> list[Diagnostic]:
    if head is None:
        where, pos, message = base.rel, (1, 1), f"was deleted since {rev}"
    elif head.snap.status == "draft":
        where, pos, message = head.rel, _at(head, "status"), f"went back to draft since {rev}"
    else:
        return []
    return [
        Diagnostic.make(
            "FD055",
            where,
            pos,
            f"published claim '{base.snap.id}' {message}: its page and links would vanish",
            f"keep the record and {WITHDRAW}",
        )
    ]


def _reused(head: Loaded, rel: str, old_path: str, rev: str) -> Diagnostic:
    return Diagnostic.make(
        "FD056",
        rel,
        head.pos(("id",)),
        f"the id '{_stem(rel)}' was used before by {old_path}, deleted before {rev}: old links "
        "would now lead to a different record",
        "choose a new id (and file name); ids of deleted records stay retired",
    )


def review(root: Path, base: str) -> list[Diagnostic]:
    """Every change since `base` that published fact-checks may not undergo."""
    sha = resolve_revision(root, base)
    before = records_at(root, sha)
    loaded = working_tree(root)
    base_claims, head_claims = claims_of(before), working_claims(loaded)
    found: list[Diagnostic] = []
    for cid, old in base_claims.items():
        if not old.snap.published:
            continue
        new = head_claims.get(cid)
        found += _taken_down(old, new, base)
        if new is not None:
            found += _verdict_changed(old, new, base)
    retired = deleted_ids(root, sha)
    live = {record_key(rel) for rel in before}  # moved files keep their id
    for rel, one in loaded.items():
        key = record_key(rel)
        if key in retired and key not in live:
            found.append(_reused(one, rel, retired[key], base))
    return sort_diagnostics(found)
