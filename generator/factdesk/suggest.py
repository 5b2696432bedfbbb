""" "Did you mean" suggestions for misspelt names, ids and ratings."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, options: Iterable[str]) -> str | None:
    pool = sorted(set(options))
    lowered = {o.lower(): o for o in pool}
    if word.lower() in lowered:
        return lowered[word.lower()]
    # Abbreviations like 'rsf-2023' for 'rsf-index-2023' match on shared tokens.
    matches = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    if matches:
        return matches[0]
    tokens = set(word.replace("_", "-").split("-"))
    scored = [(len(tokens & set(o.split("-"))), o) for o in pool]
    best = max(scored, default=(0, ""))
    return best[1] if best[0] >= max(2, len(tokens) - 1) else None


def did_you_mean(word: str, options: Iterable[str]) -> str:
    match = closest(word, options)
    return f" (did you mean '{match}'?)" if match and match != word else ""
