"""Map a publisher's rating label onto this site's scale, through aliases. Never guess:
a label with no alias is reported, and the record waits as a draft for an editor."""

from __future__ import annotations

import re
import unicodedata

from factdesk.records.settings import Settings
from factdesk.render.i18n import catalog_languages, localized_settings

# Labels the big fact-checkers publish, per target key, matched after `normalise`; in the
# languages of the publishers in tests/data/claimreview-real (AFP publishes in many, and
# Aos Fatos, Fatabyyano and the Taiwan FactCheck Center label in their own language).
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
        "verdadeiro",
        "正確",
        "صحيح",
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
        "部分錯誤",
        "زائف جزئيا",
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
        "really false",  # 20 Minutes writes really_false
        "زائف",
        "錯誤",
    ),
    "misleading": (
        "misleading",
        "miscaptioned",
        "distorts the facts",
        "trompeur",
        "engañoso",
        "irreführend",
        "enganoso",
        "distorcido",
        "não é bem assim",  # Aos Fatos: "not quite so", for a distorted picture
        "مضلل",
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
        "sem contexto",
    ),
    "unproven": (
        "unproven",
        "unsupported",
        "unverified",
        "no evidence",
        "unsubstantiated",
        "insustentável",
        "證據不足",
    ),
    "satire": ("satire", "labeled satire", "parody"),
}


def normalise(label: str) -> str:
    """Case, underscores, punctuation and spacing set aside: `não_é_bem_assim`, `Falso.`
    and `Incorrect\\r` read as the labels they are."""
    text = re.sub(r"[\W_]", " ", unicodedata.normalize("NFC", label).casefold())
    return re.sub(r"\s+", " ", text).strip()


# "FALSO: as imagens foram…", "False — the video…": a verdict, then the publisher's words.
_PREFIXED = re.compile(r"^\s*([^:：\-–—|]{1,40}?)\s*[:：\-–—|]\s*\S")


def candidates(label: str) -> list[str]:
    """The label normalised, then its leading verdict when it opens a longer sentence."""
    found = [normalise(label)]
    prefix = _PREFIXED.match(label)
    if prefix:
        found.append(normalise(prefix.group(1)))
    return found


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
    # The scale's labels in every language factdesk has words for (the desk's own export
    # of a Korean fact-check names its rating in Korean), then as the settings write them.
    for language in sorted({*catalog_languages(), *settings.languages}):
        for rating in localized_settings(settings, language).ratings:
            table[normalise(rating.label)] = rating.key
    for rating in settings.ratings:
        table[normalise(rating.key)] = rating.key
        table[normalise(rating.label)] = rating.key
    return table


def map_rating(label: str | None, table: dict[str, str]) -> str | None:
    if not label:
        return None
    return next((table[c] for c in candidates(label) if c in table), None)
