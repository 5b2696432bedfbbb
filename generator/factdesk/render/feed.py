"""The Atom feed of the newest fact-checks. Dates come from the records, never the clock."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from factdesk.kb import KnowledgeBase
from factdesk.records.dates import PartialDate
from factdesk.render import urls
from factdesk.render.determinism import claim_modified, newest
from factdesk.render.i18n import localized_settings, words
from factdesk.render.languages import claim_url

ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 50
FEED_TYPE = "application/atom+xml"


def _stamp(day: PartialDate) -> str:
    return f"{day.earliest().isoformat()}T00:00:00Z"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    node = ET.SubElement(parent, tag, attrs)
    if text is not None:
        node.text = text
    return node


def render_feed(kb: KnowledgeBase, site_name: str, layout: urls.Layout | None = None) -> str:
    """The feed of `kb`'s newest fact-checks; on a site in several languages, `kb` is one
    language's view, `layout` its addresses, and the feed says its language."""
    language = kb.language or kb.settings.default_language
    scale = localized_settings(kb.settings, language)
    t = words(language)
    ET.register_namespace("", ATOM)
    here = layout or urls.ONE_LANGUAGE
    claims = [c for c in kb.published if c.published][:FEED_SIZE]
    feed = ET.Element("feed", {"xmlns": ATOM})
    if kb.language is not None:
        feed.set("xml:lang", kb.language)
    _sub(feed, "title", site_name)
    site = kb.settings.site_url
    _sub(feed, "id", urls.absolute(site, here.FEED))
    home = urls.absolute(site, here.LANGUAGE_HOME)
    _sub(feed, "link", rel="alternate", type="text/html", href=home)
    _sub(feed, "link", rel="self", type=FEED_TYPE, href=urls.absolute(site, here.FEED))
    latest = newest(claims)
    _sub(feed, "updated", _stamp(latest) if latest else "1970-01-01T00:00:00Z")
    author = _sub(feed, "author")
    _sub(author, "name", kb.settings.publisher.name)
    for claim in claims:
        assert claim.published is not None
        url = urls.absolute(site, claim_url(kb, claim.id))
        label = scale.rating_label(claim.rating_key)
        entry = _sub(feed, "entry")
        _sub(entry, "id", url)
        _sub(entry, "title", claim.title)
        _sub(entry, "link", rel="alternate", type="text/html", href=url)
        _sub(entry, "published", _stamp(claim.published))
        # Each entry's own last change, never the feed's date.
        _sub(entry, "updated", _stamp(claim_modified(claim) or claim.published))
        _sub(entry, "category", term=claim.rating_key, label=label)
        summary = t.gettext("{rating}: {conclusion}")
        _sub(
            entry,
            "summary",
            summary.format(rating=label, conclusion=claim.conclusion or claim.claim),
        )
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
