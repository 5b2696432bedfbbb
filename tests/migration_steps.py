"""A synthetic record schema history for testing `factdesk migrate` and FD051.

No release has renamed a field yet, so the real registry is empty. These steps pretend
that older schema versions named today's fields differently; records written with the
old names (`OLD_CLAIM`, `OLD_SOURCE`) migrate into records the current models accept.
"""

from __future__ import annotations

import pytest

import factdesk
from factdesk.records import migrations as m

STEPS = (
    m.Step(
        2,
        "the claim's statement is `claim`; evidence remarks are notes; the verdict moves up",
        (
            m.rename("claim", "statement", "claim"),
            m.rename("claim", "evidence[].remark", "note"),
            m.rename("claim", "claimant.account", "handle"),
            m.Move("claim", "verdict.rating", "rating"),
            m.Move("claim", "verdict.conclusion", "conclusion"),
            m.Remove("claim", "verdict"),
            m.Wrap("claim", "authors"),
        ),
    ),
    m.Step(
        3,
        "a source's remarks join its notes; a claim's summary is gone",
        (m.Remove("source", "remarks", into="notes"), m.Remove("claim", "summary")),
    ),
)
LATEST = 3

# Line numbers matter: tests and code cases name them.
OLD_CLAIM = """\
# A claim written for schema version 1 of the synthetic history.
id: claim-a  # the id
title: A claim
statement: The sky is green
claimant:
  name: Someone
  account: "@someone"  # their handle
verdict:
  rating: "false"  # rated
  # why this rating
  conclusion: It is not.
evidence:
  - source: src-a
    stance: refutes
    remark: Look at the sky.  # see the photo
authors: Jane Doe
# when it went out
published: 2024-01-02
status: published
"""
OLD_SOURCE = """\
id: src-a
title: A source
kind: article
notes: Old notes.
# a second thought
remarks: Extra remark.
"""
OLD_DESK = """\
site_name: t
site_url: https://example.org/t/
plugins:
  - search
  - factdesk:
      # how to search
      search: auto
"""
OLD_FILES: dict[str, str | bytes | None] = {
    "mkdocs.yml": OLD_DESK,
    "claims/claim-a.yaml": OLD_CLAIM,
    "sources/src-a.yaml": OLD_SOURCE,
}


def use_synthetic_history(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make this factdesk one whose record schema is at version 3, reached by STEPS."""
    monkeypatch.setattr(m, "STEPS", STEPS)
    monkeypatch.setattr(factdesk, "SCHEMA_VERSION", str(LATEST))
