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


def fingerprint(settings: Settings) -> str:
    """What, besides a file's bytes, its cached Facts depend on."""
    h = hashlib.sha256()
    for part in (FORMAT, __version__, SCHEMA_VERSION, sys.version, settings.model_dump_json()):
        h.update(part.encode() + b"\0")
    # factdesk's own code: a development checkout changes without a version bump.
    package = Path(__file__).parent.parent
    for path in sorted(package.rglob("*.py")):
        h.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
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


class ValidationCache:
    def __init__(self, root: Path, fingerprint: str, key: bytes) -> None:
        self.folder = root / CACHE_DIR
        self.fingerprint = fingerprint
        self.key = key
        self.loaded = 0  # entries the last load() found

    @property
    def path(self) -> Path:
        return self.folder / CACHE_FILE

    def _sign(self, body: bytes) -> bytes:
        return hmac.new(self.key, body, hashlib.sha256).hexdigest().encode()

    def load(self) -> dict[str, CachedFacts]:
        """rel path → (digest, facts row); empty when missing, foreign, stale or damaged."""
        try:
            signature, body = self.path.read_bytes().split(b"\n", 1)
            if not hmac.compare_digest(signature, self._sign(body)):
                return {}
            with gc_paused():
                stamp, files = marshal.loads(body)
            if stamp != self.fingerprint or not isinstance(files, dict):
                return {}
            self.loaded = len(files)
            return files
        except (OSError, ValueError, EOFError, TypeError):
            return {}

    def stale(self, files: int) -> bool:
        """Whether the cache holds entries for files that are gone."""
        return self.loaded != files

    def save(self, files: dict[str, CachedFacts]) -> None:
        """Write atomically; a cache that cannot be written is simply not written."""
        tmp: str | None = None
        try:
            body = marshal.dumps((self.fingerprint, files))
            self.folder.mkdir(parents=True, exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# factdesk's validation cache: never commit it\n*\n")
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".validate-")
            with os.fdopen(fd, "wb") as handle:
                handle.write(self._sign(body) + b"\n" + body)
            os.replace(tmp, self.path)
            tmp = None
        except (OSError, ValueError):
            pass
        finally:
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)


def open_cache(root: Path, settings: Settings) -> ValidationCache | None:
    key = signing_key()
    return ValidationCache(root, fingerprint(settings), key) if key else None
