"""`factdesk match` after an edit, and a warm query's imports.

An edited claim updates the saved index (only that claim split into words and encoded,
BM25 rebuilt from the kept term ids), and the updated index answers exactly what an index
built afresh answers. A warm query lists the claim files without the record models and
takes the site's address from the index, so it never imports pydantic.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from factdesk.load.discover import discover
from factdesk.load.listing import CLAIMS_FOLDER, claim_files
from factdesk.match import index
from factdesk.match.core import Doc, Matcher
from factdesk.match.desk import desk_docs
from factdesk.match.lexical import LexicalIndex
from factdesk.match.tokens import tokens
from factdesk.records.fields import ID_MAX
from factdesk.records.models import BY_KIND

from conftest import REPO, MakeKB
from kbfactory import BASE_CLAIM

QUERIES = ["pigs fly over the city", "green skies", "cheese moon", "unicorns", "the", ""]


class CountingEncoder:
    """A stand-in encoder that counts letters (texts differ) and records what it encodes."""

    name = "letters-2"
    languages = frozenset({"en"})

    def __init__(self) -> None:
        self.encoded: list[str] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.encoded += texts
        rows = np.array([[t.count(c) + 0.5 for c in "aeiostu"] for t in texts], np.float32)
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def _claim(cid: str, text: str) -> str:
    return BASE_CLAIM.replace("claim-a", cid).replace("claim: The sky is green", f"claim: {text}")


TEXTS = {
    "b": "Pigs fly over the city",
    "c": "The moon is made of cheese",
    "d": "Green skies all week",
    "e": "Cheese prices doubled over the week",
}


def _desk(make_kb: MakeKB) -> Path:
    return make_kb({f"claims/claim-{c}.yaml": _claim(f"claim-{c}", t) for c, t in TEXTS.items()})


def _same_answers(ours: Matcher, fresh: Matcher) -> None:
    assert list(ours.docs) == list(fresh.docs)
    for query in QUERIES:
        assert np.array_equal(ours.scores(query, "en"), fresh.scores(query, "en")), query
    mine, theirs = ours.lexical, fresh.lexical
    assert sorted(mine.vocab) == sorted(theirs.vocab)  # no term left that no claim uses
    for term in theirs.vocab:
        assert mine.df[mine.vocab[term]] == theirs.df[theirs.vocab[term]]


def _fresh(root: Path, encoder: CountingEncoder | None) -> Matcher:
    return index.built_matcher(None, desk_docs(root, None), encoder, None, None, None)


def test_an_edit_updates_the_index_to_what_building_afresh_gives(
    make_kb: MakeKB, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _desk(make_kb)
    cache = root / ".cache/factdesk"
    index.desk_matcher(root, cache, CountingEncoder())
    (root / "claims/claim-c.yaml").write_text(_claim("claim-c", "Unicorns graze in the park"))
    (root / "claims/claim-d.yaml").unlink()  # its words ("skies") leave the vocabulary
    (root / "claims/claim-f.yaml").write_text(_claim("claim-f", "Pigs fly in the park"))
    split: list[str] = []

    def counted(text: str, language: str | None) -> list[str]:
        split.append(text)
        return tokens(text, language)

    encoder = CountingEncoder()
    with monkeypatch.context() as patch:
        patch.setattr(index, "tokens", counted)
        updated = index.desk_matcher(root, cache, encoder)
    # Only the edited and the new claim were split into words and encoded.
    assert [text.split(" ")[0] for text in split] == ["Unicorns", "Pigs"]
    assert sorted(encoder.encoded) == ["Pigs fly in the park", "Unicorns graze in the park"]
    fresh = _fresh(root, CountingEncoder())
    _same_answers(updated, fresh)
    assert "ski" not in updated.lexical.vocab
    # And read back, the saved update answers the same.
    _same_answers(index.desk_matcher(root, cache, CountingEncoder()), fresh)


def test_an_update_without_the_encoder_matches_a_fresh_index(make_kb: MakeKB) -> None:
    root = _desk(make_kb)
    cache = root / ".cache/factdesk"
    index.desk_matcher(root, cache, None)
    (root / "claims/claim-b.yaml").write_text(_claim("claim-b", "Pigs swim under the city"))
    _same_answers(index.desk_matcher(root, cache, None), _fresh(root, None))


def test_many_new_texts_are_read_from_the_vector_cache(make_kb: MakeKB) -> None:
    """Past FEW_TEXTS new texts, the update reads the vector cache (which holds them when
    `validate` encoded them) rather than encoding them itself."""
    root = _desk(make_kb)
    cache = root / ".cache/factdesk"
    index.desk_matcher(root, cache, CountingEncoder())
    count = index.FEW_TEXTS + 1
    more = {f"claims/claim-x{i}.yaml": _claim(f"claim-x{i}", f"Claim {i}") for i in range(count)}
    make_kb(more)
    Matcher(desk_docs(root, None), CountingEncoder(), cache)  # as FD113 would
    encoder = CountingEncoder()
    updated = index.desk_matcher(root, cache, encoder)
    assert encoder.encoded == []
    _same_answers(updated, _fresh(root, CountingEncoder()))


def test_a_new_site_address_gives_new_urls(make_kb: MakeKB) -> None:
    root = _desk(make_kb)
    cache = root / ".cache/factdesk"
    config = root / "mkdocs.yml"
    config.write_text("site_name: t\nsite_url: https://a.example/\n")
    pages: list[str] = []

    def address(cid: str) -> str:
        pages.append(cid)
        return f"{config.read_text().split('site_url: ')[1].strip()}{cid}/"

    def urls() -> dict[str, str]:
        return {d.id: d.url for d in index.desk_matcher(root, cache, None, address).docs}

    assert urls()["claim-b"] == "https://a.example/claim-b/"
    (root / "claims/claim-b.yaml").write_text(_claim("claim-b", "Pigs swim"))
    pages.clear()
    assert urls()["claim-b"] == "https://a.example/claim-b/"
    assert pages == []  # unchanged settings: every address kept from the saved index
    config.write_text("site_name: t\nsite_url: https://b.example/\n")
    assert set(urls().values()) == {f"https://b.example/claim-{c}/" for c in "abcde"}


def test_lexical_ids_build_what_bm25s_builds_with_empty_records() -> None:
    """bm25s indexes an empty record as one empty word, which counts in the mean length:
    the arrays built from term ids score as bm25s does with one among the records."""
    import bm25s

    words = [tokens(t, "en") for t in ("the moon is cheese", "", "cheese cheese pigs", "!")]
    ours = LexicalIndex(words)
    theirs = bm25s.BM25(k1=1.5, b=0.75, method="lucene")
    theirs.index([w or [""] for w in words], show_progress=False)
    for query in (["chees"], ["moon", "chees"], ["pig", "pig"]):
        expected = np.asarray(theirs.get_scores(query), dtype=np.float32)
        assert np.array_equal(ours.raw_scores(query), expected)


def test_a_damaged_doc_line_reads_as_an_empty_doc(make_kb: MakeKB) -> None:
    root = _desk(make_kb)
    cache = root / ".cache/factdesk"
    index.desk_matcher(root, cache, None)
    docs = cache / index.INDEX_DIR / index.DOCS
    text = docs.read_bytes()
    first_end = text.index(b"\n")
    docs.write_bytes(b"{" * first_end + text[first_end:])  # same length, not a list
    saved = index.read_index(cache / index.INDEX_DIR, None)
    assert saved is not None
    assert saved.matcher.docs[0] == Doc("", "", "")
    assert saved.matcher.docs[1].id == "claim-b"
    assert [d.id for d in saved.matcher.docs[-2:]] == ["claim-d", "claim-e"]
    assert list(saved.matcher.docs) == [saved.matcher.docs[i] for i in range(5)]


TRICKY = {
    "claims/sub/claim-z.yaml": _claim("claim-z", "z"),
    "claims/sub-a/claim-y.yaml": _claim("claim-y", "y"),
    "claims/sub/deeper/claim-w.yaml": _claim("claim-w", "w"),
    "claims/claim-b.yml": "x",
    "claims/Claim-C.yaml": "x",
    "claims/.hidden.yaml": "x",
    "claims/.hidden/claim-v.yaml": "x",
    "claims/folder.yaml/claim-u.yaml": "x",
    "claims/claim--double.yaml": "x",
    "claims/README.md": "x",
    f"claims/{'a' * (ID_MAX + 1)}.yaml": "x",
    f"claims/{'a' * ID_MAX}.yaml": "x",
    "claims/a.yaml": "x",
    "claims/a-b.yaml": "x",
    "sources/claim-q.yaml": "x",
}


def test_claim_files_are_discovers_claims_in_its_order(make_kb: MakeKB) -> None:
    root = make_kb(TRICKY)
    (root / "claims/linked.yaml").symlink_to(root / "claims/a.yaml")
    (root / "claims/linked-folder").symlink_to(root / "claims/sub", target_is_directory=True)
    files, _ = discover(root)
    expected = [(f.rel, f.fspath) for f in files if f.kind == "claim"]
    assert claim_files(root) == expected
    assert len(expected) == 7  # the three in sub-folders, claim-a and a, a-b, a…a
    assert BY_KIND["claim"].folder == CLAIMS_FOLDER


WRAPPER = """
import sys
from factdesk.cli import main
sys.argv = ["factdesk", "match", "--root", sys.argv[1], "--json", "--lang", "en", "pigs fly"]
try:
    main()
except SystemExit as exit:
    assert not exit.code, exit.code
heavy = ["pydantic", "factdesk.records.models", "factdesk.render", "factdesk.check.pipeline",
         "factdesk.load.discover", "factdesk.load.site_config", "yaml"]
print(json.dumps(sorted(m for m in heavy if m in sys.modules)))
"""


def _match_in_subprocess(root: Path) -> tuple[list[str], dict[str, object]]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "generator")}
    done = subprocess.run(
        [sys.executable, "-c", "import json\n" + WRAPPER, str(root)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    answer, imported = done.stdout.splitlines()
    return json.loads(imported), json.loads(answer)


def test_a_warm_match_imports_neither_pydantic_nor_the_models(make_kb: MakeKB) -> None:
    root = _desk(make_kb)
    (root / "mkdocs.yml").write_text("site_name: t\nsite_url: https://a.example/desk/\n")
    cold_imports, cold = _match_in_subprocess(root)
    assert "pydantic" in cold_imports  # building the index reads the claims and settings
    warm_imports, warm = _match_in_subprocess(root)
    assert warm_imports == []
    assert warm == cold
    assert warm["matches"][0]["url"] == "https://a.example/desk/claims/claim-b/"  # type: ignore[index]
