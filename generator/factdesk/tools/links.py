"""`factdesk check-links`: are the cited pages still there? Opt-in and networked, never part
of validate or build. Every URL is checked once however often it is cited, with timeouts,
retries, a per-host limit and a bound on concurrent requests."""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http.client import HTTPException
from typing import Any
from urllib.parse import urljoin, urlsplit

from factdesk import __version__
from factdesk.diagnostics import Diagnostic
from factdesk.kb import KnowledgeBase
from factdesk.load.loader import Loaded, Loc

USER_AGENT = f"factdesk-link-checker/{__version__} (+fact-check citation check)"


@dataclass(frozen=True)
class Citation:
    """A URL as written in one place of one record."""

    url: str
    loaded: Loaded
    loc: Loc
    what: str  # "source", "archive", "appearance"

    def diagnostic(self, code: str, message: str, hint: str) -> Diagnostic:
        return Diagnostic.make(code, self.loaded.path, self.loaded.pos(self.loc), message, hint)


@dataclass(frozen=True)
class Outcome:
    status: int | None  # HTTP status, or None when no answer came
    location: str | None = None  # where a redirect points
    error: str | None = None  # why there was no answer


@dataclass(frozen=True)
class Options:
    timeout: float = 10.0
    retries: int = 2
    backoff: float = 1.0
    workers: int = 8
    per_host: int = 2


def citations(kb: KnowledgeBase) -> Iterator[Citation]:
    for entry in kb.sources.values():
        s = entry.record
        if s.url:
            yield Citation(s.url, entry.loaded, ("url",), "source")
        if s.archive_url:
            yield Citation(s.archive_url, entry.loaded, ("archive_url",), "archive")
    for claim_entry in kb.claims.values():
        for i, seen in enumerate(claim_entry.record.appearances):
            if seen.url:
                yield Citation(
                    seen.url, claim_entry.loaded, ("appearances", i, "url"), "appearance"
                )
            if seen.archive_url:
                yield Citation(
                    seen.archive_url,
                    claim_entry.loaded,
                    ("appearances", i, "archive_url"),
                    "archive",
                )


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # report redirects instead of following them


_OPENER = urllib.request.build_opener(_NoRedirects)


def fetch_once(url: str, timeout: float) -> Outcome:
    """HEAD (GET when the server refuses HEAD); the status, without following redirects."""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with _OPENER.open(request, timeout=timeout) as response:
                return Outcome(response.status)
        except urllib.error.HTTPError as exc:
            if method == "HEAD" and exc.code in (403, 405, 501):
                continue
            location = exc.headers.get("Location") if exc.headers else None
            return Outcome(exc.code, urljoin(url, location) if location else None)
        except (urllib.error.URLError, HTTPException, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            return Outcome(None, error=str(reason) or type(exc).__name__)
    return Outcome(None, error="no answer")


class Checker:
    def __init__(self, options: Options, fetch: Callable[[str, float], Outcome] = fetch_once):
        self.options = options
        self.fetch = fetch
        self._hosts: dict[str, threading.Semaphore] = defaultdict(
            lambda: threading.Semaphore(options.per_host)
        )
        self._lock = threading.Lock()

    def _host_slot(self, url: str) -> threading.Semaphore:
        with self._lock:
            return self._hosts[urlsplit(url).netloc.lower()]

    def check(self, url: str) -> Outcome:
        outcome = Outcome(None, error="not checked")
        for attempt in range(self.options.retries + 1):
            with self._host_slot(url):
                outcome = self.fetch(url, self.options.timeout)
            transient = outcome.status is None or outcome.status >= 500 or outcome.status == 429
            if not transient:
                return outcome
            if attempt < self.options.retries:
                time.sleep(self.options.backoff * (2**attempt))
        return outcome

    def check_all(
        self, urls: list[str], progress: Callable[[int], None] = lambda n: None
    ) -> dict[str, Outcome]:
        def one(url: str) -> tuple[str, Outcome]:
            result = self.check(url)
            progress(1)
            return url, result

        with ThreadPoolExecutor(max_workers=self.options.workers) as pool:
            return dict(pool.map(one, urls))


def judge(citation: Citation, outcome: Outcome) -> Diagnostic | None:
    status, where = outcome.status, f"{citation.what} URL {citation.url}"
    if status is not None and 200 <= status < 300:
        return None
    if status in (404, 410):
        return citation.diagnostic(
            "FD301",
            f"{where} is gone (HTTP {status})",
            "find the page's new address, or cite the archive copy instead"
            if citation.what != "archive"
            else "make a new archive copy from a live original",
        )
    if status is not None and 300 <= status < 400:
        target = outcome.location or "an unnamed address"
        return citation.diagnostic(
            "FD302",
            f"{where} redirects (HTTP {status}) to {target}",
            "check the new page is the same document, then cite it",
        )
    if status is None:
        return citation.diagnostic(
            "FD303",
            f"{where} did not answer: {outcome.error}",
            "try again later; if it stays down, rely on the archive copy",
        )
    return citation.diagnostic(
        "FD303",
        f"{where} answered HTTP {status}",
        "try again later; if it persists, check the page in a browser",
    )


def archive_gaps(kb: KnowledgeBase) -> Iterator[Diagnostic]:
    """Sources with an address but no archive copy: the first to be lost when pages die."""
    for entry in kb.sources.values():
        if entry.record.url and not entry.record.archive_url:
            yield Diagnostic.make(
                "FD304",
                entry.path,
                entry.loaded.pos(("url",)),
                f"source '{entry.record.id}' has no archive copy",
                "save it at web.archive.org or archive.today and add `archive_url:`",
            )


def check_links(
    kb: KnowledgeBase, checker: Checker, progress: Callable[[int], None] = lambda n: None
) -> list[Diagnostic]:
    cited = list(citations(kb))
    outcomes = checker.check_all(sorted({c.url for c in cited}), progress)
    found = [d for c in cited if (d := judge(c, outcomes[c.url])) is not None]
    return found + list(archive_gaps(kb))
