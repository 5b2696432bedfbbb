"""The desk's claim files, listed without the record models.

`discover` (discover.py) lists claims and sources and says what is not a record; it
imports the record models (and so pydantic) for that, a fifth of a second before it
lists anything. A warm `factdesk match` needs only the claim files' paths, so they are
listed here by the same rules with the standard library alone; a test keeps the two
lists equal, file for file and in the same order.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

CONFIG_FILE = "mkdocs.yml"
CACHE_DIR = ".cache/factdesk"  # every cache lives under it
CLAIMS_FOLDER = "claims"  # the claim records' folder (records/models.py names it too)

# A record file's stem (discover.py's rule too), and how long it may be (records/fields.py's
# ID_MAX, which would import pydantic: a test keeps them equal); files named otherwise are
# FD010 for `discover`, never claims.
RECORD_STEM = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*$")
_ID_MAX = 80


def _folders_walked(name: str) -> bool:
    """discover's rule: ordinary sub-folders, never hidden ones, never ones named like a
    record file."""
    return not name.startswith(".") and os.path.splitext(name)[1].lower() not in (".yaml", ".yml")


def _entries(folder: str, prefix: str) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """(path under the root, entry) of every regular file under `folder` that could be a
    record, walking sub-folders as discover does (never links to folders)."""
    with os.scandir(folder) as found:
        entries = list(found)
    for entry in entries:
        name = entry.name
        if name.endswith(".yaml"):  # most entries: checked first, a claim file or not
            stem_end = len(name) - len(".yaml")
            if (
                stem_end <= _ID_MAX
                and RECORD_STEM.match(name, 0, stem_end)
                and entry.is_file(follow_symlinks=False)
            ):
                yield f"{prefix}/{name}", entry
        elif entry.is_dir(follow_symlinks=False) and _folders_walked(name):
            yield from _entries(entry.path, f"{prefix}/{name}")


def claim_files(root: Path) -> list[tuple[str, str]]:
    """(posix path relative to the root, path to open) of every claim file, in the order
    `discover` lists them: the same files, without its diagnostics for the others."""
    folder = os.path.join(root, CLAIMS_FOLDER)
    if not os.path.isdir(folder):
        return []
    # discover sorts by path components; with NUL (below every character a name can
    # hold) in place of the slashes, plain string order is that order, and faster.
    found = sorted(
        (rel.replace("/", "\0"), rel, entry.path) for rel, entry in _entries(folder, CLAIMS_FOLDER)
    )
    return [(rel, path) for _, rel, path in found]
