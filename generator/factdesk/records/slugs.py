"""Page addresses made from names in any script: readable, stable, and never shared.

Claimant pages live at `claimants/<slug>/`, and the slug comes from the name as written.
Names in one script must not all fall into one page (stripping non-ASCII letters used to
turn every Korean, Russian or Arabic name into `unknown`), so names are transliterated
(anyascii), and a short hash of the name stands in where no readable form is left. Two
different names that still meet at one slug are a diagnostic (FD045), never a merge.
"""

from __future__ import annotations

import functools
import hashlib
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

from factdesk.records.fields import RESERVED_NAMES, suggest_slug

HASH_LENGTH = 8


def name_key(name: str) -> str:
    """The name as one claimant: NFC, so a composed and a decomposed 'é' are one name."""
    return unicodedata.normalize("NFC", name)


def name_hash(name: str) -> str:
    return hashlib.sha256(name_key(name).encode()).hexdigest()[:HASH_LENGTH]


def readable_slug(text: str) -> str:
    """An id-shaped slug of any text, in any script; empty when nothing readable is left."""
    return suggest_slug(name_key(text))


@functools.lru_cache(maxsize=65536)  # a pure function, asked for every claim on every save
def name_slug(name: str) -> str:
    """The slug of a name on its own (before any collision with another name)."""
    key = name_key(name)
    slug = readable_slug(key)
    if not slug:
        return f"name-{name_hash(key)}"
    if slug in RESERVED_NAMES:
        # Windows cannot store a page called con.md or nul.md.
        return f"{slug}-{name_hash(key)}"
    return slug


def page_slugs(names: Iterable[str]) -> dict[str, str]:
    """name_key → page slug for every name, each slug used by one name only.

    Names that meet at one slug (which `validate` reports as FD045) all get their hash
    appended, whatever their order, so a page is never shared and no name takes another's
    address by coming first."""
    by_slug: dict[str, set[str]] = defaultdict(set)
    for name in names:
        key = name_key(name)
        by_slug[name_slug(key)].add(key)
    slugs: dict[str, str] = {}
    for slug, keys in by_slug.items():
        for key in keys:
            slugs[key] = slug if len(keys) == 1 else f"{slug}-{name_hash(key)}"
    return slugs
