"""Renderers: pure functions from the KnowledgeBase to {path: content}. Nothing is written."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from factdesk.kb import KnowledgeBase
from factdesk.render import urls
from factdesk.render.api import render_api
from factdesk.render.cards import CardCache, render_cards
from factdesk.render.embed import render_embeds
from factdesk.render.feed import render_feed
from factdesk.render.i18n import DEFAULT_LANGUAGE
from factdesk.render.media import render_media
from factdesk.render.pages import PageRenderer, render_pages

ASSETS = ("factdesk.css", "browse.js")


def asset_paths() -> list[str]:
    return [urls.asset(name) for name in ASSETS]


def render_site(
    kb: KnowledgeBase,
    overrides: Path | None = None,
    pages: PageRenderer | None = None,
    language: str = DEFAULT_LANGUAGE,
) -> dict[str, str]:
    """Every generated file, keyed by its docs-relative path, in sorted order; the
    readers' words, dates and numbers in `language` (render/i18n.py).

    Pass the `pages` renderer a caller also uses (for the home page's latest list), so
    the templates are set up once per build.
    """
    pages = pages or PageRenderer(kb, overrides)
    out: dict[str, str] = {}
    for path, content in [
        *render_pages(kb, pages, language),
        *render_api(kb, pages.related_checks),
    ]:
        if path in out:
            raise ValueError(f"two generated files at {path}")
        out[path] = content
    out[urls.FEED] = render_feed(kb, kb.settings.site_name, language)
    for path, content in render_embeds(kb, language).items():
        if path in out:
            raise ValueError(f"two generated files at {path}")
        out[path] = content
    package = resources.files("factdesk.render") / "assets"
    for name in ASSETS:
        out[urls.asset(name)] = (package / name).read_text(encoding="utf-8")
    return dict(sorted(out.items()))


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
