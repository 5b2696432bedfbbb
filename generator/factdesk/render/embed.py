"""The embeddable verdict: `embed/<id>/`, a page small enough for another site's iframe,
and the oEmbed answer that hands out the iframe (`api/oembed/<id>.json`).

An embed page is a whole HTML document written here, not a Markdown page: the theme
would wrap it in the site's navigation, scripts and fonts, and MkDocs would list it in
the sitemap and the search index. It loads nothing: its CSS is inline, the verdict
graphic is inline SVG, the fonts are the reader's own. Its one link opens the full
fact-check in a new tab, since inside an iframe it would open in a 500-pixel box.
"""

from __future__ import annotations

import html
from collections.abc import Collection

from markupsafe import Markup

from factdesk.kb import KnowledgeBase
from factdesk.records.models import Claim
from factdesk.render import urls
from factdesk.render.api import dump
from factdesk.render.cards import TALL, WIDTH, verdict_of
from factdesk.render.i18n import PAGE_LANGUAGE, localized_settings, words
from factdesk.render.languages import claim_url
from factdesk.render.verdict import verdict_svg

# The iframe's size in CSS pixels (the oEmbed answer and the manual say the same).
EMBED_WIDTH, EMBED_HEIGHT = 500, 300
MAX_EMBED_BYTES = 10 * 1024  # a page other sites load with theirs: tests keep it under this

_CSS = (
    ":root{color-scheme:light dark}"
    "body{margin:0;font:16px/1.4 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;"
    "color:#1a1a1a;background:#fff}"
    "article{box-sizing:border-box;height:100vh;padding:12px 16px;border-left:8px solid "
    "var(--fd-c);display:flex;flex-direction:column;gap:6px;overflow:hidden}"
    "p,blockquote{margin:0}.fd-site,.fd-who{font-size:14px;color:#555}"
    "blockquote{font-size:18px;font-weight:600;overflow-wrap:break-word;display:-webkit-box;"
    "-webkit-line-clamp:4;-webkit-box-orient:vertical;overflow:hidden}"
    ".fd-verdict-graphic{height:36px;width:auto;max-width:100%}a{color:#0b57d0}"
    "@media (prefers-color-scheme:dark){body{color:#eee;background:#1e1e1e}"
    ".fd-site,.fd-who{color:#bbb}a{color:#8ab4f8}}"
)


def _site_link(kb: KnowledgeBase, here: str, target: str) -> str:
    """Absolute where the site's address is known (the page is shown on other sites);
    relative otherwise, which still resolves against the iframe's own address."""
    site_url = kb.settings.site_url
    return urls.absolute(site_url, target) if site_url else urls.relative(here, target)


def embed_page(kb: KnowledgeBase, claim: Claim, language: str | None = None) -> str:
    """The embed page of one claim, its words in `language` (by default the claim's own,
    the language of everything else it shows): a complete HTML document."""
    here = urls.embed(claim.id)
    language = language or claim.language
    t = words(language)
    verdict = verdict_of(localized_settings(kb.settings, language), claim.rating_key, t)
    full = _site_link(kb, here, claim_url(kb, claim.id))
    site = kb.settings.site_name
    canonical = (
        Markup('<link rel="canonical" href="{}">').format(full) if kb.settings.site_url else ""
    )
    return Markup(
        '<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        # Search engines should send readers to the fact-check, not to its embed.
        '<meta name="robots" content="noindex">\n'
        "<title>{title} · {site}</title>\n{canonical}<style>{css}</style>\n</head>\n"
        '<body>\n<article style="--fd-c: {color}">\n<p class="fd-site">{site}</p>\n'
        "<blockquote>“{claim}”</blockquote>\n"
        '<p class="fd-who">{claimed_by}</p>\n<p>{graphic}</p>\n'
        '<p><a href="{full}" target="_blank" rel="noopener">{read}</a></p>\n'
        "</article>\n</body>\n</html>\n"
    ).format(
        lang=claim.language,
        claimed_by=t.gettext("Claimed by {claimant}").format(claimant=claim.claimant.name),
        read=t.gettext("Read the fact-check: {title}").format(title=claim.title),
        title=claim.title,
        site=site,
        canonical=canonical,
        css=Markup(_CSS),
        color=verdict.color,
        claim=claim.claim,
        graphic=verdict_svg(verdict),
        full=full,
    )


def iframe(kb: KnowledgeBase, claim: Claim, language: str = PAGE_LANGUAGE) -> str:
    """The snippet another site pastes: the embed page in a borderless iframe. Plain text
    (not Markup), so a page that shows the snippet escapes it."""
    src = urls.absolute(kb.settings.site_url, urls.embed(claim.id))
    words_of_title = words(language).gettext("Fact-check: {title}").format(title=claim.title)
    title = html.escape(words_of_title, quote=True)
    return (
        f'<iframe src="{html.escape(src, quote=True)}" width="{EMBED_WIDTH}" '
        f'height="{EMBED_HEIGHT}" title="{title}" style="border:0;max-width:100%" '
        'loading="lazy"></iframe>'
    )


def oembed_answer(kb: KnowledgeBase, claim: Claim) -> dict[str, object]:
    """The oEmbed 1.0 answer (type rich) for the claim's page."""
    site = kb.settings.site_url
    return {
        "version": "1.0",
        "type": "rich",
        "title": claim.title,
        "provider_name": kb.settings.site_name,
        "provider_url": urls.absolute(site, urls.HOME),
        "html": iframe(kb, claim),
        "width": EMBED_WIDTH,
        "height": EMBED_HEIGHT,
        "thumbnail_url": urls.absolute(site, urls.card(claim.id)),
        "thumbnail_width": WIDTH,
        "thumbnail_height": TALL,
    }


def render_embeds(
    kb: KnowledgeBase, language: str | None = None, only: Collection[str] | None = None
) -> dict[str, str]:
    """Site path → content of every published claim's embed page (its words in
    `language`, by default each claim's own) and oEmbed answer, or of the claims in
    `only`."""
    out: dict[str, str] = {}
    for claim in kb.published:
        if only is not None and claim.id not in only:
            continue
        out[urls.static_page_file(urls.embed(claim.id))] = embed_page(kb, claim, language)
        out[urls.oembed(claim.id)] = dump(oembed_answer(kb, claim))
    return out
