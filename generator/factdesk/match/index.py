"""A desk's whole matching index, kept for the next `factdesk match`.

Building the index is parsing claims (match-docs.json spares most of that), splitting
every claim into words, BM25 and reading every claim's vectors: seconds at 10,000 claims,
for a query that then takes milliseconds. So the built index is saved in
`.cache/factdesk/match-index/`: the docs (each with its claim page's address), each doc's
term ids, the BM25 arrays and the vectors as `.npy` files (the vectors memory-mapped),
under a key made of every claim file's path, size and modification time (what
match-docs.json trusts too), mkdocs.yml's size and time (the site's address is in each
doc), the encoder, the fusion weight and factdesk's version. A query first stats the
claim files; when the key matches it reads the index back, and nothing is parsed, split or
encoded but the query itself, and neither the settings nor the record models are loaded.

Any other key means updating the saved index: the docs come from match-docs.json (the
changed files parsed), a doc whose text, title and language the saved index holds keeps
its term ids and vectors, and only the others are split into words and encoded; BM25 is
then rebuilt from the term ids, which gives what building afresh gives (tests compare).

Arrays are read with `allow_pickle=False` and checked for shape and range before use,
so a damaged or planted index can make answers worse, never crash or run code; anything
unexpected means building the index afresh.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, overload

import numpy as np

from factdesk import __version__
from factdesk.load.listing import CONFIG_FILE
from factdesk.match.core import EMBEDDING_WEIGHT, Doc, Matcher
from factdesk.match.desk import desk_docs, stamped_claims
from factdesk.match.encoder import Encoder
from factdesk.match.lexical import LexicalIndex, term_ids
from factdesk.match.tokens import tokens
from factdesk.match.vectors import vectors

INDEX_DIR = "match-index"
INDEX_FORMAT = 2
INDEX_META = "index.json"
ARRAYS = {
    "data": np.float32,
    "indices": np.int32,
    "indptr": np.int64,
    "df": np.int64,
    "terms": np.int32,
    "lengths": np.int32,
}
VECTORS = "vectors"
DOCS, DOC_ENDS = "docs.jsonl", "doc_ends"
DOC_COLUMNS = ("id", "claim", "title", "language", "rating", "url")
# Texts an update encodes itself, without reading the vector cache (match-vectors.npz,
# 20 MB at 10,000 claims): a few edits cost less to encode than that file to read.
FEW_TEXTS = 64


class SavedDocs(Sequence[Doc]):
    """The saved index's docs, one JSON array a line, each read when it is asked for: a
    query shows five docs of 10,000, and making all of them took longer than the query.
    A damaged line reads as a doc with no text (worse answers, never a crash)."""

    def __init__(self, text: bytes, ends: np.ndarray) -> None:
        self._text, self._ends = text, ends

    def __len__(self) -> int:
        return len(self._ends)

    @overload
    def __getitem__(self, at: int) -> Doc: ...

    @overload
    def __getitem__(self, at: slice) -> list[Doc]: ...

    def __getitem__(self, at: int | slice) -> Doc | list[Doc]:
        if isinstance(at, slice):
            return [self[i] for i in range(*at.indices(len(self)))]
        if at < 0:
            at += len(self)
        if not 0 <= at < len(self):
            raise IndexError(at)
        start = int(self._ends[at - 1]) if at else 0
        try:
            row = json.loads(self._text[start : int(self._ends[at])])
        except ValueError:
            row = None
        return _doc(row)

    def __iter__(self) -> Iterator[Doc]:
        """Every doc, the whole file parsed at once (a twentieth of the time of line by
        line), or line by line when it is not what save_index writes."""
        try:
            rows = json.loads(b"[" + self._text[:-1].replace(b"\n", b",") + b"]")
        except ValueError:
            rows = None
        if not isinstance(rows, list) or len(rows) != len(self):
            yield from (self[at] for at in range(len(self)))
            return
        yield from map(_doc, rows)


def _doc(row: Any) -> Doc:
    """A doc from its saved row; a damaged row reads as a doc with no text."""
    if not isinstance(row, list) or len(row) != len(DOC_COLUMNS):
        return Doc("", "", "")
    return Doc(*map(str, row))


def _docs_file(docs: Sequence[Doc]) -> tuple[bytes, np.ndarray]:
    lines = [
        json.dumps([getattr(d, f) for f in DOC_COLUMNS], ensure_ascii=False).encode() + b"\n"
        for d in docs
    ]
    return b"".join(lines), np.cumsum([len(line) for line in lines], dtype=np.int64)


def _saved_docs(directory: Path, size: int) -> SavedDocs:
    text = (directory / DOCS).read_bytes()
    ends = _array(directory, DOC_ENDS, np.int64)
    if ends.shape != (size,) or (size and (ends[-1] != len(text) or np.any(np.diff(ends) <= 0))):
        raise ValueError(DOCS)
    return SavedDocs(text, ends)


@dataclass(frozen=True)
class SavedIndex:
    """An index read back: its matcher, the key it was saved under, what it was built
    with (format, version, encoder, weight, addresses) and mkdocs.yml's stamp then."""

    matcher: Matcher
    key: str
    base: str
    config: list[int] | None


