"""Pagefind's index in one order, so two builds of a desk are byte-identical.

Pagefind 1.5.2 lists each filter's values, each language's filters and sort orders, and
the languages of `pagefind-entry.json` in hash-map order, which changes from one run to the
next (`pagefind/src/index/mod.rs`, `build_indexes`: "TODO: Change filter indexes to BTree
to give them a stable hash"; fixed upstream after 1.5.2 by pull request #1124). Filter
files are named by a hash of their content and the language's metadata file names them,
so the file names and `pagefind-entry.json` changed too.

After Pagefind ran, `stabilise` sorts exactly what the fixed Pagefind sorts, re-encodes the
files and names them as Pagefind does (`pagefind/src/utils.rs`, `full_hash`), so the find
page loads them as before. Each file is gzip'd CBOR after the `pagefind_dcd` signature
(`pagefind/src/output/mod.rs`, `write`); a file that does not decode and re-encode to its
own bytes is not in the format read here, and the build stops rather than guess.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TypeAlias

SIGNATURE = b"pagefind_dcd"
ENTRY = "pagefind-entry.json"
# Positions in Pagefind's records (`#[n(…)]` in pagefind/src/index/index_metadata.rs and
# index_filter.rs): MetaIndex.filters and .sorts; FilterIndex.values.
META_FILTERS, META_SORTS, FILTER_VALUES = 3, 4, 1

Cbor: TypeAlias = int | str | bytes | list["Cbor"]


class PagefindFormatError(ValueError):
    """A Pagefind file this module cannot read back exactly."""


@dataclass(frozen=True)
class Rewrite:
    """The files to remove and the files to write for one language."""

    removed: tuple[Path, ...]
    written: dict[Path, bytes]
    meta_hash: str


def stabilise(bundle: Path) -> None:
    """Rewrite the `pagefind/` folder `bundle` in a stable order, in place."""
    entry_path = bundle / ENTRY
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    languages: dict[str, dict[str, object]] = entry["languages"]
    rewrites = {
        lang: _language(bundle, lang, str(info["hash"])) for lang, info in languages.items()
    }
    # Remove every old file before writing any new one: a new name may be an old one.
    for rewrite in rewrites.values():
        for path in rewrite.removed:
            path.unlink()
    for rewrite in rewrites.values():
        for path, data in rewrite.written.items():
            path.write_bytes(data)
    for lang, rewrite in rewrites.items():
        languages[lang]["hash"] = rewrite.meta_hash
    entry["languages"] = dict(sorted(languages.items()))
    text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
    entry_path.write_text(text, encoding="utf-8")


def _language(bundle: Path, lang: str, meta_hash: str) -> Rewrite:
    """One language's metadata and filter files, sorted and renamed."""
    meta_path = bundle / f"pagefind.{meta_hash}.pf_meta"
    meta = _as_list(read(meta_path))
    removed, written, taken = [meta_path], {}, set[str]()
    filters: list[Cbor] = []
    for name, old_hash in sorted(_pairs(meta[META_FILTERS])):
        path = bundle / "filter" / f"{old_hash}.pf_filter"
        index = _as_list(read(path))
        index[FILTER_VALUES] = sorted(_as_list(index[FILTER_VALUES]), key=_first)
        encoded = encode(index)
        short = file_hash(lang, encoded, taken)
        taken.add(short)
        removed.append(path)
        written[bundle / "filter" / f"{short}.pf_filter"] = pack(encoded)
        filters.append([name, short])
    meta[META_FILTERS] = filters
    meta[META_SORTS] = sorted(_as_list(meta[META_SORTS]), key=_first)
    encoded = encode(meta)
    new_hash = f"{lang}_{full_hash(encoded)[: len(lang) + 8]}"
    written[bundle / f"pagefind.{new_hash}.pf_meta"] = pack(encoded)
    return Rewrite(tuple(removed), written, new_hash)


def full_hash(data: bytes) -> str:
    """Pagefind's hash: SHA-1 with each byte in hex without its leading zero (`{:x?}`)."""
    return "".join(format(byte, "x") for byte in hashlib.sha1(data).digest())


