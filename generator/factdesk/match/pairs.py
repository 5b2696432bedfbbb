"""Claims of one desk that read alike: what `validate` warns about (FD113).

Comparing every claim with every other costs seconds on a large desk, so the answer is
kept in `.cache/factdesk/match-pairs.json` under a hash of everything it depends on (each
claim's id, text, title and language, the threshold and the encoder): a warm `validate`
of an unchanged desk reads it back, and any edit computes it again, exactly as a cold run
would. The sentence vectors themselves are cached per text (vectors.py), so that run
encodes only the edited claim.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

from factdesk.match.core import Doc, Matcher
from factdesk.match.encoder import encoder_name, load_encoder

PAIRS_FILE = "match-pairs.json"
Pair = tuple[int, int, float]  # (later doc, earlier doc, score)


def _key(docs: Sequence[Doc], threshold: float, encoder: str) -> str:
    h = hashlib.sha256(f"{threshold}\0{encoder}".encode())
    for d in docs:
        h.update(f"\0{d.id}\0{d.claim}\0{d.title}\0{d.language}".encode())
    return h.hexdigest()


def _read(path: Path, key: str, size: int) -> list[Pair] | None:
    """The cached pairs, or None. The file is unsigned (anyone can compute the key from
    the claims), so a pair must name two docs that exist, later first, with a score in
    0–1: a planted file can only add or hide warnings, never crash the caller."""
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
        if saved.get("key") != key:
            return None
        pairs = [(int(i), int(j), float(s)) for i, j, s in saved["pairs"]]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if all(0 <= j < i < size and 0 <= s <= 1 for i, j, s in pairs):
        return pairs
    return None


def _write(path: Path, key: str, pairs: list[Pair]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"key": key, "pairs": pairs}), encoding="utf-8")
    except OSError:
        pass  # a read-only desk: the next run computes again


def compute_pairs(
    docs: Sequence[Doc], threshold: float, cache_dir: Path | None, *, parallel: bool = False
) -> list[Pair]:
    """(later, earlier, score) for every doc whose claim scores at least `threshold`
    against an earlier doc (in the order given), the better of the two directions.
    `parallel`: the claims are encoded on every core (from the command line only)."""
    matcher = Matcher(docs, load_encoder(cache_dir), cache_dir, parallel=parallel)
    best: dict[tuple[int, int], float] = {}
    for i, j, score in matcher.neighbours(threshold):
        pair = (max(i, j), min(i, j))
        best[pair] = max(score, best.get(pair, 0.0))
    return [(i, j, round(s, 3)) for (i, j), s in sorted(best.items())]


def similar_pairs(
    docs: Sequence[Doc], threshold: float, cache_dir: Path | None, *, parallel: bool = False
) -> list[Pair]:
    """compute_pairs, read from the cache when nothing it depends on changed."""
    if threshold >= 1 or len(docs) < 2:
        return []
    key = _key(docs, threshold, encoder_name() or "lexical")
    path = cache_dir / PAIRS_FILE if cache_dir is not None else None
    cached = _read(path, key, len(docs)) if path is not None else None
    if cached is not None:
        return cached
    pairs = compute_pairs(docs, threshold, cache_dir, parallel=parallel)
    if path is not None:
        _write(path, key, pairs)
    return pairs
