"""Deterministic synthetic knowledge bases for benchmarks: N claims, N/2 sources.

Field sizes follow the example knowledge base (a claim file is about 1.3 KB): evidence,
observations, corrections, topics, and claimants shared across claims.
"""

from __future__ import annotations

import random
from pathlib import Path

RATINGS = [
    "true",
    "mostly-true",
    "half-true",
    "mostly-false",
    "false",
    "misleading",
    "missing-context",
    "unproven",
    "satire",
]
TOPICS = [
    "north-korea",
    "tiktok",
    "china",
    "us-politics",
    "health",
    "climate",
    "elections",
    "economy",
    "migration",
    "science",
    "media",
    "war",
]
WORDS = (
    "account",
    "video",
    "claim",
    "report",
    "government",
    "press",
    "freedom",
    "index",
    "follower",
    "data",
    "platform",
    "evidence",
    "statement",
    "source",
    "archive",
    "ranking",
    "country",
    "official",
    "article",
    "record",
    "review",
    "image",
    "map",
    "road",
    "night",
    "city",
    "judge",
    "ban",
    "law",
    "state",
    "audio",
    "leak",
)


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def source_text(i: int, rng: random.Random) -> str:
    return (
        f"id: source-{i:06d}\n"
        f"title: {_sentence(rng, 8)}\n"
        "kind: article\n"
        f"publisher: Publisher {i % 97}\n"
        "authors:\n"
        f"  - Author {i % 211}\n"
        f"published: 2023-{1 + i % 12:02d}-{1 + i % 28:02d}\n"
        "language: en\n"
        f"notes: {_sentence(rng, 14)}\n"
    )


def claim_text(i: int, n_sources: int, rng: random.Random) -> str:
    # The first source cycles through all of them, so every source is cited.
    src = [f"source-{i % n_sources:06d}"]
    src += [f"source-{rng.randrange(n_sources):06d}" for _ in range(2)]
    topics = "\n".join(f"  - {t}" for t in rng.sample(TOPICS, 2))
    return (
        f"id: claim-{i:06d}\n"
        f"title: {_sentence(rng, 10)}\n"
        f"claim: Claim number {i} {_sentence(rng, 6)}\n"
        "claimant:\n"
        f"  name: Claimant {i % 300}\n"
        "  kind: social-account\n"
        "  platform: TikTok\n"
        f"claim_date: 2023-{1 + i % 12:02d}\n"
        "appearances:\n"
        f"  - source: {src[0]}\n"
        "    first: true\n"
        f'rating: "{RATINGS[i % len(RATINGS)]}"\n'
        f"conclusion: {_sentence(rng, 24)}\n"
        "analysis: |\n"
        f"  {_sentence(rng, 40)}\n\n"
        f"  {_sentence(rng, 40)}\n"
        "evidence:\n"
        f"  - source: {src[1]}\n"
        "    stance: refutes\n"
        f"    quote: {_sentence(rng, 16)}\n"
        f"  - source: {src[2]}\n"
        "    stance: context\n"
        f"    note: {_sentence(rng, 12)}\n"
        "observations:\n"
        f"  - subject: Account {i % 300}\n"
        "    metric: followers\n"
        f"    value: {rng.randrange(1000, 900000)}\n"
        "    qualifier: over\n"
        '    as_of: "2023"\n'
        f"    source: {src[1]}\n"
        f"topics:\n{topics}\n"
        "authors:\n"
        "  - Bench Desk\n"
        "published: 2024-01-15\n"
        "corrections:\n"
        "  - date: 2024-02-01\n"
        "    kind: clarification\n"
        f"    note: {_sentence(rng, 10)}\n"
        "status: published\n"
    )


def write_kb(root: Path, n: int, seed: int = 1) -> Path:
    """Write a knowledge base of `n` claims and n/2 sources (every source cited)."""
    rng = random.Random(seed)
    n_sources = max(1, n // 2)
    (root / "claims").mkdir(parents=True, exist_ok=True)
    (root / "sources").mkdir(parents=True, exist_ok=True)
    for i in range(n_sources):
        (root / "sources" / f"source-{i:06d}.yaml").write_text(source_text(i, rng))
    for i in range(n):
        (root / "claims" / f"claim-{i:06d}.yaml").write_text(claim_text(i, n_sources, rng))
    return root


SITE_CONFIG = """\
site_name: factdesk benchmark
site_url: https://example.org/bench/
theme:
  name: material
plugins:
  - search
{factdesk}not_in_nav: |
  /claims/
  /sources/
  /claimants/
  /topics/
nav:
  - Home: index.md
{nav}"""
GENERATED_NAV = """\
  - Browse: browse.md
  - Latest: latest.md
  - Ratings: ratings.md
  - Topics: topics.md
  - Claimants: claimants.md
  - Sources: sources.md
  - Corrections: corrections.md
  - Statistics: stats.md
"""


def write_site(root: Path, n: int, seed: int = 1, *, material_search: bool = True) -> Path:
    """A knowledge base with mkdocs.yml and a home page: what `factdesk build` needs.
    Without `material_search`, mkdocs.yml has no `search` plugin, as the configuration
    page advises a large desk searched with Pagefind."""
    write_kb(root, n, seed)
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "index.md").write_text("# Benchmark\n\n<!-- factdesk:latest -->\n")
    plugin = "  - factdesk:\n      publisher:\n        name: Bench Desk\n"
    config = SITE_CONFIG.format(factdesk=plugin, nav=GENERATED_NAV)
    if not material_search:
        config = config.replace("  - search\n", "", 1)
    (root / "mkdocs.yml").write_text(config)
    return root


def write_plain_site(root: Path, rendered_docs: Path) -> Path:
    """The same pages, pre-rendered, with a plain MkDocs config (no factdesk plugin)."""
    config = SITE_CONFIG.format(factdesk="", nav=GENERATED_NAV)
    (root / "mkdocs.yml").write_text(config + f"docs_dir: {rendered_docs}\n")
    return root
