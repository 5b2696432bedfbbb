"""The Pagefind find page with hostile names, titles, labels and claim texts, in headless
Chromium with the hostile browser tests' sentinel: a query typed, every filter group open,
nothing may run, and the filter panel shows each name as text a reader can read."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from browser import CHROMIUM, chromium, serve_directory
from browser_sentinel import SENTINEL
from factdesk.render.search import WORD_JOINER, pagefind_value
from sitebuild import build

from kbfactory import BASE_SOURCE

if not os.path.exists(CHROMIUM):
    pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium", pytrace=False)

# The word every claim text holds, so one query lists them all.
WORD = "zebra"
RATING_LABEL = '<img src=r onerror=alert("rating")> False & "bogus"'
CLAIMANTS = [
    "<img src=x onerror=alert(document.domain)>",
    "<svg onload=window.__fdPwned=1>",
    '"><script>window.__fdPwned=1</script>',
    # Entity text as written: Pagefind decodes filter values once more than the page does.
    "&lt;img src=y onerror=window.__fdPwned=1&gt;",
    "AT&T <Jane Doe>",
]
TITLES = [
    "<img src=t onerror=alert(document.domain)> title",
    '"><svg onload=window.__fdPwned=1>',
    "<script>window.__fdPwned=1</script>",
    "&lt;img src=u onerror=window.__fdPwned=1&gt;",
    "x<y and y>z",
]
CLAIM_TEXTS = [
    "<img src=c onerror=alert(document.domain)>",
    "<svg><animate onbegin=window.__fdPwned=1 attributeName=x dur=1s>",
    "</p><script>window.__fdPwned=1</script>",
    "&lt;img src=d onerror=window.__fdPwned=1&gt;",
    "<iframe srcdoc='<script>parent.__fdPwned=1</script>'>",
]
SITE_CONFIG = {
    "site_name": "hostile search",
    "site_url": "https://example.org/hostile/",
    "theme": {"name": "material"},
    "plugins": [
        "search",
        {
            "factdesk": {
                "search": "pagefind",
                "ratings": [
                    {
                        "key": "false",
                        "label": RATING_LABEL,
                        "definition": "Not accurate.",
                        "color": "#c62828",
                        "value": 1,
                    }
                ],
            }
        },
    ],
}


def _claim(number: int) -> dict[str, Any]:
    return {
        "id": f"claim-{number}",
        "title": TITLES[number],
        "claim": f"{CLAIM_TEXTS[number]} {WORD}",
        "claimant": {"name": CLAIMANTS[number]},
        "rating": "false",
        "conclusion": f"It is not, {CLAIM_TEXTS[number]}.",
        "evidence": [{"source": "src-a", "stance": "refutes"}],
        "topics": ["hostile"],
        "published": f"2024-01-0{number + 1}",
        "status": "published",
    }


def _hostile_kb(root: Path) -> Path:
    for folder in ("claims", "sources", "docs"):
        (root / folder).mkdir(parents=True)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(SITE_CONFIG, sort_keys=False))
    (root / "docs" / "index.md").write_text("# Hostile search\n")
    (root / "sources" / "src-a.yaml").write_text(BASE_SOURCE)
    for number in range(len(CLAIMANTS)):
        text = yaml.safe_dump(_claim(number), sort_keys=False, allow_unicode=True)
        (root / "claims" / f"claim-{number}.yaml").write_text(text)
    return root


@pytest.fixture(scope="module")
def find_page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The find page after a reader typed a word, with every filter group opened."""
    tmp = tmp_path_factory.mktemp("hostile-pagefind")
    site = build(_hostile_kb(tmp / "kb"), tmp / "site")
    with serve_directory(site) as url, chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.add_init_script(SENTINEL)
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(url + "find/")
        page.click(".pagefind-ui__search-input")
        page.keyboard.type(WORD, delay=20)
        results = page.locator(".pagefind-ui__result-link")
        page.wait_for_function(
            f"document.querySelectorAll('.pagefind-ui__result-link').length === {len(TITLES)}"
        )
        # The verdict beside each result (assets/verdicts.js), from the hostile label.
        page.wait_for_function(
            f"document.querySelectorAll('#fd-find .fd-search-verdict').length === {len(TITLES)}"
        )
        names = page.locator(".pagefind-ui__filter-name")
        names.nth(2).wait_for()  # the filters arrive just after the first results
        for block in range(names.count()):
            if not names.nth(block).evaluate("el => el.parentElement.open"):
                names.nth(block).click()
        # Payloads in inserted markup fire on image errors and element insertion: wait
        # until every image in the UI has finished loading (or failed) before looking.
        page.wait_for_function(
            "[...document.querySelectorAll('#fd-find img')].every(img => img.complete)"
        )
        assert results.count() == len(TITLES)
        yield page, dialogs
        context.close()


