"""render/urls.py owns every URL of the site and the API: nothing else spells one, and what
it writes, it reads back (the importer maps this site's own feed through it)."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from factdesk.render import urls
from factdesk.tools.importer.mapping import map_review

from conftest import REPO

PACKAGE = REPO / "generator" / "factdesk"
RENDER = PACKAGE / "render"
SITE = "https://example.org/desk/"
PAGES: list[Callable[[str], str]] = [urls.claim, urls.source, urls.claimant, urls.topic]


def _site_paths() -> set[str]:
    """Every kind of address urls.py makes: its constants, and each function's output."""
    made = [v for k, v in vars(urls).items() if k.isupper() and isinstance(v, str)]
    made += [
        page("x")
        for page in [*PAGES, urls.claim_json, urls.asset, urls.pagefind, urls.card, urls.embed]
    ]
    made.append(urls.oembed("x"))
    made += [urls.browse(1), urls.browse(2)]
    made += [urls.page_file(u) for u in made if u.endswith("/")]
    return {u for u in made if u and u != urls.ID_SLOT}


def _spelling() -> re.Pattern[str]:
    """A site path's first part (a folder like 'api/', or a whole file name like
    'feed.xml'), where a quoted string or a path begins."""
    heads = {p.split("/", 1)[0] + "/" if "/" in p else p for p in _site_paths()}
    # A file name ends where a name cannot go on: 'ratings.md', but not 'ratings.md.j2'.
    ended = [re.escape(h) + ("" if h.endswith("/") else r"(?![\w.-])") for h in heads]
    return re.compile(rf"""(?:^|['"\s(/])(?:{"|".join(sorted(ended))})""")


def _python_strings(path: Path) -> Iterator[tuple[int, str]]:
    """String constants and f-string parts, leaving out docstrings, which explain."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
            yield node.lineno, node.value


def _quoted_strings(path: Path) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        for match in re.finditer(r"""'[^']*'|"[^"]*\"""", line):
            yield number, match.group(0)


def _spelled_paths() -> list[str]:
    pattern = _spelling()
    code = [p for p in RENDER.glob("*.py") if p.name != "urls.py"]
    code.append(PACKAGE / "tools" / "importer" / "mapping.py")
    found = [
        f"{path.relative_to(PACKAGE)}:{line}: {text!r}"
        for path in code
        for line, text in _python_strings(path)
        if pattern.search(text)
    ]
    markup = [*sorted((RENDER / "templates").glob("*.j2")), *(RENDER / "assets").glob("*.js")]
    found += [
        f"{path.relative_to(PACKAGE)}:{line}: {text}"
        for path in markup
        for line, text in _quoted_strings(path)
        if pattern.search(text)
    ]
    return found


def test_no_module_or_template_but_urls_spells_a_site_path() -> None:
    assert _spelled_paths() == [], "take these addresses from render/urls.py"


@pytest.mark.parametrize(
    "text",
    ["'api/claims/' ~ claim.id", '"feed.xml"', "rel(here, 'browse/')", '"ratings.md"', "'/x/'"],
)
def test_the_scan_recognises_a_spelled_path(text: str) -> None:
    # The scan above would pass by finding nothing; show it finds what it looks for.
    assert bool(_spelling().search(text)) is (text != "'/x/'")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.__name__)
def test_an_id_read_back_from_a_url_is_the_id_that_made_it(page: Callable[[str], str]) -> None:
    url = urls.absolute(SITE, page("some-id"))
    assert urls.id_in(url, SITE, page) == "some-id"
    assert urls.id_in(url.rstrip("/"), SITE.rstrip("/"), page) == "some-id"
    others = [p for p in PAGES if p(urls.ID_SLOT).split("/")[0] != page(urls.ID_SLOT).split("/")[0]]
    assert all(urls.id_in(url, SITE, other) is None for other in others)


def test_an_id_is_read_back_from_a_languages_folder() -> None:
    # A desk in several languages: 'ko/claims/<id>/' is the claim's page in Korean.
    for language in ("en", "ko", "pt-BR"):
        url = urls.absolute(SITE, urls.claim("some-id", urls.language_prefix(language, True)))
        assert urls.id_in(url, SITE, urls.claim) == "some-id"
    assert urls.id_in(SITE + "api/claims/some-id/", SITE, urls.claim) is None


@pytest.mark.parametrize(
    "url",
    [
        "https://elsewhere.example/claims/a/",
        SITE + "xx-notalanguage/claims/a/",
        SITE + "claims/",
        SITE + "claims/a/b/",
        SITE + "claims//a/",
        None,
        ["https://example.org/desk/claims/a/"],
        {"@id": "https://example.org/desk/claims/a/"},
    ],
)
def test_anything_else_has_no_id(url: object) -> None:
    assert urls.id_in(url, SITE, urls.claim) is None
    assert urls.id_in(SITE + "claims/a/", None, urls.claim) is None


def test_an_appearance_whose_url_is_not_text_does_not_stop_the_import() -> None:
    # Publishers' JSON-LD holds lists and objects where a URL should be; with the site's
    # address configured, reading one back as this site's own crashed the import.
    review = {
        "@type": "ClaimReview",
        "claimReviewed": "The sky is green",
        "reviewRating": {"alternateName": "False"},
        "itemReviewed": {
            "@type": "Claim",
            "author": {"name": "Someone"},
            "appearance": [{"url": ["https://a.example/x"]}, {"url": {"x": 1}}, {"url": 7}],
        },
    }
    mapped = map_review(review, {"false": "false"}, SITE, "review.json")
    assert mapped.claim["claim"] == "The sky is green"
    assert "appearances" not in mapped.claim or mapped.claim["appearances"] in ([], None)
