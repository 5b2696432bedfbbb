"""Find every ClaimReview in a file: one object, an array, a @graph, a schema.org DataFeed
(Data Commons' `DataFeedItem {item: [...]}` too), a Google Fact Check Tools API response
(`claims:search`), or an HTML page with JSON-LD script blocks, with what the page says about
itself (its language and address). Bad input becomes diagnostics, never a crash."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from factdesk.diagnostics import Diagnostic

MAX_IMPORT_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True)
class Page:
    """What an HTML page says about itself, for the reviews it holds: the language it
    declares (`<html lang>`, then `og:locale`), its own address (the canonical link, then
    `og:url`), which relative review URLs are resolved against, and its description (the
    publisher's summary, a conclusion when the review gives none)."""

    language: str | None = None
    url: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class Found:
    """One ClaimReview: where it is (file, line, its number in the file), its data, and
    the page it was found on."""

    file: str
    line: int
    index: int
    node: dict[str, Any]
    page: Page = Page()


class _ScriptBlocks(HTMLParser):
    """Collects the text of <script type="application/ld+json"> elements with their line,
    and the page's declared language and address."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[int, str]] = []
        self._open: tuple[int, list[str]] | None = None
        self.meta: dict[str, str] = {}

    def _remember(self, key: str, value: str | None) -> None:
        if value and value.strip() and key not in self.meta:
            self.meta[key] = value.strip()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        kind = (values.get("type") or "").split(";")[0].strip().lower()
        if tag == "script" and kind == "application/ld+json":
            self._open = (self.getpos()[0], [])
        elif tag == "html":
            self._remember("lang", values.get("lang") or values.get("xml:lang"))
        elif tag == "meta" and values.get("property") in ("og:locale", "og:url", "og:description"):
            self._remember(str(values["property"]), values.get("content"))
        elif tag == "meta" and (values.get("name") or "").lower() == "description":
            self._remember("description", values.get("content"))
        elif tag == "link" and "canonical" in (values.get("rel") or "").lower().split():
            self._remember("canonical", values.get("href"))

    def page(self) -> Page:
        # og:locale is written en_US; a language tag is en-US.
        locale = self.meta.get("og:locale", "").replace("_", "-") or None
        return Page(
            language=self.meta.get("lang") or locale,
            url=self.meta.get("canonical") or self.meta.get("og:url"),
            description=self.meta.get("og:description") or self.meta.get("description"),
        )

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._open is not None:
            self.blocks.append((self._open[0], "".join(self._open[1])))
            self._open = None


def _is_type(node: dict[str, Any], name: str) -> bool:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(
        isinstance(k, str) and k.rsplit("/", 1)[-1].rsplit(":", 1)[-1] == name for k in kinds
    )


def _is_tools_claim(node: dict[str, Any]) -> bool:
    """A claim as the Google Fact Check Tools API returns it: text and its reviews."""
    reviews = node.get("claimReview")
    return "@type" not in node and isinstance(reviews, list) and "text" in node


def _publisher(review: dict[str, Any]) -> dict[str, Any]:
    """The API's `publisher: {name, site}` as the Organization a ClaimReview names."""
    given = review.get("publisher")
    who: dict[str, Any] = given if isinstance(given, dict) else {}
    site = who.get("site") if isinstance(who.get("site"), str) else None
    outlet: dict[str, Any] = {"@type": "Organization", "name": who.get("name") or site}
    if site:
        outlet["url"] = f"https://{site}/"
    return outlet


def from_tools_claim(claim: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """One ClaimReview per review of a Fact Check Tools API claim, in schema.org's terms,
    so one mapping serves both: text → claimReviewed, claimant → itemReviewed.author,
    textualRating → reviewRating.alternateName, languageCode → inLanguage."""
    item: dict[str, Any] = {"@type": "Claim", "datePublished": claim.get("claimDate")}
    if claim.get("claimant"):
        item["author"] = {"name": claim["claimant"]}
    for review in claim["claimReview"]:
        if isinstance(review, dict):
            yield {
                "@type": "ClaimReview",
                "claimReviewed": claim.get("text"),
                "itemReviewed": item,
                "url": review.get("url"),
                "headline": review.get("title"),
                "datePublished": review.get("reviewDate"),
                "reviewRating": {"alternateName": review.get("textualRating")},
                "inLanguage": review.get("languageCode"),
                "publisher": _publisher(review),
            }


def claim_reviews(data: Any) -> Iterator[dict[str, Any]]:
    """Every ClaimReview in a JSON-LD document or a Fact Check Tools API response, in
    document order, however it is nested."""
    if isinstance(data, list):
        for item in data:
            yield from claim_reviews(item)
    elif isinstance(data, dict):
        if _is_type(data, "ClaimReview"):
            yield data
            return
        if _is_tools_claim(data):
            yield from from_tools_claim(data)
            return
        for value in data.values():
            if isinstance(value, dict | list):
                yield from claim_reviews(value)


_REVIEW_MARK = re.compile(r'"(?:ClaimReview|textualRating)"')


def _line_of(text: str, start: int) -> tuple[int, int]:
    """Line of the next review mark after `start` (1 if none), and where it was found."""
    found = _REVIEW_MARK.search(text, start)
    if found is None:
        return 1, start
    return text.count("\n", 0, found.start()) + 1, found.start() + 1


def _bad_block(display: str, first_line: int, block: str, exc: json.JSONDecodeError) -> Diagnostic:
    """A block that is not JSON. On a page, a block that names no ClaimReview (a broken
    breadcrumb or article block next to the review) is skipped with a warning: the review
    beside it still imports. A block that may hold a review, or a JSON file, is an error."""
    where = (max(first_line, 1) + exc.lineno - 1, exc.colno)
    if first_line > 0 and "ClaimReview" not in block:
        return Diagnostic.make(
            "FD207",
            display,
            where,
            f"a JSON-LD block that names no ClaimReview is not valid JSON ({exc.msg}); skipped",
            "nothing to do unless the page's review is missing; the publisher's other "
            "markup is broken, not its ClaimReview",
        )
    return Diagnostic.make(
        "FD201",
        display,
        where,
        f"not valid JSON-LD: {exc.msg}",
        "fix the JSON, or export it again from its source",
    )


def read_file(path: Path, display: str) -> tuple[list[Found], list[Diagnostic]]:
    try:
        raw = path.read_bytes()[: MAX_IMPORT_BYTES + 1]
    except OSError as exc:
        return [], [
            Diagnostic.make(
                "FD201",
                display,
                (1, 1),
                f"cannot read the file: {exc.strerror}",
                "check the path and permissions",
            )
        ]
    if len(raw) > MAX_IMPORT_BYTES:
        return [], [
            Diagnostic.make(
                "FD201", display, (1, 1), "the file is over 32 MiB", "split it into smaller files"
            )
        ]
    text = raw.decode("utf-8", errors="replace")
    stripped = text.lstrip()
    page = Page()
    if stripped.startswith("<"):
        parser = _ScriptBlocks()
        parser.feed(text)
        parser.close()
        blocks = parser.blocks
        page = parser.page()
    else:
        blocks = [(0, text)]  # line 0: not a page's block (see _bad_block)
    found: list[Found] = []
    problems: list[Diagnostic] = []
    for first_line, block in blocks:
        try:
            data = json.loads(block)
        except json.JSONDecodeError as exc:
            problems.append(_bad_block(display, first_line, block, exc))
            continue
        cursor = 0
        for node in claim_reviews(data):
            line, cursor = _line_of(block, cursor)
            start = max(first_line, 1)
            found.append(Found(display, start + line - 1, len(found) + 1, node, page))
    if not found and not any(p.is_error for p in problems):
        what = "script blocks" if stripped.startswith("<") else "JSON"
        problems.append(
            Diagnostic.make(
                "FD202",
                display,
                (1, 1),
                f"no ClaimReview found in its {what}",
                'the file needs schema.org ClaimReview objects ("@type": "ClaimReview")',
            )
        )
    return found, problems
