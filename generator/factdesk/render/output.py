"""`factdesk render --out DIR`: hand-written docs plus generated pages on disk, for an engine
without the factdesk plugin. Only files whose content changed are written, and files a
previous render wrote that are no longer generated are removed.

Without the plugin nothing moves a claim's JSON-LD from its front matter into the head, so
the rendered page carries it in its body too (schema.org consumers read it anywhere in the
document). Engines also differ on links written as raw HTML: MkDocs leaves them alone, so
they are relative to the page's URL (`claims/x/`); Zensical resolves them from the
Markdown file's folder (`claims/`), as it does Markdown links. `engine="zensical"` rewrites
the generated ones to its convention."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml

from factdesk.kb import KnowledgeBase
from factdesk.match.related import related_checks
from factdesk.render import render_binaries, render_feeds, render_site, urls
from factdesk.render.api import render_api
from factdesk.render.languages import links_into_folders
from factdesk.render.pages import PageRenderer
from factdesk.render.urls import page_url_of

try:  # libyaml when present, as the loader does
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MANIFEST = ".factdesk-rendered"
LATEST_MARKER = "<!-- factdesk:latest -->"
LANGUAGES_MARKER = "<!-- factdesk:languages -->"
_LANGUAGES_LINE = re.compile(rf"^{re.escape(LANGUAGES_MARKER)}$", re.M)
HOME_LATEST = 5

Engine = Literal["mkdocs", "zensical"]
ENGINES: tuple[Engine, ...] = ("mkdocs", "zensical")

# A relative URL in a double-quoted href or src attribute (every link the templates and the
# sanitiser write has that shape): not absolute, not scheme-qualified, not a fragment or a
# query on the page itself. `data-href` and the like are left alone: engines do not read them.
_RELATIVE_LINK = re.compile(r'(?<=\s)(href|src)="(?![A-Za-z][A-Za-z0-9+.-]*:|/|#|\?)([^"]*)"')


def expand_markers(
    markdown: str, src_path: str, renderer: PageRenderer, engine: Engine = "mkdocs"
) -> str:
    """Replace `<!-- factdesk:latest -->` in a hand-written page with the newest claims,
    and `<!-- factdesk:languages -->` with a link to each language's home (nothing on a
    desk with one language)."""
    if LANGUAGES_MARKER in markdown:
        # On a line of its own: the docs can still name the marker in running text.
        choice = adapt_links(renderer.language_homes(page_url_of(src_path)), src_path, engine)
        markdown = _LANGUAGES_LINE.sub(lambda _: choice.rstrip("\n"), markdown)
    if LATEST_MARKER not in markdown:
        return markdown
    latest = renderer.latest_list(page_url_of(src_path), HOME_LATEST)
    return markdown.replace(LATEST_MARKER, adapt_links(latest, src_path, engine))


def jsonld_script(jsonld: str) -> str:
    """The script element for a page's JSON-LD. Built escaped already (`script_json`);
    escaping again costs nothing and survives hand edits of the front matter."""
    safe = jsonld.replace("<", "\\u003c").replace(">", "\\u003e")
    return f'<script type="application/ld+json">{safe}</script>\n'


def _front_matter(page: str) -> dict[str, object]:
    if not page.startswith("---\n"):
        return {}
    end = page.find("\n---\n", 3)
    if end < 0:
        return {}
    meta = yaml.load(page[4 : end + 1], Loader=_Loader)  # a safe loader
    return meta if isinstance(meta, dict) else {}


def embed_jsonld(page: str) -> str:
    """Append the JSON-LD of a page's front matter to its body, where any engine keeps it."""
    if "\njsonld: " not in page:  # most pages have none: skip parsing their front matter
        return page
    jsonld = _front_matter(page).get("jsonld")
    if not isinstance(jsonld, str):
        return page
    return page.rstrip("\n") + "\n\n" + jsonld_script(jsonld)


def _from_folder(url: str, stem: str) -> str:
    # The page's URL is its folder + stem + "/": one level deeper than the file's folder.
    return url[3:] if url.startswith("../") else f"{stem}/{url}"


