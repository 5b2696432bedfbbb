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

import functools
import hashlib
import hmac
import marshal
import os
import secrets
import sys
import tempfile
from pathlib import Path
from typing import Any

from factdesk import SCHEMA_VERSION, __version__
from factdesk.check.workers import gc_paused
from factdesk.records.settings import Settings

CACHE_DIR = ".cache/factdesk"
CACHE_FILE = "validate.bin"
FORMAT = "1"
# What the cache keeps per record file: (digest of the file's bytes, its Facts as a row).
CachedFacts = tuple[str, Any]


def digest(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


@functools.cache
def _sources_digest() -> str:
    h = hashlib.sha256()
    package = Path(__file__).parent.parent
    for path in sorted(package.rglob("*.py")):
        h.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def code_digest() -> str:
    """factdesk's version and its own code (a development checkout changes without a
    version bump): every cache is read only by the code that wrote it."""
    h = hashlib.sha256()
    for part in (__version__, SCHEMA_VERSION, sys.version, _sources_digest()):
        h.update(part.encode() + b"\0")
    return h.hexdigest()


def fingerprint(settings: Settings) -> str:
    """What, besides a file's bytes, its cached Facts depend on."""
    h = hashlib.sha256()
    for part in (FORMAT, code_digest(), settings.model_dump_json()):
        h.update(part.encode() + b"\0")
    return h.hexdigest()


def _key_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "factdesk" / "cache-signing.key"


def signing_key() -> bytes | None:
    """This user's secret for signing caches, created on first use; None if unavailable."""
    path = _key_path()
    try:
        key = path.read_bytes()
        if len(key) == 32:
            return key
    except OSError:
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_bytes(32)
        fd, tmp = tempfile.mkstemp(dir=path.parent)  # created readable by this user only
        with os.fdopen(fd, "wb") as handle:
            handle.write(key)
        os.replace(tmp, path)
        return key
    except OSError:
        return None


class CacheUnreadable(Exception):
    """A cache file that is damaged or was signed with another key (another machine's, or
    one committed to the repository): it is ignored, and the work done again."""


def sign(key: bytes, body: bytes) -> bytes:
    return hmac.new(key, body, hashlib.sha256).hexdigest().encode()


def read_signed(path: Path, key: bytes) -> bytes | None:
    """A signed cache file's body, checked before anything in it is parsed; None when
    there is no file, CacheUnreadable when its signature does not hold."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise CacheUnreadable(exc.strerror) from None
    signature, _, body = raw.partition(b"\n")
    if not hmac.compare_digest(signature, sign(key, body)):
        raise CacheUnreadable("its signature does not match")
    return body


def write_signed(path: Path, key: bytes, body: bytes) -> None:
    """Write atomically; a cache that cannot be written is simply not written."""
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        ignore = path.parent / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# factdesk's caches: never commit them\n*\n")
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-")
        with os.fdopen(fd, "wb") as handle:
            handle.write(sign(key, body) + b"\n" + body)
        os.replace(tmp, path)
        tmp = None
    except (OSError, ValueError):
        pass
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


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
