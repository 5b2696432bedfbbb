"""Marking words for the interface catalogs where they are defined as data.

Records and settings stay in the desk's source language; a renderer translates the words
for each page's language (render/i18n.py). `N_` only marks a message, so that
`pybabel extract` (`make catalogs`) puts it in the catalog template.
"""

from __future__ import annotations


def N_(message: str) -> str:
    """`message`, unchanged: marked for translation at render time."""
    return message


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    """A message with its plural, marked the same way; the renderer picks the form for
    the count (`ngettext`)."""
    return singular, plural