def file_relative_links(html: str, src_path: str) -> str:
    """Rewrite raw-HTML links relative to the page's URL so they are relative to the
    Markdown file's folder instead (Zensical's reading). An index page's URL is its
    folder, so its links are the same either way."""
    name = posixpath.basename(src_path)
    if name == "index.md" or not name.endswith(".md"):
        return html
    stem = name.removesuffix(".md")
    return _RELATIVE_LINK.sub(lambda m: f'{m[1]}="{_from_folder(m[2], stem)}"', html)


def adapt_links(html: str, src_path: str, engine: Engine) -> str:
    return file_relative_links(html, src_path) if engine == "zensical" else html


@dataclass
class RenderReport:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)


def _inside(out: Path, rel: str) -> Path:
    target = (out / rel).resolve()
    if not target.is_relative_to(out.resolve()):
        raise ValueError(f"refusing to write outside {out}: {rel}")
    return target


def _default_language_page(kb: KnowledgeBase, generated: Mapping[str, str]) -> Callable[[str], str]:
    """Where a hand-written page's link to a generated page ('browse.md') leads: on a desk
    in several languages, the default language's ('en/browse.md'), as the MkDocs plugin
    does; on a desk in one, where it is written."""
    prefix = urls.language_prefix(kb.settings.default_language, kb.settings.multilingual)

    def place(path: str) -> str:
        return prefix + path if prefix and prefix + path in generated else path

    return place


def collect(
    kb: KnowledgeBase,
    docs: Path,
    overrides: Path | None,
    engine: Engine = "mkdocs",
    match_cache: Path | None = None,
) -> dict[str, bytes]:
    """`match_cache`: the desk's `.cache/factdesk/`, where the related checks' pairs are."""
    renderer = PageRenderer(kb, overrides, match_cache=match_cache)
    generated = render_site(kb, pages=renderer)
    place = _default_language_page(kb, generated)
    files: dict[str, bytes] = {}
    if docs.is_dir():
        for path in sorted(p for p in docs.rglob("*") if p.is_file()):
            rel = path.relative_to(docs).as_posix()
            data = path.read_bytes()
            if path.suffix == ".md":
                text = links_into_folders(data.decode("utf-8"), rel, place)
                text = expand_markers(text, rel, renderer, engine)
                data = text.encode("utf-8")
            files[rel] = data
    for rel, text in generated.items():
        if rel in files:
            raise ValueError(f"docs/{rel} is in the way of a generated page; rename it")
        if rel.endswith(".md"):
            text = embed_jsonld(adapt_links(text, rel, engine))
        files[rel] = text.encode("utf-8")
    for rel, data in render_binaries(kb, pages=renderer).items():
        if rel in files:
            raise ValueError(f"docs/{rel} is in the way of a picture from media/; rename it")
        files[rel] = data
    return files


def export_files(kb: KnowledgeBase, match_cache: Path | None = None) -> dict[str, bytes]:
    """The machine outputs alone (JSON API, ClaimReview DataFeed, CSV, Atom), no pages;
    each claim's related checks as its page would list them."""
    related = related_checks(kb, match_cache)
    files = {path: text.encode("utf-8") for path, text in render_api(kb, related)}
    files.update((path, feed.encode("utf-8")) for path, feed in render_feeds(kb).items())
    return dict(sorted(files.items()))


def write_tree(files: dict[str, bytes], out: Path) -> RenderReport:
    report = RenderReport()
    out.mkdir(parents=True, exist_ok=True)
    manifest = out / MANIFEST
    before = set(manifest.read_text().splitlines()) if manifest.exists() else set()
    for rel, data in files.items():
        target = _inside(out, rel)
        if target.exists() and target.read_bytes() == data:
            report.unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        report.written.append(rel)
    for rel in sorted(before - set(files)):
        target = _inside(out, rel)
        if target.exists():
            target.unlink()
            report.removed.append(rel)
    manifest.write_text("".join(f"{rel}\n" for rel in files))
    return report
