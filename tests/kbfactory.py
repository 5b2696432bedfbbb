"""Build small knowledge bases on disk for tests: one valid claim and source, plus changes."""

from __future__ import annotations

from pathlib import Path

BASE_SOURCE = """\
id: src-a
title: A source
kind: article
"""

# Line numbers matter: the code cases assert them.
BASE_CLAIM = """\
id: claim-a
title: A claim
claim: The sky is green
claimant:
  name: Someone
rating: "false"
conclusion: It is not.
evidence:
  - source: src-a
    stance: refutes
published: 2024-01-02
status: published
"""

BASE_FILES: dict[str, str | bytes] = {
    "claims/claim-a.yaml": BASE_CLAIM,
    "sources/src-a.yaml": BASE_SOURCE,
}


def claim_with(old: str, new: str) -> str:
    assert old in BASE_CLAIM, old
    return BASE_CLAIM.replace(old, new, 1)


def write_kb(root: Path, files: dict[str, str | bytes | None]) -> Path:
    """Write BASE_FILES overlaid with `files` (None deletes a base file)."""
    merged: dict[str, str | bytes | None] = {**BASE_FILES, **files}
    for rel, content in merged.items():
        if content is None:
            continue
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root
