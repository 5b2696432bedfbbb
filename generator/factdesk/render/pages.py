"""Markdown pages (with YAML front matter) for every claim, source, claimant, topic and list.

Contributor text only ever lands in auto-escaped HTML or in sanitised Markdown output,
never in Markdown syntax, where `[x](javascript:…)` would become a link.
"""

from __future__ import annotations

import html
import json
from collections import defaultdict
from collections.abc import Callable, Iterator
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2
import yaml
from markupsafe import Markup

from factdesk.kb import KnowledgeBase
from factdesk.match.related import RelatedCheck, related_checks
from factdesk.records.dates import PartialDate
from factdesk.records.history import describe_change
from factdesk.records.languages import autonym, direction
from factdesk.records.media import Picture
from factdesk.records.models import Claim, Observation
from factdesk.records.vocab import MEDIA_CATEGORIES
from factdesk.render import urls
from factdesk.render.charts import bar_chart
from factdesk.render.embed import iframe
from factdesk.render.jsonld import claim_graph, script_json
from factdesk.render.languages import choices, claim_url, homes, layout, translations
from factdesk.render.media import claim_pictures
from factdesk.render.search import pagefind_value
from factdesk.render.share import share_links
from factdesk.render.text import (
    breakable_url,
    human_date,
    human_number,
    qualifier_words,
    render_markdown,
    text_color,
)
from factdesk.render.verdict import (
    unknown_verdict,
    verdict_svg,
    verdict_symbol,
    verdict_use,
    verdicts,
)

LATEST_COUNT = 50
# Fact-checks on a language's home page (a site in several languages).
HOME_COUNT = 10
# Rows per browse page: the page stays small at any size; the script filters them all.
BROWSE_PAGE = 100
# The skeleton row the browse script fills in: the same macro draws it and the page's rows.
BLANK_ROW: dict[str, Any] = {
    "date": "",
    "claim_date": "",
    "claim_url": "",
    "claim": "",
    "claimant_slug": "",
    "claimant_url": "",
    "claimant_name": "",
    "rating": "",
    "topics": [],
}


def browse_row(
    kb: KnowledgeBase, here: str, claim: Claim, site: urls.Layout = urls.ONE_LANGUAGE
) -> dict[str, Any]:
    """What one browse row shows, with its links relative to the page at `here`."""
    slug = kb.claimant_slug(claim)
    return {
        "date": str(claim.published or ""),
        "claim_date": str(claim.claim_date or ""),
        "claim_url": urls.relative(here, site.claim(claim.id)),
        "claim": claim.claim,
        "claimant_slug": slug,
        "claimant_url": urls.relative(here, site.claimant(slug)),
        "claimant_name": claim.claimant.name,
        "rating": claim.rating,
        "topics": list(claim.topics),
    }


def browse_url_patterns(here: str, site: urls.Layout = urls.ONE_LANGUAGE) -> dict[str, str]:
    """The page addresses the browse script links to, relative to `here`, with
    urls.ID_SLOT where the id goes: the script is given the layout, never keeps a copy."""
    return {
        "claim": urls.relative(here, site.claim(urls.ID_SLOT)),
        "claimant": urls.relative(here, site.claimant(urls.ID_SLOT)),
        "topic": urls.relative(here, site.topic(urls.ID_SLOT)),
    }


# libyaml's emitter: PyYAML's own was 40% of the rendering time.
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


_UNKNOWN_RATING = {"color": "#616161", "text_color": "#ffffff"}


def _badge_html(key: str, info: dict[str, str]) -> Markup:
    return Markup(
        '<span class="fd-badge" data-rating="{key}" style="--fd-bg: {bg}; --fd-fg: {fg}">'
        "{label}</span>"
    ).format(key=key, bg=info["color"], fg=info["text_color"], label=info.get("label", key))


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in memory across environments, keyed by name and source
    checksum: each build makes a new environment (its globals hold the knowledge base),
    and compiling the templates again was a tenth of a `serve` rebuild."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


