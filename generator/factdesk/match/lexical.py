"""BM25 over the desk's claims (bm25s), with scores put on a 0–1 scale.

A raw BM25 score grows with the query's length and rarity, so it cannot be compared with a
threshold. Each score here is divided by the score the query would get against a record
holding exactly its own words: 1.0 means "every word of the query, as strongly as an
identical text would", whatever the query's length or language.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np

K1, B = 1.5, 0.75  # bm25s's defaults, the usual values for short documents


class LexicalIndex:
    """A BM25 index over token lists (one per record).

    bm25s builds it; its arrays (each term's postings with their precomputed scores, the
    vocabulary, each term's document frequency) are then all a query reads, so they can be
    saved and read back (index.py) and scored by `scores` exactly as bm25s scores them."""

    def __init__(self, docs: Sequence[list[str]]) -> None:
        import bm25s  # imported on use: only building an index needs it

        self.size = len(docs)
        counts: Counter[str] = Counter(t for doc in docs for t in set(doc))
        self.avgdl = max(1.0, sum(map(len, docs)) / max(1, len(docs)))
        self.vocab: dict[str, int] = {}
        self.data = np.zeros(0, dtype=np.float32)
        self.indices = np.zeros(0, dtype=np.int32)
        self.indptr = np.zeros(1, dtype=np.int64)
        if docs:
            model: Any = bm25s.BM25(k1=K1, b=B, method="lucene")
            # bm25s refuses an empty document; an empty one matches nothing anyway.
            model.index([doc or [""] for doc in docs], show_progress=False)
            self.vocab = dict(model.vocab_dict)
            self.data, self.indices, self.indptr = (
                model.scores["data"],
                model.scores["indices"],
                model.scores["indptr"],
            )
            # bm25s lists "" in its vocabulary with no postings range of its own: give every
            # term one (an empty one), so a term id always indexes indptr safely.
            missing = len(self.vocab) + 1 - len(self.indptr)
            self.indptr = np.concatenate([self.indptr, np.repeat(self.indptr[-1:], missing)])
        # Document frequencies by term id ("" stands for empty records: never a query term).
        self.df = np.zeros(len(self.vocab), dtype=np.int64)
        for term, at in self.vocab.items():
            self.df[at] = counts.get(term, 0)

    @classmethod
    def restored(
        cls,
        vocab: dict[str, int],
        arrays: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
        size: int,
        avgdl: float,
    ) -> LexicalIndex:
        """An index from saved arrays (data, indices, indptr, df), without bm25s."""
        index = cls.__new__(cls)
        index.vocab, index.size, index.avgdl = vocab, size, avgdl
        index.data, index.indices, index.indptr, index.df = arrays
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
