"""Sentence vectors (match/vectors.py): claims not in the cache are encoded in batches of
one size, on every core when the command line asks, and give the same vectors either way."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest

from factdesk.match import vectors as vectors_module
from factdesk.match.vectors import ENCODE_BATCH, vectors


class HashEncoder:
    """A vector from each text's hash, and the batches this process encoded."""

    name = "hash-1"
    languages = frozenset({"en"})

    def __init__(self) -> None:
        self.batches: list[int] = []

    def encode(self, texts: list[str]) -> np.ndarray:
        self.batches.append(len(texts))
        rows = [np.frombuffer(hashlib.sha256(t.encode()).digest(), np.uint8) for t in texts]
        return np.array(rows, dtype=np.float32) / 255


TEXTS = [f"claim number {i}" for i in range(3 * ENCODE_BATCH + 7)]


def test_vectors_encoded_on_every_core_are_those_encoded_on_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(vectors_module, "PARALLEL_ENCODE_FROM", 1)
    one, both = HashEncoder(), HashEncoder()
    serial = vectors(one, TEXTS, tmp_path / "one")
    parallel = vectors(both, TEXTS, tmp_path / "both", parallel=True)
    assert parallel.dtype == np.float16 and parallel.shape == (len(TEXTS), 32)
    assert np.array_equal(serial, parallel)
    assert one.batches == [ENCODE_BATCH] * 3 + [7]
    assert 0 < len(both.batches) < 4, "forked workers encoded the other batches"
    # Each cache holds the same rows: a warm run reads them, encoding nothing.
    again = HashEncoder()
    assert np.array_equal(vectors(again, TEXTS, tmp_path / "both"), serial)
    assert again.batches == []


def test_a_few_texts_are_encoded_here_whatever_is_asked(tmp_path: Path) -> None:
    encoder = HashEncoder()
    vectors(encoder, TEXTS[:10], tmp_path, parallel=True)
    assert encoder.batches == [10]
