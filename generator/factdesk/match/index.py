"""A desk's whole matching index, kept for the next `factdesk match`.

Building the index is parsing claims (match-docs.json spares most of that), splitting
every claim into words, BM25 and reading every claim's vectors: seconds at 10,000 claims,
for a query that then takes milliseconds. So the built index is saved in
`.cache/factdesk/match-index/`: the docs, the BM25 arrays and the vectors as `.npy` files
(the vectors memory-mapped), under a key made of every claim file's path, size and
modification time (what match-docs.json trusts too), the encoder, the fusion weight and
factdesk's version. A query first stats the claim files; when the key matches it reads
the index back, and nothing is parsed, split or encoded but the query itself. Any edit
changes the key and the index is built again, reusing every cache below it. The site's
address is part of the key too: each doc keeps its claim page's address.

Arrays are read with `allow_pickle=False` and checked for shape and range before use,
so a damaged or planted index can make answers worse, never crash or run code; anything
unexpected means building the index again.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from factdesk import __version__
from factdesk.match.core import EMBEDDING_WEIGHT, Doc, Matcher
from factdesk.match.encoder import Encoder
from factdesk.match.lexical import LexicalIndex

INDEX_DIR = "match-index"
INDEX_FORMAT = 1
INDEX_META = "index.json"
ARRAYS = {"data": np.float32, "indices": np.int32, "indptr": np.int64, "df": np.int64}
VECTORS = "vectors"
DOC_COLUMNS = ("id", "claim", "title", "language", "rating", "url")


def claim_stamps(root: Path) -> list[list[Any]]:
    """[path, size, modification time] of every claim file, in the order validate reads
    them (unreadable files left out, as desk_docs leaves them out)."""
    from factdesk.load.discover import discover

    stamps: list[list[Any]] = []
    files, _ = discover(root)
    for item in (f for f in files if f.kind == "claim"):
        try:
            st = os.stat(item.fspath)  # not item.path: 10,000 Path objects cost 0.1 s
        except OSError:
            continue
        stamps.append([item.rel, st.st_size, st.st_mtime_ns])
    return stamps


def index_key(stamps: list[list[Any]], encoder: Encoder | None, site_url: str | None) -> str:
    what = [INDEX_FORMAT, __version__, encoder.name if encoder else None, EMBEDDING_WEIGHT]
    what.append(site_url)
    return hashlib.sha256(json.dumps([what, stamps]).encode()).hexdigest()


def save_index(directory: Path, key: str, matcher: Matcher) -> None:
    """Write the index (atomically: a reader finds the old one, none, or the new one)."""
    try:
        directory.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=directory.parent, prefix=".index-"))
    except OSError:
        return  # a read-only desk: every query builds the index
    lexical = matcher.lexical
    try:
        for name in ARRAYS:
            np.save(tmp / f"{name}.npy", getattr(lexical, name), allow_pickle=False)
        if matcher.field_vectors is not None:
            np.save(tmp / f"{VECTORS}.npy", matcher.field_vectors, allow_pickle=False)
        meta = {
            "key": key,
            "docs": [[getattr(d, f) for f in DOC_COLUMNS] for d in matcher.docs],
            "vocab": sorted(lexical.vocab, key=lexical.vocab.__getitem__),
            "avgdl": lexical.avgdl,
        }
        (tmp / INDEX_META).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        shutil.rmtree(directory, ignore_errors=True)
        os.replace(tmp, directory)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)


def _array(directory: Path, name: str, dtype: Any, mmap: bool = False) -> np.ndarray:
    path = directory / f"{name}.npy"
    value: np.ndarray = np.load(path, mmap_mode="r" if mmap else None, allow_pickle=False)
    if value.dtype != dtype:
        raise ValueError(name)
    return value


def _lexical(directory: Path, meta: dict[str, Any], size: int) -> LexicalIndex:
    vocab_list = meta["vocab"]
    if not all(isinstance(t, str) for t in vocab_list) or len(set(vocab_list)) != len(vocab_list):
        raise ValueError("vocab")
    data, indices, indptr, df = (_array(directory, n, t) for n, t in ARRAYS.items())
    terms = len(vocab_list)
    if indptr.shape != (terms + 1,) or df.shape != (terms,) or data.shape != indices.shape:
        raise ValueError("shapes")
    if data.ndim != 1 or indptr[0] != 0 or indptr[-1] != len(data) or np.any(np.diff(indptr) < 0):
        raise ValueError("indptr")
    if len(indices) and (indices.min() < 0 or indices.max() >= size):
        raise ValueError("indices")
    vocab = {term: at for at, term in enumerate(vocab_list)}
    return LexicalIndex.restored(vocab, (data, indices, indptr, df), size, float(meta["avgdl"]))


def load_index(directory: Path, key: str, encoder: Encoder | None) -> Matcher | None:
    """The saved matcher when its key is `key`, else None."""
    try:
        meta = json.loads((directory / INDEX_META).read_text(encoding="utf-8"))
        if not isinstance(meta, dict) or meta.get("key") != key:
            return None
        docs = [Doc(**dict(zip(DOC_COLUMNS, map(str, row), strict=True))) for row in meta["docs"]]
        lexical = _lexical(directory, meta, len(docs))
        field_vectors = None
        if encoder is not None and docs:
            field_vectors = _array(directory, VECTORS, np.float16, mmap=True)
            if field_vectors.ndim != 3 or field_vectors.shape[:2] != (len(docs), 2):
                raise ValueError(VECTORS)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return Matcher.restored(docs, lexical, field_vectors, encoder)


def desk_matcher(
    root: Path,
    cache_dir: Path,
    encoder: Encoder | None,
    site_url: str | None = None,
    address: Callable[[str], str] | None = None,
) -> Matcher:
    """The desk's matcher: read back when no claim file changed, built (and saved)
    otherwise; either way it ranks every query the same. `address` gives a claim id's
    page on the site at `site_url` (the caller's: matching does not import renderers);
    each doc keeps it as its `url`, computed once per index, so a query needs neither the
    renderers nor their imports (0.4 s of processor time)."""
    from factdesk.match.desk import desk_docs

    directory = cache_dir / INDEX_DIR
    key = index_key(claim_stamps(root), encoder, site_url)
    matcher = load_index(directory, key, encoder)
    if matcher is None:
        docs = desk_docs(root, cache_dir)
        if address is not None:
            # Doc(...), not dataclasses.replace: a tenth of the time at 10,000 claims.
            docs = [Doc(d.id, d.claim, d.title, d.language, d.rating, address(d.id)) for d in docs]
        matcher = Matcher(docs, encoder, cache_dir)
        save_index(directory, key, matcher)
    return matcher
