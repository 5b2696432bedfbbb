"""Record schema versions and the migrations between them, as data.

A desk states the record schema version its records are written for (the factdesk
plugin's `schema_version` option in mkdocs.yml; a desk that states none is at version 1).
A release that renames, removes or reshapes a field bumps `SCHEMA_VERSION` and adds one
`Step` here: the operations that rewrite a record of the previous version into the new
one. `factdesk migrate` applies them (tools/migrate.py) and `validate` names the step when
a record still uses what a step retired (load/model_errors.py).

Paths name a field inside one kind of record: `claimant.handle`, and `evidence[].note`
for the `note` of every item of `evidence`. Every operation only acts where its path
exists, so running a step again, or on a record that was already migrated, changes
nothing; that is also why a retired field name is never given to a new field.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import factdesk
from factdesk.records.models import RecordKind

EVERY_ITEM = "[]"  # a path segment that stands for every item of a list
Segments = tuple[str, ...]
# A concrete place in one record's data, as pydantic and the loader name it.
FieldPath = tuple[str | int, ...]


def segments(path: str) -> Segments:
    """`evidence[].note` → ("evidence", "[]", "note")."""
    out: list[str] = []
    for part in path.split("."):
        name = part.removesuffix(EVERY_ITEM)
        out.append(name)
        out += [EVERY_ITEM] * ((len(part) - len(name)) // len(EVERY_ITEM))
    return tuple(out)


def matches(pattern: Segments, loc: FieldPath) -> bool:
    """Whether the concrete `loc` is a place the path pattern names."""
    if len(pattern) != len(loc):
        return False
    return all(
        isinstance(part, int) if want == EVERY_ITEM else part == want
        for want, part in zip(pattern, loc, strict=True)
    )


def concrete(pattern: Segments, indexes: list[int]) -> FieldPath:
    """The pattern with its list segments filled in, in order, by `indexes`."""
    filled = iter(indexes)
    return tuple(next(filled) if part == EVERY_ITEM else part for part in pattern)


def indexes_of(loc: FieldPath) -> list[int]:
    return [part for part in loc if isinstance(part, int)]


@dataclass(frozen=True)
class Move:
    """The value at `path` moves to `to` (a rename when only the last name differs).
    Both paths share their list segments: an item's field moves within that item."""

    kind: RecordKind
    path: str
    to: str

    def describe(self) -> str:
        return f"{self.kind} {self.path} → {self.to}"


@dataclass(frozen=True)
class Remove:
    """The field at `path` goes. Its text is appended to the text field `into`; without
    `into`, a record that has a value there is refused rather than lose it."""

    kind: RecordKind
    path: str
    into: str | None = None

    def describe(self) -> str:
        where = f", its text appended to {self.into}" if self.into else ""
        return f"{self.kind} {self.path} removed{where}"


@dataclass(frozen=True)
class Wrap:
    """The single value at `path` becomes a list holding it."""

    kind: RecordKind
    path: str

    def describe(self) -> str:
        return f"{self.kind} {self.path} becomes a list"


Operation = Move | Remove | Wrap


def rename(kind: RecordKind, path: str, new_name: str) -> Move:
    """A field renamed where it is: `rename("claim", "evidence[].note", "comment")`."""
    parent = path.rpartition(".")[0]
    return Move(kind, path, f"{parent}.{new_name}" if parent else new_name)


@dataclass(frozen=True)
class Step:
    """What turns records of schema version `version - 1` into records of `version`."""

    version: int
    description: str  # one line: what changed and why, as the changelog says it
    operations: tuple[Operation, ...]

    @property
    def command(self) -> str:
        return f"factdesk migrate --to {self.version}"


# One entry per schema version after the first, in order. Empty: no release has renamed
# or removed a field yet. tests/test_migrate.py checks the mechanism with its own steps.
STEPS: tuple[Step, ...] = ()


def latest() -> int:
    """The record schema version this factdesk writes and reads."""
    return int(factdesk.SCHEMA_VERSION)


def steps_up_to(version: int) -> list[Step]:
    return [step for step in STEPS if step.version <= version]


def operations(kind: RecordKind, up_to: int | None = None) -> Iterator[tuple[Step, Operation]]:
    """Every operation on records of this kind, oldest step first."""
    for step in steps_up_to(latest() if up_to is None else up_to):
        for op in step.operations:
            if op.kind == kind:
                yield step, op


def retired(kind: RecordKind, loc: FieldPath) -> tuple[Step, Operation] | None:
    """The step that moved or removed the field at `loc`, if one did: a record that still
    has it was written for an older schema version."""
    for step, op in operations(kind):
        if isinstance(op, Move | Remove) and matches(segments(op.path), loc):
            return step, op
    return None


def rewrapped(kind: RecordKind, loc: FieldPath) -> tuple[Step, Operation] | None:
    """The step that turned the single value at `loc` into a list, if one did."""
    for step, op in operations(kind):
        if isinstance(op, Wrap) and matches(segments(op.path), loc):
            return step, op
    return None


def moved_here(kind: RecordKind, loc: FieldPath) -> FieldPath | None:
    """Where the value a step moved to `loc` used to be (to tell a renamed field that is
    "missing" from one that is: the old name holds it)."""
    for _step, op in operations(kind):
        if isinstance(op, Move) and matches(segments(op.to), loc):
            return concrete(segments(op.path), indexes_of(loc))
    return None


def _prefix_matches(pattern: Segments, loc: FieldPath) -> bool:
    return len(loc) >= len(pattern) and matches(pattern, loc[: len(pattern)])


def new_place(kind: RecordKind, loc: FieldPath, steps: list[Step]) -> tuple[FieldPath | None, bool]:
    """Where the value at `loc` of a record is after `steps`, and whether it is merged
    into another text there (so the text there holds it rather than equals it); None when
    the steps drop it, which they may only do to an empty value."""
    place: FieldPath = loc
    for step in steps:
        for op in step.operations:
            if op.kind != kind or not _prefix_matches(segments(op.path), place):
                continue
            head, rest = place[: len(segments(op.path))], place[len(segments(op.path)) :]
            if isinstance(op, Move):
                place = concrete(segments(op.to), indexes_of(head)) + rest
            elif isinstance(op, Wrap):
                # A value that is a list already stays as it is.
                if not (rest and isinstance(rest[0], int)):
                    place = (*head, 0, *rest)
            elif op.into is None:
                return None, False
            else:
                return concrete(segments(op.into), indexes_of(head)), True
    return place, False
