"""Field types shared by the record models: each validates text and says how to fix it.

Every error raised here carries its diagnostic code as the pydantic error type and a
`hint` in its context, so the error translator needs no special cases.
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Annotated, Any
from urllib.parse import urlsplit

from anyascii import anyascii
from pydantic import BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ID_MAX = 80
_ID = re.compile(ID_PATTERN)
_URL_UNSAFE = re.compile(r'[\s"<>\\^`{|}\x00-\x1f\x7f]')
# Device names Windows refuses as file or folder names, whatever the extension.
RESERVED_NAMES = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{d}{n}" for d in ("com", "lpt") for n in range(10)]
)
_LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def fail(code: str, message: str, hint: str) -> PydanticCustomError:
    return PydanticCustomError(code, "{message}", {"message": message, "hint": hint})


def _text_of(value: Any, what: str) -> str:
    if isinstance(value, str):
        return value
    if value is None:
        raise fail("FD024", f"{what} is empty", f"write the {what} or remove the field")
    found = "a list" if isinstance(value, list) else "a mapping"
    raise fail("FD014", f"expected {what}, found {found}", f"write the {what} as plain text")


def _keeps_every_letter(text: str) -> bool:
    """Whether dropping non-ASCII after decomposition loses only accents: the rule every
    slug was made with before, kept for such text so its addresses never change."""
    return all(c.isascii() or not c.isalnum() for c in unicodedata.normalize("NFKD", text))


def suggest_slug(value: str) -> str:
    """An id-shaped slug of any text, in any script: accents dropped from Latin letters,
    other scripts transliterated (anyascii: '북한' → 'bughan', 'Путин' → 'putin'); empty
    when nothing readable is left."""
    text = value if _keeps_every_letter(value) else anyascii(value)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:ID_MAX].strip("-")


def check_id(value: Any) -> str:
    text = _text_of(value, "an id")
    if len(text) > ID_MAX:
        raise fail(
            "FD016",
            f"id is {len(text)} characters long; the limit is {ID_MAX}",
            "shorten the id (and rename the file to match)",
        )
    if text in RESERVED_NAMES:
        raise fail(
            "FD016",
            f"'{text}' cannot be an id: Windows reserves it as a device name, so the page "
            "could not be saved there",
            f"use '{text}-1' or a more descriptive id",
        )
    if not _ID.match(text):
        better = suggest_slug(text) or "claim-name"
        raise fail(
            "FD016",
            f"'{text}' is not a valid id: ids are lowercase letters, digits and single hyphens",
            f"use '{better}' (and name the file {better}.yaml)",
        )
    return text


def check_text(value: Any) -> str:
    text = _text_of(value, "text")
    if not text.strip():
        raise fail("FD024", "the text is blank", "write the text or remove the field")
    return text


def check_url(value: Any) -> str:
    text = _text_of(value, "a URL")
    # Spaces, quotes, angle brackets and control characters are never part of a real
    # address; they are how a URL tries to break out of an HTML attribute.
    plain = not _URL_UNSAFE.search(text.strip())
    parts = urlsplit(text.strip()) if plain else None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise fail(
            "FD020",
            f"'{text}' is not a web address: expected an http:// or https:// URL",
            "copy the full address from the browser's address bar, including https://",
        )
    return text.strip()


def check_language(value: Any) -> str:
    text = _text_of(value, "a language tag")
    if not _LANG.match(text):
        raise fail(
            "FD039",
            f"'{text}' is not a language tag",
            "use a BCP 47 tag such as en, fr, ko or pt-BR",
        )
    return text


def check_number(value: Any) -> int | float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        number: int | float = value
    else:
        text = _text_of(value, "a number").strip()
        try:
            number = int(text) if re.fullmatch(r"[+-]?\d+", text) else float(text)
        except ValueError:
            hint = "write digits only, e.g. 286000"
            if re.fullmatch(r"[\d,. ]+", text):
                hint = f"write {re.sub(r'[, ]', '', text)} without thousands separators"
            elif re.search(r"\d\s*[kKmM]\b", text):
                hint = "write the full number (286000, not 286K); put 'over' in `qualifier`"
            raise fail("FD023", f"expected a number, found '{text}'", hint) from None
    if isinstance(number, float) and not math.isfinite(number):
        raise fail("FD023", "expected a finite number", "write digits only")
    return number


Id = Annotated[
    str,
    BeforeValidator(check_id),
    WithJsonSchema({"type": "string", "pattern": ID_PATTERN, "maxLength": ID_MAX}),
]
Text = Annotated[
    str, BeforeValidator(check_text), WithJsonSchema({"type": "string", "minLength": 1})
]
Url = Annotated[
    str,
    BeforeValidator(check_url),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://"}),
]
Language = Annotated[
    str,
    BeforeValidator(check_language),
    WithJsonSchema({"type": "string", "pattern": _LANG.pattern, "examples": ["en", "ko"]}),
]
Number = Annotated[int | float, BeforeValidator(check_number), WithJsonSchema({"type": "number"})]
