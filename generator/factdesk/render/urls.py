"""Where every generated page lives. URLs are part of the contract: change them never."""

from __future__ import annotations

import functools
import posixpath


def claim(cid: str) -> str:
    return f"claims/{cid}/"


def source(sid: str) -> str:
    return f"sources/{sid}/"


def claimant(slug: str) -> str:
    return f"claimants/{slug}/"


def topic(slug: str) -> str:
    return f"topics/{slug}/"


def page_file(url: str) -> str:
    """The Markdown file MkDocs serves at a directory URL: 'claims/x/' -> 'claims/x.md'."""
    return "index.md" if url == "" else url.rstrip("/") + ".md"


@functools.lru_cache(maxsize=65536)
def relative(from_url: str, to_url: str) -> str:
    """A link from one directory-style page URL to another (or to a file)."""
    target = posixpath.relpath(to_url or ".", from_url or ".")
    if to_url.endswith("/") or to_url == "":
        target += "/"
    return target.replace("/./", "/").removeprefix("./") if target != "./" else "./"


def page_url_of(src_path: str) -> str:
    """The directory URL MkDocs gives a Markdown file: 'about.md' -> 'about/'."""
    stem = src_path.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"
