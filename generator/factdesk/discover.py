"""Find record files under claims/ and sources/ (sub-folders allowed), in a stable order."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from factdesk.diagnostics import Diagnostic
from factdesk.fields import ID_MAX, suggest_slug

KINDS = ("claims", "sources")
_STEM = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class RecordFile:
    kind: str  # "claims" or "sources"
    path: Path
    rel: str  # posix path relative to the root, as shown in diagnostics

    @property
    def stem(self) -> str:
        return self.path.name[: -len(".yaml")]


def discover(root: Path) -> tuple[list[RecordFile], list[Diagnostic]]:
    files: list[RecordFile] = []
    problems: list[Diagnostic] = []
    for kind in KINDS:
        folder = root / kind
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            rel = path.relative_to(root).as_posix()
            if any(part.startswith(".") for part in path.relative_to(root).parts):
                continue
            if path.suffix.lower() not in (".yaml", ".yml") or path.is_dir():
                continue
            problem = _name_problem(path, rel)
            if problem:
                problems.append(problem)
            else:
                files.append(RecordFile(kind, path, rel))
    return files, problems


def _name_problem(path: Path, rel: str) -> Diagnostic | None:
    if path.is_symlink():
        return Diagnostic.make(
            "FD010",
            rel,
            (1, 1),
            "record files cannot be symbolic links",
            "replace the link with the record file itself",
        )
    if path.suffix != ".yaml":
        return Diagnostic.make(
            "FD010",
            rel,
            (1, 1),
            f"record files end in .yaml, not {path.suffix}",
            f"rename it to {path.stem}.yaml",
        )
    stem = path.name[: -len(".yaml")]
    if not _STEM.match(stem) or len(stem) > ID_MAX:
        better = suggest_slug(stem) or "record"
        return Diagnostic.make(
            "FD010",
            rel,
            (1, 1),
            f"'{path.name}' is not a valid record file name: lowercase letters, digits and "
            f"single hyphens, at most {ID_MAX} characters",
            f"rename it to {better}.yaml and set `id: {better}`",
        )
    return None