def _digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value).encode()).hexdigest()


def base_key(encoder: Encoder | None, addressed: bool) -> str:
    """What every part of an index depends on besides the desk's files."""
    name = encoder.name if encoder else None
    return _digest([INDEX_FORMAT, __version__, name, EMBEDDING_WEIGHT, addressed])


def config_stamp(root: Path) -> list[int] | None:
    """mkdocs.yml's size and modification time (None without one): the settings a doc's
    address comes from, known unchanged without reading them."""
    try:
        st = os.stat(root / CONFIG_FILE)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def index_key(base: str, config: list[int] | None, stamps: list[list[Any]]) -> str:
    return _digest([base, config, stamps])


def save_index(directory: Path, saved: SavedIndex) -> None:
    """Write the index (atomically: a reader finds the old one, none, or the new one)."""
    import shutil
    import tempfile  # both imported here: a warm query writes nothing

    try:
        directory.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=directory.parent, prefix=".index-"))
    except OSError:
        return  # a read-only desk: every query builds the index
    matcher = saved.matcher
    lexical = matcher.lexical
    try:
        for name in ARRAYS:
            np.save(tmp / f"{name}.npy", getattr(lexical, name), allow_pickle=False)
        if matcher.field_vectors is not None:
            np.save(tmp / f"{VECTORS}.npy", matcher.field_vectors, allow_pickle=False)
        text, ends = _docs_file(matcher.docs)
        (tmp / DOCS).write_bytes(text)
        np.save(tmp / f"{DOC_ENDS}.npy", ends, allow_pickle=False)
        meta = {
            "key": saved.key,
            "base": saved.base,
            "config": saved.config,
            "vocab": sorted(lexical.vocab, key=lexical.vocab.__getitem__),
        }
        (tmp / INDEX_META).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        shutil.rmtree(directory, ignore_errors=True)
        os.replace(tmp, directory)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)


def _array(directory: Path, name: str, dtype: Any, mmap: bool = False) -> np.ndarray:
    path = directory / f"{name}.npy"
    value: np.ndarray = np.load(path, mmap_mode="r" if mmap else None, allow_pickle=False)
    if value.dtype != dtype or value.ndim != 1 + 2 * (name == VECTORS):
        raise ValueError(name)
    return value