def _readable(text: str) -> str:
    """What a reader sees: the word joiners the defence inserts are invisible."""
    return text.replace(WORD_JOINER, "")


def test_nothing_runs_on_the_find_page(find_page: tuple[Any, list[str]]) -> None:
    page, dialogs = find_page
    assert page.evaluate("window.__fdCalls") == [] and dialogs == []
    # No payload became an element: the UI holds only what Pagefind's own markup uses,
    # and the verdicts factdesk's script draws beside the results.
    tags = page.eval_on_selector_all(
        "#fd-find *:not(.fd-search-verdict):not(.fd-search-verdict *)",
        "els => [...new Set(els.map(e => e.localName))].sort()",
    )
    assert not {"img", "svg", "script", "iframe", "animate"} & set(tags), tags
    verdict = page.eval_on_selector_all(
        "#fd-find .fd-search-verdict *", "els => [...new Set(els.map(e => e.localName))].sort()"
    )
    assert verdict == ["span", "svg", "use"]


def test_each_results_verdict_shows_the_rating_label_as_text(
    find_page: tuple[Any, list[str]],
) -> None:
    page, _ = find_page
    labels = page.locator("#fd-find .fd-search-verdict-label")
    assert labels.all_text_contents() == [RATING_LABEL] * len(TITLES)
    assert labels.locator("*").count() == 0, "the label became markup"
    names = page.locator("#fd-find .fd-search-verdict svg").evaluate_all(
        "els => els.map(e => e.getAttribute('aria-label'))"
    )
    assert all(name.startswith(f"Rating: {RATING_LABEL}, 1 of 1") for name in names), names


def test_the_filter_panel_shows_every_name_and_label_as_text(
    find_page: tuple[Any, list[str]],
) -> None:
    page, _ = find_page
    labels = page.locator(".pagefind-ui__filter-label")
    assert labels.locator("*").count() == 0, "a filter value became markup"
    shown = {_readable(text).rsplit(" (", 1)[0] for text in labels.all_inner_texts()}
    assert shown == {*CLAIMANTS, RATING_LABEL, "hostile"}


def test_result_titles_and_excerpts_are_text(find_page: tuple[Any, list[str]]) -> None:
    page, _ = find_page
    titles = page.locator(".pagefind-ui__result-link").all_inner_texts()
    assert {_readable(t) for t in titles} == set(TITLES)
    excerpts = page.locator(".pagefind-ui__result-excerpt")
    # Pagefind's own highlighting is the only markup in an excerpt.
    tags = excerpts.evaluate_all(
        "els => els.flatMap(e => [...e.querySelectorAll('*')]).map(e => e.localName)"
    )
    assert set(tags) == {"mark"}


def test_a_hostile_filter_value_still_filters(find_page: tuple[Any, list[str]]) -> None:
    page, _ = find_page  # last of the page's tests: it narrows the results they share
    boxes = page.locator(".pagefind-ui__filter-checkbox[name=claimant]")
    values = [_readable(v) for v in boxes.evaluate_all("els => els.map(e => e.value)")]
    boxes.nth(values.index(CLAIMANTS[0])).check()
    page.wait_for_function("document.querySelectorAll('.pagefind-ui__result-link').length === 1")
    assert _readable(page.locator(".pagefind-ui__result-link").inner_text()) == TITLES[0]
    assert page.evaluate("window.__fdCalls") == []


def test_every_value_sent_to_pagefind_is_inert() -> None:
    for text in [*CLAIMANTS, *TITLES, RATING_LABEL, "AT&T", "&#60;", "<<&&"]:
        value = pagefind_value(text)
        assert _readable(value) == text
        # After `<` or `&`, an HTML parser needs a letter, `/`, `!`, `?` or `#` to read
        # markup or a character reference; the joiner is none of them.
        assert all(value[i + 1] == WORD_JOINER for i, c in enumerate(value) if c in "<&")
