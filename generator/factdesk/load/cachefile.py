"""Cache files in the desk's `.cache/factdesk/`, signed and written atomically.

A cache is signed with a key kept outside the knowledge base (in the user's cache
folder), and its signature is checked before anything in it is parsed, so a cache
committed to the repository, by accident or by a hostile pull request, is ignored rather
than trusted. The validation cache (check/cache.py) and the claim history's
(load/history_cache.py) are written and read through these functions.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import os
import secrets
import sys
import tempfile
from pathlib import Path

from factdesk import SCHEMA_VERSION, __version__


@functools.cache
def sources_digest() -> str:
    """factdesk's own code: a development checkout changes without a version bump."""
    h = hashlib.sha256()
    package = Path(__file__).parent.parent
    for path in sorted(package.rglob("*.py")):
        h.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def code_digest() -> str:
    """The version and code of the factdesk that writes a cache: only it may read it."""
    h = hashlib.sha256()
    for part in (__version__, SCHEMA_VERSION, sys.version, sources_digest()):
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