def file_hash(lang: str, data: bytes, taken: set[str]) -> str:
    """Pagefind's file name: `lang_` and 7 characters of the hash; on a collision, two
    more at a time (its loop slices `0..=len + 1`)."""
    whole = f"{lang}_{full_hash(data)}"
    length = len(lang) + 8
    while whole[:length] in taken and length < len(whole):
        length = min(length + 2, len(whole))
    return whole[:length]


def read(path: Path) -> Cbor:
    """A Pagefind file's record, checked to encode back to the same bytes."""
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise PagefindFormatError(f"{path}: no `pagefind_dcd` signature")
    body = raw[len(SIGNATURE) :]
    value, end = decode(body, 0)
    if end != len(body) or encode(value) != body:
        raise PagefindFormatError(f"{path}: not the CBOR this version of factdesk reads")
    return value


def pack(encoded: bytes) -> bytes:
    """Gzip with no time stamp, so the same record always gives the same bytes."""
    return gzip.compress(SIGNATURE + encoded, compresslevel=9, mtime=0)


# CBOR (RFC 8949), the part Pagefind's records use: unsigned integers, byte and text
# strings, definite-length arrays, each head in its shortest form (as minicbor writes).
_UINT, _BYTES, _TEXT, _ARRAY = 0, 2, 3, 4


def decode(data: bytes, at: int) -> tuple[Cbor, int]:
    """The item at `at` and the position after it."""
    if at >= len(data):
        raise PagefindFormatError("CBOR ends early")
    major, info = data[at] >> 5, data[at] & 0x1F
    at += 1
    if info < 24:
        arg = info
    elif info <= 27:
        size = 1 << (info - 24)
        arg, at = int.from_bytes(data[at : at + size], "big"), at + size
    else:
        raise PagefindFormatError(f"CBOR item of kind {major}/{info} is not read here")
    if major == _UINT:
        return arg, at
    if major in (_BYTES, _TEXT):
        chunk = data[at : at + arg]
        return (chunk.decode("utf-8") if major == _TEXT else chunk), at + arg
    if major == _ARRAY:
        items: list[Cbor] = []
        for _ in range(arg):
            item, at = decode(data, at)
            items.append(item)
        return items, at
    raise PagefindFormatError(f"CBOR item of major type {major} is not read here")


def encode(value: Cbor) -> bytes:
    """One item in the shortest form."""
    if isinstance(value, int):
        return _head(_UINT, value)
    if isinstance(value, str):
        data = value.encode("utf-8")
        return _head(_TEXT, len(data)) + data
    if isinstance(value, bytes):
        return _head(_BYTES, len(value)) + value
    return _head(_ARRAY, len(value)) + b"".join(encode(item) for item in value)


def _head(major: int, arg: int) -> bytes:
    if arg < 24:
        return bytes([major << 5 | arg])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if arg < 1 << (8 * size):
            return bytes([major << 5 | info]) + arg.to_bytes(size, "big")
    raise PagefindFormatError(f"CBOR argument {arg} does not fit in 8 bytes")


def _as_list(value: Cbor) -> list[Cbor]:
    if not isinstance(value, list):
        raise PagefindFormatError(f"expected a CBOR array, found {type(value).__name__}")
    return value


def _pairs(value: Cbor) -> list[tuple[str, str]]:
    """MetaIndex.filters: [filter name, file hash] pairs."""
    pairs = [_as_list(item) for item in _as_list(value)]
    if not all(len(p) == 2 and isinstance(p[0], str) and isinstance(p[1], str) for p in pairs):
        raise PagefindFormatError("a filter entry is not [name, hash]")
    return [(str(p[0]), str(p[1])) for p in pairs]


def _first(item: Cbor) -> str:
    """The name a filter value or a sort order is sorted by (Rust's order: by UTF-8 bytes)."""
    name = _as_list(item)[0]
    if not isinstance(name, str):
        raise PagefindFormatError("a filter value or sort has no name")
    return name
