"""`factdesk diff BASE..HEAD`: a pull request described in an editor's words, as Markdown.

"false → misleading on claim x; 2 refuting sources added; new claim y (draft)". The
workflow writes it to the job summary and to one pull-request comment, found again by
DIFF_MARKER. Record text comes from the pull request, so every value is escaped: no link,
image, HTML or @mention can be written into the comment through a record.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from factdesk.load.revisions import records_at, resolve_revision
from factdesk.records.history import Snapshot, evidence_words
from factdesk.tools.review import claims_of, working_tree

DIFF_MARKER = "<!-- factdesk:diff -->"
_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")
Label = Callable[[str], str]


def md(text: str) -> str:
    """Contributor text as inert Markdown: HTML escaped, Markdown punctuation escaped, and
    `@` kept from becoming a mention (a zero-width space after it)."""
    flat = " ".join(text.split())
    return _PUNCTUATION.sub(r"\\\1", html.escape(flat, quote=False)).replace("@", "@&#8203;")


def _status(snap: Snapshot) -> str:
    return snap.status or "no status"


def claim_edits(old: Snapshot, new: Snapshot, label: Label) -> list[str]:
    """The changes between two versions of one claim, drafts included, in words."""
    found: list[str] = []
    if old.status != new.status:
        found.append(f"{md(_status(old))} → {md(_status(new))}")
    if old.rating != new.rating:
        found.append(f"{md(label(old.rating) or 'no rating')} → {md(label(new.rating))}")
    if old.conclusion != new.conclusion:
        found.append("conclusion rewritten")
    added = [e for e in new.evidence if e not in old.evidence]
    removed = [e for e in old.evidence if e not in new.evidence]
    found += evidence_words(added, "added") + evidence_words(removed, "removed")
    if new.corrections > old.corrections:
        found.append("correction logged")
    return found


def _new_claim(snap: Snapshot, label: Label) -> str:
    rated = f", rated {md(label(snap.rating))}" if snap.rating and snap.published else ""
    return f"new claim **{md(snap.id)}** ({md(_status(snap))}{rated})"


def claim_lines(
    before: dict[str, dict[str, Any]], after: dict[str, dict[str, Any]], label: Label
) -> list[str]:
    old, new = claims_of(before), claims_of(after)
    lines: list[str] = []
    for cid in sorted(old.keys() | new.keys()):
        if cid not in new:
            lines.append(f"claim **{md(cid)}** deleted")
        elif cid not in old:
            lines.append(_new_claim(new[cid].snap, label))
        elif before[old[cid].rel] != after[new[cid].rel]:
            edits = claim_edits(old[cid].snap, new[cid].snap, label) or ["edited"]
            lines.append(f"claim **{md(cid)}**: {'; '.join(edits)}")
    return lines


def source_line(before: dict[str, dict[str, Any]], after: dict[str, dict[str, Any]]) -> str:
    """One line for the sources: how many were added, changed and deleted, and which."""

    def ids(rels: set[str]) -> str:
        return ", ".join(md(Path(r).stem) for r in sorted(rels))

    old = {r for r in before if r.startswith("sources/")}
    new = {r for r in after if r.startswith("sources/")}
    changed = {r for r in old & new if before[r] != after[r]}
    parts = [
        f"{len(rels)} {word} ({ids(rels)})"
        for rels, word in ((new - old, "new"), (changed, "changed"), (old - new, "deleted"))
        if rels
    ]
    return f"sources: {'; '.join(parts)}" if parts else ""


def describe_changes(
    before: dict[str, dict[str, Any]],
    after: dict[str, dict[str, Any]],
    label: Label,
    heading: str,
) -> str:
    """The Markdown: the marker, a heading, a line per changed claim, a line for sources."""
    lines = claim_lines(before, after, label)
    sources = source_line(before, after)
    body = [f"- {line}" for line in [*lines, *([sources] if sources else [])]]
    return (
        "\n".join([DIFF_MARKER, f"### {heading}", "", *(body or ["No change to the records."])])
        + "\n"
    )


def working_records(root: Path) -> dict[str, dict[str, Any]]:
    """Record path → raw data of the working tree's records that load."""
    return {rel: one.data for rel, one in working_tree(root).items() if one.data is not None}


def diff_range(root: Path, spec: str, label: Label) -> str:
    """`BASE..HEAD`, or `BASE` alone against the working tree."""
    base, _, head = spec.partition("..")
    before = records_at(root, resolve_revision(root, base))
    after = records_at(root, resolve_revision(root, head)) if head else working_records(root)
    shown = f"{base}..{head}" if head else f"{base} and the working tree"
    return describe_changes(before, after, label, f"Fact-check changes between {md(shown)}")
