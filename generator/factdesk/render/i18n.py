"""The reader-facing words of the site in the page's language: message catalogs (gettext,
compiled by Babel), dates and numbers in the locale's own formats (CLDR, through Babel),
and the rating scale's labels and definitions.

Every render function and template takes the page's language as a `language` value; the
Jinja callables here read it from the template's context (`pass_context`), so one
environment renders every language and a template only ever writes `{{ _("…") }}`,
`{{ ngettext("…", "…", n) }}`, `{{ day | human_date }}`, `{{ n | number }}`.

The catalogs are `locale/<lang>/LC_MESSAGES/factdesk.po` beside this module, compiled to
`.mo` by `make catalogs` (tests/test_i18n.py keeps the two in step): the standard
library's gettext reads a `.mo` in well under a millisecond, and a desk's build never
needs Babel's `.po` parser. English is the source language: its catalog is the messages
themselves.
"""

from __future__ import annotations

import gettext as _gettext
from collections.abc import Callable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal, format_percent
from babel.support import Translations
from jinja2 import Environment, pass_context
from jinja2.runtime import Context

from factdesk.records.dates import PartialDate
from factdesk.records.models import Claim
from factdesk.records.settings import RatingDef, Settings

DOMAIN = "factdesk"
LOCALE_DIR = Path(__file__).parent / "locale"
# The language of the messages in the code and the templates.
SOURCE_LANGUAGE = "en"
# A page's language when no render context names one: a record's when it names none.
PAGE_LANGUAGE: str = Claim.model_fields["language"].default
# The context value every template reads its language from.
LANGUAGE_KEY = "language"

Words = _gettext.NullTranslations
_T = TypeVar("_T")


@lru_cache(maxsize=64)
def locale_of(language: str) -> Locale:
    """The CLDR locale for a BCP 47 tag (`ko`, `pt-BR`). A bare `en` is CLDR's world
    English (`en_001`: 5 March 2024), not US English; a desk wanting `March 5, 2024`
    writes `en-US`. A tag CLDR does not know formats as world English."""
    tag = "en_001" if language == "en" else language.replace("-", "_")
    try:
        return Locale.parse(tag)
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en_001")


def catalog_languages() -> list[str]:
    """The languages the tool has an interface catalog for, the source language first."""
    found = sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))
    return [SOURCE_LANGUAGE, *(lang for lang in found if lang != SOURCE_LANGUAGE)]


@lru_cache(maxsize=32)
def words(language: str) -> Words:
    """The translations for `language` (`ko`, `pt-BR`, falling back to `pt`); the
    messages themselves for English or a language without a catalog."""
    if language == SOURCE_LANGUAGE:
        return _gettext.NullTranslations()
    tags = [language.replace("-", "_"), language.split("-")[0]]
    return Translations.load(str(LOCALE_DIR), tags, DOMAIN)


def language_of(context: Context | Mapping[str, Any]) -> str:
    """The page's language from a template's context; the desk's default without one."""
    value = context.get(LANGUAGE_KEY)
    return value if isinstance(value, str) and value else PAGE_LANGUAGE


# --- dates and numbers -------------------------------------------------------------------


def human_date(value: PartialDate | None, language: str = PAGE_LANGUAGE) -> str:
    """A date as readers of `language` write it; a year or a month alone stays so."""
    if value is None:
        return ""
    return _human_date(value, language)


# A desk's pages repeat few dates many times: CLDR formatting was a fifth of rendering.
@lru_cache(maxsize=8192)
def _human_date(value: PartialDate, language: str) -> str:
    locale = locale_of(language)
    day = value.earliest()
    if not value.month:
        return format_skeleton("y", day, locale=locale)
    if not value.day:
        return format_skeleton("yMMMM", day, locale=locale)
    return format_date(day, "long", locale=locale)


def human_number(value: float, language: str = PAGE_LANGUAGE) -> str:
    """A figure with the locale's grouping and decimal signs; whole floats lose their .0."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return format_decimal(value, locale=locale_of(language), group_separator=True)


def human_percent(share: float, language: str = PAGE_LANGUAGE) -> str:
    """A share (0.42) as a whole percentage in the locale's own pattern (42%, %42 in
    Turkish)."""
    return format_percent(share, locale=locale_of(language))


# --- the rating scale --------------------------------------------------------------------


def localized_rating(rating: RatingDef, language: str) -> RatingDef:
    """A rating as readers of `language` see it: the desk's own words for that language
    (`translations:` in the scale's settings) first, then the interface catalog (which
    knows the default scale's labels and definitions), then the words as written."""
    own = rating.translations.get(language) or rating.translations.get(language.split("-")[0])
    t = words(language)
    label = own.label if own and own.label else t.gettext(rating.label)
    definition = own.definition if own and own.definition else t.gettext(rating.definition)
    return rating.model_copy(update={"label": label, "definition": definition})


def localized_settings(settings: Settings, language: str) -> Settings:
    """The settings with the rating scale in `language`: everything that reads the scale's
    labels (verdict graphics, charts, feeds) reads them from here."""
    if language == SOURCE_LANGUAGE and not any(r.translations for r in settings.ratings):
        return settings
    ratings = tuple(localized_rating(r, language) for r in settings.ratings)
    return settings.model_copy(update={"ratings": ratings})


# --- Jinja -------------------------------------------------------------------------------


@pass_context
def _gettext_in(context: Context, message: str) -> str:
    return words(language_of(context)).gettext(message)


@pass_context
def _ngettext_in(context: Context, singular: str, plural: str, n: int) -> str:
    return words(language_of(context)).ngettext(singular, plural, n)


@pass_context
def _date_filter(context: Context, value: PartialDate | None) -> str:
    return human_date(value, language_of(context))


@pass_context
def _number_filter(context: Context, value: float) -> str:
    return human_number(value, language_of(context))


@pass_context
def _percent_filter(context: Context, value: float) -> str:
    return human_percent(value, language_of(context))


@pass_context
def _score_filter(context: Context, value: float) -> str:
    return format_decimal(value, "0.00", locale=locale_of(language_of(context)))


@pass_context
def _day(context: Context, text: str) -> str:
    return human_date(PartialDate.parse(text), language_of(context))


def install(env: Environment) -> None:
    """Give templates `_`, `gettext`, `ngettext` (new style: `_("%(n)s claims", n=3)`,
    values auto-escaped) and the `human_date`, `number`, `percent`, `score` (two
    decimals) filters and the `day` global (an ISO date's text), each in the
    language of the page being rendered."""
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(  # type: ignore[attr-defined]
        _gettext_in, _ngettext_in, newstyle=True
    )
    env.filters.update(
        human_date=_date_filter,
        number=_number_filter,
        percent=_percent_filter,
        score=_score_filter,
    )
    env.globals.update(day=_day)


def per_language(make: Callable[[str], _T]) -> Callable[[str], _T]:
    """`make(language)`, computed once per language: what a renderer builds from the
    scale (graphics, badges) is the same for every page in one language."""
    return lru_cache(maxsize=None)(make)
