"""The verdict beside each fact-check in search results, for both search UIs.

Material's search dialog and Pagefind's find page draw their results in the reader's
browser from their own indexes, which hold text only. So the build writes what a small
script (assets/verdicts.js) needs to add the graphic and the label to each result that is
a claim page:

- a sprite, one `<symbol>` per rating of the desk's scale (the meter or icon drawn by
  render/verdict.py, without the label, which goes beside it as text);
- the ratings: label, accessible name, symbol id and width, by key;
- for Material's dialog, which claim page has which rating (Pagefind's results carry the
  rating as metadata instead, so its find page loads no list of every claim).

Everything here is data: the script only ever sets it with textContent and
setAttribute, never as HTML, so a label from the settings stays text.
"""

from __future__ import annotations

import json

from factdesk.kb import KnowledgeBase
from factdesk.render import urls
from factdesk.render.i18n import localized_settings, words
from factdesk.render.languages import claim_url
from factdesk.render.verdict import (
    Verdict,
    shapes_symbol,
    symbol_id,
    unknown_verdict,
    verdicts,
)

SVG_NS = "http://www.w3.org/2000/svg"


def _all_verdicts(kb: KnowledgeBase, language: str | None = None) -> dict[str, Verdict]:
    """The scale's ratings in `language` (the desk's by default), and any key a
    published claim uses that the scale lacks."""
    language = language or kb.language or kb.settings.default_language
    t = words(language)
    known = verdicts(localized_settings(kb.settings, language), t)
    steps = sum(1 for v in known.values() if v.position is not None)
    for claim in kb.published:
        if claim.rating_key not in known:
            known[claim.rating_key] = unknown_verdict(claim.rating_key, steps, t)
    return known


def sprite(kb: KnowledgeBase) -> str:
    """One SVG file with a symbol per rating."""
    symbols = "".join(shapes_symbol(v)[0] for v in _all_verdicts(kb).values())
    return f'<svg xmlns="{SVG_NS}">{symbols}</svg>\n'


def _ratings(kb: KnowledgeBase, language: str | None = None) -> dict[str, object]:
    return {
        key: {
            "label": v.label,
            "name": v.accessible_name,
            "symbol": f"{_name(urls.VERDICTS_SPRITE)}#{symbol_id(v)}",
            "width": shapes_symbol(v)[1],
        }
        for key, v in _all_verdicts(kb, language).items()
    }


def ratings_json(kb: KnowledgeBase) -> str:
    """What the script draws each rating with; addresses relative to this file's folder.
    `ratings` is in the desk's default language; `languages` holds the same table in each
    other language it publishes, chosen by the page's `<html lang>`, so a Korean page's
    results never say 'False'."""
    others = kb.settings.languages[1:] if kb.settings.multilingual else ()
    return _dump(
        {
            "root": urls.relative(urls.ASSET_FOLDER, urls.HOME),
            "pages": _name(urls.VERDICT_PAGES_JSON),
            "ratings": _ratings(kb, kb.settings.default_language),
            "languages": {language: _ratings(kb, language) for language in others},
        }
    )


def pages_json(kb: KnowledgeBase) -> str:
    """Each published claim's page (from the site's root) and its rating's key."""
    return _dump({claim_url(kb, c.id): c.rating_key for c in kb.published})


def render_verdict_search(kb: KnowledgeBase) -> dict[str, str]:
    return {
        urls.VERDICTS_SPRITE: sprite(kb),
        urls.VERDICTS_JSON: ratings_json(kb),
        urls.VERDICT_PAGES_JSON: pages_json(kb),
    }


def _name(path: str) -> str:
    """A file of the asset folder as its name, relative to the others there."""
    return urls.relative(urls.ASSET_FOLDER, path)


def _dump(data: object) -> str:
    # ASCII only, keys sorted: the same bytes on every build, whatever the text.
    return json.dumps(data, ensure_ascii=True, sort_keys=True, separators=(",", ":")) + "\n"