def _lexical(directory: Path, meta: dict[str, Any], size: int) -> LexicalIndex:
    vocab_list = meta["vocab"]
    if not all(isinstance(t, str) for t in vocab_list) or len(set(vocab_list)) != len(vocab_list):
        raise ValueError("vocab")
    arrays = tuple(_array(directory, n, t) for n, t in ARRAYS.items())
    data, indices, indptr, df, terms, lengths = arrays
    count = len(vocab_list)
    if indptr.shape != (count + 1,) or df.shape != (count,) or data.shape != indices.shape:
        raise ValueError("shapes")
    if indptr[0] != 0 or indptr[-1] != len(data) or np.any(np.diff(indptr) < 0):
        raise ValueError("indptr")
    if len(indices) and (indices.min() < 0 or indices.max() >= size):
        raise ValueError("indices")
    if lengths.shape != (size,) or (size and lengths.min() < 0) or lengths.sum() != len(terms):
        raise ValueError("lengths")
    if len(terms) and (terms.min() < 0 or terms.max() >= count):
        raise ValueError("terms")
    vocab = {term: at for at, term in enumerate(vocab_list)}
    return LexicalIndex.restored(vocab, arrays, size)


def _stamp(value: Any) -> list[int] | None:
    if value is None:
        return None
    if isinstance(value, list) and len(value) == 2 and all(type(v) is int for v in value):
        return value
    raise ValueError("config")


