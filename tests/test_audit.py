"""`factdesk audit`: the IFCN principles a desk's pages and records can show."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from factdesk.check.pipeline import validate_root
from factdesk.cli import cli
from factdesk.tools.audit import audit

from conftest import MakeKB
from kbfactory import claim_with

FILLED = {
    "docs/methodology.md": "# Methodology\n\nHow we check.\n",
    "docs/corrections-policy.md": "# Corrections\n\nWe log every change.\n",
    "docs/about.md": "# About\n\n**Funding.** None.\n\n**Non-partisanship.** We check claims.\n",
}
GOOD_CLAIM = claim_with(
    "claimant:\n  name: Someone", "claimant:\n  name: Someone\n  kind: person"
).replace(
    "status: published",
    "appearances:\n  - url: https://example.org/said\n    archive_url: https://web.archive.org/web/1/x\n"
    "authors: [Ann]\nreview: {by: Bo, date: 2024-01-03}\nstatus: published",
)
GOOD_SOURCE = (
    "id: src-a\ntitle: A\nkind: article\nurl: https://example.org/a\n"
    "archive_url: https://web.archive.org/web/2/a\n"
)


def _findings(root: Path) -> dict[str, tuple[bool, tuple[str, ...]]]:
    return {f.key: (f.met, f.missing) for f in audit(root, validate_root(root).kb)}


def test_a_desk_that_meets_every_check(make_kb: MakeKB) -> None:
    root = make_kb({**FILLED, "claims/claim-a.yaml": GOOD_CLAIM, "sources/src-a.yaml": GOOD_SOURCE})
    assert all(met for met, _ in _findings(root).values()), _findings(root)
    result = CliRunner().invoke(cli, ["audit", "--root", str(root), "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["met"] == data["total"] == 9


def test_what_is_missing_is_named(make_kb: MakeKB) -> None:
    about = "# About\n\n**Funding.** [FILL IN: who funds this desk]\n\n**Non-partisanship.** Yes.\n"
    root = make_kb({**FILLED, "docs/about.md": about, "docs/methodology.md": None})
    found = _findings(root)
    assert found["funding"] == (False, ("docs/about.md, line 3: still [FILL IN: …]",))
    assert found["non-partisanship"][0] and not found["methodology"][0]
    assert found["source-links"] == (False, ("src-a",))
    assert found["reviews"] == (False, ("claim-a",))
    assert found["claimants"] == (False, ("claim-a",))
    result = CliRunner().invoke(cli, ["audit", "--root", str(root)])
    assert result.exit_code == 1
    assert "| Funding disclosed | no | 0/1 |" in result.stdout


def test_reviewer_rule_needs_someone_other_than_the_authors(make_kb: MakeKB) -> None:
    settings = "site_name: t\nplugins:\n  - factdesk:\n      require_review: true\n"
    own = GOOD_CLAIM.replace("by: Bo", "by: ann")  # an author reviewing their own work
    assert [
        d.code
        for d in validate_root(
            make_kb({"mkdocs.yml": settings, "claims/claim-a.yaml": own})
        ).diagnostics
        if d.is_error
    ] == ["FD058"]
    good = make_kb({"mkdocs.yml": settings, "claims/claim-a.yaml": GOOD_CLAIM})
    assert not validate_root(good).errors
