"""Commented skeletons for `factdesk new`: a first-time contributor fills in the blanks."""

from __future__ import annotations

from pathlib import Path

from factdesk.load.discover import KINDS, discover

CLAIM = """\
# yaml-language-server: $schema=../schemas/claim.schema.json
# A new fact-check. Fill in the fields, then run `factdesk validate`.
# Every field is explained in docs/records.md.
id: {id}
# The headline readers see.
title: "TODO: headline of the fact-check"
# The claim as it was made: short (75 characters at most), with no verdict in it.
claim: "TODO: the claim as made"
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
#     locator: page 3
evidence: []
topics: []
authors: []
# draft: validated but not published. Set to published when an editor has approved it.
status: draft
"""

SOURCE = """\
# yaml-language-server: $schema=../schemas/source.schema.json
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

TEMPLATES = {"claim": CLAIM, "source": SOURCE}


def existing_ids(root: Path, kind: str) -> dict[str, str]:
    files, _ = discover(root)
    return {f.stem: f.rel for f in files if f.kind == kind}


def skeleton_path(root: Path, kind: str, rid: str) -> Path:
    folder = KINDS[0] if kind == "claim" else KINDS[1]
    return root / folder / f"{rid}.yaml"


def skeleton(kind: str, rid: str) -> str:
    return TEMPLATES[kind].format(id=rid)
