"""Two sites, kept apart: the example desk (mkdocs.yml, docs/) holds reader and contributor
pages and nothing about factdesk's internals; the tool's manual (manual/mkdocs.yml,
manual/docs/) holds the rest. Links between them, and the doc pages the package names in
its hints, lead to pages that exist."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import REPO

DESK_DOCS = REPO / "docs"
MANUAL_DOCS = REPO / "manual" / "docs"
PACKAGE = REPO / "generator" / "factdesk"

# Every hand-written page a desk publishes. A page about factdesk itself (a command, a
# setting, how it works, starting a desk) belongs in manual/docs/; a new reader or
# contributor page of the example desk is added here.
READER_PAGES = {"index.md", "about.md", "methodology.md", "corrections-policy.md"}
CONTRIBUTOR_PAGES = {"contributing.md", "records.md", "diagnostics.md", "editors.md"}

INCLUDE = re.compile(r'^--8<-- "docs/([^"]+)"\s*$', re.M)
LINK = re.compile(r"\]\(([^)\s]+)\)")
FENCE = re.compile(r"^```.*?^```", re.M | re.S)
CODE_SPAN = re.compile(r"`[^`\n]*`")
URL = re.compile(r"https?://[^\s)`\"'<>]+")


class _TagsAsText(yaml.SafeLoader):
    """manual/mkdocs.yml uses MkDocs' `!relative` tag; its value is not needed here."""


_TagsAsText.add_multi_constructor("!", lambda loader, suffix, node: None)


def config(path: Path) -> dict[str, Any]:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_TagsAsText)
    assert isinstance(data, dict), path
    return data


DESK = config(REPO / "mkdocs.yml")
MANUAL = config(REPO / "manual" / "mkdocs.yml")


