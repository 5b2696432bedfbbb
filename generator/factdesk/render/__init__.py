"""Renderers: pure functions from the KnowledgeBase to {path: content}. Nothing is written."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from factdesk.kb import KnowledgeBase
from factdesk.render import urls
from factdesk.render.api import browse_index, dump, render_api
from factdesk.render.cards import CardCache, render_cards
from factdesk.render.embed import render_embeds
from factdesk.render.feed import render_feed
from factdesk.render.languages import layout
from factdesk.render.media import render_media
from factdesk.render.pages import PageRenderer, render_pages
from factdesk.render.verdict_search import render_verdict_search

ASSETS = ("factdesk.css", "browse.js", "verdicts.js")


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
    out: dict[str, str] = {}
    generated = [*language_pages(kb, pages), *render_api(kb, pages.related_checks)]
    for path, content in generated:
        if path in out:
            raise ValueError(f"two generated files at {path}")
        out[path] = content
    out.update(render_feeds(kb))
    for path, content in [*render_embeds(kb).items(), *render_verdict_search(kb).items()]:
        if path in out:
            raise ValueError(f"two generated files at {path}")
        out[path] = content
    package = resources.files("factdesk.render") / "assets"
    for name in ASSETS:
        out[urls.asset(name)] = (package / name).read_text(encoding="utf-8")
    return dict(sorted(out.items()))


def language_pages(kb: KnowledgeBase, pages: PageRenderer) -> Iterator[tuple[str, str]]:
    """Every generated page: at the root on a desk that publishes one language; on a site
    in several, each language's pages in its folder, listing its own fact-checks."""
    if not kb.settings.multilingual:
        yield from render_pages(kb, pages)
        return
    for language in kb.settings.languages:
        view = pages.in_language(language)
        yield from render_pages(view.kb, view)
        # What the language's browse table filters: its own fact-checks.
        yield view.site.BROWSE_JSON, dump(browse_index(view.kb))


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
    kb: KnowledgeBase, pages: PageRenderer | None = None, cards: CardCache | None = None
) -> dict[str, bytes]:
    """The files that are bytes, not text (the claims' pictures and share cards), keyed by
    their site-relative path in sorted order; `render_site` gives the text files. Pass the
    same `pages` renderer, so each picture is read once; `cards` is where the share cards
    are cached (by default the desk's `.cache/factdesk/cards/`)."""
    pages = pages or PageRenderer(kb)
    out = render_media(pages.pictures)
    for path, data in render_cards(kb, cards).items():
        if path in out:
            raise ValueError(f"a picture from media/ is in the way of a share card at {path}")
        out[path] = data
    return dict(sorted(out.items()))
