"""Renderers: pure functions from the KnowledgeBase to {path: content}. Nothing is written."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from importlib import resources
from pathlib import Path

from factdesk.kb import KnowledgeBase
from factdesk.render import urls
from factdesk.render.api import render_api
from factdesk.render.cards import CardCache, render_cards
from factdesk.render.embed import render_embeds
from factdesk.render.feed import render_feed
from factdesk.render.media import render_media
from factdesk.render.pages import PageRenderer, render_pages

ASSETS = ("factdesk.css", "browse.js")


def asset_paths() -> list[str]:
    return [urls.asset(name) for name in ASSETS]


def render_site(
    kb: KnowledgeBase, overrides: Path | None = None, pages: PageRenderer | None = None
) -> dict[str, str]:
    """Every generated file, keyed by its docs-relative path, in sorted order.

    Pass the `pages` renderer a caller also uses (for the home page's latest list), so
    the templates are set up once per build.
    """
    pages = pages or PageRenderer(kb, overrides)
    out = dict(render_pages(kb, pages))
    for path, content in render_data(kb, pages).items():
        if path in out:
            raise ValueError(f"two generated files at {path}")
        out[path] = content
    return dict(sorted(out.items()))


def render_data(
    kb: KnowledgeBase, pages: PageRenderer, only: Collection[str] | None = None
) -> dict[str, str]:
    """The generated text files that are not pages: the JSON API, the feed, the embeds
    and factdesk's own assets. `only`: the claims whose own files (JSON, embed) are
    wanted, all when None (`factdesk serve` writes those a save changed)."""
    out: dict[str, str] = {}
    for path, content in data_files(kb, pages, only):
        if path in out:
            raise ValueError(f"two generated files at {path}")
        out[path] = content
    return out


def data_files(
    kb: KnowledgeBase, pages: PageRenderer, only: Collection[str] | None = None
) -> Iterator[tuple[str, str]]:
    """`render_data`'s files one at a time, each rendered when asked for: `serve` builds
    them behind the server and stops between two when the next save comes."""
    yield from render_api(kb, pages.related_checks, only)
    yield urls.FEED, render_feed(kb, kb.settings.site_name)
    yield from render_embeds(kb, only).items()
    package = resources.files("factdesk.render") / "assets"
    for name in ASSETS:
        yield urls.asset(name), (package / name).read_text(encoding="utf-8")


def render_binaries(
    kb: KnowledgeBase,
    pages: PageRenderer | None = None,
    cards: CardCache | None = None,
    only: Collection[str] | None = None,
) -> dict[str, bytes]:
    """The files that are bytes, not text (the claims' pictures and share cards), keyed by
    their site-relative path in sorted order; `render_site` gives the text files. Pass the
    same `pages` renderer, so each picture is read once; `cards` is where the share cards
    are cached (by default the desk's `.cache/factdesk/cards/`); `only`: the claims whose
    cards are wanted, and no pictures (`serve` builds everything after media/ changes)."""
    pages = pages or PageRenderer(kb)
    out = render_media(pages.pictures) if only is None else {}
    for path, data in render_cards(kb, cards, only).items():
        if path in out:
            raise ValueError(f"a picture from media/ is in the way of a share card at {path}")
        out[path] = data
    return dict(sorted(out.items()))