def nav_pages(nav: Any) -> Iterator[str]:
    """Every page a nav names, at any depth."""
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, list):
        for item in nav:
            yield from nav_pages(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from nav_pages(value)


def included_desk_page(page: Path) -> str | None:
    """The desk page a manual page includes whole (its only content), if it does."""
    found = INCLUDE.fullmatch(page.read_text(encoding="utf-8").strip() + "\n")
    return found.group(1) if found else None


def manual_own_pages() -> set[str]:
    """The manual's pages written for the manual, not included from the desk."""
    pages = sorted(MANUAL_DOCS.glob("*.md"))
    return {p.name for p in pages if included_desk_page(p) is None}


def shared_pages() -> set[str]:
    """The desk pages the manual shows too."""
    names = (included_desk_page(p) for p in sorted(MANUAL_DOCS.glob("*.md")))
    return {name for name in names if name}


def test_the_desk_nav_holds_no_tool_page() -> None:
    nav = set(nav_pages(DESK["nav"]))
    assert "index.md" in nav and "contributing.md" in nav
    tool_pages = manual_own_pages() - {"index.md"}  # each site has its own home page
    assert "cli.md" in tool_pages
    assert nav & tool_pages == set(), "these pages are the manual's, not a desk's"


def test_every_desk_page_is_for_readers_or_contributors() -> None:
    pages = {p.name for p in DESK_DOCS.glob("*.md")}
    stray = pages - READER_PAGES - CONTRIBUTOR_PAGES
    assert stray == set(), f"{sorted(stray)}: a tool page goes in manual/docs/"
    assert set(nav_pages(DESK["nav"])) >= READER_PAGES | CONTRIBUTOR_PAGES


def test_the_manual_shows_every_page_it_has() -> None:
    """MkDocs only mentions a page missing from the nav, even with --strict."""
    pages = {p.name for p in MANUAL_DOCS.glob("*.md")}
    assert set(nav_pages(MANUAL["nav"])) == pages


def test_the_manual_includes_the_desks_diagnostic_codes_and_record_reference() -> None:
    """One text for what both sites show: the manual's copy is an include."""
    assert shared_pages() == {"diagnostics.md", "records.md"}
    assert {p for p in shared_pages() if not (DESK_DOCS / p).is_file()} == set()


def prose(markdown: str) -> str:
    """The text outside code blocks and code spans, where links are links."""
    return CODE_SPAN.sub("", FENCE.sub("", markdown))


def test_the_shared_pages_link_only_to_pages_both_sites_have() -> None:
    """An included page's relative links resolve against the including page, so a link
    from docs/diagnostics.md to cli.md would work in the manual and break the desk's."""
    bad = []
    for name in sorted(shared_pages()):
        for target in LINK.findall(prose((DESK_DOCS / name).read_text(encoding="utf-8"))):
            page = target.split("#")[0]
            if page and "://" not in page and page not in shared_pages():
                bad.append(f"{name} -> {target}")
    assert bad == [], "link to the other site by its absolute address"


def page_for(url: str) -> Path | None:
    """The hand-written page an absolute address of either site is built from."""
    for site, docs in ((MANUAL, MANUAL_DOCS), (DESK, DESK_DOCS)):
        base = str(site["site_url"])
        if url.startswith(base):
            path = url[len(base) :].split("#")[0].strip("/")
            if path.startswith("manual") and docs is DESK_DOCS:
                continue
            name = f"{path}.md" if path else "index.md"
            page = docs / name
            shared = included_desk_page(page) if page.is_file() else None
            return DESK_DOCS / shared if shared else page
    return None


def heading_ids(page: Path) -> set[str]:
    """The ids Python-Markdown's toc gives the page's headings."""
    ids = set()
    for title in re.findall(r"^#+ (.+?)\s*$", prose(page.read_text(encoding="utf-8")), re.M):
        text = re.sub(r"[^\w\s-]", "", title.replace("`", "")).strip().lower()
        ids.add(re.sub(r"[-\s]+", "-", text))
    return ids


def addresses() -> Iterator[tuple[str, str]]:
    """Every absolute address into either site in the pages, README and the package."""
    files = [*DESK_DOCS.glob("*.md"), *MANUAL_DOCS.glob("*.md"), REPO / "README.md"]
    files += [REPO / "CONTRIBUTING.md", REPO / "SECURITY.md", *PACKAGE.rglob("*.py")]
    bases = (str(MANUAL["site_url"]), str(DESK["site_url"]))
    for path in sorted(files):
        for url in URL.findall(path.read_text(encoding="utf-8")):
            if url.startswith(bases) and url.rstrip("/") + "/" not in bases:
                yield path.relative_to(REPO).as_posix(), url.rstrip(".,;:")


def test_addresses_between_the_sites_name_pages_that_exist() -> None:
    found = list(addresses())
    assert any(url.startswith(str(MANUAL["site_url"])) for _, url in found)
    missing = []
    for where, url in found:
        page = page_for(url)
        anchor = url.partition("#")[2]
        if page is None or not page.is_file():
            missing.append(f"{where}: {url}")
        elif anchor and anchor not in heading_ids(page):
            missing.append(f"{where}: {url} (no heading #{anchor})")
    assert missing == []


def test_the_configuration_hint_points_at_the_published_manual() -> None:
    """Whoever runs a desk has no manual/ folder: the hint gives the manual's address."""
    from factdesk.load import site_config

    page = site_config._CONFIGURATION_PAGE
    assert page == f"{MANUAL['site_url']}configuration/"
    assert page in site_config._SEE_DOCS
    assert page_for(page) == MANUAL_DOCS / "configuration.md"


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.name)
def test_the_package_names_only_pages_a_desk_has(path: Path) -> None:
    """A `docs/x.md` in a hint or comment is a page in the desk's docs/ for contributors;
    the tool's pages are named by their address in the published manual."""
    named = set(re.findall(r"\bdocs/([\w-]+\.md)\b", path.read_text(encoding="utf-8")))
    assert named <= CONTRIBUTOR_PAGES | READER_PAGES, f"{path.name}: {sorted(named)}"
