"""Write any Python string as a YAML double-quoted scalar that reads back as that string."""

from __future__ import annotations

import yaml

_SHORT = {"\\": "\\\\", '"': '\\"', "\t": "\\t", "\n": "\\n", "\r": "\\r", "\x00": "\\0"}


def _printable(char: str) -> bool:
    """YAML's printable set without its line breaks: these may stand as themselves inside
    double quotes; anything else (controls, NEL, LS, PS, a BOM, U+FFFE/FFFF) is escaped,
    as a contributor would have to write it."""
    point = ord(char)
    return (
        0x20 <= point <= 0x7E
        or 0xA0 <= point <= 0xD7FF
        or (0xE000 <= point <= 0xFFFD and point != 0xFEFF)
        or 0x10000 <= point <= 0x10FFFF
    ) and char not in "\u2028\u2029"


def _escape(char: str) -> str:
    if char in _SHORT:
        return _SHORT[char]
    if _printable(char):
        return char
    point = ord(char)
    if point <= 0xFF:
        return f"\\x{point:02x}"
    return f"\\u{point:04x}" if point <= 0xFFFF else f"\\U{point:08x}"


def quoted(text: str) -> str:
    out = '"' + "".join(_escape(c) for c in text) + '"'
    assert yaml.safe_load(out) == text, f"{text!r} does not round-trip"
    return out
