"""Find record files under claims/ and sources/ (sub-folders allowed), in a stable order."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from factdesk.diagnostics import Diagnostic
from factdesk.load.listing import RECORD_STEM
from factdesk.load.loader import NOT_REGULAR_HINT, file_kind, not_regular_message
from factdesk.records.fields import ID_MAX, suggest_slug
from factdesk.records.models import BY_KIND, RECORD_TYPES, Record, RecordKind


@dataclass(frozen=True)
class RecordFile:
    kind: RecordKind
    fspath: str  # where to open it (a str: 15,000 Path objects cost a tenth of a second)
    rel: str  # posix path relative to the root, as shown in diagnostics

    @property
    def folder(self) -> str:
        return BY_KIND[self.kind].folder

    @property
    def model(self) -> type[Record]:
        return BY_KIND[self.kind].model

    @property
    def path(self) -> Path:
        return Path(self.fspath)

    @property
    def stem(self) -> str:
        return self.rel.rsplit("/", 1)[-1][: -len(".yaml")]


def _walk(folder: str, prefix: str) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """(posix path under the root, entry) for every entry under `folder` but the folders
    walked into: ordinary sub-folders, never hidden ones, never links to folders, never
    folders named like a record file (those are reported, not read)."""
    with os.scandir(folder) as found:
        entries = list(found)
    for entry in entries:
        rel = f"{prefix}/{entry.name}"
        if (
            entry.is_dir(follow_symlinks=False)
            and not entry.name.startswith(".")
            and not _record_like(entry.name)
        ):
            yield from _walk(entry.path, rel)
        else:
            yield rel, entry


def discover(root: Path) -> tuple[list[RecordFile], list[Diagnostic]]:
    """The record files under claims/ and sources/, and a diagnostic for every other entry
    there that a contributor may have meant as a record. Both `validate` paths (cold and
    cached) report these the same way, since neither reads the entries."""
    # os.scandir, not Path.rglob: at 15,000 files rglob's stat calls and Path sorting
    # took a third of a second, a third of a warm `factdesk validate`.
    found: list[tuple[list[str], RecordKind, os.DirEntry[str]]] = []
    for record_type in RECORD_TYPES:
        kind, folder = record_type.kind, record_type.folder
        if (root / folder).is_dir():
            found += ((rel.split("/"), kind, e) for rel, e in _walk(str(root / folder), folder))
    found.sort(key=lambda item: item[0])  # by path components, as Path sorts
    files: list[RecordFile] = []
    problems: list[Diagnostic] = []
    for parts, kind, entry in found:
        rel = "/".join(parts)
        if not _record_like(entry.name):
            problem = _not_a_record(entry, rel)
            if problem:
                problems.append(problem)
            continue
        if entry.is_symlink():
            problem = _symlink(rel)
        elif not entry.is_file(follow_symlinks=False):
            problem = _not_regular(entry, rel)
        else:
            problem = _name_problem(entry, os.path.splitext(entry.name)[1], rel)
        if problem:
            problems.append(problem)
        else:
            files.append(RecordFile(kind, entry.path, rel))
    return files, problems


def _record_like(name: str) -> bool:
    """Named as a record file is (x.yaml), or nearly so (x.yml, X.YAML), and not hidden."""
    return not name.startswith(".") and os.path.splitext(name)[1].lower() in (".yaml", ".yml")


def _symlink(rel: str) -> Diagnostic:
    # Never followed: a link can point outside the knowledge base, or at a FIFO.
    return Diagnostic.make(
        "FD010",
        rel,
        (1, 1),
        "record files cannot be symbolic links",
        "replace the link with the record file itself",
    )


def _not_regular(entry: os.DirEntry[str], rel: str) -> Diagnostic:
    kind = file_kind(entry.stat(follow_symlinks=False).st_mode) or "not a regular file"
    return Diagnostic.make("FD042", rel, (1, 1), not_regular_message(kind), NOT_REGULAR_HINT)


# Files that sit beside records by design or by accident of tools, never meant as records:
# a folder's README, Git's placeholders, editors' backup, swap and lock files, and the
# operating systems' folder metadata. They are not read and not reported.
_EXPECTED = re.compile(
    r"(?i)^(readme(\.[a-z]+)?|\.git(keep|ignore|attributes)|\.ds_store|thumbs\.db|desktop\.ini"
    r"|.*~|.*\.(bak|orig|rej|swp|swo|swx)|#.*#|\.#.*)$"
)


def _not_a_record(entry: os.DirEntry[str], rel: str) -> Diagnostic | None:
    """FD109 for an entry a contributor may think is a record but that is never read."""
    if _EXPECTED.match(entry.name):
        return None
    what = "folder" if entry.is_dir() else "file"
    better = _record_name(entry.name)
    reason = (
        "hidden names are skipped"
        if entry.name.startswith(".")
        else ("only files named <id>.yaml are records")
    )
    return Diagnostic.make(
        "FD109",
        rel,
        (1, 1),
        f"the {what} '{entry.name}' is not read as a record: {reason}",
        f"if it is a record, rename it to {better}; if not, move it out of claims/ and sources/",
    )


def _record_name(name: str) -> str:
    """The record file name a near miss probably meant: ' .x.yaml.txt ' → 'x.yaml'."""
    stem = name.strip().lstrip(".")
    for ending in (".yaml", ".yml", "."):
        cut = stem.lower().find(ending)
        if cut > 0:
            stem = stem[:cut]
            break
    return f"{suggest_slug(stem) or 'record'}.yaml"


def _name_problem(entry: os.DirEntry[str], suffix: str, rel: str) -> Diagnostic | None:
    if suffix != ".yaml":
        return Diagnostic.make(
            "FD010",
            rel,
            (1, 1),
            f"record files end in .yaml, not {suffix}",
            f"rename it to {entry.name[: -len(suffix)]}.yaml",
        )
    stem = entry.name[: -len(".yaml")]
    if not RECORD_STEM.match(stem) or len(stem) > ID_MAX:
        better = suggest_slug(stem) or "record"
        return Diagnostic.make(
            "FD010",
            rel,
            (1, 1),
            f"'{entry.name}' is not a valid record file name: lowercase letters, digits and "
            f"single hyphens, at most {ID_MAX} characters",
            f"rename it to {better}.yaml and set `id: {better}`",
        )
    return None
