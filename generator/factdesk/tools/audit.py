"""`factdesk audit`: how far the desk meets the checkable parts of the IFCN Code of
Principles, measured on its pages and records.

Pages count as filled when they exist and hold no `[FILL IN: …]` marker (the FD112 scan
of check/placeholders.py) in the paragraph that makes the commitment. Records are counted:
each check says how many of how many meet it, and names what does not.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from factdesk.check.placeholders import placeholder_diagnostics
from factdesk.kb import KnowledgeBase

# How many missing items a check names; the count says how many more there are.
NAMED = 10


@dataclass(frozen=True)
class Finding:
    """One checkable commitment: how many items meet it, of how many, and which do not."""

    key: str
    principle: str
    done: int
    total: int
    missing: tuple[str, ...] = ()

    @property
    def met(self) -> bool:
        return self.done == self.total


@dataclass(frozen=True)
class PageCommitment:
    key: str
    principle: str
    page: str  # docs-relative
    keyword: str  # the paragraph that makes the commitment; "" for the whole page


PAGES = (
    PageCommitment("methodology", "Methodology published", "methodology.md", ""),
    PageCommitment(
        "corrections-policy", "Corrections policy published", "corrections-policy.md", ""
    ),
    PageCommitment("funding", "Funding disclosed", "about.md", "funding"),
    PageCommitment("non-partisanship", "Non-partisanship stated", "about.md", "partisan"),
)


def _paragraph(text: str, keyword: str) -> range | None:
    """The lines (1-based) of the first paragraph that mentions `keyword`."""
    lines = text.splitlines()
    start = None
    for number, line in enumerate([*lines, ""], 1):
        if not line.strip():
            if start is not None and keyword in "\n".join(lines[start - 1 : number - 1]).lower():
                return range(start, number)
            start = None
        elif start is None:
            start = number
    return None


def page_finding(
    root: Path, docs_dir: str, item: PageCommitment, marked: set[tuple[str, int]]
) -> Finding:
    rel = f"{docs_dir}/{item.page}"
    path = root / rel
    if not path.is_file():
        return Finding(item.key, item.principle, 0, 1, (f"{rel} is missing",))
    text = path.read_text(encoding="utf-8", errors="replace")
    lines = _paragraph(text, item.keyword) if item.keyword else range(1, len(text.splitlines()) + 2)
    if lines is None:
        return Finding(item.key, item.principle, 0, 1, (f"{rel} does not mention {item.keyword}",))
    left = [n for n in lines if (rel, n) in marked]
    if left:
        return Finding(
            item.key, item.principle, 0, 1, (f"{rel}, line {left[0]}: still [FILL IN: …]",)
        )
    return Finding(item.key, item.principle, 1, 1)


def _count(key: str, principle: str, items: Iterable[tuple[str, bool]]) -> Finding:
    pairs = list(items)
    missing = tuple(name for name, ok in pairs if not ok)
    shown = missing[:NAMED] + (
        (f"and {len(missing) - NAMED} more",) if len(missing) > NAMED else ()
    )
    return Finding(key, principle, len(pairs) - len(missing), len(pairs), shown)


def record_findings(kb: KnowledgeBase) -> list[Finding]:
    sources = [e.record for _, e in sorted(kb.sources.items())]
    # Another publisher's fact-check is cited by its address and asks for no archive.
    archivable = [s for s in sources if s.url and not s.rating_label]
    claims = sorted(kb.published, key=lambda c: c.id)
    return [
        _count("source-links", "Sources linked", ((s.id, s.url is not None) for s in sources)),
        _count(
            "source-archives",
            "Linked sources archived",
            ((s.id, s.archive_url is not None) for s in archivable),
        ),
        _count(
            "claimants",
            "Claimants attributed (who, and where they said it)",
            ((c.id, c.claimant.kind != "unknown" and bool(c.appearances)) for c in claims),
        ),
        _count(
            "corrections",
            "Changes after publication logged as corrections",
            ((c.id, c.updated is None or bool(c.corrections)) for c in claims),
        ),
        _count(
            "reviews", "Second reading recorded", ((c.id, bool(c.second_readers)) for c in claims)
        ),
    ]


def audit(root: Path, kb: KnowledgeBase) -> list[Finding]:
    docs_dir = kb.settings.docs_dir
    marked = {(d.file, d.line) for d in placeholder_diagnostics(root, docs_dir)}
    pages = [page_finding(root, docs_dir, item, marked) for item in PAGES]
    return pages + record_findings(kb)


def as_table(findings: list[Finding]) -> str:
    """A Markdown table (readable on a terminal and in a job summary)."""
    rows = ["| principle | met | count | missing |", "| --- | --- | --- | --- |"]
    for f in findings:
        missing = "; ".join(f.missing).replace("|", "\\|")
        rows.append(
            f"| {f.principle} | {'yes' if f.met else 'no'} | {f.done}/{f.total} | {missing} |"
        )
    met = sum(f.met for f in findings)
    return "\n".join([*rows, "", f"{met} of {len(findings)} met"]) + "\n"


def as_json(findings: list[Finding]) -> dict[str, object]:
    return {
        "met": sum(f.met for f in findings),
        "total": len(findings),
        "checks": [{**asdict(f), "missing": list(f.missing), "met": f.met} for f in findings],
    }
