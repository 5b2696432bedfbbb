"""A site in several languages: where each language's pages are, which pages are one
page in other languages (a fact-check and its translations, a list and the same list),
and what the language switcher and `hreflang` links offer.

A desk that publishes one language has no prefix and no alternates: its pages stay
where they always were."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable, Iterator, Mapping

from factdesk.kb import KnowledgeBase
from factdesk.records.languages import autonym, direction
from factdesk.render import urls


def claim_prefix(kb: KnowledgeBase, cid: str) -> str:
    """The folder of the language a claim is written in ('' on a one-language desk)."""
    entry = kb.claims.get(cid)
    language = entry.record.language if entry else kb.settings.default_language
    return urls.language_prefix(_folder_language(kb, language), kb.settings.multilingual)


def _folder_language(kb: KnowledgeBase, language: str) -> str:
    # A fact-check in a language the desk does not publish is FD064; until it is fixed,
    # its page stays in the default language's folder.
    return kb.settings.site_language(language) or kb.settings.default_language


def claim_url(kb: KnowledgeBase, cid: str) -> str:
    """A claim's page, in its own language's folder."""
    return urls.claim(cid, claim_prefix(kb, cid))


class _ClaimPrefixes(Mapping[str, str]):
    """Claim id -> the prefix of its language's folder, worked out when a page asks for
    that claim. A Layout is made for every page and every source node of the JSON-LD;
    building a dict of every claim for each made the build quadratic in the number of
    claims (21 million lookups at 1,000 claims, most of a 40 s build)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self._kb = kb

    def __getitem__(self, cid: str) -> str:
        if cid not in self._kb.claims:
            raise KeyError(cid)  # a Mapping's `get` then gives the page's own prefix
        return claim_prefix(self._kb, cid)

    def __iter__(self) -> Iterator[str]:
        return iter(self._kb.claims)

    def __len__(self) -> int:
        return len(self._kb.claims)


def layout(kb: KnowledgeBase, language: str) -> urls.Layout:
    """The addresses of `language`'s pages, linking each claim in its own folder."""
    multilingual = kb.settings.multilingual
    # On a desk in one language every claim is at the layout's own prefix (''): no claim
    # needs looking up (10,000 lookups were a fifth of a save's page plan under serve).
    prefixes: Mapping[str, str] = _ClaimPrefixes(kb) if multilingual else {}
    return urls.Layout(urls.language_prefix(language, multilingual), prefixes)


def translations(kb: KnowledgeBase, cid: str) -> dict[str, str]:
    """{language: claim id} of a published fact-check's translations, itself included, in
    the order the desk lists its languages: its versions from the knowledge base's one
    index of them (`kb.translations`). The first claim by id a language has stands for it
    (validate reports two in one language, FD062)."""
    entry = kb.claims.get(cid)
    if entry is None or entry.record.status != "published":
        return {}
    group: dict[str, str] = {}
    for claim in sorted([entry.record, *kb.translations(cid)], key=lambda c: c.id):
        if claim.status == "published":
            group.setdefault(claim.language, claim.id)
    return {lang: group[lang] for lang in kb.settings.languages if lang in group}


def page_language(kb: KnowledgeBase, url: str) -> str:
    """The language of the page at `url`: its folder's, or the desk's default for a page
    outside every language's folder (the home page, hand-written pages)."""
    place = _language_of(url, kb.settings.languages) if kb.settings.multilingual else None
    return place[0] if place else kb.settings.default_language


def homes(kb: KnowledgeBase) -> dict[str, str]:
    """{language: its home page}, and 'x-default': the site's home, where every language
    is offered; what a page with no counterpart offers in its language menu."""
    return {
        **{lang: urls.language_prefix(lang, True) for lang in kb.settings.languages},
        "x-default": urls.HOME,
    }


def _language_of(url: str, languages: Iterable[str]) -> tuple[str, str] | None:
    """(language, the address inside its folder) of a page URL on a site in several
    languages; None for a page outside every language's folder (hand-written ones)."""
    for language in languages:
        prefix = urls.language_prefix(language, True)
        if url.startswith(prefix):
            return language, url.removeprefix(prefix)
    return None


def alternates(kb: KnowledgeBase, page_urls: Iterable[str]) -> dict[str, dict[str, str]]:
    """Page URL -> {language: URL of the same page in it, 'x-default': where a reader
    whose language the site lacks goes} for every generated page with a counterpart: a
    fact-check's translations, a list and the same list in each language that has it.
    Empty on a one-language desk."""
    settings = kb.settings
    if not settings.multilingual:
        return {}
    present = set(page_urls)
    claim_pages = {claim_url(kb, cid): cid for cid in kb.claims}
    found: dict[str, dict[str, str]] = {}
    for url in sorted(present):
        place = _language_of(url, settings.languages)
        if place is None:
            continue
        _, inside = place
        cid = claim_pages.get(url)
        if cid is not None:
            versions = {lang: claim_url(kb, other) for lang, other in translations(kb, cid).items()}
        else:
            versions = {
                lang: urls.language_prefix(lang, True) + inside for lang in settings.languages
            }
            versions = {lang: page for lang, page in versions.items() if page in present}
        if len(versions) < 2:
            continue
        home = inside == urls.HOME
        default = versions.get(settings.default_language)
        versions["x-default"] = urls.HOME if home or default is None else default
        found[url] = versions
    # The site's home offers every language (the language homes name it their x-default).
    found[urls.HOME] = homes(kb)
    return found


def choices(versions: Mapping[str, str], here: str, current: str) -> list[dict[str, str | bool]]:
    """What a language switcher lists: each language by its own name, linked relative to
    the page at `here`, the page's own language marked."""
    return [
        {
            "lang": lang,
            "name": autonym(lang),
            "dir": direction(lang),
            "href": urls.relative(here, url),
            "current": lang == current,
        }
        for lang, url in versions.items()
        if lang != "x-default"
    ]


# A Markdown link to a page ('](browse.md#x "title")') or a reference definition
# ('[b]: browse.md'): the target is group 2.
_PAGE_LINK = re.compile(r"(\]\(|^\[[^\]\n]+\]:[ \t]*)([^\s()#?]+\.md)(?=[#?\s)]|$)", re.M)


def links_into_folders(markdown: str, src_path: str, place: Callable[[str], str]) -> str:
    """A hand-written page's Markdown links to generated pages ('browse.md'), put where
    `place` says those pages are on a site in several languages (the default language's
    folder: 'en/browse.md'), relative to the page as before. Other links stay."""
    folder = posixpath.dirname(src_path)

    def moved(match: re.Match[str]) -> str:
        target = match.group(2)
        if "://" in target or target.startswith("/"):
            return match.group(0)
        resolved = posixpath.normpath(posixpath.join(folder, target))
        there = place(resolved)
        if there == resolved:
            return match.group(0)
        return match.group(1) + posixpath.relpath(there, folder or ".")

    return _PAGE_LINK.sub(moved, markdown)
