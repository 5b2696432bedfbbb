"""Words for the lexical ranker, per language.

Unicode word split, NFKC and case folded; Snowball stemming (PyStemmer) for the languages
it covers; scripts written without spaces (Han, kana, Hangul syllables run together,
Thai) become overlapping character pairs, the usual way to index them without a
dictionary. Addresses are dropped: they name where a claim was seen, not what it says. (On the
CheckThat! training tweets, keeping a tweet's signature and splitting handles into words
raised MAP@5 by 0.05; a list of stop words changed nothing, BM25's weights already
discount common words.)
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from operator import itemgetter
from typing import Any

# BCP 47 primary subtag → Snowball algorithm name (PyStemmer's `algorithms()`).
SNOWBALL = {
    "ar": "arabic", "hy": "armenian", "eu": "basque", "ca": "catalan", "da": "danish",
    "nl": "dutch", "en": "english", "fi": "finnish", "fr": "french", "de": "german",
    "el": "greek", "hi": "hindi", "hu": "hungarian", "id": "indonesian", "ga": "irish",
    "it": "italian", "lt": "lithuanian", "ne": "nepali", "no": "norwegian", "nb": "norwegian",
    "pt": "portuguese", "ro": "romanian", "ru": "russian", "sr": "serbian", "es": "spanish",
    "sv": "swedish", "ta": "tamil", "tr": "turkish", "yi": "yiddish",
}  # fmt: skip
_ADDRESS = re.compile(r"https?://\S+|www\.\S+|pic\.twitter\.com/\S+")
_HANDLE = re.compile(r"[@#](\w+)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def _mark_ranges() -> str:
    """A character-class body of every combining mark in the Basic Multilingual Plane.
    `\\w` leaves them out, which would cut words of Indic scripts, Thai or Arabic with
    vowel signs into single letters (प्रियंका → प र य क)."""
    # One letter per code point from 0x300 (M for a mark), its runs found by a regex:
    # the map runs in C, a third of the time of a Python loop, at every start.
    first = 0x300
    kinds = "".join(map(itemgetter(0), map(unicodedata.category, map(chr, range(first, 0x10000)))))
    return "".join(
        f"\\u{first + run.start():04x}-\\u{first + run.end() - 1:04x}"
        for run in re.finditer("M+", kinds)
    )


_WORD = re.compile(rf"[\w{_mark_ranges()}]+")
_UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def _words_of_handle(match: re.Match[str]) -> str:
    return f" {_CAMEL.sub(' ', match.group(1))} "


def without_addresses(text: str) -> str:
    """The text without addresses, and @handles and #tags as their words (@IlhanMN →
    Ilhan MN), since a handle often names the claimant the fact-check names."""
    return _HANDLE.sub(_words_of_handle, _ADDRESS.sub(" ", text))


def primary(language: str | None) -> str:
    return (language or "").split("-")[0].casefold()


@cache
def _stemmer(language: str) -> Any:
    """PyStemmer's stemmer for a language, or None (not covered, or not installed)."""
    name = SNOWBALL.get(language)
    if name is None:
        return None
    try:
        import Stemmer  # PyStemmer: a C extension, a few milliseconds to import
    except ImportError:  # pragma: no cover - a dependency, but matching still works without
        return None
    return Stemmer.Stemmer(name)


def _pairs(run: str) -> list[str]:
    return [run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)]


def _split(word: str) -> list[str]:
    """A word, or the character pairs of the runs of unspaced script inside it."""
    if not _UNSPACED.search(word):
        return [word]
    out: list[str] = []
    for part in re.split(f"({_UNSPACED.pattern}+)", word):
        if part:
            out += _pairs(part) if _UNSPACED.match(part) else [part]
    return out


def tokens(text: str, language: str | None) -> list[str]:
    """The terms a text is indexed and searched by."""
    folded = unicodedata.normalize("NFKC", without_addresses(text)).casefold()
    words = [w for raw in _WORD.findall(folded) for w in _split(raw)]
    stemmer = _stemmer(primary(language))
    return stemmer.stemWords(words) if stemmer is not None else words