def environment(
    kb: KnowledgeBase,
    overrides: Path | None = None,
    memo: RenderMemo | None = None,
    site: urls.Layout | None = None,
) -> jinja2.Environment:
    """The templates' environment for `kb`'s pages: on a site in several languages, `kb`
    is one language's view, `site` its addresses and `language` (a global) its tag."""
    loaders: list[jinja2.BaseLoader] = []
    if overrides is not None and overrides.is_dir():
        loaders.append(jinja2.FileSystemLoader(overrides))
    loaders.append(jinja2.PackageLoader("factdesk.render", "templates"))
    # Templates keep their lines short without changing the output: a line breaks before
    # a tag written `{%-` or `{{-`, after a block tag (trim_blocks takes the newline), or
    # at a `{##}` that ends it (a comment takes its newline too).
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_COMPILED,
    )
    env.filters.update(
        human_date=human_date,
        number=human_number,
        qualifier=qualifier_words,
        markdown=lambda text: Markup(memo.markdown(text) if memo else render_markdown(text)),
        pagefind=pagefind_value,
        url_text=breakable_url,
    )
    ratings = {
        r.key: {"label": r.label, "color": r.color, "text_color": text_color(r.color)}
        for r in kb.settings.ratings
    }
    # Built once per rating: a macro call per badge was a large share of rendering.
    badges = {key: _badge_html(key, info) for key, info in ratings.items()}
    scale = verdicts(kb.settings)
    graphics = {key: verdict_svg(v) for key, v in scale.items()}
    env.globals.update(
        urls=site or urls.ONE_LANGUAGE,
        language=kb.language or kb.settings.default_language,
        rel=urls.relative,
        rating=lambda key: ratings.get(key, {"label": key, **_UNKNOWN_RATING}),
        badge=lambda key: badges.get(key) or _badge_html(key, _UNKNOWN_RATING),
        verdict=lambda key: graphics.get(key) or verdict_svg(unknown_verdict(key)),
        verdict_name=lambda key: (scale.get(key) or unknown_verdict(key)).accessible_name,
        verdict_graphics=graphics,
        verdict_refs={key: verdict_use(v) for key, v in scale.items()},
        verdict_symbols=Markup("").join(verdict_symbol(v) for v in scale.values()),
        sources={sid: e.record for sid, e in kb.sources.items()},
        media_terms=MEDIA_CATEGORIES,
        media_labels={key: term.label for key, term in MEDIA_CATEGORIES.items()},
        topic=kb.settings.topic,
        slug_of=kb.claimant_slug,
        history=kb.history,
        change_words=lambda change: describe_change(change, kb.settings.rating_label),
        commit_url=lambda sha: _commit_url(kb.settings.repo_url, sha),
        day=lambda text: human_date(PartialDate.parse(text)),
        autonym=autonym,
        direction=direction,
    )
    return env


def _commit_url(repo_url: str | None, sha: str) -> str | None:
    """Where a change can be read: the commit on the desk's repository, when it is known."""
    return f"{repo_url.rstrip('/')}/commit/{sha}" if repo_url else None


def _attribute_safe(text: str) -> str:
    # What breaks out of an element or a double-quoted attribute; apostrophes stay readable.
    return html.escape(text, quote=False).replace('"', "&quot;")


def front_matter(meta: dict[str, Any]) -> str:
    # Themes print title and description into HTML without escaping: escape them here.
    safe = {
        k: _attribute_safe(v) if k in ("title", "description") and isinstance(v, str) else v
        for k, v in meta.items()
    }
    dumped = yaml.dump(safe, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1_000_000)
    return f"---\n{dumped}---\n\n"


class RenderMemo:
    """What a long-lived process (`serve`) keeps between builds: front matter and rendered
    analyses, each by its exact input. Both are pure, and `serve` renders every page on
    each save: the YAML emitter and python-markdown with nh3 were a fifth of a rebuild.
    A single build has no repeats to find, so it passes none."""

    LIMIT = 65536  # entries per table; an edit session that outgrows it starts afresh

    def __init__(self) -> None:
        self.front: dict[str, str] = {}
        self.analyses: dict[str, str] = {}

    @staticmethod
    def _remember(table: dict[str, str], key: str, make: Callable[[], str]) -> str:
        known = table.get(key)
        if known is None:
            if len(table) >= RenderMemo.LIMIT:
                table.clear()
            known = table[key] = make()
        return known

    def front_matter(self, meta: dict[str, Any]) -> str:
        try:  # JSON is a quick, exact key: 1 and "1", True and "true" stay apart
            key = json.dumps(meta, ensure_ascii=False)
        except (TypeError, ValueError):
            return front_matter(meta)
        return self._remember(self.front, key, lambda: front_matter(meta))

    def markdown(self, text: str) -> str:
        return self._remember(self.analyses, text, lambda: render_markdown(text))


