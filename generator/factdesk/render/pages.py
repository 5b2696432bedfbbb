"""Markdown pages (with YAML front matter) for every claim, source, claimant, topic and list.

Contributor text only ever lands in auto-escaped HTML or in sanitised Markdown output,
never in Markdown syntax, where `[x](javascript:…)` would become a link.
"""

from __future__ import annotations

import html
import json
from collections import defaultdict
from collections.abc import Callable, Iterator
from functools import cached_property, partial
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2
import yaml
from markupsafe import Markup

from factdesk.kb import KnowledgeBase
from factdesk.match.related import RelatedCheck, related_checks
from factdesk.records.dates import PartialDate
from factdesk.records.history import Change, describe_change
from factdesk.records.languages import autonym, direction
from factdesk.records.media import Picture
from factdesk.records.models import Claim, Observation
from factdesk.records.vocab import MEDIA_CATEGORIES, QUALIFIERS
from factdesk.render import urls
from factdesk.render.charts import bar_chart
from factdesk.render.embed import iframe
from factdesk.render.i18n import (
    PAGE_LANGUAGE,
    human_date,
    human_number,
    human_percent,
    language_of,
    localized_settings,
    per_language,
    words,
)
from factdesk.render.i18n import install as install_i18n
from factdesk.render.jsonld import claim_graph, script_json
from factdesk.render.languages import choices, claim_url, homes, layout, translations
from factdesk.render.media import claim_pictures
from factdesk.render.search import pagefind_value
from factdesk.render.share import share_links
from factdesk.render.terms import term
from factdesk.render.text import breakable_url, render_markdown, text_color
from factdesk.render.verdict import (
    Verdict,
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


class _Scale:
    """The rating scale drawn in one language: what the templates' `rating`, `badge` and
    `verdict…` globals give, built once per language (a macro call per badge was a large
    share of rendering)."""

    def __init__(self, kb: KnowledgeBase, language: str) -> None:
        self.settings = localized_settings(kb.settings, language)
        self.language = language
        self.ratings = {
            r.key: {"label": r.label, "color": r.color, "text_color": text_color(r.color)}
            for r in self.settings.ratings
        }
        self.badges = {key: _badge_html(key, info) for key, info in self.ratings.items()}
        self.verdicts = verdicts(self.settings, words(language))
        self.graphics = {key: verdict_svg(v) for key, v in self.verdicts.items()}
        self.refs = {key: verdict_use(v) for key, v in self.verdicts.items()}
        self.symbols = Markup("").join(verdict_symbol(v) for v in self.verdicts.values())

    def unknown(self, key: str) -> Verdict:
        return unknown_verdict(key, words=words(self.language))

    def rating(self, key: str) -> dict[str, str]:
        return self.ratings.get(key, {"label": key, **_UNKNOWN_RATING})

    def badge(self, key: str) -> Markup:
        return self.badges.get(key) or _badge_html(key, _UNKNOWN_RATING)

    def verdict(self, key: str) -> Markup:
        return self.graphics.get(key) or verdict_svg(self.unknown(key))

    def verdict_name(self, key: str) -> str:
        return (self.verdicts.get(key) or self.unknown(key)).accessible_name

    def verdict_ref(self, key: str) -> Markup:
        return self.refs.get(key) or self.verdict(key)


def _scale_globals(kb: KnowledgeBase) -> dict[str, Any]:
    """The globals whose words depend on the page: the scale's, the vocabularies', each
    reading the page's `language` from the context."""
    scale = per_language(lambda language: _Scale(kb, language))

    def in_language(method: Callable[[_Scale, str], Any]) -> Callable[..., Any]:
        @jinja2.pass_context
        def call(context: jinja2.runtime.Context, key: str) -> Any:
            return method(scale(language_of(context)), key)

        return call

    @jinja2.pass_context
    def verdict_refs(context: jinja2.runtime.Context) -> dict[str, Markup]:
        return scale(language_of(context)).refs

    @jinja2.pass_context
    def verdict_symbols(context: jinja2.runtime.Context) -> Markup:
        return scale(language_of(context)).symbols

    @jinja2.pass_context
    def term_in(context: jinja2.runtime.Context, vocabulary: str, key: str) -> str:
        return term(words(language_of(context)), vocabulary, key)

    @jinja2.pass_context
    def figure(context: jinja2.runtime.Context, qualifier: str, value: float) -> str:
        """A figure with its qualifier ("about 1,200"), in the words' order of the language."""
        language = language_of(context)
        # QUALIFIERS[...]: an unknown key is a bug, so it fails loudly rather than vanish.
        pattern = words(language).gettext(QUALIFIERS[qualifier])
        return pattern.format(value=human_number(value, language))

    @jinja2.pass_context
    def browse_words(context: jinja2.runtime.Context) -> dict[str, str]:
        """What the browse script writes, in the page's language ({n}: the count)."""
        t = words(language_of(context))
        return {
            "page": t.gettext("{n} fact-checks on this page"),
            "found": t.gettext("{found} of {total} fact-checks"),
            "unknown": t.gettext("unknown"),
        }

    @jinja2.pass_context
    def change_words(context: jinja2.runtime.Context, change: Change) -> str:
        language = language_of(context)
        return describe_change(change, scale(language).settings.rating_label, words(language))

    return {
        "rating": in_language(_Scale.rating),
        "badge": in_language(_Scale.badge),
        "verdict": in_language(_Scale.verdict),
        "verdict_name": in_language(_Scale.verdict_name),
        "verdict_ref": in_language(_Scale.verdict_ref),
        "verdict_refs": verdict_refs,
        "verdict_symbols": verdict_symbols,
        "change_words": change_words,
        "term": term_in,
        "figure": figure,
        "browse_words": browse_words,
    }


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
    # Words, dates and numbers in the page's language (`language`, a global here).
    install_i18n(env)
    env.filters.update(
        markdown=lambda text: Markup(memo.markdown(text) if memo else render_markdown(text)),
        pagefind=pagefind_value,
        url_text=breakable_url,
    )
    env.globals.update(
        _scale_globals(kb),
        urls=site or urls.ONE_LANGUAGE,
        language=kb.language or kb.settings.default_language,
        rel=urls.relative,
        sources={sid: e.record for sid, e in kb.sources.items()},
        media_terms=MEDIA_CATEGORIES,
        topic=kb.settings.topic,
        slug_of=kb.claimant_slug,
        history=kb.history,
        commit_url=lambda sha: _commit_url(kb.settings.repo_url, sha),
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
    def listed(self) -> frozenset[str]:
        """The ids of this language's published claims, the ones its lists show: made
        once, not for each source page (at 50,000 claims, 12,500 sets of 50,000 ids)."""
        return frozenset(c.id for c in self.kb.published)

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
                # The title is for the desk's editors, in the desk's own language.
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
        return {
            "url": url,
            "links": share_links(url, claim.title, self.language),
            "embed": iframe(self.kb, claim, self.language),
        }

    def _cited(self, claim: Claim) -> list[Any]:
        """ "Our sources": every source the fact-check cites, once, in first-cited order."""
        ids = [e.source for e in claim.evidence]
        ids += [a.source for a in claim.appearances if a.source]
        ids += [o.source for o in claim.observations]
        sources = self.kb.sources
        return [sources[sid].record for sid in dict.fromkeys(ids) if sid in sources]

    def source(self, sid: str) -> str:
        entry = self.kb.sources[sid]
        listed = self.listed
        citing = [self.published[c] for c in self.kb.citations.get(sid, []) if c in listed]
        citing.sort(key=lambda c: c.id)
        title = entry.record.title
        head = PageHead(title, entry.record.notes or title, "source", id=sid, record=entry.path)
        return self._page(head, "source.md.j2", source=entry.record, citing=citing)

    def _rating_rows(
        self, claims: list[Claim], *, only_given: bool = False
    ) -> list[tuple[str, int, str]]:
        """(label, count, colour) per rating of the scale, in its order and the page's
        language; with `only_given`, only ratings that some claim has (one claim, one row)."""
        counts: dict[str, int] = defaultdict(int)
        for c in claims:
            counts[c.rating_key] += 1
        scale = localized_settings(self.kb.settings, self.language).ratings
        rows = [(r.label, counts[r.key], r.color) for r in scale]
        return [row for row in rows if row[1]] if only_given else rows

    def claimant(self, slug: str, claims: list[Claim]) -> str:
        t = words(self.language)
        name = claims[0].claimant.name
        rows = self._rating_rows(claims, only_given=True)
        chart = bar_chart(rows, t.gettext("Fact-checks of {name} by rating").format(name=name), t)
        head = PageHead(
            name, t.gettext("Fact-checked claims by {name}").format(name=name), "claimant", id=slug
        )
        return self._page(head, "claimant.md.j2", slug=slug, claims=claims, chart=chart)

    def topic(self, slug: str, claims: list[Claim]) -> str:
        about = self.kb.settings.topic(slug)
        here = self.site.topic(slug)
        intro = about.description or words(self.language).gettext(
            "Fact-checks about {topic}."
        ).format(topic=about.name)
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
        t = words(self.language)
        settings = localized_settings(self.kb.settings, self.language)
        counts = {r.key: len(self.kb.by_rating.get(r.key, [])) for r in settings.ratings}
        return self._page(
            PageHead(
                t.gettext("Ratings"), t.gettext("The rating scale and what each rating means")
            ),
            "ratings.md.j2",
            ratings=settings.ratings,
            counts=counts,
            scale=settings.ordinal_range or (0, 0),
        )

    def corrections(self) -> str:
        entries = [(c, fix) for c in self.kb.published for fix in c.corrections]
        entries.sort(key=lambda pair: (str(pair[1].date), pair[0].id), reverse=True)
        t = words(self.language)
        head = PageHead(
            t.gettext("Corrections"), t.gettext("Every correction to a published fact-check")
        )
        return self._page(head, "corrections.md.j2", entries=entries)

    def stats(self) -> str:
        claims = self.kb.published
        months: dict[str, int] = defaultdict(int)
        for c in claims:
            if c.published:
                months[f"{c.published.year:04d}-{c.published.month:02d}"] += 1
        t = words(self.language)
        month_rows = [
            (human_date(PartialDate.parse(m), self.language), months[m], "#546e7a")
            for m in sorted(months)
        ]
        rating_rows = self._rating_rows(claims)
        return self._page(
            PageHead(t.gettext("Statistics"), t.gettext("Fact-checks by rating and by month")),
            "stats.md.j2",
            total=len(claims),
            claimants=len(self.kb.by_claimant),
            sources=len(self.kb.sources),
            by_rating=bar_chart(rating_rows, t.gettext("Fact-checks by rating"), t),
            by_month=bar_chart(month_rows, t.gettext("Fact-checks by month of publication"), t),
            archive=archive_coverage(self.kb, self.language),
        )

    def browse(self, number: int, pages: int) -> str:
        """One page of the browse table; the script filters all claims from browse.json."""
        claims = self.kb.published
        here = self.site.browse(number)
        t = words(self.language)
        title = t.gettext("Browse all fact-checks")
        if number > 1:
            title = t.gettext("Browse all fact-checks (page {number})").format(
                number=human_number(number, self.language)
            )
        shown = claims[(number - 1) * BROWSE_PAGE : number * BROWSE_PAGE]
        return self._page(
            PageHead(title, t.gettext("Every published fact-check")),
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
            ratings=localized_settings(self.kb.settings, self.language).ratings,
            topics=[(key, self.kb.settings.topic(key).name) for key in sorted(self.kb.by_topic)],
            claimants=self.claimant_choices,
        )

    @cached_property
    def claimant_choices(self) -> list[tuple[str, str]]:
        """(slug, name) of every claimant, for the browse table's filter: made once, not
        for each of the browse pages (at 50,000 claims, 500 pages each walking every
        claim)."""
        names = {self.kb.claimant_slug(c): c.claimant.name for c in self.kb.published}
        return sorted(names.items())

    def find(self) -> str:
        t = words(self.language)
        head = PageHead(t.gettext("Search"), t.gettext("Search every fact-check"))
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
        # Hand-written pages (the site's home) are in the renderer's language: they list
        # its newest fact-checks, not their translations too (each language's own home
        # lists that language's); a desk in one language lists every fact-check.
        newest = self.kb.in_language(self.language).published[:count]
        return str(macros.claim_list(newest, from_url))  # type: ignore[attr-defined]


def _share(part: int, whole: int, language: str) -> str:
    return human_percent(part / whole, language) if whole else words(language).gettext("n/a")


def archive_coverage(kb: KnowledgeBase, language: str = PAGE_LANGUAGE) -> list[dict[str, Any]]:
    """How much of what we cite has an archive copy: the part that survives link rot."""
    t = words(language)
    sources = [e.record for e in kb.sources.values()]
    with_url = [s for s in sources if s.url]
    seen = [a for c in kb.published for a in c.appearances if a.url]
    rows = [
        (
            t.gettext("Sources with a web address"),
            len(with_url),
            sum(1 for s in with_url if s.archive_url),
        ),
        (
            t.gettext("Appearances with a web address"),
            len(seen),
            sum(1 for a in seen if a.archive_url),
        ),
    ]
    table = [
        {"what": what, "total": total, "archived": done, "share": _share(done, total, language)}
        for what, total, done in rows
    ]
    offline = len(sources) - len(with_url)
    table.append(
        {
            "what": t.gettext("Sources with no known web address (print, broadcast, unstated)"),
            "total": offline,
            "archived": None,
            "share": "",
        }
    )
    return table


Maker = Callable[[], str]


def page_plan(kb: KnowledgeBase, pages: PageRenderer) -> dict[str, Maker]:
    """Every generated page's path and the call that renders it, nothing rendered yet:
    `factdesk serve` renders only the pages a save changes (render/incremental.py)."""
    plan: dict[str, Maker] = {}
    for path, make in [
        *record_pages(kb, pages),
        *directory_pages(kb, pages),
        *list_pages(kb, pages),
        *browse_pages(kb, pages),
    ]:
        if path in plan:
            raise ValueError(f"two generated pages at {path}")
        plan[path] = make
    return plan


def record_pages(kb: KnowledgeBase, pages: PageRenderer) -> Iterator[tuple[str, Maker]]:
    """A page per published (or withdrawn) claim, source, claimant and topic."""
    site = pages.site
    for claim in [*kb.published, *kb.withdrawn]:
        yield urls.page_file(site.claim(claim.id)), partial(pages.claim, claim)
    for sid in kb.sources:
        yield urls.page_file(site.source(sid)), partial(pages.source, sid)
    for slug, claims in kb.by_claimant.items():
        yield urls.page_file(site.claimant(slug)), partial(pages.claimant, slug, claims)
    for topic, claims in kb.by_topic.items():
        yield urls.page_file(site.topic(topic)), partial(pages.topic, topic, claims)


def directory_pages(kb: KnowledgeBase, pages: PageRenderer) -> Iterator[tuple[str, Maker]]:
    """The indexes of topics, claimants and sources: a line per page, with a detail."""
    site, language = pages.site, pages.language
    t = words(language)
    topics = [
        (kb.settings.topic(key).name, site.topic(key), _count(cs, language))
        for key, cs in kb.by_topic.items()
    ]
    claimants = [
        (cs[0].claimant.name, site.claimant(s), _count(cs, language))
        for s, cs in kb.by_claimant.items()
    ]
    sources = [
        (e.record.title, site.source(sid), e.record.publisher or "")
        for sid, e in sorted(kb.sources.items())
    ]
    for here, heading, intro, lines in (
        (site.TOPICS, t.gettext("Topics"), t.gettext("Fact-checks grouped by topic."), topics),
        (
            site.CLAIMANTS,
            t.gettext("Claimants"),
            t.gettext("Everyone whose claims were checked."),
            claimants,
        ),
        (
            site.SOURCES,
            t.gettext("Sources"),
            t.gettext("Every source cited by a fact-check."),
            sources,
        ),
    ):
        entries = [{"name": name, "url": url, "detail": detail} for name, url, detail in lines]
        yield urls.page_file(here), partial(pages.directory, here, heading, entries, intro)


def _count(claims: list[Claim], language: str) -> str:
    n = len(claims)
    words_for = words(language).ngettext("{n} fact-check", "{n} fact-checks", n)
    return words_for.format(n=human_number(n, language))


def list_pages(kb: KnowledgeBase, pages: PageRenderer) -> Iterator[tuple[str, Maker]]:
    """The latest fact-checks, the rating scale, corrections, statistics and search."""
    site = pages.site
    t = words(pages.language)
    newest = kb.published[:LATEST_COUNT]
    latest = partial(
        pages.listing,
        site.LATEST,
        t.gettext("Latest fact-checks"),
        newest,
        t.gettext("The newest fact-checks first."),
    )
    yield urls.page_file(site.LATEST), latest
    yield urls.page_file(site.RATINGS), pages.ratings
    yield urls.page_file(site.CORRECTIONS), pages.corrections
    yield urls.page_file(site.STATS), pages.stats
    if kb.settings.search_engine(len(pages.published)) == "pagefind":
        yield urls.page_file(site.FIND), pages.find
    if kb.settings.multilingual:
        # The language's home: its newest fact-checks, under the site's name.
        home = partial(
            pages.listing, site.LANGUAGE_HOME, kb.settings.site_name, newest[:HOME_COUNT]
        )
        yield urls.page_file(site.LANGUAGE_HOME), home


def browse_pages(kb: KnowledgeBase, pages: PageRenderer) -> Iterator[tuple[str, Maker]]:
    """The browse table, BROWSE_PAGE rows a page; a site with no claims still has one."""
    count = max(1, -(-len(kb.published) // BROWSE_PAGE))
    for number in range(1, count + 1):
        yield urls.page_file(pages.site.browse(number)), partial(pages.browse, number, count)
