"""Across languages: does a human translation find its English original first?

    python -m bench.crosslang [--cache DIR]

For each language of `tests/data/tatoeba/` (see its README), every translation is a
query against the 300 English sentences of its split, ranked by the matching core's
scores; "first" is the share of translations whose own original ranks first. Lines
1-300 are the report split, 301-600 the tuning split: a weight is chosen on the second
and reported on the first. Each miss is looked at: the English sentence ranked first
instead, and how close it is to the original (English against English).

Vectors are cached in DIR (default: a folder in the system's temporary directory), so a
second run encodes nothing.
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from factdesk.match.core import EMBEDDING_WEIGHT, Doc, Matcher
from factdesk.match.encoder import load_encoder
from factdesk.match.tokens import tokens
from factdesk.match.vectors import vectors

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "tatoeba"
# ISO 639-3 (the corpus's file names) → BCP 47 (a claim's `language`).
LANGUAGES = {
    "deu": "de", "spa": "es", "por": "pt", "tha": "th", "fra": "fr", "ita": "it",
    "nld": "nl", "tur": "tr", "cmn": "zh", "jpn": "ja", "rus": "ru", "pol": "pl",
    "kor": "ko", "ara": "ar", "vie": "vi", "hin": "hi", "ell": "el",
}  # fmt: skip
SPLITS = {"report": slice(0, 300), "tune": slice(300, 600)}
WEIGHTS = [round(w / 10, 1) for w in range(11)]
NEAR = 0.8  # English–English cosine from which the sentence ranked first is a near-paraphrase


@dataclass
class Split:
    english: list[str]
    queries: list[str]
    lexical: np.ndarray  # (queries, docs), 0–1
    cosines: np.ndarray  # (queries, docs)
    english_cosines: np.ndarray  # (docs, docs)

    def first(self, weight: float) -> np.ndarray:
        """Per query: the doc ranked first at this weight (ties by position, as search)."""
        fused = weight * np.clip(self.cosines, 0, 1) + (1 - weight) * self.lexical
        first: np.ndarray = np.argmax(fused, axis=1)
        return first

    def share(self, weight: float) -> float:
        return float(np.mean(self.first(weight) == np.arange(len(self.queries))))


def read(code: str, part: slice) -> tuple[list[str], list[str]]:
    def lines(suffix: str) -> list[str]:
        path = DATA / f"tatoeba.{code}-eng.{suffix}"
        return path.read_text(encoding="utf-8").splitlines()[part]

    return lines("eng"), lines(code)


def split(code: str, part: slice, cache: Path) -> Split:
    from factdesk.match.encoder import Encoder

    encoder: Encoder | None = load_encoder(cache)
    assert encoder is not None, "install factdesk[match]: this measures the encoder"
    english, queries = read(code, part)
    docs = [Doc(str(i), text, text) for i, text in enumerate(english)]
    matcher = Matcher(docs, encoder, cache)
    language = LANGUAGES[code]
    lexical = np.stack([matcher.lexical.scores(tokens(q, language)) for q in queries])
    query_vectors = vectors(encoder, queries, cache)
    cosines = matcher._cosines(query_vectors)
    doc_vectors = np.asarray(vectors(encoder, english, cache), np.float32)
    return Split(english, queries, lexical, cosines, doc_vectors @ doc_vectors.T)


def misses(data: Split, weight: float) -> tuple[int, int, int]:
    """(misses, of which the first-ranked sentence is the same text, or a near-paraphrase)"""
    first = data.first(weight)
    wrong = [(i, int(j)) for i, j in enumerate(first) if j != i]
    same = sum(data.english[i].casefold() == data.english[j].casefold() for i, j in wrong)
    near = sum(data.english_cosines[i, j] >= NEAR for i, j in wrong)
    return len(wrong), same, near


def main(cache: Path) -> None:
    print(
        "| language | default (0.4) | vectors only | lexical only | tuned weight | "
        "tuned | misses at 0.4: same text / near-paraphrase (cos ≥ 0.8) |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
    for code, language in LANGUAGES.items():
        tune = split(code, SPLITS["tune"], cache)
        weight = max(WEIGHTS, key=lambda w: (tune.share(w), -abs(w - EMBEDDING_WEIGHT)))
        report = split(code, SPLITS["report"], cache)
        wrong, same, near = misses(report, EMBEDDING_WEIGHT)
        print(
            f"| {language} | {report.share(EMBEDDING_WEIGHT):.1%} | {report.share(1.0):.1%} | "
            f"{report.share(0.0):.1%} | {weight} | {report.share(weight):.1%} | "
            f"{wrong}: {same} / {near} |",
            flush=True,
        )
        for i, j in [(i, int(j)) for i, j in enumerate(report.first(EMBEDDING_WEIGHT)) if j != i][
            :3
        ]:
            print(
                f"  miss: {report.queries[i]!r} → {report.english[j]!r}"
                f" (not {report.english[i]!r})",
                file=sys.stderr,
            )


if __name__ == "__main__":
    default = Path(tempfile.gettempdir()) / "factdesk-crosslang"
    main(Path(sys.argv[sys.argv.index("--cache") + 1]) if "--cache" in sys.argv else default)