class PageHead:
    """What a generated page's front matter says about it: its title and description
    (themes print them; search shows them) and, under `factdesk`, which page it is
    (`page`: claim, source, claimant or list; a record's own type is its `kind`) and
    which record it shows, for overrides and the plugin's "edit this record"."""

    def __init__(self, title: str, description: str, page: str = "list", **ids: str) -> None:
        self.title = title
        self.description = description
        self.identity = {"page": page, **ids}

    def meta(self, **fields: Any) -> dict[str, Any]:
        """The front matter, with `fields` (a claim's dates, rating, tags) after the
        description in the order given; those that are None are left out."""
        given = {k: v for k, v in fields.items() if v is not None}
        return {
            "title": self.title,
            "description": self.description,
            **given,
            "factdesk": self.identity,
        }


def group_observations(items: list[Observation]) -> list[tuple[tuple[str, str], list[Observation]]]:
    groups: dict[tuple[str, str], list[Observation]] = defaultdict(list)
    for obs in items:
        groups[(obs.subject, obs.metric)].append(obs)
    return [
        (key, sorted(group, key=lambda o: (o.as_of, o.source))) for key, group in groups.items()
    ]


class PageRenderer:
    """The pages of a knowledge base; with `language`, that language's pages only (its
    lists, under its folder), still linking any fact-check, such as a translation."""

    def __init__(
        self,
        kb: KnowledgeBase,
        overrides: Path | None = None,
        memo: RenderMemo | None = None,
        match_cache: Path | None = None,
        language: str | None = None,
    ) -> None:
        self.kb = kb if language is None else kb.in_language(language)
        self.language = language or kb.settings.default_language
        self.site = layout(kb, self.language)
        self.env = environment(self.kb, overrides, memo, self.site)
        # Every published claim, in any language: what a page may link to.
        self.published = {c.id: c for c in kb.published}
        self._front = memo.front_matter if memo else front_matter
        self._match_cache = match_cache
        self._made_with = (kb, overrides, memo)

    def in_language(self, language: str) -> PageRenderer:
        """The renderer of one language's pages, sharing this one's related checks and
        pictures (each is computed once per build, for every language)."""
        kb, overrides, memo = self._made_with
        sibling = PageRenderer(kb, overrides, memo, self._match_cache, language)
        sibling.__dict__["related_checks"] = self.related_checks
        sibling.__dict__["pictures"] = self.pictures
        return sibling

    def translations(self, claim: Claim) -> list[dict[str, str | bool]]:
        """The language switcher of a claim page: the fact-check in each language it is
        published in, by the language's own name; empty when there is only this one."""
        versions = translations(self.kb, claim.id)
        if len(versions) < 2:
            return []
        pages = {lang: claim_url(self.kb, cid) for lang, cid in versions.items()}
        return choices(pages, claim_url(self.kb, claim.id), claim.language)

    @cached_property
    def related_checks(self) -> dict[str, list[RelatedCheck]]:
        """Each claim's related fact-checks, computed once per build for the pages and the
        API (`match_cache`: the desk's `.cache/factdesk/`, where validate left the pairs)."""
        return related_checks(self.kb, self._match_cache)

    @cached_property
    def pictures(self) -> dict[str, Picture]:
        """The claims' pictures, read once for the pages and the copies in the site."""
        return claim_pictures(self.kb)

    def _render(self, template: str, **context: Any) -> str:
        return self.env.get_template(template).render(**context)

    def _page(self, head: PageHead, template: str, **context: Any) -> str:
        """Front matter, then the template's body: every generated page but a claim's."""
        return self._front(head.meta()) + self._render(template, **context)

    def report_url(self, claim: Claim) -> str | None:
        repo = self.kb.settings.repo_url
        if not repo:
            return None
        query = urlencode(
            {
                "template": "report-error.yml",
                "claim": claim.id,
                "title": f"Error in fact-check: {claim.id}",
            }
        )
        return f"{repo.rstrip('/')}/issues/new?{query}"

    def claim(self, claim: Claim) -> str:
        entry = self.kb.claims[claim.id]
        head = PageHead(
            claim.title, claim.conclusion or claim.claim, "claim", id=claim.id, record=entry.path
        )
        meta = head.meta(
            date=str(claim.published) if claim.published else None,
            updated=str(claim.updated) if claim.updated else None,
            rating=claim.rating,
            tags=list(claim.topics),
        )
        if claim.status == "published":  # a withdrawn verdict is offered to no search engine
            meta["jsonld"] = script_json(claim_graph(self.kb, claim))
        related = [self.published[r] for r in claim.related if r in self.published]
        body = self._render(
            "claim.md.j2",
            claim=claim,
            claimant_slug=self.kb.claimant_slug(claim),
            observations=group_observations(list(claim.observations)),
            related=related,
            related_checks=[
                (self.published[r.id], r) for r in self.related_checks.get(claim.id, [])
            ],
            report_url=self.report_url(claim),
            picture=self.pictures.get(claim.id),
            cited=self._cited(claim),
            first_seen=next((a for a in claim.appearances if a.first), None),
            share=self.share(claim),
            language_versions=self.translations(claim),
            original=self.original_link(claim),
        )
        return self._front(meta) + body

    def original_link(self, claim: Claim) -> dict[str, str] | None:
        """What "Translated from" links: the published original, in its own language's
        folder (the language switcher lists the other versions)."""
        original = self.kb.original(claim)
        if original is None or original.status != "published":
            return None
        href = urls.relative(claim_url(self.kb, claim.id), claim_url(self.kb, original.id))
        return {"href": href, "lang": original.language}

    def share(self, claim: Claim) -> dict[str, Any] | None:
        """The share links, the page's address to copy and the embed snippet; None when
        the site's address is not configured (services need an absolute address)."""
        site_url = self.kb.settings.site_url
        if not site_url:
            return None
        url = urls.absolute(site_url, claim_url(self.kb, claim.id))
        return {"url": url, "links": share_links(url, claim.title), "embed": iframe(self.kb, claim)}

    def _cited(self, claim: Claim) -> list[Any]:
        """ "Our sources": every source the fact-check cites, once, in first-cited order."""
        ids = [e.source for e in claim.evidence]
        ids += [a.source for a in claim.appearances if a.source]
        ids += [o.source for o in claim.observations]
        sources = self.kb.sources
        return [sources[sid].record for sid in dict.fromkeys(ids) if sid in sources]

    def source(self, sid: str) -> str:
        entry = self.kb.sources[sid]
        listed = {c.id for c in self.kb.published}  # this language's
        citing = [self.published[c] for c in self.kb.citations.get(sid, []) if c in listed]
        citing.sort(key=lambda c: c.id)
        title = entry.record.title
        head = PageHead(title, entry.record.notes or title, "source", id=sid, record=entry.path)
        return self._page(head, "source.md.j2", source=entry.record, citing=citing)

    def _rating_rows(
        self, claims: list[Claim], *, only_given: bool = False
    ) -> list[tuple[str, int, str]]:
        """(label, count, colour) per rating of the scale, in its order; with
        `only_given`, only ratings that some claim has (one claim, one row)."""
        counts: dict[str, int] = defaultdict(int)
        for c in claims:
            counts[c.rating_key] += 1
        rows = [(r.label, counts[r.key], r.color) for r in self.kb.settings.ratings]
        return [row for row in rows if row[1]] if only_given else rows

    def claimant(self, slug: str, claims: list[Claim]) -> str:
        name = claims[0].claimant.name
        rows = self._rating_rows(claims, only_given=True)
        chart = bar_chart(rows, f"Fact-checks of {name} by rating")
        head = PageHead(name, f"Fact-checked claims by {name}", "claimant", id=slug)
        return self._page(head, "claimant.md.j2", slug=slug, claims=claims, chart=chart)

    def topic(self, slug: str, claims: list[Claim]) -> str:
        about = self.kb.settings.topic(slug)
        here = self.site.topic(slug)
        intro = about.description or f"Fact-checks about {about.name}."
        return self.listing(here, about.name, claims, intro)

    def listing(self, here: str, heading: str, claims: list[Claim], intro: str = "") -> str:
        return self._page(
            PageHead(heading, intro or heading),
            "index_list.md.j2",
            here=here,
            heading=heading,
            claims=claims,
            intro=intro,
        )

    def directory(self, here: str, heading: str, entries: list[dict[str, str]], intro: str) -> str:
        return self._page(
            PageHead(heading, intro),
            "directory.md.j2",
            here=here,
            heading=heading,
            entries=entries,
            intro=intro,
        )

    def ratings(self) -> str:
        counts = {r.key: len(self.kb.by_rating.get(r.key, [])) for r in self.kb.settings.ratings}
        return self._page(
            PageHead("Ratings", "The rating scale and what each rating means"),
            "ratings.md.j2",
            ratings=self.kb.settings.ratings,
            counts=counts,
            scale=self.kb.settings.ordinal_range or (0, 0),
        )

    def corrections(self) -> str:
        entries = [(c, fix) for c in self.kb.published for fix in c.corrections]
        entries.sort(key=lambda pair: (str(pair[1].date), pair[0].id), reverse=True)
        head = PageHead("Corrections", "Every correction to a published fact-check")
        return self._page(head, "corrections.md.j2", entries=entries)

    def stats(self) -> str:
        claims = self.kb.published
        months: dict[str, int] = defaultdict(int)
        for c in claims:
            if c.published:
                months[f"{c.published.year:04d}-{c.published.month:02d}"] += 1
        month_rows = [(m, months[m], "#546e7a") for m in sorted(months)]
        return self._page(
            PageHead("Statistics", "Fact-checks by rating and by month"),
            "stats.md.j2",
            total=len(claims),
            claimants=len(self.kb.by_claimant),
            sources=len(self.kb.sources),
            by_rating=bar_chart(self._rating_rows(claims), "Fact-checks by rating"),
            by_month=bar_chart(month_rows, "Fact-checks by month of publication"),
            archive=archive_coverage(self.kb),
        )

    def browse(self, number: int, pages: int) -> str:
        """One page of the browse table; the script filters all claims from browse.json."""
        claims = self.kb.published
        names = {self.kb.claimant_slug(c): c.claimant.name for c in claims}
        here = self.site.browse(number)
        title = "Browse all fact-checks" + (f" (page {number})" if number > 1 else "")
        shown = claims[(number - 1) * BROWSE_PAGE : number * BROWSE_PAGE]
        return self._page(
            PageHead(title, "Every published fact-check"),
            "browse.md.j2",
            here=here,
            rows=[browse_row(self.kb, here, c, self.site) for c in shown],
            blank_row=BLANK_ROW,
            total=len(claims),
            number=number,
            pages=[(n, self.site.browse(n)) for n in range(1, pages + 1)],
            index=urls.relative(here, self.site.BROWSE_JSON),
            page_size=BROWSE_PAGE,
            url_patterns=browse_url_patterns(here, self.site),
            ratings=self.kb.settings.ratings,
            topics=[(t, self.kb.settings.topic(t).name) for t in sorted(self.kb.by_topic)],
            claimants=sorted(names.items()),
        )

    def find(self) -> str:
        head = PageHead("Search", "Search every fact-check")
        return self._page(head, "find.md.j2", here=self.site.FIND, **self._search_scope())

    def _search_scope(self) -> dict[str, Any]:
        """The other languages a reader may add to a search (the find page searches its
        own language's index; Pagefind keeps one per `<html lang>`)."""
        others = [lang for lang in self.kb.settings.languages if lang != self.language]
        if not self.kb.settings.multilingual:
            others = []
        return {"other_languages": [{"lang": lang, "name": autonym(lang)} for lang in others]}

    def language_homes(self, from_url: str) -> str:
        """The languages of the site, each linking its home: the root page's choice."""
        if not self.kb.settings.multilingual:
            return ""
        versions = {lang: url for lang, url in homes(self.kb).items() if lang != "x-default"}
        return self._render("_languages.md.j2", language_versions=choices(versions, from_url, ""))

    def latest_list(self, from_url: str, count: int) -> str:
        macros = self.env.get_template("_macros.md.j2").make_module()
        return str(macros.claim_list(self.kb.published[:count], from_url))  # type: ignore[attr-defined]


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "n/a"


