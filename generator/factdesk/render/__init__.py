"""Renderers: pure functions from the KnowledgeBase to {path: content}. Nothing is written."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import TypeVar

from factdesk.kb import KnowledgeBase
from factdesk.render import urls
from factdesk.render.api import browse_index, dump, render_api
from factdesk.render.cards import CardCache, Drawing, render_cards, render_cards_later
from factdesk.render.embed import render_embeds
from factdesk.render.feed import render_feed
from factdesk.render.languages import layout
from factdesk.render.media import render_media
from factdesk.render.pages import Maker, PageRenderer, page_plan
from factdesk.render.verdict_search import render_verdict_search
from factdesk.workers import map_chunks

ASSETS = ("factdesk.css", "browse.js", "verdicts.js")
_T = TypeVar("_T")


def asset_paths() -> list[str]:
    return [urls.asset(name) for name in ASSETS]


def render_site(
    kb: KnowledgeBase, overrides: Path | None = None, pages: PageRenderer | None = None
) -> dict[str, str]:
    """Every generated file, keyed by its docs-relative path, in sorted order; each
    language's pages with the readers' words, dates and numbers in it (render/i18n.py).

    Pass the `pages` renderer a caller also uses (for the home page's latest list), so
    the templates are set up once per build.
    """
    pages = pages or PageRenderer(kb, overrides)
    later = render_site_later(kb, pages)
    return {path: made() if callable(made) else made for path, made in later.items()}


def render_site_later(kb: KnowledgeBase, pages: PageRenderer) -> dict[str, str | Maker]:
    """`render_site`'s files, in the same order, each page not rendered yet but as the
    call that renders it: a build renders a page when MkDocs reads it, in the process
    that builds it, so no page waits in memory for its turn."""
    files: list[tuple[str, str | Maker]] = [
        *language_page_plan(kb, pages),
        *data_files(kb, pages),
    ]
    return dict(sorted(_one_each(files).items()))


def render_site_behind(
    kb: KnowledgeBase, pages: PageRenderer
) -> tuple[dict[str, str | Maker], list[str]]:
    """`render_site_later`'s files, and which of them are the claims' own (JSON, history,
    embed: three or four a claim): `serve` writes those behind a large desk's first
    pages (30,000 files at 10,000 claims, 6 s)."""
    files: list[tuple[str, str | Maker]] = [
        *language_page_plan(kb, pages),
        *data_files(kb, pages, set()),
    ]
    own = list(data_files(kb, pages, None, desk=False))
    return dict(sorted(_one_each([*files, *own]).items())), [path for path, _ in own]


def render_data(
    kb: KnowledgeBase, pages: PageRenderer, only: Collection[str] | None = None
) -> dict[str, str]:
    """The generated text files that are not pages: the JSON API (and on a site in several
    languages each language's browse table data), the feeds, the embeds, the verdict
    search files and factdesk's own assets. `only`: the claims whose own files (JSON,
    embed) are wanted, all when None (`factdesk serve` writes those a save changed)."""
    return _one_each(data_files(kb, pages, only))


def _one_each(files: Iterable[tuple[str, _T]]) -> dict[str, _T]:
    """Generated files by path; two at one path is a bug in a renderer."""
    out: dict[str, _T] = {}
    for path, content in files:
        if path in out:
            raise ValueError(f"two generated files at {path}")
        out[path] = content
    return out


def data_files(
    kb: KnowledgeBase,
    pages: PageRenderer,
    only: Collection[str] | None = None,
    *,
    desk: bool = True,
) -> Iterator[tuple[str, str]]:
    """`render_data`'s files one at a time, each rendered when asked for: `serve` builds
    them behind the server and stops between two when the next save comes. `desk=False`:
    only the claims' own files (JSON, history, embed), not the whole desk's."""
    yield from render_api(kb, pages.related_checks, only, desk=desk)
    if desk:
        yield from language_browse_data(kb)
        yield from render_feeds(kb).items()
    yield from render_embeds(kb, only=only).items()
    if not desk:
        return
    yield from render_verdict_search(kb).items()
    package = resources.files("factdesk.render") / "assets"
    for name in ASSETS:
        yield urls.asset(name), (package / name).read_text(encoding="utf-8")


Keep = Callable[[str, str], Path]
# Below this many claims their own files are written by one process: forking costs more.
PARALLEL_MIN_CLAIMS = 1000
# Each task walks the desk's sorted claim lists to find its own claims (45 ms a task at
# 10,000 claims), so tasks are large: 250 claims a task made that walk 200 times at 50,000.
CLAIMS_PER_TASK = 2500
# What `_keep_claims_files` works with: set for one `render_site_kept`, so that forked
# workers have it without pickling a knowledge base.
_KEEPING: tuple[KnowledgeBase, PageRenderer, Keep] | None = None


def render_site_kept(
    kb: KnowledgeBase, pages: PageRenderer, keep: Keep, *, parallel: bool
) -> dict[str, Maker | Path]:
    """`render_site_later`'s files for a build, in the same order: each page as the call
    that renders it, and each file that is not a page already written by `keep` (which
    answers where it will be). The claims' own files, most of the work at 50,000 claims
    (three or four files a claim), are rendered and written on every core when
    `parallel` (forked workers inherit what they need); the whole desk's here."""
    global _KEEPING
    files: list[tuple[str, Maker | Path]] = list(language_page_plan(kb, pages))
    pages.related_checks  # noqa: B018 (made once here, not once in every worker)
    _KEEPING = (kb, pages, keep)
    try:
        ids = sorted(kb.claims)
        kept = map_chunks(
            _keep_claims_files,
            ids,
            parallel=parallel,
            min_items=PARALLEL_MIN_CLAIMS,
            chunk_size=CLAIMS_PER_TASK,
        )
    finally:
        _KEEPING = None
    files += kept
    files += [(path, keep(path, content)) for path, content in data_files(kb, pages, set())]
    return dict(sorted(_one_each(files).items()))


def _keep_claims_files(ids: list[str]) -> list[tuple[str, Path]]:
    """Every own file of the claims `ids`, written by the `keep` of `render_site_kept`."""
    assert _KEEPING is not None, "only render_site_kept hands out this work"
    kb, pages, keep = _KEEPING
    only = frozenset(ids)
    return [(path, keep(path, text)) for path, text in data_files(kb, pages, only, desk=False)]


def language_page_plan(kb: KnowledgeBase, pages: PageRenderer) -> Iterator[tuple[str, Maker]]:
    """Every generated page, as the call that renders it: at the root on a desk that
    publishes one language; on a site in several, each language's pages in its folder,
    listing its own fact-checks."""
    if not kb.settings.multilingual:
        yield from page_plan(kb, pages).items()
        return
    for language in kb.settings.languages:
        view = pages.in_language(language)
        yield from page_plan(view.kb, view).items()


def language_browse_data(kb: KnowledgeBase) -> Iterator[tuple[str, str]]:
    """On a site in several languages, what each language's browse table filters: its
    own fact-checks, in its folder (a desk in one language has only the API's)."""
    if not kb.settings.multilingual:
        return
    for language in kb.settings.languages:
        yield layout(kb, language).BROWSE_JSON, dump(browse_index(kb.in_language(language)))


def render_feeds(kb: KnowledgeBase) -> dict[str, str]:
    """The Atom feed of every fact-check at the site's root, and on a site in several
    languages one more per language, in its folder, that the language's pages link."""
    feeds = {urls.FEED: render_feed(kb, kb.settings.site_name)}
    if kb.settings.multilingual:
        for language in kb.settings.languages:
            site = layout(kb, language)
            feeds[site.FEED] = render_feed(kb.in_language(language), kb.settings.site_name, site)
    return feeds


def render_binaries(
    kb: KnowledgeBase,
    pages: PageRenderer | None = None,
    cards: CardCache | None = None,
    only: Collection[str] | None = None,
    *,
    parallel: bool = False,
) -> dict[str, bytes]:
    """The files that are bytes, not text (the claims' pictures and share cards), keyed by
    their site-relative path in sorted order; `render_site` gives the text files. Pass the
    same `pages` renderer, so each picture is read once; `cards` is where the share cards
    are cached (by default the desk's `.cache/factdesk/cards/`); `only`: the claims whose
    cards are wanted, and no pictures (`serve` builds everything after media/ changes);
    `parallel`: share cards not in the cache are drawn on every core (not in a server)."""
    pages = pages or PageRenderer(kb)
    out = render_media(pages.pictures) if only is None else {}
    for path, data in render_cards(kb, cards, only, parallel=parallel).items():
        if path in out:
            raise ValueError(f"a picture from media/ is in the way of a share card at {path}")
        out[path] = data
    return dict(sorted(out.items()))


def render_binaries_later(kb: KnowledgeBase, pages: PageRenderer) -> dict[str, bytes | Drawing]:
    """`render_binaries`' files, each share card not in the cache as the call that draws
    it (`serve` draws them behind a large desk's first pages)."""
    out: dict[str, bytes | Drawing] = {**render_media(pages.pictures)}
    for path, data in render_cards_later(kb).items():
        if path in out:
            raise ValueError(f"a picture from media/ is in the way of a share card at {path}")
        out[path] = data
    return dict(sorted(out.items()))


def record_page_paths(kb: KnowledgeBase, pages: PageRenderer) -> list[str]:
    """Every claim's, source's, claimant's and topic's page (the most of a desk's pages),
    claims first and in the order the browse pages list them, in each language's folder
    on a site in several: `serve` builds them behind the others on its first start
    (mkdocs_plugin.py)."""
    views = [(kb, pages)]
    if kb.settings.multilingual:
        views = [(view.kb, view) for view in map(pages.in_language, kb.settings.languages)]
    paths: list[str] = []
    for view_kb, view in views:
        paths += [
            urls.page_file(view.site.claim(claim.id))
            for claim in [*view_kb.published, *view_kb.withdrawn]
        ]
    for view_kb, view in views:
        site = view.site
        paths += [urls.page_file(site.source(sid)) for sid in view_kb.sources]
        paths += [urls.page_file(site.claimant(slug)) for slug in view_kb.by_claimant]
        paths += [urls.page_file(site.topic(topic)) for topic in view_kb.by_topic]
    return paths
