"""The matching core: rank a desk's claims against a text, in any language.

Each claim is indexed by its text and its title (what the claim says, and the fact-check's
own wording of it) with BM25 and, when the encoder is installed, by their sentence
vectors. A claim's score for a query is a weighted sum of the two, each on a 0–1 scale:
the lexical score (lexical.py) and the best cosine between the query and either field.
The weight was tuned on the CheckThat! training and development data (manual: matching).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from factdesk.match.encoder import Encoder
from factdesk.match.lexical import LexicalIndex
from factdesk.match.tokens import tokens, without_addresses
from factdesk.match.vectors import vectors

# Share of the sentence vectors in the fused score (the rest is BM25's).
EMBEDDING_WEIGHT = 0.4
# Rows of the similarity matrix computed at once when every claim is compared with every
# other: bounds memory (rows × claims × 4 bytes) on large desks.
BLOCK = 512
# Claims whose half-precision vectors are widened to float32 at once for a query: the
# whole matrix at 50,000 claims would be 200 MB more.
COSINE_BLOCK = 4096


@dataclass(frozen=True)
class Doc:
    """What matching knows of one claim."""

    id: str
    claim: str
    title: str
    language: str = "en"
    rating: str = ""
    url: str = ""

    @property
    def fields(self) -> tuple[str, str]:
        return (self.claim, self.title)


@dataclass(frozen=True)
class Hit:
    index: int  # into the Matcher's docs
    score: float


class Matcher:
    """Docs indexed for matching; `encoder` None means lexical only."""

    def __init__(
        self,
        docs: Sequence[Doc],
        encoder: Encoder | None = None,
        cache_dir: Path | None = None,
        weight: float = EMBEDDING_WEIGHT,
        *,
        parallel: bool = False,
    ) -> None:
        """`parallel`: texts not in the vector cache are encoded on every core."""
        self.docs: Sequence[Doc] = list(docs)
        self.encoder = encoder
        self.weight = weight if encoder is not None else 0.0
        self.lexical = LexicalIndex(tokens(f"{d.claim} {d.title}", d.language) for d in docs)
        # (docs, fields, dim), float16 as cached (vectors.py), possibly memory-mapped.
        self.field_vectors: np.ndarray | None = None
        if encoder is not None:
            texts = [text for d in self.docs for text in d.fields]
            flat = vectors(encoder, texts, cache_dir, parallel=parallel)
            self.field_vectors = flat.reshape(len(self.docs), 2, -1) if self.docs else None

    @classmethod
    def restored(
        cls,
        docs: Sequence[Doc],
        lexical: LexicalIndex,
        field_vectors: np.ndarray | None,
        encoder: Encoder | None,
        weight: float = EMBEDDING_WEIGHT,
    ) -> Matcher:
        """A matcher from a saved index (index.py): what __init__ would compute. `docs` is
        kept as given (the saved index's are read one by one, when asked for)."""
        matcher = cls.__new__(cls)
        matcher.docs, matcher.encoder, matcher.lexical = docs, encoder, lexical
        matcher.weight = weight if encoder is not None else 0.0
        matcher.field_vectors = field_vectors if encoder is not None else None
        return matcher

    @property
    def lexical_only(self) -> bool:
        return self.encoder is None

    def _cosines(self, query_vectors: np.ndarray) -> np.ndarray:
        """(queries, docs): the best cosine between each query and either field of a doc."""
        assert self.field_vectors is not None
        queries = np.asarray(query_vectors, dtype=np.float32)
        best = np.empty((len(queries), len(self.field_vectors)), dtype=np.float32)
        for start in range(0, len(self.field_vectors), COSINE_BLOCK):
            fields = np.asarray(self.field_vectors[start : start + COSINE_BLOCK], np.float32)
            docs, per_doc, dim = fields.shape
            # One matrix product through BLAS: np.einsum does not use BLAS for this shape and
            # was ten times slower, the largest cost of comparing every claim with every other.
            flat = fields.reshape(docs * per_doc, dim)
            products = (queries @ flat.T).reshape(len(queries), docs, per_doc)
            best[:, start : start + docs] = products.max(axis=2)
        return best

    def scores(self, query: str, language: str | None) -> np.ndarray:
        """Every doc's fused score for one query, 0–1."""
        lexical = self.lexical.scores(tokens(query, language))
        if self.encoder is None or self.field_vectors is None:
            return lexical
        cos = self._cosines(self.encoder.encode([without_addresses(query)]))[0]
        fused: np.ndarray = self.weight * np.clip(cos, 0, 1) + (1 - self.weight) * lexical
        return fused

    def search(self, query: str, top: int, language: str | None = None) -> list[Hit]:
        """The `top` best docs for a query, best first (ties by position, so stable)."""
        if not len(self.docs):
            return []
        scored = self.scores(query, language)
        order = np.argsort(-scored, kind="stable")[:top]
        return [Hit(int(i), float(scored[i])) for i in order]

    def neighbours(self, threshold: float) -> Iterator[tuple[int, int, float]]:
        """(doc, other doc, score) for every ordered pair scoring at least `threshold`,
        each doc's claim text taken as the query against the others' claim and title."""
        for start in range(0, len(self.docs), BLOCK):
            rows = range(start, min(start + BLOCK, len(self.docs)))
            block = np.stack([self.lexical.scores(self._query_tokens(i)) for i in rows])
            if self.field_vectors is not None:
                cos = self._cosines(self.field_vectors[start : rows.stop, 0])
                block = self.weight * np.clip(cos, 0, 1) + (1 - self.weight) * block
            for row, i in enumerate(rows):
                block[row, i] = 0.0  # a claim is not an earlier check of itself
                for j in np.flatnonzero(block[row] >= threshold):
                    yield i, int(j), float(block[row, j])

    def _query_tokens(self, index: int) -> list[str]:
        doc = self.docs[index]
        return tokens(doc.claim, doc.language)
