"""Import ClaimReview files into a knowledge base: map, write formatted records, validate.

An existing record is never overwritten without `update=True`; with it, the fields a
ClaimReview carries are replaced and everything else an editor wrote (analysis, evidence,
observations, topics, corrections…) is kept. The records written are validated at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from factdesk.check.pipeline import validate_root
from factdesk.diagnostics import Diagnostic
from factdesk.load.discover import discover
from factdesk.load.loader import load_file
from factdesk.load.site_config import load_settings
from factdesk.records.models import BY_KIND, RecordKind
from factdesk.records.settings import Settings
from factdesk.tools.fmt import format_record_text
from factdesk.tools.importer.mapping import Mapped, map_review
from factdesk.tools.importer.ratings import alias_table
from factdesk.tools.importer.read import Found, read_file
from factdesk.tools.progress import Step
from factdesk.tools.scaffold import schema_line, skeleton_path

# The claim fields a ClaimReview carries; --update replaces exactly these.
CARRIED = (
    "title",
    "claim",
    "claim_date",
    "appearances",
    "rating",
    "conclusion",
    "published",
    "updated",
    "language",
)


@dataclass
class ImportReport:
    written: list[str] = field(default_factory=list)
    drafts: list[str] = field(default_factory=list)
    skipped: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)


def _clean(value: Any) -> Any:
    """Drop empty values, so records hold only what the review said."""
    if isinstance(value, dict):
        cleaned = {k: _clean(v) for k, v in value.items()}
        return {k: v for k, v in cleaned.items() if v not in (None, [], {}, "")}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def _ordered(record: dict[str, Any], kind: RecordKind) -> dict[str, Any]:
    order = list(BY_KIND[kind].model.model_fields)
    return dict(sorted(record.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99))


def record_text(record: dict[str, Any], kind: RecordKind, display: str, header: list[str]) -> str:
    body = yaml.safe_dump(
        _ordered(_clean(record), kind), sort_keys=False, allow_unicode=True, width=88
    )
    comments = "".join(f"# {line}\n" for line in header)
    return format_record_text(schema_line(kind) + comments + body, kind, display).text


def _merge_claim(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    merged = dict(old)
    for key in CARRIED:
        if new.get(key) not in (None, [], ""):
            merged[key] = new[key]
        elif key != "rating":  # an editor's verdict stands when the import has none
            merged.pop(key, None)
    claimant = dict(old.get("claimant") or {})
    claimant.update({k: v for k, v in new["claimant"].items() if k != "kind"})
    if claimant.get("kind") in (None, "unknown"):
        claimant["kind"] = new["claimant"]["kind"]
    merged["claimant"] = claimant
    evidence = list(old.get("evidence") or [])
    cited = {e.get("source") for e in evidence if isinstance(e, dict)}
    evidence += [e for e in new["evidence"] if e["source"] not in cited]
    merged["evidence"] = evidence
    if merged.get("rating") is None:
        merged["status"] = "draft"
    return merged


class _Importer:
    def __init__(self, root: Path, settings: Settings, update: bool) -> None:
        self.root = root
        self.settings = settings
        self.update = update
        self.table = alias_table(settings)
        files, _ = discover(root)
        self.existing = {(f.kind, f.stem): f.path for f in files}
        self.planned: dict[tuple[RecordKind, str], tuple[dict[str, Any], list[str]]] = {}
        self.report = ImportReport()

    def diag(self, found: Found, code: str, message: str, hint: str) -> None:
        self.report.diagnostics.append(
            Diagnostic.make(
                code, found.file, (found.line, 1), f"item {found.index}: {message}", hint
            )
        )

    def take(self, found: Found) -> None:
        mapped = map_review(
            found.node,
            self.table,
            self.settings.site_url,
            f"{Path(found.file).name}, item {found.index}",
        )
        for problem in mapped.problems:
            self.diag(found, problem.code, f"{problem.field}: {problem.message}", problem.hint)
        if not mapped.claim or mapped.source is None:
            self.report.skipped += 1
            return
        cid = mapped.claim["id"]
        if ("claim", cid) in self.planned:
            self.diag(
                found,
                "FD205",
                f"claim '{cid}' was already imported from an earlier item",
                "the same review appears twice; only the first was imported",
            )
            self.report.skipped += 1
            return
        if ("claim", cid) in self.existing and not self.update:
            self.diag(
                found,
                "FD205",
                f"claims/{cid}.yaml exists already; not overwritten",
                "rerun with --update to refresh the fields ClaimReview carries",
            )
            self.report.skipped += 1
            return
        self._plan(found, mapped)

    def _plan(self, found: Found, mapped: Mapped) -> None:
        assert mapped.source is not None
        cid, sid = mapped.claim["id"], mapped.source["id"]
        claim = mapped.claim
        if ("claim", cid) in self.existing:
            old = load_file(self.existing[("claim", cid)], cid).data or {}
            claim = _merge_claim(old, claim)
        header = [f"Imported from ClaimReview: {Path(found.file).name}, item {found.index}."]
        if claim.get("status") == "draft" and mapped.missing:
            header.append(
                f"DRAFT: the review gave no {', '.join(mapped.missing)} usable here; "
                "an editor completes it and sets `status: published`."
            )
        self.planned[("claim", cid)] = (claim, header)
        if ("source", sid) not in self.existing or self.update:
            self.planned[("source", sid)] = (mapped.source, header[:1])

    def write(self) -> None:
        for (kind, rid), (record, header) in sorted(self.planned.items()):
            path = self.existing.get((kind, rid)) or skeleton_path(self.root, kind, rid)
            display = path.relative_to(self.root).as_posix()
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(record_text(record, kind, display, header), encoding="utf-8")
            self.report.written.append(display)
            if kind == "claim" and record.get("status") == "draft":
                self.report.drafts.append(display)


def import_claimreview(
    root: Path, paths: list[Path], *, update: bool = False, progress: Step = lambda n: None
) -> ImportReport:
    settings, problems = load_settings(root)
    importer = _Importer(root, settings, update)
    importer.report.diagnostics += problems
    for path in paths:
        found, unreadable = read_file(path, str(path))
        importer.report.diagnostics += unreadable
        for item in found:
            importer.take(item)
        progress(1)
    importer.write()
    written = set(importer.report.written)
    result = validate_root(root)
    importer.report.diagnostics += [d for d in result.diagnostics if d.file in written]
    return importer.report
