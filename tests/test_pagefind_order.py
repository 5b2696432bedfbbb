"""Pagefind's index in one order (render/pagefind_order.py): Pagefind 1.5.2 run on the same
pages gives filter files in a different order each time; after `stabilise` two runs are
byte-identical, and the files keep the names Pagefind's own hash gives them."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from factdesk.render.pagefind_order import (
    SIGNATURE,
    Cbor,
    PagefindFormatError,
    decode,
    encode,
    file_hash,
    full_hash,
    read,
    stabilise,
)

# Enough values per filter that two runs almost never list them in the same order.
RATINGS = [f"rating {n:02d}" for n in range(12)]
PAGE = """<!doctype html><html lang="{lang}"><head><title>{n}</title></head><body>
<main data-pagefind-body><h1>Claim {n}</h1><p>words about claim {n}</p>
<span data-pagefind-filter="rating">{rating}</span>
<span data-pagefind-filter="topic">topic {topic}</span>
<span data-pagefind-sort="date">2024-01-{day:02d}</span></main></body></html>"""


def _site(root: Path) -> Path:
    """Pages in two languages with two filters, indexed by Pagefind."""
    for n in range(24):
        lang = "en" if n % 2 else "ko"
        page = PAGE.format(lang=lang, n=n, rating=RATINGS[n % 12], topic=n % 7, day=n + 1)
        (root / f"p{n}").mkdir(parents=True)
        (root / f"p{n}" / "index.html").write_text(page, encoding="utf-8")
    command = [sys.executable, "-m", "pagefind", "--site", str(root), "--silent"]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    return root / "pagefind"


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Three runs of Pagefind on the same pages, untouched."""
    return [_site(tmp_path_factory.mktemp(f"run{n}")) for n in range(3)]


def test_pagefind_alone_is_not_stable(runs: list[Path]) -> None:
    """Why this module exists; when a Pagefind release sorts its filters this fails,
    and `stabilise` can go."""
    trees = [_tree(run) for run in runs]
    assert trees[0] != trees[1] or trees[1] != trees[2]


def test_the_names_are_pagefinds_own_hashes(runs: list[Path]) -> None:
    """Every file decodes and re-encodes to its own bytes, and its name is the hash this
    module computes: so a renamed file is named as Pagefind would name it."""
    bundle = runs[0]
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    for lang, info in entry["languages"].items():
        meta = read(bundle / f"pagefind.{info['hash']}.pf_meta")
        assert info["hash"] == f"{lang}_{full_hash(encode(meta))[: len(lang) + 8]}"
        assert isinstance(meta, list) and isinstance(meta[3], list)
        for item in meta[3]:
            assert isinstance(item, list) and isinstance(item[1], str)
            name = item[1]
            assert name == file_hash(lang, encode(read(bundle / f"filter/{name}.pf_filter")), set())
    for path in bundle.glob("filter/*.pf_filter"):
        lang = path.stem.split("_")[0]
        assert path.stem == file_hash(lang, encode(read(path)), set())


def test_two_runs_are_byte_identical_after_stabilise(runs: list[Path], tmp_path: Path) -> None:
    copies = [shutil.copytree(run, tmp_path / str(n)) for n, run in enumerate(runs)]
    for copy in copies:
        stabilise(copy)
    trees = [_tree(copy) for copy in copies]
    assert trees[0] == trees[1] == trees[2]
    assert {name.split("/")[0] for name in trees[0]} >= {"filter", "index", "fragment"}


def test_filter_values_and_languages_are_sorted(runs: list[Path], tmp_path: Path) -> None:
    bundle = shutil.copytree(runs[0], tmp_path / "b")
    stabilise(bundle)
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["en", "ko"]
    for lang, info in entry["languages"].items():
        meta = read(bundle / f"pagefind.{info['hash']}.pf_meta")
        assert isinstance(meta, list) and isinstance(meta[3], list)
        names = [item[0] for item in meta[3] if isinstance(item, list)]
        assert names == ["rating", "topic"]
        for item in meta[3]:
            assert isinstance(item, list) and isinstance(item[1], str)
            index = read(bundle / f"filter/{item[1]}.pf_filter")
            assert isinstance(index, list) and isinstance(index[1], list)
            values = [value[0] for value in index[1] if isinstance(value, list)]
            assert values == sorted(values) and len(values) > 1, lang
    # Nothing but the renamed files was added or lost.
    assert len(list(bundle.rglob("*"))) == len(list(runs[0].rglob("*")))


def test_cbor_round_trips_every_head_size() -> None:
    value: list[Cbor] = [0, 23, 24, 255, 256, 65535, 65536, 2**32, "", "é" * 30, b"\x00", [[]]]
    assert decode(encode(value), 0) == (value, len(encode(value)))


@pytest.mark.parametrize(
    "body",
    [b"not cbor", SIGNATURE + b"\xa1\x01\x02", SIGNATURE + b"\x82\x01", SIGNATURE + b"\x18"],
    ids=["no signature", "a map", "short array", "short head"],
)
def test_a_file_it_cannot_read_exactly_is_an_error(tmp_path: Path, body: bytes) -> None:
    path = tmp_path / "x.pf_filter"
    path.write_bytes(gzip.compress(body))
    with pytest.raises(PagefindFormatError):
        read(path)


def test_a_non_shortest_encoding_is_an_error(tmp_path: Path) -> None:
    """A head written longer than it needs would not re-encode to the same bytes."""
    path = tmp_path / "x.pf_filter"
    path.write_bytes(gzip.compress(SIGNATURE + b"\x18\x01"))
    with pytest.raises(PagefindFormatError):
        read(path)


def test_a_colliding_name_grows_as_pagefinds_does() -> None:
    whole = f"en_{full_hash(b'x')}"
    assert file_hash("en", b"x", set()) == whole[:10]
    assert file_hash("en", b"x", {whole[:10]}) == whole[:12]
    assert file_hash("en", b"x", {whole[:10], whole[:12]}) == whole[:14]