def read_index(directory: Path, encoder: Encoder | None) -> SavedIndex | None:
    """The saved index, whatever its key, or None when there is none usable."""
    try:
        meta = json.loads((directory / INDEX_META).read_text(encoding="utf-8"))
        if not isinstance(meta, dict):
            return None
        ends = _array(directory, DOC_ENDS, np.int64)
        docs = _saved_docs(directory, len(ends))
        lexical = _lexical(directory, meta, len(docs))
        field_vectors = None
        if encoder is not None and docs:
            field_vectors = _array(directory, VECTORS, np.float16, mmap=True)
            if field_vectors.shape[:2] != (len(docs), 2):
                raise ValueError(VECTORS)
        key, base, config = str(meta["key"]), str(meta["base"]), _stamp(meta["config"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return SavedIndex(Matcher.restored(docs, lexical, field_vectors, encoder), key, base, config)


def load_index(directory: Path, key: str, encoder: Encoder | None) -> Matcher | None:
    """The saved matcher when its key is `key`, else None."""
    saved = read_index(directory, encoder)
    return saved.matcher if saved is not None and saved.key == key else None


def _content(doc: Doc) -> tuple[str, str, str]:
    """What a doc's terms are made of."""
    return (doc.claim, doc.title, doc.language)


def _compacted(vocab: dict[str, int], terms: np.ndarray) -> tuple[dict[str, int], np.ndarray]:
    """The vocabulary without the terms no record uses any more, ids renumbered."""
    used = np.bincount(terms, minlength=len(vocab)) > 0
    if used.all():
        return vocab, terms
    renumbered = np.cumsum(used) - 1
    kept = {term: int(renumbered[at]) for term, at in vocab.items() if used[at]}
    return kept, renumbered[terms].astype(np.int32)


def updated_lexical(old: Matcher, docs: Sequence[Doc]) -> LexicalIndex:
    """The BM25 index of `docs`: the term ids of each doc `old` holds with the same text,
    title and language are kept, and only the other docs are split into words."""
    lexical = old.lexical
    ends = np.cumsum(lexical.lengths, dtype=np.int64)
    starts = ends - lexical.lengths
    held: dict[tuple[str, str, str], int] = {}
    for at, doc in enumerate(old.docs):
        held.setdefault(_content(doc), at)
    vocab = dict(lexical.vocab)
    pieces: list[np.ndarray] = []
    for doc in docs:
        kept = held.get(_content(doc))
        if kept is None:
            words = tokens(f"{doc.claim} {doc.title}", doc.language)
            pieces.append(term_ids([words], vocab)[0])
        else:
            pieces.append(lexical.terms[starts[kept] : ends[kept]])
    lengths = np.fromiter(map(len, pieces), dtype=np.int32, count=len(pieces))
    terms = np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.int32)
    return LexicalIndex.from_ids(*_compacted(vocab, terms), lengths)


def updated_vectors(
    old: Matcher, docs: Sequence[Doc], encoder: Encoder, cache_dir: Path | None
) -> np.ndarray | None:
    """The (docs, fields, dim) vectors of `docs`: rows `old` holds for the same text are
    kept, the few others encoded. None when too many are new: then the vector cache,
    which holds every text encoded before, is cheaper to read (Matcher does)."""
    if old.field_vectors is None or not docs:
        return None
    held: dict[str, int] = {}
    for at, text in enumerate(t for d in old.docs for t in d.fields):
        held.setdefault(text, at)
    texts = [t for d in docs for t in d.fields]
    missing = list(dict.fromkeys(t for t in texts if t not in held))
    if len(missing) > FEW_TEXTS:
        return None
    rows = old.field_vectors.reshape(len(old.docs) * 2, -1)
    found = np.array([held.get(t, 0) for t in texts], dtype=np.int64)
    out = np.asarray(rows[found])
    if missing:
        fresh = vectors(encoder, missing, None)  # float16, as cached rows are
        if fresh.shape[1] != out.shape[1]:
            return None
        row_of = {text: at for at, text in enumerate(missing)}
        new = [at for at, t in enumerate(texts) if t in row_of]
        out[new] = fresh[[row_of[texts[at]] for at in new]]
    return out.reshape(len(docs), 2, -1)


def _addressed(
    docs: list[Doc], kept: dict[str, str], address: Callable[[str], str] | None
) -> list[Doc]:
    """The docs with their claim pages' addresses: kept from the saved index where the
    settings did not change, from `address` otherwise (it may import the renderers)."""
    if address is None:
        return docs
    # Doc(...), not dataclasses.replace: a tenth of the time at 10,000 claims.
    return [
        Doc(d.id, d.claim, d.title, d.language, d.rating, kept.get(d.id) or address(d.id))
        for d in docs
    ]


def built_matcher(
    old: SavedIndex | None,
    docs: list[Doc],
    encoder: Encoder | None,
    cache_dir: Path | None,
    config: list[int] | None,
    address: Callable[[str], str] | None,
) -> Matcher:
    """The matcher of `docs`, from the saved index `old` where it holds them (built with
    the same encoder, weight and version), afresh otherwise."""
    if old is None:
        return Matcher(_addressed(docs, {}, address), encoder, cache_dir)
    # The saved docs read once, not once for each use below.
    saved = old.matcher
    previous = Matcher.restored(list(saved.docs), saved.lexical, saved.field_vectors, encoder)
    kept = {d.id: d.url for d in previous.docs} if old.config == config else {}
    docs = _addressed(docs, kept, address)
    field_vectors = None
    if encoder is not None:
        field_vectors = updated_vectors(previous, docs, encoder, cache_dir)
        if field_vectors is None and docs:
            return Matcher(docs, encoder, cache_dir)
    return Matcher.restored(docs, updated_lexical(previous, docs), field_vectors, encoder)


def desk_matcher(
    root: Path,
    cache_dir: Path,
    encoder: Encoder | None,
    address: Callable[[str], str] | None = None,
) -> Matcher:
    """The desk's matcher: read back when no claim file and not mkdocs.yml changed,
    updated (and saved) otherwise; either way it ranks every query the same. `address`
    gives a claim id's page on the site (the caller's: matching does not import the
    settings or the renderers); each doc keeps it as its `url`, so a query needs neither
    them nor their imports (0.4 s of processor time)."""
    directory = cache_dir / INDEX_DIR
    stamped = stamped_claims(root)
    config = config_stamp(root)
    base = base_key(encoder, address is not None)
    key = index_key(base, config, [[rel, *stamp] for rel, _, stamp in stamped])
    saved = read_index(directory, encoder)
    if saved is not None and saved.key == key:
        return saved.matcher
    old = saved if saved is not None and saved.base == base else None
    docs = desk_docs(root, cache_dir, stamped)
    matcher = built_matcher(old, docs, encoder, cache_dir, config, address)
    save_index(directory, SavedIndex(matcher, key, base, config))
    return matcher
