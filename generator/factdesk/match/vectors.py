"""Sentence vectors cached under the desk's `.cache/factdesk/`, keyed by content.

Each text's vector is stored under a hash of the encoder's name and the text, so an edited
claim re-encodes that claim alone, a renamed file re-encodes nothing, and a new encoder
version starts afresh. The file is plain numpy arrays read with `allow_pickle=False`: a
planted or damaged cache can make matching worse, never run code; any problem reading it
means encoding again.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from factdesk.match.encoder import Encoder

VECTORS_FILE = "match-vectors.npz"
# Texts encoded at a time, each batch's rows kept in half precision at once: the encoder
# returns float32, 200 MB for the 100,000 texts of 50,000 claims if encoded together.
ENCODE_BATCH = 4096


def text_key(encoder: Encoder, text: str) -> str:
    return hashlib.blake2b(f"{encoder.name}\0{text}".encode(), digest_size=16).hexdigest()


def _read(path: Path) -> dict[str, np.ndarray]:
    import zipfile  # 9 ms to import; a warm query reads no vector cache

    try:
        with np.load(path, allow_pickle=False) as saved:
            keys, rows = saved["keys"], saved["vectors"]
        if rows.ndim != 2 or len(keys) != len(rows):
            return {}
        return dict(zip(keys.tolist(), rows, strict=True))
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
        return {}


def _write(path: Path, keys: list[str], rows: np.ndarray) -> None:
    """Atomically: another process reading the cache sees the old file or the new one."""
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".npz")
    try:
        with os.fdopen(fd, "wb") as out:
            # Half precision: half the disk and read time, and cosines move by < 0.001.
            np.savez(out, keys=np.array(keys, dtype="U32"), vectors=rows)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)


def vectors(encoder: Encoder, texts: Sequence[str], cache_dir: Path | None) -> np.ndarray:
    """One float16 vector per text: from the cache where known, encoded (and cached) otherwise.
    Texts no longer asked for are dropped from the cache when it is written."""
    path = cache_dir / VECTORS_FILE if cache_dir is not None else None
    known = _read(path) if path is not None else {}
    keys = [text_key(encoder, t) for t in texts]
    if not keys:
        return np.zeros((0, 1))
    spots: dict[str, list[int]] = {}
    for at, key in enumerate(keys):
        spots.setdefault(key, []).append(at)
    missing = sorted((k, texts[places[0]]) for k, places in spots.items() if k not in known)
    out: np.ndarray | None = None
    # Each batch's rows go straight to their places in `out`: the encoded vectors are never
    # all held twice (100 MB each at 50,000 claims).
    for start in range(0, len(missing), ENCODE_BATCH):
        batch = missing[start : start + ENCODE_BATCH]
        # Half precision, as cached, whether a row was read or just encoded: a cold run
        # and a warm one score alike.
        fresh = encoder.encode([t for _, t in batch]).astype(np.float16)
        if out is None:
            out = np.empty((len(keys), fresh.shape[1]), dtype=np.float16)
        for (key, _), row in zip(batch, fresh, strict=True):
            out[spots[key]] = row
    for key, places in spots.items():
        row = known.get(key)
        if row is None:
            continue
        if out is None:
            out = np.empty((len(keys), len(row)), dtype=np.float16)
        if row.shape != out.shape[1:]:
            return vectors(encoder, texts, None)  # a planted row of another size: encode all
        out[places] = row
    assert out is not None  # every key was either known or encoded
    if path is not None and (missing or len(known) != len(spots)):
        known.clear()  # not held while writing
        unique = list(spots)
        rows = out if len(unique) == len(keys) else out[[places[0] for places in spots.values()]]
        _write(path, unique, rows)
    return out
