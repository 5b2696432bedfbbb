"""Sharing a page: the Open Graph and Twitter tags that make its preview card, the oEmbed
discovery link, and the share links on a claim page.

Share links are plain links to each service's share address: no service's script or
button loads until a reader clicks one, so no page tells a third party who read it.
"""

from __future__ import annotations

import html
from urllib.parse import quote, urlencode

from factdesk.kb import KnowledgeBase
from factdesk.render import urls
from factdesk.render.cards import TALL, WIDTH, verdict_of
from factdesk.render.i18n import PAGE_LANGUAGE, localized_settings, words

OEMBED_TYPE = "application/json+oembed"


def _attr(text: str) -> str:
    return html.escape(text, quote=True)


def share_links(page_url: str, text: str, language: str = PAGE_LANGUAGE) -> list[tuple[str, str]]:
    """(service, address) for sharing the absolute `page_url` with `text`; the services'
    names are their own, the rest is in `language`."""
    both = f"{text} {page_url}"
    return [
        (
            "X (Twitter)",
            "https://twitter.com/intent/tweet?" + urlencode({"url": page_url, "text": text}),
        ),
        ("Facebook", "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": page_url})),
        ("WhatsApp", "https://wa.me/?" + urlencode({"text": both})),
        (words(language).gettext("Email"), f"mailto:?subject={quote(text)}&body={quote(both)}"),
    ]


def card_alt(kb: KnowledgeBase, cid: str, language: str = PAGE_LANGUAGE) -> str:
    """What a claim's card shows, in words, for readers who cannot see it."""
    claim = kb.claims[cid].record
    t = words(language)
    verdict = verdict_of(localized_settings(kb.settings, language), claim.rating_key, t)
    return t.gettext("“{claim}”, claimed by {claimant}. {verdict}.").format(
        claim=claim.claim, claimant=claim.claimant.name, verdict=verdict.accessible_name
    )


def social_head(
    kb: KnowledgeBase,
    page_url: str,
    title: str,
    description: str,
    claim_id: str | None,
    language: str = PAGE_LANGUAGE,
) -> str:
    """The head tags of one page: Open Graph, Twitter's large card and, on a claim page,
    the oEmbed discovery link. Services read only absolute addresses, so a site without
    `site_url` gets none of them."""
    site_url = kb.settings.site_url
    if not site_url:
        return ""
    site = kb.settings.site_name
    if claim_id is not None and claim_id not in kb.claims:
        claim_id = None  # a hand-edited front matter naming no record: a plain page
    is_claim = claim_id is not None
    image = urls.card(claim_id) if claim_id else urls.SITE_CARD
    alt = card_alt(kb, claim_id, language) if claim_id else site
    tags = [
        ("property", "og:type", "article" if is_claim else "website"),
        ("property", "og:site_name", site),
        ("property", "og:title", title),
        ("property", "og:description", description),
        ("property", "og:url", urls.absolute(site_url, page_url)),
        ("property", "og:image", urls.absolute(site_url, image)),
        ("property", "og:image:type", "image/png"),
        ("property", "og:image:width", str(WIDTH)),
        ("property", "og:image:height", str(TALL)),
        ("property", "og:image:alt", alt),
        ("name", "twitter:card", "summary_large_image"),
        ("name", "twitter:title", title),
        ("name", "twitter:description", description),
        ("name", "twitter:image", urls.absolute(site_url, image)),
        ("name", "twitter:image:alt", alt),
    ]
    out = "".join(
        f'<meta {kind}="{name}" content="{_attr(value)}">\n' for kind, name, value in tags
    )
    if claim_id:
        href = _attr(urls.absolute(site_url, urls.oembed(claim_id)))
        out += f'<link rel="alternate" type="{OEMBED_TYPE}" href="{href}" title="{_attr(title)}">\n'
    return out
