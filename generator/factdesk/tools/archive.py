"""`factdesk archive`: ask the Wayback Machine's Save Page Now for a copy of every cited
page that has none, and write `archive_url` (and a source's `archived` date) back into the
records, comments kept.

Save Page Now is asked with `GET <endpoint><url>`; it answers with the snapshot's address
(`/web/<14-digit timestamp>/<url>`) in `Content-Location` or `Location`. The service
limits how often one client may ask, so requests go one at a time, `delay` seconds
apart, and a 429 or 5xx answer (or no answer) is retried after `Retry-After` or an
exponential back-off. Each snapshot is written into its records as soon as it is made,
so a run that stops is resumed by running again: what is left is read from the records.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email.message import Message
from http.client import HTTPException
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from ruamel.yaml.comments import CommentedMap

from factdesk import __version__
from factdesk.diagnostics import Diagnostic
from factdesk.kb import KnowledgeBase
from factdesk.load.loader import Loaded, Loc, load_bytes
from factdesk.records.models import BY_FOLDER
from factdesk.tools.fmt import reorder, round_trip_yaml

SAVE_PAGE_NOW = "https://web.archive.org/save/"
ARCHIVER_AGENT = f"factdesk-archiver/{__version__} (+fact-check citation archive)"
_SNAPSHOT = re.compile(r"/web/(\d{4})(\d{2})(\d{2})\d{6}/")
_RETRY = {429, 500, 502, 503, 504, 520, 523, 524}


@dataclass(frozen=True)
class Answer:
    status: int | None  # None when no answer came
    headers: dict[str, str]  # lower-case names
    error: str = ""


Ask = Callable[[str, float], Answer]


@dataclass(frozen=True)
class ArchiveOptions:
    endpoint: str = SAVE_PAGE_NOW
    delay: float = 5.0  # seconds between requests
    retries: int = 3
    backoff: float = 10.0  # first wait after a refused request; doubled each time
    timeout: float = 120.0  # a capture can take a minute
    limit: int | None = None  # at most this many pages per run


@dataclass(frozen=True)
class SourcePlace:
    """Where one record cites a page that has no archive copy."""

    loaded: Loaded
    loc: Loc  # the mapping that gets `archive_url`: () for a source, an appearance's path
    dated: bool  # sources also get `archived: YYYY-MM-DD`

    def diagnostic(self, message: str, hint: str) -> Diagnostic:
        at = self.loaded.pos((*self.loc, "url"))
        return Diagnostic.make("FD114", self.loaded.path, at, message, hint)


def wanted(kb: KnowledgeBase) -> dict[str, list[SourcePlace]]:
    """Cited URL → the places that lack an archive copy of it, in file order. Another
    publisher's fact-check (a source with `rating_label`) asks for none."""
    found: dict[str, list[SourcePlace]] = {}
    for entry in kb.sources.values():
        s = entry.record
        if s.url and not s.archive_url and not s.rating_label:
            found.setdefault(s.url, []).append(SourcePlace(entry.loaded, (), True))
    for claim in kb.claims.values():
        for i, seen in enumerate(claim.record.appearances):
            if seen.url and not seen.archive_url:
                found.setdefault(seen.url, []).append(
                    SourcePlace(claim.loaded, ("appearances", i), False)
                )
    return found


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # the snapshot's address is in the redirect itself


def _headers(message: Message | None) -> dict[str, str]:
    return {k.lower(): v for k, v in (message.items() if message is not None else [])}


def ask_network(request_url: str, timeout: float) -> Answer:
    request = urllib.request.Request(request_url, headers={"User-Agent": ARCHIVER_AGENT})
    opener = urllib.request.build_opener(_NoRedirects)
    try:
        with opener.open(request, timeout=timeout) as response:
            return Answer(response.status, _headers(response.headers))
    except urllib.error.HTTPError as exc:
        return Answer(exc.code, _headers(exc.headers))
    except (urllib.error.URLError, HTTPException, OSError) as exc:
        return Answer(None, {}, str(getattr(exc, "reason", exc)))


def snapshot_of(answer: Answer, endpoint: str) -> str | None:
    """The snapshot's absolute address, if the answer names one."""
    for name in ("content-location", "location"):
        value = answer.headers.get(name, "")
        if _SNAPSHOT.search(value):
            return urljoin(endpoint, value)
    return None


