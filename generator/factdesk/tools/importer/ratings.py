"""Map a publisher's rating label onto this site's scale, through aliases. Never guess:
a label with no alias is reported, and the record waits as a draft for an editor."""

from __future__ import annotations

import re

from factdesk.records.settings import Settings

# Labels the big fact-checkers publish (lower case, punctuation removed), per target key;
# a few in French, Spanish and German, since AFP and others publish in many languages.
# The Washington Post's Pinocchios run the other way: more Pinocchios, less true.
DEFAULT_ALIASES: dict[str, tuple[str, ...]] = {
    "true": (
        "true",
        "correct",
        "accurate",
        "geppetto checkmark",
        "correct attribution",
        "vrai",
        "verdadero",
        "wahr",
        "richtig",
    ),
    "mostly-true": ("mostly true", "mostly correct", "one pinocchio"),
    "half-true": (
        "half true",
        "mixture",
        "partly true",
        "partly false",
        "two pinocchios",
        "half right",
        "partiellement faux",
        "parcialmente falso",
        "teilweise falsch",
    ),
    "mostly-false": ("mostly false", "barely true", "three pinocchios"),
    "false": (
        "false",
        "pants on fire",
        "pants fire",
        "four pinocchios",
        "bottomless pinocchio",
        "incorrect",
        "fake",
        "fabricated",
        "faux",
        "falso",
        "falsch",
    ),
    "misleading": (
        "misleading",
        "miscaptioned",
        "distorts the facts",
        "trompeur",
        "engañoso",
        "irreführend",
    ),
    "missing-context": (
        "missing context",
        "lacks context",
        "needs context",
        "out of context",
        "cherry picks",
        "manque de contexte",
        "falta de contexto",
        "fehlender kontext",
    ),
    "unproven": ("unproven", "unsupported", "unverified", "no evidence", "unsubstantiated"),
    "satire": ("satire", "labeled satire", "parody"),
}


def normalise(label: str) -> str:
    text = re.sub(r"[^\w\s]", " ", label.casefold().replace("-", " "))
    return re.sub(r"\s+", " ", text).strip()


def alias_table(settings: Settings) -> dict[str, str]:
    """Normalised label → rating key, for keys that exist in this site's scale.

    The site's own keys and labels come first (so its own feed maps back exactly), then the
    configured `rating_aliases`, then the defaults.
    """
    keys = set(settings.rating_keys)
    table: dict[str, str] = {}
    for key, aliases in DEFAULT_ALIASES.items():
        for alias in aliases:
            if key in keys:
                table[normalise(alias)] = key
    for label, key in settings.rating_aliases.items():
        if key in keys:
            table[normalise(label)] = key
    for rating in settings.ratings:
        table[normalise(rating.key)] = rating.key
        table[normalise(rating.label)] = rating.key
    return table


def map_rating(label: str | None, table: dict[str, str]) -> str | None:
    return table.get(normalise(label)) if label else None
