"""Knowledge bases that put one text into every free-text field of a claim and a source,
and the check that each text is refused, or kept exactly in the API and on its page.
Shared by the naughty-strings test and the random-text property test."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from factdesk.check.pipeline import Validation
from pagecheck import check_page
from yamltext import quoted

from kbfactory import BASE_SOURCE

# Where each free-text field kind lives in a record; the claim's own text fields first.
CLAIM_FIELDS: dict[str, tuple[str | int, ...]] = {
    "title": ("title",),
    "claim": ("claim",),
    "claimant name": ("claimant", "name"),
    "claimant description": ("claimant", "description"),
    "conclusion": ("conclusion",),
    "analysis": ("analysis",),
    "quote": ("evidence", 0, "quote"),
    "evidence note": ("evidence", 0, "note"),
    "appearance note": ("appearances", 0, "note"),
    "correction note": ("corrections", 0, "note"),
}
SOURCE_FIELDS: dict[str, tuple[str | int, ...]] = {
    "source title": ("title",),
    "publisher": ("publisher",),
    "source notes": ("notes",),
}
# Markdown, rendered and sanitised: its words reach the page, not its exact text.
NOT_VERBATIM_ON_PAGE = {"analysis"}


def claim_yaml(cid: str, texts: dict[str, str]) -> str:
    """A published claim with texts[field] in each of CLAIM_FIELDS."""
    q = {field: quoted(text) for field, text in texts.items()}
    return f"""\
id: {cid}
title: {q["title"]}
claim: {q["claim"]}
claimant:
  name: {q["claimant name"]}
  description: {q["claimant description"]}
appearances:
  - url: https://e.example/post
    note: {q["appearance note"]}
rating: "false"
conclusion: {q["conclusion"]}
analysis: {q["analysis"]}
evidence:
  - source: src-a
    stance: refutes
    quote: {q["quote"]}
    note: {q["evidence note"]}
published: 2024-01-02
corrections:
  - date: 2024-01-03
    kind: update
    note: {q["correction note"]}
status: published
"""


def source_yaml(sid: str, text: str) -> str:
    q = quoted(text)
    return f"id: {sid}\ntitle: {q}\nkind: report\npublisher: {q}\nnotes: {q}\n"


def write_base(root: Path) -> None:
    for kind in ("claims", "sources"):
        (root / kind).mkdir(parents=True)
    (root / "sources" / "src-a.yaml").write_text(BASE_SOURCE, encoding="utf-8")


def write_batch(root: Path, strings: list[str]) -> Path:
    """Claim n<i> and source s<i> hold strings[i] in every free-text field."""
    write_base(root)
    for n, text in enumerate(strings):
        claim = claim_yaml(f"n{n}", dict.fromkeys(CLAIM_FIELDS, text))
        (root / "claims" / f"n{n}.yaml").write_text(claim, encoding="utf-8")
        (root / "sources" / f"s{n}.yaml").write_text(source_yaml(f"s{n}", text), encoding="utf-8")
    return root


def at(record: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        record = record[part]
    return record


def refused(result: Validation, rel: str) -> bool:
    return any(d.file == rel for d in result.errors)


def page_text(page: str) -> str:
    return "".join(check_page(page).text)


def lost_values(strings: list[str], result: Validation, site: dict[str, str]) -> list[str]:
    """Every accepted string that is not in the API exactly or not shown on its page."""
    claims = {c["id"]: c for c in json.loads(site["api/claims.json"])["claims"]}
    sources = {s["id"]: s for s in json.loads(site["api/sources.json"])["sources"]}
    lost: list[str] = []
    for n, text in enumerate(strings):
        for rid, kind, fields, api in [
            (f"n{n}", "claims", CLAIM_FIELDS, claims),
            (f"s{n}", "sources", SOURCE_FIELDS, sources),
        ]:
            if refused(result, f"{kind}/{rid}.yaml"):
                continue  # refused with a diagnostic that names the file
            shown = page_text(site[f"{kind}/{rid}.md"])
            for field, where in fields.items():
                if rid not in api or at(api[rid], where) != text:
                    lost.append(f"{text!r}: {field} changed in the API")
                elif field not in NOT_VERBATIM_ON_PAGE and text not in shown:
                    lost.append(f"{text!r}: {field} not shown as written on {kind}/{rid}.md")
    return lost
