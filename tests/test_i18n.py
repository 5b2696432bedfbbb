"""The interface catalogs (render/locale/) and pages rendered in each language.

Every message has a translation in every catalog, with the same placeholders and every
plural form; the committed template is what extraction finds in the code now; the
compiled catalogs say what their sources say; and a page of the example desk rendered in
Korean or Arabic shows none of the English interface words.
"""

from __future__ import annotations

import dataclasses
import gettext
import html
import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, get_args

import pytest
import yaml
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po
from pydantic import BaseModel
from scripts import catalogs

from factdesk.check.pipeline import validate_root
from factdesk.kb import KnowledgeBase
from factdesk.records import models
from factdesk.records.dates import PartialDate
from factdesk.records.settings import Settings
from factdesk.records.vocab import MEDIA_CATEGORIES, QUALIFIERS
from factdesk.render import render_site
from factdesk.render.cards import claim_card
from factdesk.render.i18n import (
    DOMAIN,
    LOCALE_DIR,
    catalog_languages,
    human_date,
    human_number,
    human_percent,
    localized_settings,
    words,
)
from factdesk.render.pages import PageRenderer, environment
from factdesk.render.terms import TERMS

from conftest import REPO

TRANSLATED = ["ko", "ar"]
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|\{[a-z_]+\}")


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as f:
        return read_po(f, locale=locale)


