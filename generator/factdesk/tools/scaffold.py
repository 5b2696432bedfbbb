"""Commented skeletons for `factdesk new`: a first-time contributor fills in the blanks."""

from __future__ import annotations

import json
from pathlib import Path

from factdesk.load.discover import discover
from factdesk.records.models import BY_KIND
from factdesk.records.schema import SCHEMA_DIR

CLAIM = """\
# A new fact-check. Fill in the fields, then run `factdesk validate`.
# Every field is explained in docs/records.md.
id: {id}
# The headline readers see.
title: "TODO: headline of the fact-check"
# The claim as it was made: short (75 characters at most), with no verdict in it.
claim: "TODO: the claim as made"
# Made in another language than this fact-check's? Write `claim` in the fact-check's
# language and keep the words as made here, in their own script, e.g.
#   original_claim:
#     text: 서울의 하늘은 초록색이다
#     language: ko
claimant:
  name: "TODO: who made the claim"
  kind: unknown  # person, organisation, media, government, social-account, group, unknown
# When the claim entered public discourse: YYYY-MM-DD, or YYYY-MM / YYYY if that is all you know.
claim_date:
# Where the claim was seen. Each item needs a url or a source id, e.g.
#   - url: https://www.tiktok.com/@account/video/123
#     platform: TikTok
#     date: 2023-02-09
#     archive_url: https://web.archive.org/web/…
#     first: true
appearances: []
# A key of the site's rating scale (docs: Ratings), e.g. false, misleading, unproven.
# Leave it empty until an editor decides; a published claim needs one.
rating:
# The verdict explained in one or two sentences.
conclusion:
# The full analysis, in Markdown.
analysis: |
  TODO: what was checked, how, and what was found.
# Each piece of evidence cites a file in sources/, e.g.
#   - source: rsf-world-press-freedom-index-2023
#     stance: refutes  # supports, refutes or context
#     quote: "the exact words"
#     quote_language: ko  # only when not the fact-check's language; then also:
#     quote_translation: "the words in the fact-check's language"
#     locator: page 3
evidence: []
topics: []
authors: []
# draft: validated but not published. Set to published when an editor has approved it.
status: draft
"""

SOURCE = """\
# A new source. Cite it as precisely as you can; never guess a URL or a date.
# Every field is explained in docs/records.md.
id: {id}
title: "TODO: title of the article, report or post"
# article, report, dataset, social-post, social-profile, video, image, audio,
# official-document, court-record, statement, testimony, book, website, other
kind: article
# The address of the original, if known.
url:
publisher:
authors: []
# YYYY-MM-DD (or YYYY-MM / YYYY when that is all the source gives).
published:
# When you read it (YYYY-MM-DD).
accessed:
# A permanent copy from web.archive.org or archive.today.
archive_url:
language: en
notes:
"""

TEMPLATES: dict[str, str] = {"claim": CLAIM, "source": SOURCE}  # by record kind


def schema_line(kind: str) -> str:
    """The comment that points editors' YAML support at the record's JSON Schema, for a
    record file at the top of its folder (where `new` and `import` write them)."""
    return f"# yaml-language-server: $schema=../{SCHEMA_DIR}/{BY_KIND[kind].schema_file}\n"


def existing_ids(root: Path, folder: str) -> dict[str, str]:
    """Ids already taken in `folder` (claims or sources, sub-folders included) → the file."""
    files, _ = discover(root)
    return {f.stem: f.rel for f in files if f.folder == folder}


def skeleton_path(root: Path, kind: str, rid: str) -> Path:
    """Where a new record of this kind ("claim" or "source") is written: by `factdesk new`,
    and by the importer for records the knowledge base does not hold yet."""
    return root / BY_KIND[kind].folder / f"{rid}.yaml"


def skeleton(kind: str, rid: str, claim: str | None = None) -> str:
    """The commented record; `claim`: the claim's text, written in place of its TODO (as a
    JSON string, which YAML reads back exactly, whatever the text holds)."""
    text = schema_line(kind) + TEMPLATES[kind].format(id=rid)
    if claim is not None:
        text = text.replace(
            'claim: "TODO: the claim as made"', f"claim: {json.dumps(claim, ensure_ascii=False)}", 1
        )
    return text


def claim_line(text: str) -> int:
    """The line of a skeleton's `claim:` field (1-based), where a warning about it points."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith("claim:"))