def _wait(answer: Answer, attempt: int, options: ArchiveOptions) -> float:
    after = answer.headers.get("retry-after", "")
    if after.isdigit():
        return min(float(after), 3600.0)
    return float(options.backoff * 2.0**attempt)


def save(
    url: str, options: ArchiveOptions, ask: Ask, sleep: Callable[[float], None]
) -> tuple[str | None, str]:
    """Ask for one snapshot, retrying politely: (its address, or None and why not)."""
    why = ""
    for attempt in range(options.retries + 1):
        answer = ask(options.endpoint + url, options.timeout)
        found = snapshot_of(answer, options.endpoint)
        if found:
            return found, ""
        why = answer.error or f"HTTP {answer.status}"
        if answer.status is not None and answer.status not in _RETRY:
            return None, why
        if attempt < options.retries:
            sleep(_wait(answer, attempt, options))
    return None, why


def snapshot_day(snapshot: str) -> str:
    match = _SNAPSHOT.search(urlsplit(snapshot).path)
    return "-".join(match.groups()) if match else dt.date.today().isoformat()


def _node(document: Any, loc: Loc) -> Any:
    for part in loc:
        document = document[part]
    return document


def write_back(path: Path, kind_folder: str, places: list[SourcePlace], snapshot: str) -> bool:
    """Add the snapshot to every place in one record file, comments and layout kept; the
    file is written only when the loader reads exactly the old data plus the new fields."""
    raw = path.read_bytes()
    before = load_bytes(raw, str(path))
    yaml = round_trip_yaml()
    document = yaml.load(raw.decode("utf-8-sig"))
    expected = before.data
    if not isinstance(document, CommentedMap) or expected is None:
        return False
    for place in places:
        node = _node(document, place.loc)
        node["archive_url"] = snapshot
        _node(expected, place.loc)["archive_url"] = snapshot
        if place.dated:
            day = snapshot_day(snapshot)
            _node(expected, place.loc)["archived"] = day
            # A date object, so ruamel writes it plain (a string that looks like a date
            # would be quoted); factdesk's loader reads it back as the same text.
            node["archived"] = dt.date.fromisoformat(day)
    model = BY_FOLDER[kind_folder].model
    reorder(document, model, model, ())
    buffer = io.StringIO()
    yaml.dump(document, buffer)
    text = buffer.getvalue()
    if load_bytes(text.encode("utf-8"), str(path)).data != expected:
        return False
    path.write_text(text, encoding="utf-8", newline="\n")
    return True


@dataclass
class Report:
    archived: list[str]
    diagnostics: list[Diagnostic]
    left: int  # pages still without a copy because of --limit


def _by_file(places: list[SourcePlace]) -> Iterator[tuple[str, list[SourcePlace]]]:
    files: dict[str, list[SourcePlace]] = {}
    for place in places:
        files.setdefault(place.loaded.path, []).append(place)
    yield from files.items()


def archive(
    root: Path,
    kb: KnowledgeBase,
    options: ArchiveOptions,
    ask: Ask = ask_network,
    sleep: Callable[[float], None] = time.sleep,
) -> Report:
    todo = wanted(kb)
    urls = list(todo)[: options.limit] if options.limit is not None else list(todo)
    report = Report([], [], len(todo) - len(urls))
    for number, url in enumerate(urls):
        if number and options.delay:
            sleep(options.delay)
        snapshot, why = save(url, options, ask, sleep)
        if snapshot is None:
            report.diagnostics += [
                p.diagnostic(
                    f"no archive copy was made of {url}: {why}",
                    "run `factdesk archive` again later, or archive the page by hand and "
                    "add `archive_url:`",
                )
                for p in todo[url]
            ]
            continue
        for rel, places in _by_file(todo[url]):
            if not write_back(root / rel, rel.split("/", 1)[0], places, snapshot):
                report.diagnostics.append(
                    places[0].diagnostic(
                        f"the copy {snapshot} could not be written into {rel} without "
                        "changing its other values",
                        f"add `archive_url: {snapshot}` by hand",
                    )
                )
        report.archived.append(url)
    return report