def messages(catalog: Catalog) -> dict[Any, Message]:
    return {m.id: m for m in catalog if m.id}


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def catalog_of(language: str) -> Catalog:
    return read_catalog(LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po", language)


TEMPLATE = messages(read_catalog(catalogs.TEMPLATE))


def test_the_tool_has_catalogs_for_english_korean_and_arabic() -> None:
    found = catalog_languages()
    assert found[0] == "en" and {"ko", "ar"} <= set(found)


def test_the_committed_template_is_what_extraction_finds_now(tmp_path: Path) -> None:
    fresh = tmp_path / "factdesk.pot"
    catalogs.extract(fresh)
    found = messages(read_catalog(fresh))
    assert sorted(map(str, set(found) - set(TEMPLATE))) == [], "run `make catalogs`"
    assert sorted(map(str, set(TEMPLATE) - set(found))) == [], "run `make catalogs`"


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_has_a_translation(language: str) -> None:
    catalog = catalog_of(language)
    found = messages(catalog)
    assert sorted(map(str, set(TEMPLATE) - set(found))) == [], "run `make catalogs`"
    assert sorted(map(str, set(found) - set(TEMPLATE))) == [], "obsolete messages"
    untranslated = [str(m.id) for m in found.values() if not m.string or m.fuzzy]
    assert untranslated == []
    for message in found.values():
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(forms), f"{message.id!r}: an empty form"
        if message.pluralizable:
            assert len(forms) == catalog.num_plurals, f"{message.id!r}: plural forms"


@pytest.mark.parametrize("language", TRANSLATED)
def test_translations_keep_the_placeholders(language: str) -> None:
    for message in messages(catalog_of(language)).values():
        if not message.pluralizable:
            assert isinstance(message.string, str)
            assert placeholders(message.string) == placeholders(message.id), message.id
            continue
        singular, plural = message.id
        forms = list(message.string)
        # The forms for none, one or two may say the number in words ("تحققان");
        # the general form, the last, keeps every placeholder.
        assert placeholders(forms[-1]) == placeholders(plural), message.id
        for form in forms:
            assert placeholders(form) <= placeholders(singular) | placeholders(plural)


def test_arabic_has_six_plural_forms_and_korean_one() -> None:
    assert catalog_of("ar").num_plurals == 6
    assert catalog_of("ko").num_plurals == 1
    counts = [words("ar").ngettext("{n} fact-check", "{n} fact-checks", n) for n in (0, 1, 2, 3)]
    counts += [words("ar").ngettext("{n} fact-check", "{n} fact-checks", n) for n in (11, 100)]
    assert len(set(counts)) == 6


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_compiled_catalog_says_what_its_source_says(language: str) -> None:
    compiled = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    with compiled.open("rb") as f:
        mo = gettext.GNUTranslations(f)
    catalog = catalog_of(language)
    for message in messages(catalog).values():
        if message.pluralizable:
            singular, plural = message.id
            for n, form in zip(_one_count_per_form(catalog), message.string, strict=True):
                assert mo.ngettext(singular, plural, n) == form, "run `make catalogs`"
        else:
            assert mo.gettext(message.id) == message.string, "run `make catalogs`"


def _one_count_per_form(catalog: Catalog) -> list[int]:
    """A count that picks each plural form, in the forms' order."""
    pick = gettext.c2py(catalog.plural_expr)
    found: dict[int, int] = {}
    for n in range(1000):
        found.setdefault(pick(n), n)
    return [found[i] for i in range(catalog.num_plurals)]


def test_every_vocabulary_key_has_its_words() -> None:
    fields = {
        "source-kind": models.SourceKind,
        "claimant-kind": models.ClaimantKind,
        "correction-kind": models.CorrectionKind,
        "confidence": models.Confidence,
        "media-type": models.MediaReview.model_fields["media_type"].annotation,
    }
    for vocabulary, literal in fields.items():
        assert set(TERMS[vocabulary]) == set(get_args(literal)), vocabulary
    assert TERMS["media-category"].keys() == MEDIA_CATEGORIES.keys()
    assert TERMS["qualifier"] == QUALIFIERS


# --- dates, numbers, the rating scale ----------------------------------------------------


@pytest.mark.parametrize(
    ("language", "day", "month", "year"),
    [
        ("en", "5 March 2024", "March 2024", "2024"),
        ("en-US", "March 5, 2024", "March 2024", "2024"),
        ("ko", "2024년 3월 5일", "2024년 3월", "2024년"),
        ("ar", "5 مارس 2024", "مارس 2024", "2024"),
    ],
)
def test_dates_are_written_as_each_language_writes_them(
    language: str, day: str, month: str, year: str
) -> None:
    assert human_date(PartialDate.parse("2024-03-05"), language) == day
    assert human_date(PartialDate.parse("2024-03"), language) == month
    assert human_date(PartialDate.parse("2024"), language) == year


def test_numbers_and_shares_follow_the_locale() -> None:
    assert human_number(1234567.0, "en") == "1,234,567"
    assert human_number(1234.5, "de") == "1.234,5"
    assert human_percent(0.42, "en") == "42%"
    assert human_percent(0.42, "tr") == "%42"


def test_a_language_without_a_catalog_reads_english() -> None:
    assert words("xx").gettext("Ratings") == "Ratings"
    assert human_date(PartialDate.parse("2024-03-05"), "xx") == "5 March 2024"


def test_the_default_scale_is_translated_by_the_catalogs() -> None:
    scale = {r.key: r for r in localized_settings(Settings(), "ko").ratings}
    assert scale["true"].label == "사실"
    assert scale["mostly-false"].label == "대체로 거짓"
    assert scale["false"].definition == "주장이 정확하지 않습니다."
    assert {r.key: r.label for r in localized_settings(Settings(), "ar").ratings}["false"] == "زائف"


def test_a_desk_gives_its_own_labels_per_language() -> None:
    own = {
        "key": "pants-on-fire",
        "label": "Pants on fire",
        "definition": "Ridiculously false.",
        "color": "#b71c1c",
        "value": 1,
        "translations": {"ko": {"label": "새빨간 거짓말"}, "pt": {"definition": "Ridículo."}},
    }
    settings = Settings.model_validate({"ratings": [own]})
    korean = localized_settings(settings, "ko").ratings[0]
    assert (korean.label, korean.definition) == ("새빨간 거짓말", "Ridiculously false.")
    brazilian = localized_settings(settings, "pt-BR").ratings[0]  # falls back to pt
    assert (brazilian.label, brazilian.definition) == ("Pants on fire", "Ridículo.")
    assert localized_settings(settings, "en").ratings[0].label == "Pants on fire"


def test_the_language_comes_from_the_render_context() -> None:
    env = environment(KnowledgeBase(settings=Settings()))
    page = env.from_string('{{ _("Ratings") }} · {{ verdict_name("false") }}')
    assert page.render(language="ko") == "판정 기준 · 판정: 거짓, 거짓부터 사실까지 5단계 중 1단계"
    assert page.render() == "Ratings · Rating: False, 1 of 5 on a scale from False to True"


# --- pages of the example desk -------------------------------------------------------------


@pytest.fixture(scope="module")
def example() -> KnowledgeBase:
    return validate_root(REPO).kb


@pytest.fixture(scope="module")
def pages(example: KnowledgeBase) -> PageRenderer:
    return PageRenderer(example)


def desk_in(kb: KnowledgeBase, language: str) -> KnowledgeBase:
    """The example desk (its records in English) as a desk that publishes in `language`:
    every page's interface words in it."""
    return dataclasses.replace(
        kb, settings=kb.settings.model_copy(update={"languages": (language,)})
    )


@pytest.fixture(scope="module")
def sites(example: KnowledgeBase) -> dict[str, dict[str, str]]:
    """The example desk rendered as a Korean and as an Arabic desk."""
    return {language: render_site(desk_in(example, language)) for language in TRANSLATED}


# Attributes whose words a reader sees or hears.
SHOWN_ATTRIBUTES = {"aria-label", "placeholder", "title", "alt", "data-label"}


class _Text(HTMLParser):
    """The text a reader sees or hears: text nodes and the attributes above."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        self.parts += [v for k, v in attrs if k in SHOWN_ATTRIBUTES and v]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.parts.append(data)


def visible_text(page: str) -> list[str]:
    """A rendered page's visible text; of its front matter, the title and description."""
    body = page
    if page.startswith("---\n"):
        head, _, body = page[4:].partition("\n---\n")
        meta = yaml.safe_load(head)
        body = f"{meta['title']}\n{meta['description']}\n{body}"
    parser = _Text()
    parser.feed(body)
    return parser.parts


def contributor_text(kb: KnowledgeBase) -> list[str]:
    """Every string the desk's records and settings hold, longest first."""

    def strings(value: Any) -> Iterator[str]:
        if isinstance(value, BaseModel):
            value = value.model_dump()
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from strings(item)
        elif isinstance(value, list | tuple):
            for item in value:
                yield from strings(item)

    records = [e.record for e in kb.claims.values()] + [e.record for e in kb.sources.values()]
    found = {s for r in records for s in strings(r)} | set(strings(kb.settings.topics))
    found |= {kb.settings.site_name, kb.settings.publisher.name}
    return sorted((s for s in found if s.strip()), key=len, reverse=True)


def english_fragments() -> list[str]:
    """The literal parts of every English message (between placeholders) with a word in it."""
    parts: set[str] = set()
    for message_id in TEMPLATE:
        for text in message_id if isinstance(message_id, tuple) else (message_id,):
            # A command in <code> is the same in every language.
            text = re.sub(r"<code>.*?</code>", "|", text)
            for piece in PLACEHOLDER.split(re.sub(r"<[^>]+>", "|", text)):
                for fragment in piece.split("|"):
                    fragment = fragment.strip(" .,:;()“”")
                    if re.search(r"[A-Za-z]{2}", fragment):
                        parts.add(fragment)
    return sorted(parts, key=len, reverse=True)


def english_left(page: str, contributed: list[str], fragments: list[str]) -> list[str]:
    """The English fragments in a page's visible text once the records' own text is out."""
    # Whole words of a record's text: a Korean ending may follow one ("Newsweek의").
    records = re.compile("|".join(rf"(?<![A-Za-z]){re.escape(c)}(?![A-Za-z])" for c in contributed))
    english = [(f, re.compile(rf"(?<![\w-]){re.escape(f)}(?![\w-])")) for f in fragments]
    found = []
    for text in visible_text(page):
        if any(text.strip() in c for c in contributed):
            continue  # a piece of a record's text (a web address broken at its slashes)
        text = records.sub("\0", html.unescape(text))  # the embed code shows escaped text
        found += [f for f, pattern in english if pattern.search(text)]
    return found


@pytest.mark.parametrize("language", TRANSLATED)
def test_pages_in_another_language_show_no_english_interface_words(
    language: str, example: KnowledgeBase, sites: dict[str, dict[str, str]]
) -> None:
    site = sites[language]
    contributed = contributor_text(example)
    # Words the translation keeps as they are (a brand, an abbreviation) are not English.
    same = {m.id for m in messages(catalog_of(language)).values() if m.string == m.id}
    fragments = [f for f in english_fragments() if f not in same]
    # Embeds speak the language of the one fact-check they show (English here).
    shown = {p: c for p, c in site.items() if p.endswith(".md")}
    assert len([p for p in shown if p.startswith("claims/")]) >= 10
    left = {path: english_left(page, contributed, fragments) for path, page in shown.items()}
    assert {path: words for path, words in left.items() if words} == {}


def test_the_check_finds_english_words_left_on_a_page(
    example: KnowledgeBase, pages: PageRenderer
) -> None:
    english = pages.ratings()
    left = english_left(english, contributor_text(example), english_fragments())
    assert "Every fact-check ends in one of these ratings" in left


def test_the_feed_embeds_and_share_links_are_in_the_language(
    example: KnowledgeBase, sites: dict[str, dict[str, str]]
) -> None:
    site = sites["ko"]
    assert "<summary>거짓: " in site["feed.xml"] or "<summary>사실: " in site["feed.xml"]
    # An embed shows one fact-check, in its own language: these are English.
    embed = next(page for path, page in site.items() if path.startswith("embed/"))
    assert "Claimed by " in embed and "Read the fact-check: " in embed
    claim = site["claims/american-occupation-zone-map.md"]
    assert "이메일</a>" in claim and "title=&#34;팩트체크: No, South Korea" in claim
    browse_words = re.search(r'data-words="([^"]*)"', site["browse.md"])
    assert browse_words is not None
    said = json.loads(html.unescape(browse_words[1]))
    assert (said["page"], said["unknown"]) == ("이 페이지의 팩트체크 {n}건", "알 수 없음")


def test_a_share_card_speaks_the_claims_language(example: KnowledgeBase) -> None:
    claim = example.claims["american-occupation-zone-map"].record
    english = claim_card(example.settings, claim)
    assert (english.claimed_by, english.verdict and english.verdict.label) == (
        "Claimed by Unnamed user on X",
        "False",
    )
    korean = claim_card(example.settings, claim.model_copy(update={"language": "ko"}))
    assert (korean.claimed_by, korean.verdict and korean.verdict.label) == (
        "발언자: Unnamed user on X",
        "거짓",
    )
    assert korean.key() != english.key()


@pytest.mark.parametrize("language", TRANSLATED)
def test_record_text_in_a_translated_message_stays_text(
    language: str, example: KnowledgeBase
) -> None:
    pages = PageRenderer(desk_in(example, language))
    payload = '<img src=x onerror="alert(1)">'
    claim = example.claims["northkoreanlife-followers"].record
    who = claim.claimant.model_copy(update={"handle": payload, "platform": payload})
    hostile = claim.model_copy(update={"editor": payload, "authors": [payload], "claimant": who})
    page = pages.claim(hostile)
    assert "<img" not in page
    assert page.count("&lt;img src=x onerror=&#34;alert(1)&#34;&gt;") >= 4


@pytest.fixture(scope="module")
def three_languages() -> tuple[KnowledgeBase, dict[str, str]]:
    kb = validate_root(REPO / "tests" / "fixtures" / "desk-multilingual").kb
    return kb, render_site(kb)


@pytest.mark.parametrize("language", TRANSLATED)
def test_each_language_s_folder_of_a_desk_in_three_speaks_its_language(
    language: str, three_languages: tuple[KnowledgeBase, dict[str, str]]
) -> None:
    kb, site = three_languages
    same = {m.id for m in messages(catalog_of(language)).values() if m.string == m.id}
    fragments = [f for f in english_fragments() if f not in same]
    contributed = contributor_text(kb)
    folder = {p: c for p, c in site.items() if p.startswith(f"{language}/") and p.endswith(".md")}
    assert any(p.startswith(f"{language}/claims/") for p in folder)
    left = {path: english_left(page, contributed, fragments) for path, page in folder.items()}
    assert {path: found for path, found in left.items() if found} == {}
