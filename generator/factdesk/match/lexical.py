"""BM25 over the desk's claims, with scores put on a 0–1 scale.

A raw BM25 score grows with the query's length and rarity, so it cannot be compared with a
threshold. Each score here is divided by the score the query would get against a record
holding exactly its own words: 1.0 means "every word of the query, as strongly as an
identical text would", whatever the query's length or language.

The index is bm25s's (Lucene's variant, its arrays and their float32 values to the bit; a
test compares), built here with a few numpy operations from each record's term ids: bm25s
builds it in a Python loop over the records (a third of a second at 10,000 claims) and
cannot take one record's change without that loop, while the term ids of unchanged
records can be kept (index.py) so that an edit splits only the edited claim into words.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

import numpy as np

K1, B = 1.5, 0.75  # bm25s's defaults, the usual values for short documents


def term_ids(docs: Iterable[list[str]], vocab: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """Every record's terms as ids, one flat array, and each record's count of terms,
    adding new terms to `vocab`. Records are taken one at a time, so their words (a
    million strings at 50,000 claims) need not all be in memory at once."""
    ids: list[int] = []
    lengths: list[int] = []
    for doc in docs:
        ids += [vocab.setdefault(term, len(vocab)) for term in doc]
        lengths.append(len(doc))
    return np.array(ids, dtype=np.int32), np.array(lengths, dtype=np.int32)


def _idf(df: np.ndarray, size: int) -> np.ndarray:
    """Lucene's idf for each document frequency, float32 as bm25s keeps it. math.log, not
    np.log, as bm25s computes it (np.log may differ in the last bit); once per distinct
    frequency, of which there are a few hundred."""
    distinct, where = np.unique(df, return_inverse=True)
    idf = [math.log(1 + (size - d + 0.5) / (d + 0.5)) for d in distinct.tolist()]
    return np.array(idf, dtype=np.float32)[where]


class LexicalIndex:
    """A BM25 index over token lists (one per record).

    Its arrays (each term's postings in record order with their precomputed scores, each
    term's document frequency) are all a query reads, so they can be saved and read back
    (index.py) and scored by `scores` exactly as bm25s scores them. `terms` and `lengths`
    (each record's term ids, flat, and how many each has) are what it was built from."""

    def __init__(self, docs: Iterable[list[str]]) -> None:
        vocab: dict[str, int] = {}
        self._build(vocab, *term_ids(docs, vocab))

    @classmethod
    def from_ids(
        cls, vocab: dict[str, int], terms: np.ndarray, lengths: np.ndarray
    ) -> LexicalIndex:
        """The index of records given as term ids (`terms` flat, `lengths` per record);
        every id a value of `vocab`."""
        index = cls.__new__(cls)
        index._build(vocab, terms, lengths)
        return index

    def _build(self, vocab: dict[str, int], terms: np.ndarray, lengths: np.ndarray) -> None:
        self.vocab, self.terms, self.lengths = vocab, terms, lengths
        self.size = size = len(lengths)
        self.avgdl = max(1.0, int(lengths.sum()) / max(1, size))
        # One entry per (term, record), sorted by term then record: the postings, in the
        # order bm25s's sparse matrix keeps them.
        records = np.repeat(np.arange(size, dtype=np.int64), lengths)
        pairs, tf = np.unique(terms.astype(np.int64) * max(1, size) + records, return_counts=True)
        term, record = np.divmod(pairs, max(1, size))
        self.df = np.bincount(term, minlength=len(vocab)).astype(np.int64)
        self.indptr = np.zeros(len(vocab) + 1, dtype=np.int64)
        np.cumsum(self.df, out=self.indptr[1:])
        self.indices = record.astype(np.int32)
        # bm25s indexes an empty record as one empty word: it counts in the mean length.
        mean = np.maximum(lengths, 1).astype(np.int64).mean() if size else 1.0
        # bm25s's arithmetic, in its order and precision: the length norm and the term
        # frequency part in float64, idf in float32, the product rounded to float32.
        norm = K1 * ((1 - B) + B * lengths.astype(np.float64)[record] / mean)
        tf64 = tf.astype(np.float64)
        tfc = tf64 / (norm + tf64)
        idf = _idf(self.df, size) if len(vocab) else np.zeros(0, dtype=np.float32)
        self.data = (idf[term].astype(np.float64) * tfc).astype(np.float32)

    @classmethod
    def restored(
        cls,
        vocab: dict[str, int],
        arrays: tuple[np.ndarray, ...],
        size: int,
    ) -> LexicalIndex:
        """An index from saved arrays (data, indices, indptr, df, terms, lengths)."""
        index = cls.__new__(cls)
        index.vocab, index.size = vocab, size
        index.data, index.indices, index.indptr, index.df, index.terms, index.lengths = arrays
        index.avgdl = max(1.0, int(index.lengths.sum()) / max(1, size))
        return index

    def idf(self, term: str) -> float:
        at = self.vocab.get(term)
        df = int(self.df[at]) if at is not None else 0
        return math.log(1 + (self.size - df + 0.5) / (df + 0.5))

    def self_score(self, query: list[str]) -> float:
        """BM25 of the query against a record made of exactly its words (same formula as
        bm25s's Lucene variant; words the desk never uses count with their full weight)."""
        counts = Counter(query)
        norm = K1 * ((1 - B) + B * len(query) / self.avgdl)
        return sum(self.idf(t) * tf / (tf + norm) for t, tf in counts.items())

    def raw_scores(self, query: list[str]) -> np.ndarray:
        """bm25s's `get_scores`: each known query term's postings added up, in order."""
        scores = np.zeros(self.size, dtype=np.float32)
        for term in query:
            at = self.vocab.get(term)
            if at is not None:
                start, end = self.indptr[at], self.indptr[at + 1]
                np.add.at(scores, self.indices[start:end], self.data[start:end])
        return scores

    def scores(self, query: list[str]) -> np.ndarray:
        """Every record's score for the query, 0–1."""
        if not self.size or not query:
            return np.zeros(self.size, dtype=np.float32)
        raw = self.raw_scores(query)
        top = self.self_score(query)
        return np.minimum(raw / top, 1.0) if top > 0 else raw * 0
