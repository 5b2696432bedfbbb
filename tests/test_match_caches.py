"""The matching caches are unsigned files in the desk's `.cache/factdesk/`: a planted one
can make matching worse, never run code or crash validate or the build."""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path

import numpy as np

from factdesk.check.incremental import check_root
from factdesk.check.pipeline import validate_root
from factdesk.match import pairs
from factdesk.match.core import Doc, Matcher
from factdesk.render.pages import PageRenderer
from test_related_checks import DESK

from conftest import MakeKB


class Payload:
    """Unpickling this makes a folder: proof that code ran."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.mkdir, (str(self.marker),))


class CountingEncoder:
    name = "counting-1"
    languages = frozenset({"en"})

    def __init__(self) -> None:
        self.seen: list[str] = []

    def encode(self, texts: list[str]) -> np.ndarray:
        self.seen += texts
        rows = np.ones((len(texts), 4), dtype=np.float32)
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_a_pickled_vector_cache_is_never_unpickled(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    keys = np.array([Payload(marker)], dtype=object)
    with (tmp_path / "match-vectors.npz").open("wb") as out:
        np.savez(out, keys=keys, vectors=keys)
    assert pickle.loads(pickle.dumps(Payload(tmp_path / "check"))) is None  # a live payload
    assert (tmp_path / "check").exists()
    encoder = CountingEncoder()
    Matcher([Doc("a", "one", "two")], encoder, tmp_path)
    assert not marker.exists()
    assert encoder.seen == ["one", "two"]  # the planted file was ignored: encoded afresh


def test_planted_pairs_naming_claims_that_do_not_exist_are_ignored(make_kb: MakeKB) -> None:
    root = make_kb(DESK)
    check_root(root)
    cache = root / ".cache/factdesk" / pairs.PAIRS_FILE
    saved = json.loads(cache.read_text())
    honest = check_root(root).diagnostics
    for planted in ([[99, 0, 0.9]], [[1, 5, 0.9]], [[0, 1, 0.9]], [[2, 1, 7.0]]):
        cache.write_text(json.dumps({"key": saved["key"], "pairs": planted}))
        assert check_root(root).diagnostics == honest
        cache.write_text(json.dumps({"key": saved["key"], "pairs": planted}))
        renderer = PageRenderer(validate_root(root).kb, match_cache=root / ".cache/factdesk")
        assert renderer.related_checks  # the build reads the same file: computed afresh
