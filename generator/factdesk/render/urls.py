"""Every URL of the site and its API, in one place. URLs are part of the contract: readers
bookmark them, other sites link them, `factdesk import` maps them back. Change them never.

Pages have directory URLs ('claims/x/'), files have file URLs ('api/claims.json'); both are
relative to the site's root. `relative` links one to another, `absolute` puts the site's
address in front, `page_file` names the Markdown file MkDocs serves at a page URL, and
`id_in` reads an id back out of an absolute URL. Templates get this module as `urls`.
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from factdesk.records.languages import known_language

# What stands in for an id in a URL pattern: `claim(ID_SLOT)` is 'claims/{id}/'. The browse
# script fills patterns in, and `id_in` reads ids back through them.
ID_SLOT = "{id}"

HOME = ""
# Lists the renderers make.
LATEST = "latest/"
TOPICS = "topics/"
CLAIMANTS = "claimants/"
SOURCES = "sources/"
RATINGS = "ratings/"
CORRECTIONS = "corrections/"
STATS = "stats/"
FIND = "find/"
# Hand-written pages of a desk (docs/) that the generated pages link to.
METHODOLOGY = "methodology/"
CORRECTIONS_POLICY = "corrections-policy/"
# Machine outputs.
CLAIMS_JSON = "api/claims.json"
SOURCES_JSON = "api/sources.json"
CLAIMREVIEW_JSON = "api/claimreview.json"
BROWSE_JSON = "api/browse.json"
CLAIMS_CSV = "claims.csv"
# The same rows for Excel: a UTF-8 byte order mark and CRLF line ends.
CLAIMS_EXCEL_CSV = "claims-excel.csv"
FEED = "feed.xml"
# Files: factdesk's stylesheet and script, and the Pagefind bundle the build writes.
ASSET_FOLDER = "assets/factdesk/"
PAGEFIND = "pagefind/"
# The share card of every page that is not a claim's (the site's own card).
SITE_CARD = ASSET_FOLDER + "card.png"
# The verdict beside each search result (render/verdict_search.py): the drawings, the
# ratings' names, and which rating each claim page has; the script reads them.
VERDICTS_SCRIPT = ASSET_FOLDER + "verdicts.js"
VERDICTS_SPRITE = ASSET_FOLDER + "verdicts.svg"
VERDICTS_JSON = ASSET_FOLDER + "verdicts.json"
VERDICT_PAGES_JSON = ASSET_FOLDER + "verdict-pages.json"
# A folder-style URL served as a static file: 'embed/x/' is 'embed/x/index.html'.
INDEX_HTML = "index.html"


def claim(cid: str, prefix: str = "") -> str:
    """A claim's page; `prefix` is its language's folder on a site in several languages."""
    return f"{prefix}claims/{cid}/"


# Every claim page's file (`claim`), at the root or in a language's folder, as a glob:
# the only pages Pagefind indexes (search_index.py).
CLAIM_PAGES_GLOB = "{claims,*/claims}/**/*.html"


def language_prefix(language: str, multilingual: bool) -> str:
    """The folder of a language's pages: none when the desk publishes one language (its
    pages keep the root addresses they always had), 'ko/' on a site in several."""
    return f"{language}/" if multilingual else ""


def node(page_url: str, name: str) -> str:
    """A JSON-LD node id on a page: 'claims/x/' + 'appearance-1' -> 'claims/x/#appearance-1'.
    Each node a page describes gets its own id, so a merged graph never moves one node's
    properties (an appearance's date) onto another (the source it appeared in)."""
    return f"{page_url}#{name}"


def claim_json(cid: str) -> str:
    return f"api/claims/{cid}.json"


def claim_history_json(cid: str) -> str:
    return f"api/claims/{cid}/history.json"


def card(cid: str) -> str:
    """A claim's share card (Open Graph / Twitter image)."""
    return f"cards/{cid}.png"


def embed(cid: str) -> str:
    """A claim's embeddable verdict, a page other sites put in an iframe."""
    return f"embed/{cid}/"


def oembed(cid: str) -> str:
    """The oEmbed answer for a claim page: a static JSON file."""
    return f"api/oembed/{cid}.json"


def static_page_file(url: str) -> str:
    """The HTML file served at a directory URL that MkDocs does not render (an embed)."""
    return url + INDEX_HTML


def source(sid: str) -> str:
    return f"{SOURCES}{sid}/"


def claimant(slug: str) -> str:
    return f"{CLAIMANTS}{slug}/"


def topic(slug: str) -> str:
    return f"{TOPICS}{slug}/"


def browse(number: int) -> str:
    """Page `number` (from 1) of the browse table."""
    return "browse/" if number == 1 else f"browse/{number}/"


def asset(name: str) -> str:
    return ASSET_FOLDER + name


def media(file: str) -> str:
    """A picture from the desk's media/ folder keeps its path: 'media/map.jpg'."""
    return file


def pagefind(name: str) -> str:
    return PAGEFIND + name


def page_file(url: str) -> str:
    """The Markdown file MkDocs serves at a directory URL: 'claims/x/' -> 'claims/x.md'."""
    return "index.md" if url == "" else url.rstrip("/") + ".md"


@functools.lru_cache(maxsize=65536)
def relative(from_url: str, to_url: str) -> str:
    """A link from one directory-style page URL to another (or to a file)."""
    target = posixpath.relpath(to_url or ".", from_url or ".")
    if to_url.endswith("/") or to_url == "":
        target += "/"
    return target.replace("/./", "/").removeprefix("./") if target != "./" else "./"


def page_url_of(src_path: str) -> str:
    """The directory URL MkDocs gives a Markdown file: 'about.md' -> 'about/'."""
    stem = src_path.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def absolute(site_url: str | None, url: str) -> str:
    """`url` on the site at `site_url`, or the site-relative path ('/claims/x/') when the
    site's address is not configured."""
    return (site_url or "/").rstrip("/") + "/" + url


def id_in(url: object, site_url: str | None, page: Callable[[str], str]) -> str | None:
    """The id in an absolute URL of this site that `page` makes ('…/claims/<id>/' for
    `claim`), read through the same pattern that wrote it; None for anything else,
    including values that are not text (imported JSON-LD holds lists and objects where
    URLs should be). A missing or doubled trailing slash does not matter, more path does."""
    base = absolute(site_url, "")
    if not isinstance(url, str) or not site_url or not url.startswith(base):
        return None
    path = url[len(base) :].strip("/") + "/"
    before, _, after = page(ID_SLOT).partition(ID_SLOT)
    folder, _, rest = path.partition("/")
    # A desk in several languages puts each language's pages in its folder: 'ko/claims/<id>/'.
    if rest and not path.startswith(before) and known_language(folder):
        path = rest
    if not (path.startswith(before) and path.endswith(after)):
        return None
    ident = path[len(before) : len(path) - len(after)]
    return ident if ident and "/" not in ident else None


# What a language's folder holds of its own: every generated page and list, the browse
# index its table filters and its feed. The API, assets, share cards, embeds, pictures and
# the Pagefind bundle are one set for the whole site, at its root.
_PER_LANGUAGE = (
    "LATEST",
    "TOPICS",
    "CLAIMANTS",
    "SOURCES",
    "RATINGS",
    "CORRECTIONS",
    "STATS",
    "FIND",
    "BROWSE_JSON",
    "FEED",
)


@dataclass(frozen=True)
class Layout:
    """The addresses of one language's pages: this module's, under `prefix` ('' on a desk
    that publishes one language, where every address is the module's own). Templates get
    it as `urls`; what it does not define (files, `relative`…) is the module's."""

    prefix: str = ""
    # Claim id -> its language's prefix: a page links a translation in its own folder.
    claim_prefixes: Mapping[str, str] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_") or name not in globals():
            raise AttributeError(name)
        value = globals()[name]
        return self.prefix + value if name in _PER_LANGUAGE else value

    @property
    def LANGUAGE_HOME(self) -> str:
        """The language's home page ('' on a one-language desk: the site's home)."""
        return self.prefix

    def claim(self, cid: str) -> str:
        return claim(cid, self.claim_prefixes.get(cid, self.prefix))

    def source(self, sid: str) -> str:
        return self.prefix + source(sid)

    def claimant(self, slug: str) -> str:
        return self.prefix + claimant(slug)

    def topic(self, slug: str) -> str:
        return self.prefix + topic(slug)

    def browse(self, number: int) -> str:
        return self.prefix + browse(number)


# The addresses of a desk that publishes one language: the module's own.
ONE_LANGUAGE = Layout()
