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
    """A BM25 index over token lists (one per record)."""

    def __init__(self, docs: Sequence[list[str]]) -> None:
        import bm25s  # imported on use: only matching needs it

        self.size = len(docs)
        self.df: Counter[str] = Counter(t for doc in docs for t in set(doc))
        self.avgdl = max(1.0, sum(map(len, docs)) / max(1, len(docs)))
        self.model: Any = bm25s.BM25(k1=K1, b=B, method="lucene")
        if docs:
            # bm25s refuses an empty document; an empty one matches nothing anyway.
            self.model.index([doc or [""] for doc in docs], show_progress=False)

    def idf(self, term: str) -> float:
        df = self.df.get(term, 0)
        return math.log(1 + (self.size - df + 0.5) / (df + 0.5))

    def self_score(self, query: list[str]) -> float:
        """BM25 of the query against a record made of exactly its words (same formula as
        bm25s's Lucene variant; words the desk never uses count with their full weight)."""
        counts = Counter(query)
        norm = K1 * ((1 - B) + B * len(query) / self.avgdl)
        return sum(self.idf(t) * tf / (tf + norm) for t, tf in counts.items())

    def scores(self, query: list[str]) -> np.ndarray:
        """Every record's score for the query, 0–1."""
        if not self.size or not query:
            return np.zeros(self.size, dtype=np.float32)
        raw = np.asarray(self.model.get_scores(query), dtype=np.float32)
        top = self.self_score(query)
        return np.minimum(raw / top, 1.0) if top > 0 else raw * 0
