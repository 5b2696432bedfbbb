"""What one record file contributes to the checks across records, in plain data.

A file's `Facts` hold its own diagnostics (from loading, the model and the per-record
rules), the ids and references it declares, its normalised claim text and its dates, each
with the position to report. The checks across records and the date checks run on these
alone, so `factdesk validate` can keep them in its cache and skip parsing unchanged files.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any, NamedTuple

from factdesk.check.refs import RefKind, references
from factdesk.diagnostics import Diagnostic
from factdesk.load.loader import Loaded, Loc, Pos
from factdesk.records.dates import PartialDate
from factdesk.records.models import BY_FOLDER, Claim, Record, RecordKind, Source
from factdesk.records.slugs import name_key, name_slug


class Facts(NamedTuple):
    kind: RecordKind
    rel: str
    local: tuple[Diagnostic, ...]
    # The record's id when the record is valid and its id matches the file name: the
    # files that can be registered under that id (the first one in file order is).
    record_id: str | None
    id_pos: Pos
    own_id: str | None  # what `id:` says, valid or not, for "a claim is its own related"
    # Flat (line, column, kind, id, line, column, …): one tuple per file, not one per
    # reference, keeps the cache quick to read.
    refs: tuple[int | str, ...]
    claim_key: str | None  # normalised claim text, for duplicates
    claim_pos: Pos
    # Flat (label, line, column, earliest day in ISO, date as written, …).
    dates: tuple[int | str, ...]
    # (name as one claimant (NFC), the slug of its page), for names that meet (FD045).
    claimant: tuple[str, str] | None
    claimant_pos: Pos
    # (claim, title, language) of a valid claim, for matching earlier checks (FD113), and
    # the ids it says are related or not the same claim (which silence FD113).
    match_doc: tuple[str, str, str] | None
    silenced: tuple[str, ...]
    # Flat (media path, line, column, …): the pictures the record shows. Whether the
    # files exist is checked on every run (the files are not part of the cache key).
    media: tuple[int | str, ...] = ()
    # Where a published claim without a second reader says `status:` (None otherwise);
    # FD058 reports it when the settings require a review.
    unreviewed: Pos | None = None
    # A valid claim's (translation_of or "", language, rating or "", status) and where
    # each is written, for the rules across translations (FD060-FD062, FD115).
    version: tuple[str, str, str, str] | None = None
    version_pos: tuple[Pos, Pos, Pos, Pos] = ((0, 0), (0, 0), (0, 0), (0, 0))

    @property
    def stem(self) -> str:
        return self.rel.rsplit("/", 1)[-1][: -len(".yaml")]

    def references(self) -> Iterator[tuple[int, int, RefKind, str]]:
        flat = iter(self.refs)
        return zip(flat, flat, flat, flat, strict=True)  # type: ignore[arg-type]

    def pictures(self) -> Iterator[tuple[str, int, int]]:
        flat = iter(self.media)
        return zip(flat, flat, flat, strict=True)  # type: ignore[arg-type]

    def dated(self) -> Iterator[tuple[str, int, int, str, str]]:
        flat = iter(self.dates)
        return zip(flat, flat, flat, flat, flat, strict=True)  # type: ignore[arg-type]


def normal_text(text: str) -> str:
    """The claim text as FD104 compares it: Unicode's NFKC_Casefold idea (compatibility
    forms folded, so NFC and NFD spellings, full-width letters and ligatures are one text;
    case folded; normalised again, as casefold can undo NFC), then punctuation and spacing
    ignored. FD104 is a warning, so a false match costs an editor one look."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    return re.sub(r"\W+", " ", folded).strip()


def _dates(record: Record) -> Iterator[tuple[str, Loc, PartialDate | None]]:
    if isinstance(record, Claim):
        for name in ("claim_date", "published", "updated"):
            yield name, (name,), getattr(record, name)
        for i, fix in enumerate(record.corrections):
            yield "correction date", ("corrections", i, "date"), fix.date
        for i, seen in enumerate(record.appearances):
            yield "appearance date", ("appearances", i, "date"), seen.date
        for i, obs in enumerate(record.observations):
            yield "as_of", ("observations", i, "as_of"), obs.as_of
    elif isinstance(record, Source):
        for name in ("published", "accessed", "archived"):
            yield name, (name,), getattr(record, name)


def _claimant(record: Record | None) -> tuple[str, str] | None:
    if not isinstance(record, Claim):
        return None
    return name_key(record.claimant.name), name_slug(record.claimant.name)


def _match_doc(record: Record | None) -> tuple[str, str, str] | None:
    if not isinstance(record, Claim):
        return None
    return record.claim, record.title, record.language


def facts_of(
    kind: RecordKind,
    loaded: Loaded,
    record: Record | None,
    local: list[Diagnostic],
    *,
    stem: str,
) -> Facts:
    data: dict[str, Any] = loaded.data or {}
    own = data.get("id")
    refs: list[int | str] = []
    if kind == "claim":
        for loc, ref_kind, ref in references(data):
            refs += (*loaded.pos(loc), ref_kind, ref)
    dates: list[int | str] = []
    for label, loc, value in _dates(record) if record is not None else ():
        if value is not None:
            dates += (label, *loaded.pos(loc), value.earliest().isoformat(), str(value))
    media: list[int | str] = []
    if isinstance(record, Claim) and record.image is not None:
        media += (record.image.file, *loaded.pos(("image", "file")))
    rid = getattr(record, "id", None)
    return Facts(
        kind=kind,
        rel=loaded.path,
        local=tuple(local),
        record_id=rid if rid == stem else None,
        id_pos=loaded.pos(("id",)),
        own_id=own if isinstance(own, str) else None,
        refs=tuple(refs),
        claim_key=normal_text(record.claim) if isinstance(record, Claim) else None,
        claim_pos=loaded.pos(("claim",)),
        dates=tuple(dates),
        claimant=_claimant(record),
        claimant_pos=loaded.pos(("claimant", "name")),
        match_doc=_match_doc(record),
        silenced=tuple(record.related + record.not_same_as) if isinstance(record, Claim) else (),
        media=tuple(media),
        unreviewed=_unreviewed(record, loaded),
        version=_version(record),
        version_pos=_version_pos(loaded),
    )


VERSION_FIELDS = ("translation_of", "language", "rating", "status")


def _version_pos(loaded: Loaded) -> tuple[Pos, Pos, Pos, Pos]:
    a, b, c, d = (loaded.pos((name,)) for name in VERSION_FIELDS)
    return a, b, c, d


def _version(record: Record | None) -> tuple[str, str, str, str] | None:
    if not isinstance(record, Claim):
        return None
    return record.translation_of or "", record.language, record.rating_key, record.status


def _unreviewed(record: Record | None, loaded: Loaded) -> Pos | None:
    if isinstance(record, Claim) and record.status == "published" and not record.second_readers:
        return loaded.pos(("status",))
    return None


Row = tuple[Any, ...]


def to_row(facts: Facts) -> Row:
    """Plain data for the cache (the path is its key, and gives the kind through its
    folder); `from_row` reverses it."""
    local = tuple((d.line, d.column, d.code, d.message, d.hint) for d in facts.local)
    return (local, *facts[3:])


def from_row(rel: str, row: Row) -> Facts:
    local, *rest = row
    made = tuple(Diagnostic.make(code, rel, (ln, col), m, h) for ln, col, code, m, h in local)
    return Facts(BY_FOLDER[rel.split("/", 1)[0]].kind, rel, made, *rest)
