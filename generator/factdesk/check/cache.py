"""The validation cache in `.cache/factdesk/`: each file's Facts, keyed by the file's bytes.

One file holds, per record file, a hash of its bytes and its Facts. The whole cache is
keyed by a fingerprint of everything else that decides a file's Facts: factdesk's own
code, the schema version, the Python version and the site settings, so a cache written by
another version is never read. It is signed with a key kept outside the knowledge base
(in the user's cache folder) and its signature is checked before anything in it is
parsed, so a cache committed to the repository, by accident or by a hostile pull request,
is ignored rather than trusted. Only after that check is the content decoded, with
`marshal` (plain tuples and strings, no objects; four times quicker to read than JSON).
Deleting the cache is always safe; any problem reading it means a cold run, never an
error.
"""

from __future__ import annotations

import hashlib
import marshal
import sys
from pathlib import Path
from typing import Any

from factdesk import SCHEMA_VERSION, __version__
from factdesk.load.cachefile import (
    CacheUnreadable,
    read_signed,
    signing_key,
    sources_digest,
    write_signed,
)
from factdesk.load.listing import CACHE_DIR as CACHE_DIR
from factdesk.records.settings import Settings
from factdesk.workers import gc_paused

CACHE_FILE = "validate.bin"
FORMAT = "1"
# What the cache keeps per record file: (digest of the file's bytes, its Facts as a row).
CachedFacts = tuple[str, Any]


def digest(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def fingerprint(settings: Settings) -> str:
    """What, besides a file's bytes, its cached Facts depend on."""
    h = hashlib.sha256()
    for part in (FORMAT, __version__, SCHEMA_VERSION, sys.version, settings.model_dump_json()):
        h.update(part.encode() + b"\0")
    h.update(sources_digest().encode())
    return h.hexdigest()


class ValidationCache:
    def __init__(self, root: Path, fingerprint: str, key: bytes) -> None:
        self.folder = root / CACHE_DIR
        self.fingerprint = fingerprint
        self.key = key
        self.loaded = 0  # entries the last load() found

    @property
    def path(self) -> Path:
        return self.folder / CACHE_FILE

    def load(self) -> dict[str, CachedFacts]:
        """rel path → (digest, facts row); empty when missing, foreign, stale or damaged."""
        try:
            body = read_signed(self.path, self.key)
            if body is None:
                return {}
            with gc_paused():
                stamp, files = marshal.loads(body)
            if stamp != self.fingerprint or not isinstance(files, dict):
                return {}
            self.loaded = len(files)
            return files
        except (CacheUnreadable, ValueError, EOFError, TypeError):
            return {}

    def stale(self, files: int) -> bool:
        """Whether the cache holds entries for files that are gone."""
        return self.loaded != files

    def save(self, files: dict[str, CachedFacts]) -> None:
        write_signed(self.path, self.key, marshal.dumps((self.fingerprint, files)))


def open_cache(root: Path, settings: Settings) -> ValidationCache | None:
    key = signing_key()
    return ValidationCache(root, fingerprint(settings), key) if key else None
