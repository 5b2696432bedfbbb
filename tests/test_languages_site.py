"""A desk in English, Korean and Arabic (tests/fixtures/desk-multilingual) built with
`factdesk build`: every page says its language and direction, links its counterparts,
its language's feed and navigation; Pagefind keeps an index per language."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sitebuild import build, copy_example
from test_site_build import mkdocs_build

from conftest import REPO

DESK = REPO / "tests" / "fixtures" / "desk-multilingual"
SITE_URL = "https://example.org/desk/"
CLAIMS = {
    "en": "en/claims/motorcycle-wealth/",
    "ko": "ko/claims/motorcycle-wealth-ko/",
    "ar": "ar/claims/motorcycle-wealth-ar/",
}
HREFLANG = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">')


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(DESK, tmp_path_factory.mktemp("languages") / "site")


def _page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def _html_tag(page: str) -> str:
    found = re.search(r"<html\b[^>]*>", page)
    assert found
    return found.group(0)


@pytest.mark.parametrize(("lang", "way"), [("en", "ltr"), ("ko", "ltr"), ("ar", "rtl")])
def test_every_page_of_a_language_says_its_language_and_direction(
    site: Path, lang: str, way: str
) -> None:
    pages = sorted((site / lang).rglob("index.html"))
    assert len(pages) > 10
    for path in pages:
        page = path.read_text(encoding="utf-8")
        assert f'<html lang="{lang}" dir="{way}"' in _html_tag(page), path
        assert f'<body dir="{way}"' in page, path  # Material's own, for its styles


def test_materials_strings_follow_the_pages_language(site: Path) -> None:
    assert 'placeholder="검색"' in _page(site, CLAIMS["ko"])
    assert 'placeholder="بحث"' in _page(site, CLAIMS["ar"])
    assert 'placeholder="Search"' in _page(site, CLAIMS["en"])


def test_hreflang_links_are_absolute_and_reciprocal(site: Path) -> None:
    links = dict(HREFLANG.findall(_page(site, CLAIMS["ko"])))
    assert links == {
        **{lang: SITE_URL + url for lang, url in CLAIMS.items()},
        "x-default": SITE_URL + CLAIMS["en"],
    }
    for lang, url in CLAIMS.items():
        back = dict(HREFLANG.findall(_page(site, url)))
        assert back.get("ko") == SITE_URL + CLAIMS["ko"], lang
        assert back.get(lang) == SITE_URL + url  # each page names itself too


def test_only_the_pages_own_counterparts_are_hreflang_links(site: Path) -> None:
    """Material links every page to the language homes that turn its menu on; those
    would contradict the page's counterparts, so none is left."""
    for url in (*CLAIMS.values(), "ko/latest/", ""):
        page = _page(site, url)
        assert re.search(r'<link rel="alternate" href="[^"]*" hreflang=', page) is None, url


def test_the_home_page_offers_every_language(site: Path) -> None:
    home = _page(site, "")
    assert dict(HREFLANG.findall(home)) == {
        "en": SITE_URL + "en/",
        "ko": SITE_URL + "ko/",
        "ar": SITE_URL + "ar/",
        "x-default": SITE_URL,
    }
    assert '<a href="ko/" hreflang="ko" lang="ko" dir="ltr">한국어</a>' in home


def test_each_page_links_its_languages_feed(site: Path) -> None:
    feed = re.compile(r'<link rel="alternate" type="application/atom\+xml"[^>]* href="([^"]+)"')
    assert feed.findall(_page(site, "ar/latest/")) == [SITE_URL + "ar/feed.xml"]
    assert (site / "ar" / "feed.xml").is_file() and (site / "feed.xml").is_file()


def test_each_languages_navigation_leads_to_its_own_lists(site: Path) -> None:
    page = _page(site, "ko/latest/")
    nav = re.findall(r'<a href="([^"]+)" class="md-nav__link', page)
    assert "../browse/" in nav and "../find/" in nav  # ko/browse/, ko/find/
    english = re.findall(r'<a href="([^"]+)" class="md-nav__link', _page(site, "en/latest/"))
    assert "../browse/" in english and (site / "en" / "browse" / "index.html").is_file()


def test_pagefind_keeps_an_index_per_language(site: Path) -> None:
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    counts = {lang: info["page_count"] for lang, info in entry["languages"].items()}
    assert counts == {"en": 2, "ko": 2, "ar": 2}


def _files(site: Path) -> dict[Path, bytes]:
    """Every file, Pagefind's index included (the plugin puts it in a stable order)."""
    return {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_two_builds_are_byte_identical(site: Path, tmp_path: Path) -> None:
    first, second = _files(site), _files(build(DESK, tmp_path / "site"))
    assert any(path.parts[0] == "pagefind" and path.suffix == ".pf_filter" for path in first)
    assert first.keys() == second.keys()
    assert [path for path in first if first[path] != second[path]] == []


def test_the_example_desk_builds_in_english_and_korean(tmp_path: Path) -> None:
    """The example desk (`languages: [en, ko]`) with a Korean translation builds strict:
    its nav's lists are the English folder's, and the Korean one has its own."""
    root = copy_example(tmp_path / "desk")
    assert "      languages: [en, ko]\n" in (root / "mkdocs.yml").read_text(encoding="utf-8")
    korean = (DESK / "claims" / "motorcycle-wealth-ko.yaml").read_text(encoding="utf-8")
    korean = korean.replace(
        "translation_of: motorcycle-wealth", "translation_of: motorcycle-clear-sign-of-wealth"
    )
    (root / "claims" / "motorcycle-wealth-ko.yaml").write_text(korean, encoding="utf-8")
    proc = mkdocs_build(root, tmp_path / "site")
    assert proc.returncode == 0, proc.stderr
    out = tmp_path / "site"
    assert (out / "en" / "browse" / "index.html").is_file()
    korean_page = (out / "ko" / "claims" / "motorcycle-wealth-ko" / "index.html").read_text()
    assert '<html lang="ko" dir="ltr"' in korean_page
    assert "../../../en/claims/motorcycle-clear-sign-of-wealth/" in korean_page
    # The hand-written home page's link to the browse table leads to the English one.
    assert 'href="en/browse/"' in (out / "index.html").read_text()


def _material_strings(lang: str) -> dict[str, str]:
    """Material's string table for a language, read from the theme itself."""
    import material

    table = Path(material.__file__).parent / "templates" / "partials" / "languages"
    text = (table / f"{lang}.html").read_text(encoding="utf-8")
    return dict(re.findall(r'^\s*"([a-z.]+)": "([^"]*)"', text, re.M))


@pytest.mark.parametrize("lang", ["ko", "ar"])
def test_materials_words_on_a_page_are_its_languages_only(site: Path, lang: str) -> None:
    """The theme's words a reader meets on every page (skip link, search box, language
    menu, table of contents) are in the page's language, none left in English."""
    page = _page(site, CLAIMS[lang])
    own, english = _material_strings(lang), _material_strings("en")
    for key in ("action.skip", "search.placeholder", "select.language", "toc"):
        assert own[key] in page, key
        assert f'"{english[key]}"' not in page and f">{english[key]}<" not in page, key
