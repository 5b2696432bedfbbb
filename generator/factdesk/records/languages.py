"""What factdesk knows about a language tag: whether CLDR knows it, its name in itself and
its writing direction, from Babel's copy of CLDR (one table for every BCP 47 tag)."""

from __future__ import annotations

import functools
from typing import Literal

from babel import Locale, UnknownLocaleError

Direction = Literal["ltr", "rtl"]


@functools.lru_cache(maxsize=256)
def _locale(tag: str) -> Locale | None:
    try:
        return Locale.parse(tag, sep="-")
    except (UnknownLocaleError, ValueError, TypeError):
        return None


def known_language(tag: str) -> bool:
    return _locale(tag) is not None


def autonym(tag: str) -> str:
    """The language's name in itself (한국어, العربية), what a reader looks for in a
    language switcher; the tag itself when CLDR does not know it."""
    locale = _locale(tag)
    name = locale.get_display_name(locale) if locale is not None else None
    return name or tag


def direction(tag: str) -> Direction:
    """Which way the language is written: 'rtl' for Arabic, Hebrew, Persian, Urdu…"""
    locale = _locale(tag)
    return "rtl" if locale is not None and locale.text_direction == "rtl" else "ltr"