def archive_coverage(kb: KnowledgeBase) -> list[dict[str, Any]]:
    """How much of what we cite has an archive copy: the part that survives link rot."""
    sources = [e.record for e in kb.sources.values()]
    with_url = [s for s in sources if s.url]
    seen = [a for c in kb.published for a in c.appearances if a.url]
    rows = [
        ("Sources with a web address", len(with_url), sum(1 for s in with_url if s.archive_url)),
        ("Appearances with a web address", len(seen), sum(1 for a in seen if a.archive_url)),
    ]
    table = [
        {"what": what, "total": total, "archived": done, "share": _share(done, total)}
        for what, total, done in rows
    ]
    offline = len(sources) - len(with_url)
    table.append(
        {
            "what": "Sources with no known web address (print, broadcast, unstated)",
            "total": offline,
            "archived": None,
            "share": "",
        }
    )
    return table


def render_pages(kb: KnowledgeBase, pages: PageRenderer) -> Iterator[tuple[str, str]]:
    """(docs-relative Markdown path, content) for every generated page."""
    yield from record_pages(kb, pages)
    yield from directory_pages(kb, pages)
    yield from list_pages(kb, pages)
    yield from browse_pages(kb, pages)


def record_pages(kb: KnowledgeBase, pages: PageRenderer) -> Iterator[tuple[str, str]]:
    """A page per published (or withdrawn) claim, source, claimant and topic."""
    site = pages.site
    for claim in [*kb.published, *kb.withdrawn]:
        yield urls.page_file(site.claim(claim.id)), pages.claim(claim)
    for sid in kb.sources:
        yield urls.page_file(site.source(sid)), pages.source(sid)
    for slug, claims in kb.by_claimant.items():
        yield urls.page_file(site.claimant(slug)), pages.claimant(slug, claims)
    for topic, claims in kb.by_topic.items():
        yield urls.page_file(site.topic(topic)), pages.topic(topic, claims)


