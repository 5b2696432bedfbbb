"""A site in several languages, without a browser: where each language's pages go, which
pages are one page in other languages, and what each language's lists and feed hold."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

import pytest

from factdesk.check.pipeline import validate_root
from factdesk.kb import KnowledgeBase
from factdesk.records.languages import autonym, direction, known_language
from factdesk.records.settings import Settings
from factdesk.render import render_site, urls
from factdesk.render.determinism import newest, page_dates
from factdesk.render.languages import (
    alternates,
    choices,
    claim_url,
    layout,
    links_into_folders,
    page_language,
    translations,
)
from factdesk.render.output import LANGUAGES_MARKER, collect, expand_markers, export_files
from factdesk.render.pages import PageRenderer

from conftest import REPO, MakeKB
from kbfactory import BASE_CLAIM

DESK = REPO / "tests" / "fixtures" / "desk-multilingual"
TODAY = dt.date(2026, 12, 1)
ATOM = "{http://www.w3.org/2005/Atom}"


@cache
def _desk() -> KnowledgeBase:
    result = validate_root(DESK, TODAY)
    assert result.errors == [], result.errors
    return result.kb


@cache
def _site() -> dict[str, str]:
    return render_site(_desk())


def test_a_language_tag_has_its_own_name_and_direction() -> None:
    assert autonym("ko") == "한국어"
    assert autonym("ar") == "العربية"
    assert direction("ar") == "rtl" and direction("he") == "rtl"
    assert direction("ko") == "ltr" and direction("pt-BR") == "ltr"
    assert known_language("pt-BR") and not known_language("kx")


def test_one_language_keeps_every_address_at_the_root() -> None:
    settings = Settings()
    assert settings.languages == ("en",) and not settings.multilingual
    assert urls.language_prefix("en", multilingual=False) == ""
    assert urls.ONE_LANGUAGE.claim("x") == urls.claim("x") == "claims/x/"
    assert urls.ONE_LANGUAGE.LATEST == urls.LATEST
    assert urls.ONE_LANGUAGE.FEED == urls.FEED


def test_a_language_layout_puts_pages_in_its_folder_and_files_at_the_root() -> None:
    site = urls.Layout("ko/", {"a": "en/"})
    assert site.claim("b") == "ko/claims/b/"
    assert site.claim("a") == "en/claims/a/"  # a translation, in its own folder
    assert site.topic("t") == "ko/topics/t/" and site.browse(2) == "ko/browse/2/"
    assert site.LATEST == "ko/latest/" and site.FEED == "ko/feed.xml"
    assert site.BROWSE_JSON == "ko/api/browse.json"
    assert site.LANGUAGE_HOME == "ko/"
    # One API, one set of assets and one Pagefind bundle for the whole site.
    assert site.CLAIMS_JSON == urls.CLAIMS_JSON and site.claim_json("a") == urls.claim_json("a")
    assert site.pagefind("x") == urls.pagefind("x") and site.HOME == urls.HOME
    with pytest.raises(AttributeError):
        site.NOT_A_URL  # noqa: B018 - the lookup is what is tested


def test_a_desk_with_several_languages_puts_each_page_in_its_languages_folder() -> None:
    kb = _desk()
    assert kb.settings.languages == ("en", "ko", "ar") and kb.settings.multilingual
    assert claim_url(kb, "motorcycle-wealth-ko") == "ko/claims/motorcycle-wealth-ko/"
    assert layout(kb, "ar").claim("montana-first-ban") == "en/claims/montana-first-ban/"
    site = _site()
    for lang in ("en", "ko", "ar"):
        for page in ("", "latest/", "browse/", "ratings/", "stats/", "corrections/", "find/"):
            assert urls.page_file(f"{lang}/{page}") in site, f"{lang}/{page}"
        assert f"{lang}/feed.xml" in site and f"{lang}/api/browse.json" in site
    # Nothing generated is left at the root but the shared files.
    assert "claims/motorcycle-wealth.md" not in site and "latest.md" not in site
    assert urls.CLAIMS_JSON in site and urls.FEED in site


def test_each_languages_lists_list_only_its_fact_checks() -> None:
    site = _site()
    latest = site["ko/latest.md"]
    assert "motorcycle-wealth-ko/" in latest and "montana-first-ban-ko/" in latest
    assert "claims/motorcycle-wealth/" not in latest and "-ar/" not in latest
    rows = json.loads(site["ar/api/browse.json"])["rows"]
    assert sorted(row[0] for row in rows) == ["montana-first-ban-ar", "motorcycle-wealth-ar"]
    # A source is cited in every language; each language's page lists its own checks.
    source = site["ko/sources/newsweek-pro-north-korea-tiktok.md"]
    assert "motorcycle-wealth-ko/" in source and "motorcycle-wealth-ar/" not in source


def test_each_language_has_its_own_feed_and_the_root_feed_has_every_one() -> None:
    site = _site()
    feed = ET.fromstring(site["ko/feed.xml"].split("\n", 1)[1])
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "ko"
    links = [e.find(f"{ATOM}link").get("href") for e in feed.iter(f"{ATOM}entry")]  # type: ignore[union-attr]
    assert links and all("/ko/claims/" in link for link in links)
    assert feed.find(f"{ATOM}link[@rel='self']").get("href").endswith("/ko/feed.xml")  # type: ignore[union-attr]
    everything = ET.fromstring(site[urls.FEED].split("\n", 1)[1])
    assert len(list(everything.iter(f"{ATOM}entry"))) == 6


def test_translations_group_a_fact_check_with_every_translation() -> None:
    kb = _desk()
    group = {"en": "motorcycle-wealth", "ko": "motorcycle-wealth-ko", "ar": "motorcycle-wealth-ar"}
    assert translations(kb, "motorcycle-wealth-ar") == group
    assert translations(kb, "motorcycle-wealth") == group


def test_a_translation_of_a_translation_joins_the_original(make_kb: MakeKB) -> None:
    settings = "site_name: t\nplugins:\n  - factdesk:\n      languages: [en, ko, ar]\n"
    ko = BASE_CLAIM.replace("claim-a", "claim-ko").replace("The sky", "하늘")
    ar = BASE_CLAIM.replace("claim-a", "claim-ar").replace("The sky", "السماء")
    files: dict[str, str | bytes | None] = {
        "mkdocs.yml": settings,
        "claims/claim-ko.yaml": ko + "language: ko\ntranslation_of: claim-a\n",
        "claims/claim-ar.yaml": ar + "language: ar\ntranslation_of: claim-ko\n",
    }
    kb = validate_root(make_kb(files), TODAY).kb
    assert translations(kb, "claim-ar") == {"en": "claim-a", "ko": "claim-ko", "ar": "claim-ar"}


def test_counterparts_are_translations_and_the_same_list_in_each_language() -> None:
    kb = _desk()
    pages = [urls.page_url_of(path) for path in _site() if path.endswith(".md")]
    found = alternates(kb, pages)
    claim = found["ko/claims/motorcycle-wealth-ko/"]
    assert claim == {
        "en": "en/claims/motorcycle-wealth/",
        "ko": "ko/claims/motorcycle-wealth-ko/",
        "ar": "ar/claims/motorcycle-wealth-ar/",
        "x-default": "en/claims/motorcycle-wealth/",
    }
    assert found["ar/latest/"]["ko"] == "ko/latest/"
    # The language homes name the site's home, where every language is offered.
    assert found["ko/"]["x-default"] == urls.HOME
    assert found[urls.HOME] == {"en": "en/", "ko": "ko/", "ar": "ar/", "x-default": urls.HOME}
    # A claimant's name is written in each language: its pages are not counterparts.
    assert not any("claimants/newsweek/" in url for url in found)


def test_a_list_missing_in_a_language_is_not_offered() -> None:
    kb = _desk()
    found = alternates(kb, ["en/topics/x/", "ko/topics/x/", "en/latest/"])
    assert set(found["en/topics/x/"]) == {"en", "ko", "x-default"}
    assert "en/latest/" not in found  # no other language has it


def test_one_language_has_no_counterparts(make_kb: MakeKB) -> None:
    kb = validate_root(make_kb({}), TODAY).kb
    assert alternates(kb, ["latest/", "claims/claim-a/"]) == {}
    assert page_language(kb, "claims/claim-a/") == "en"


def test_the_switcher_names_each_language_in_itself_and_links_relative() -> None:
    versions = {"en": "en/claims/a/", "ar": "ar/claims/b/", "x-default": "en/claims/a/"}
    shown = choices(versions, "ar/claims/b/", "ar")
    assert shown == [
        {
            "lang": "en",
            "name": "English",
            "dir": "ltr",
            "href": "../../../en/claims/a/",
            "current": False,
        },
        {"lang": "ar", "name": "العربية", "dir": "rtl", "href": "./", "current": True},
    ]


def test_a_claim_page_links_its_translations_and_a_lone_one_none(make_kb: MakeKB) -> None:
    page = _site()["ar/claims/montana-first-ban-ar.md"]
    assert 'class="fd-languages"' in page
    assert 'href="../../../ko/claims/montana-first-ban-ko/" hreflang="ko"' in page
    lone = render_site(validate_root(make_kb({}), TODAY).kb)["claims/claim-a.md"]
    assert "fd-languages" not in lone


def test_the_find_page_offers_the_other_languages_indexes() -> None:
    page = _site()["ko/find.md"]
    assert 'id="fd-find-all"' in page
    assert '["en", "ar"]' in page  # what `?all=1` merges
    assert '<span lang="ar">العربية</span>' in page


def test_page_language_is_the_folders_or_the_default() -> None:
    kb = _desk()
    assert page_language(kb, "ar/claims/x/") == "ar"
    assert page_language(kb, "about/") == "en"


def test_the_language_home_lists_the_newest_in_its_language() -> None:
    home = _site()["ko.md"]
    assert "motorcycle-wealth-ko/" in home and "claims/motorcycle-wealth/" not in home


def test_renders_are_identical() -> None:
    assert render_site(_desk()) == render_site(validate_root(DESK, TODAY).kb)


def test_hand_written_links_to_generated_pages_lead_into_the_default_folder() -> None:
    generated = {"en/browse.md", "en/sources/a.md"}

    def place(path: str) -> str:
        return "en/" + path if "en/" + path in generated else path

    text = '[all](browse.md#top), [a](../sources/a.md "A"), [us](about.md)\n[b]: browse.md\n'
    # From docs/ko/, 'browse.md' is ko/browse.md, not a page the default language has.
    assert links_into_folders(text, "ko/guide.md", place) == text.replace("../", "../en/")
    assert links_into_folders(text.replace("../", ""), "index.md", place) == (
        '[all](en/browse.md#top), [a](en/sources/a.md "A"), [us](about.md)\n[b]: en/browse.md\n'
    )
    assert links_into_folders("[a](../sources/a.md)", "guides/x.md", place) == (
        "[a](../en/sources/a.md)"
    )


def test_the_languages_marker_lists_each_languages_home_on_its_own_line() -> None:
    renderer = PageRenderer(_desk())
    page = f"# Home\n\n{LANGUAGES_MARKER}\n\nWrite `{LANGUAGES_MARKER}` for the list.\n"
    shown = expand_markers(page, "index.md", renderer)
    assert '<a href="ko/" hreflang="ko" lang="ko" dir="ltr">한국어</a>' in shown
    assert f"Write `{LANGUAGES_MARKER}` for the list." in shown  # named, not replaced


def test_a_hand_written_home_lists_the_default_languages_newest_only() -> None:
    # The translations are listed on their own language's home, not beside the originals.
    kb = _desk()
    shown = expand_markers("<!-- factdesk:latest -->\n", "index.md", PageRenderer(kb))
    listed = {c.id for c in kb.published if urls.claim(c.id, "en/") in shown}
    assert listed and all(c.language == "en" for c in kb.published if c.id in listed)
    assert "ko/claims/" not in shown and "ar/claims/" not in shown


def test_each_languages_list_pages_date_from_their_own_fact_checks() -> None:
    # The sitemap's lastmod of /ko/claimants/x/ is its newest Korean fact-check's day.
    kb = _desk()
    dates = page_dates(kb)
    for language in kb.settings.languages:
        site = layout(kb, language)
        for slug, claims in kb.in_language(language).by_claimant.items():
            day = newest(claims)
            assert day is not None
            assert dates[urls.page_file(site.claimant(slug))] == day.latest().isoformat()


def test_rendered_hand_written_pages_link_the_default_languages_lists(tmp_path: Path) -> None:
    # `factdesk render` (Zensical) moves the links as the MkDocs plugin does.
    (tmp_path / "about.md").write_text("[All](browse.md) and [us](methodology.md)\n")
    about = collect(_desk(), tmp_path, None, "zensical")["about.md"].decode()
    assert "[All](en/browse.md)" in about and "[us](methodology.md)" in about


def test_the_export_has_each_languages_feed() -> None:
    exported = export_files(_desk())
    assert {"feed.xml", "en/feed.xml", "ko/feed.xml", "ar/feed.xml"} <= set(exported)
    assert b'xml:lang="ar"' in exported["ar/feed.xml"]


def test_a_one_language_desk_publishes_every_fact_check_at_its_root() -> None:
    # Imports bring fact-checks in French or en-GB into an English desk: no FD064.
    settings = Settings()
    assert [settings.site_language(t) for t in ("fr", "en-GB", "ko")] == ["en", "en", "en"]


def test_a_regional_tag_goes_to_its_language_and_an_unpublished_one_nowhere() -> None:
    settings = Settings(languages=("en", "pt-BR", "ko"))
    assert settings.site_language("en-GB") == "en"
    assert settings.site_language("pt-br") == "pt-BR"
    assert settings.site_language("ko-KR") == "ko"
    assert settings.site_language("fr") is None


def _language_lookups(root: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """How many times rendering every text file of the desk at `root` asks which
    language folder a fact-check belongs in."""
    kb = validate_root(root).kb
    calls = 0
    original = Settings.site_language

    def counted(self: Settings, tag: str) -> str | None:
        nonlocal calls
        calls += 1
        return original(self, tag)

    monkeypatch.setattr(Settings, "site_language", counted)
    render_site(kb)
    monkeypatch.setattr(Settings, "site_language", original)
    return calls


def test_language_lookups_grow_linearly_with_the_claims(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each page's addresses once held a dict of every claim's folder: 4 times the claims
    # made 16 times the lookups (21 million at 1,000 claims, most of a 40 s build).
    from bench.synth import write_kb

    small = _language_lookups(write_kb(tmp_path / "small", 40), monkeypatch)
    large = _language_lookups(write_kb(tmp_path / "large", 160), monkeypatch)
    assert large <= 5 * small, (small, large)
