"""`factdesk render --out DIR`: hand-written docs plus generated pages on disk, for an engine
without the factdesk plugin. Only files whose content changed are written, and files a
previous render wrote that are no longer generated are removed."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from factdesk.kb import KnowledgeBase
from factdesk.render import render_site, urls
from factdesk.render.api import render_api
from factdesk.render.feed import render_feed
from factdesk.render.pages import PageRenderer
from factdesk.render.urls import page_url_of

MANIFEST = ".factdesk-rendered"
LATEST_MARKER = "<!-- factdesk:latest -->"
HOME_LATEST = 5


def expand_markers(markdown: str, src_path: str, renderer: PageRenderer) -> str:
    """Replace `<!-- factdesk:latest -->` in a hand-written page with the newest claims."""
    if LATEST_MARKER not in markdown:
        return markdown
    return markdown.replace(LATEST_MARKER, renderer.latest_list(page_url_of(src_path), HOME_LATEST))


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


def collect(kb: KnowledgeBase, docs: Path, overrides: Path | None) -> dict[str, bytes]:
    renderer = PageRenderer(kb, overrides)
    files: dict[str, bytes] = {}
    if docs.is_dir():
        for path in sorted(p for p in docs.rglob("*") if p.is_file()):
            rel = path.relative_to(docs).as_posix()
            data = path.read_bytes()
            if path.suffix == ".md":
                data = expand_markers(data.decode("utf-8"), rel, renderer).encode("utf-8")
            files[rel] = data
    for rel, text in render_site(kb, pages=renderer).items():
        if rel in files:
            raise ValueError(f"docs/{rel} is in the way of a generated page; rename it")
        files[rel] = text.encode("utf-8")
    return files


def export_files(kb: KnowledgeBase) -> dict[str, bytes]:
    """The machine outputs alone (JSON API, ClaimReview DataFeed, CSV, Atom), no pages."""
    files = {path: text.encode("utf-8") for path, text in render_api(kb)}
    files[urls.FEED] = render_feed(kb, kb.settings.site_name).encode("utf-8")
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