def directory_pages(kb: KnowledgeBase, pages: PageRenderer) -> Iterator[tuple[str, str]]:
    """The indexes of topics, claimants and sources: a line per page, with a detail."""
    site = pages.site
    topics = [
        (kb.settings.topic(t).name, site.topic(t), _count(cs)) for t, cs in kb.by_topic.items()
    ]
    claimants = [
        (cs[0].claimant.name, site.claimant(s), _count(cs)) for s, cs in kb.by_claimant.items()
    ]
    sources = [
        (e.record.title, site.source(sid), e.record.publisher or "")
        for sid, e in sorted(kb.sources.items())
    ]
    for here, heading, intro, lines in (
        (site.TOPICS, "Topics", "Fact-checks grouped by topic.", topics),
        (site.CLAIMANTS, "Claimants", "Everyone whose claims were checked.", claimants),
        (site.SOURCES, "Sources", "Every source cited by a fact-check.", sources),
    ):
        entries = [{"name": name, "url": url, "detail": detail} for name, url, detail in lines]
        yield urls.page_file(here), pages.directory(here, heading, entries, intro)


def _count(claims: list[Claim]) -> str:
    return f"{len(claims)} fact-checks"


def list_pages(kb: KnowledgeBase, pages: PageRenderer) -> Iterator[tuple[str, str]]:
    """The latest fact-checks, the rating scale, corrections, statistics and search."""
    site = pages.site
    newest = kb.published[:LATEST_COUNT]
    latest = pages.listing(
        site.LATEST, "Latest fact-checks", newest, "The newest fact-checks first."
    )
    yield urls.page_file(site.LATEST), latest
    yield urls.page_file(site.RATINGS), pages.ratings()
    yield urls.page_file(site.CORRECTIONS), pages.corrections()
    yield urls.page_file(site.STATS), pages.stats()
    if kb.settings.search_engine(len(pages.published)) == "pagefind":
        yield urls.page_file(site.FIND), pages.find()
    if kb.settings.multilingual:
        # The language's home: its newest fact-checks, under the site's name.
        home = pages.listing(site.LANGUAGE_HOME, kb.settings.site_name, newest[:HOME_COUNT])
        yield urls.page_file(site.LANGUAGE_HOME), home


def browse_pages(kb: KnowledgeBase, pages: PageRenderer) -> Iterator[tuple[str, str]]:
    """The browse table, BROWSE_PAGE rows a page; a site with no claims still has one."""
    count = max(1, -(-len(kb.published) // BROWSE_PAGE))
    for number in range(1, count + 1):
        yield urls.page_file(pages.site.browse(number)), pages.browse(number, count)
