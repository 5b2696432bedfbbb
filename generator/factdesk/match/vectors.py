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
from factdesk.workers import map_chunks

VECTORS_FILE = "match-vectors.npz"
# Texts encoded at a time, each batch's rows kept in half precision at once: the encoder
# returns float32, 200 MB for the 100,000 texts of 50,000 claims if encoded together. A
# batch is the same whether encoded here or by a worker, so both give the same vectors.
ENCODE_BATCH = 512
# From this many texts to encode, `parallel` encodes on every core (20,000 texts, the
# claims and titles of a 10,000-claim desk, took 24 s on one).
PARALLEL_ENCODE_FROM = 2000
# The encoder forked workers use: set for one `vectors` call (never pickled).
_ENCODING: Encoder | None = None


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


def vectors(
    encoder: Encoder, texts: Sequence[str], cache_dir: Path | None, *, parallel: bool = False
) -> np.ndarray:
    """One float16 vector per text: from the cache where known, encoded (and cached) otherwise.
    Texts no longer asked for are dropped from the cache when it is written. `parallel`:
    many texts to encode are encoded on every core (forked: only from the command line)."""
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
    start = 0
    for fresh in _encoded(encoder, [text for _, text in missing], parallel):
        batch, start = missing[start : start + len(fresh)], start + len(fresh)
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
    assert out is not None and start == len(missing)  # every key was known or encoded
    if path is not None and (missing or len(known) != len(spots)):
        known.clear()  # not held while writing
        unique = list(spots)
        rows = out if len(unique) == len(keys) else out[[places[0] for places in spots.values()]]
        _write(path, unique, rows)
    return out


def _encoded(encoder: Encoder, texts: list[str], parallel: bool) -> list[np.ndarray]:
    """The texts' vectors, in order, a float16 array per batch of ENCODE_BATCH: half
    precision as cached, whether a row was read or just encoded, so a cold run and a warm
    one score alike."""
    global _ENCODING
    _ENCODING = encoder
    try:
        return map_chunks(
            _encode_batch,
            texts,
            parallel=parallel,
            min_items=PARALLEL_ENCODE_FROM,
            chunk_size=ENCODE_BATCH,
        )
    finally:
        _ENCODING = None


def _encode_batch(texts: list[str]) -> list[np.ndarray]:
    assert _ENCODING is not None, "only `_encoded` hands out this work"
    return [_ENCODING.encode(texts).astype(np.float16)]
