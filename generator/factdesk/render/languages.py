"""Languages as readers meet them: a BCP 47 tag's name and its writing direction.

From Babel's copy of Unicode CLDR, so every language a desk may write has its name and
direction without a table of our own. A tag CLDR does not know is shown as written, with
the direction left to the reader's browser (`dir="auto"` reads it from the text).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from babel import Locale, UnknownLocaleError

Direction = Literal["ltr", "rtl", "auto"]
# The interface language the names are given in, until pages are built per language.
INTERFACE = "en"


@lru_cache(maxsize=256)
def _locale(tag: str) -> Locale | None:
    try:
        return Locale.parse(tag, sep="-")
    except (UnknownLocaleError, ValueError, TypeError):
        return None


def language_name(tag: str, in_language: str = INTERFACE) -> str:
    """'ko' → 'Korean', 'pt-BR' → 'Portuguese (Brazil)'; the tag itself when unknown."""
    locale, reader = _locale(tag), _locale(in_language) or _locale(INTERFACE)
    return (locale.get_display_name(reader) if locale else None) or tag


def text_direction(tag: str) -> Direction:
    """'rtl' for Arabic, Hebrew, Persian, Urdu…, 'ltr' for the others CLDR knows, and
    'auto' for a tag it does not (the browser then follows the first strong letter)."""
    locale = _locale(tag)
    if locale is None:
        return "auto"
    return "rtl" if locale.text_direction == "rtl" else "ltr"
