"""What changed in a fact-check between two versions of its record, in plain data.

The history of a claim page, `factdesk review` and `factdesk diff` all compare versions
of records read from the desk's git history. Old versions need not be valid under
today's models, so they are compared as the raw data the loader gives (scalars as text),
through a `Snapshot` of the few fields a reader's trust depends on.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from gettext import NullTranslations
from typing import Any, Literal

from factdesk.records.messages import Nn_

ChangeKind = Literal[
    "published", "rating", "conclusion", "evidence", "corrected", "withdrawn", "republished"
]
# (source id, stance) of one piece of evidence.
Cited = tuple[str, str]
STANCE_WORDS = {"refutes": "refuting", "supports": "supporting", "context": "context"}


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _evidence(value: Any) -> tuple[Cited, ...]:
    items = value if isinstance(value, list) else []
    pairs = {(_text(e.get("source")), _text(e.get("stance"))) for e in items if isinstance(e, dict)}
    return tuple(sorted(pairs))


@dataclass(frozen=True)
class Snapshot:
    """The parts of one version of a claim record that its history reports."""

    id: str
    title: str = ""
    status: str = ""
    rating: str = ""
    conclusion: str = ""
    evidence: tuple[Cited, ...] = ()
    corrections: int = 0

    @classmethod
    def of(cls, data: dict[str, Any], stem: str) -> Snapshot:
        """From a record's raw data; the file name gives the id when `id:` is unusable."""
        fixes = data.get("corrections")
        return cls(
            id=_text(data.get("id")) or stem,
            title=_text(data.get("title")),
            status=_text(data.get("status")),
            rating=_text(data.get("rating")),
            conclusion=" ".join(_text(data.get("conclusion")).split()),
            evidence=_evidence(data.get("evidence")),
            corrections=len(fixes) if isinstance(fixes, list) else 0,
        )

    @property
    def published(self) -> bool:
        return self.status == "published"


@dataclass(frozen=True)
class Change:
    """One change a reader should know about: a new rating, conclusion or evidence."""

    kind: ChangeKind
    before: str = ""  # the previous rating key (for "rating")
    after: str = ""  # the new rating key (for "rating", "published")
    added: tuple[Cited, ...] = ()
    removed: tuple[Cited, ...] = ()


@dataclass(frozen=True)
class HistoryEvent:
    """The changes one commit made to a claim, with the commit's date (YYYY-MM-DD)."""

    date: str
    commit: str
    changes: tuple[Change, ...] = field(default_factory=tuple)


# Each claim id → the events a reader sees, oldest first.
Histories = dict[str, tuple[HistoryEvent, ...]]


def _evidence_change(old: Snapshot, new: Snapshot) -> list[Change]:
    added = tuple(e for e in new.evidence if e not in old.evidence)
    removed = tuple(e for e in old.evidence if e not in new.evidence)
    return [Change("evidence", added=added, removed=removed)] if added or removed else []


def changes(old: Snapshot | None, new: Snapshot) -> tuple[Change, ...]:
    """What a reader of the published fact-check would see change from `old` to `new`;
    nothing while it is a draft (a draft has no readers)."""
    was_live = old is not None and old.published
    if new.status == "withdrawn":
        return (Change("withdrawn"),) if was_live else ()
    if not new.published:
        return ()
    if old is None or not was_live:
        kind: ChangeKind = "republished" if old and old.status == "withdrawn" else "published"
        return (Change(kind, after=new.rating),)
    found: list[Change] = []
    if old.rating != new.rating:
        found.append(Change("rating", before=old.rating, after=new.rating))
    if old.conclusion != new.conclusion:
        found.append(Change("conclusion"))
    found += _evidence_change(old, new)
    if new.corrections > old.corrections:
        found.append(Change("corrected"))
    return tuple(found)


# (stance, verb) → the singular and plural of "N sources" changed, for the catalogs.
_EVIDENCE_WORDS: dict[tuple[str | None, str], tuple[str, str]] = {
    ("refutes", "added"): Nn_("{n} refuting source added", "{n} refuting sources added"),
    ("supports", "added"): Nn_("{n} supporting source added", "{n} supporting sources added"),
    ("context", "added"): Nn_("{n} context source added", "{n} context sources added"),
    (None, "added"): Nn_("{n} source added", "{n} sources added"),
    ("refutes", "removed"): Nn_("{n} refuting source removed", "{n} refuting sources removed"),
    ("supports", "removed"): Nn_("{n} supporting source removed", "{n} supporting sources removed"),
    ("context", "removed"): Nn_("{n} context source removed", "{n} context sources removed"),
    (None, "removed"): Nn_("{n} source removed", "{n} sources removed"),
}


def _count(n: int, stance: str | None, verb: str, words: NullTranslations) -> str:
    singular, plural = _EVIDENCE_WORDS[(stance, verb)]
    return words.ngettext(singular, plural, n).format(n=n)


def evidence_words(
    cited: Iterable[Cited], verb: str, words: NullTranslations | None = None
) -> list[str]:
    """('2 refuting sources added', …) per stance, in a fixed order."""
    words = words or NullTranslations()
    by_stance = Counter(stance for _, stance in cited)
    return [_count(by_stance[s], s, verb, words) for s in STANCE_WORDS if by_stance[s]] + [
        _count(n, None, verb, words) for s, n in by_stance.items() if s not in STANCE_WORDS
    ]


def describe_change(
    change: Change, label: Callable[[str], str], words: NullTranslations | None = None
) -> str:
    """An editor's words for one change; `label` turns a rating key into its label;
    `words`: the reader's language (English by default)."""
    t = words or NullTranslations()
    if change.kind == "published":
        if not change.after:
            return t.gettext("published")
        return t.gettext("published, rated {rating}").format(rating=label(change.after))
    if change.kind == "republished":
        return t.gettext("published again, rated {rating}").format(rating=label(change.after))
    if change.kind == "rating":
        return t.gettext("rating {before} → {after}").format(
            before=label(change.before), after=label(change.after)
        )
    if change.kind == "conclusion":
        return t.gettext("conclusion rewritten")
    if change.kind == "corrected":
        return t.gettext("correction logged")
    if change.kind == "withdrawn":
        return t.gettext("withdrawn")
    return t.gettext("; ").join(
        evidence_words(change.added, "added", t) + evidence_words(change.removed, "removed", t)
    )
