"""One failing knowledge base per diagnostic code: (files, file, line) it must report."""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

from kbfactory import BASE_CLAIM, claim_with

C = "claims/claim-a.yaml"
S = "sources/src-a.yaml"


@dataclass(frozen=True)
class Case:
    files: dict[str, str | bytes | None]
    file: str
    line: int


MIB = 1024 * 1024
SETTINGS_BAD_COLOR = """\
site_name: t
plugins:
  - factdesk:
      ratings:
        - key: "false"
          label: False
          definition: Not accurate.
          color: red
"""
SETTINGS_TOPICS = """\
site_name: t
plugins:
  - factdesk:
      topics: [north-korea, tiktok]
"""

SETTINGS_LANGUAGES = """\
site_name: t
plugins:
  - factdesk:
      languages: {}
"""


def png_header(width: int, height: int) -> bytes:
    """The start of a PNG of the given size: enough for factdesk, which reads headers."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return (
        b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + chunk + struct.pack(">I", zlib.crc32(chunk))
    )


B = "claims/claim-b.yaml"


def translation(
    cid: str = "claim-b", of: str = "claim-a", language: str = "ko", **changes: str
) -> str:
    """BASE_CLAIM translated: id `cid`, `language`, `translation_of: of` (lines 13 and 14),
    with `changes` replacing whole lines by their field (rating, status)."""
    text = BASE_CLAIM.replace("claim-a", cid).replace(
        "The sky is green", f"하늘은 초록색이다 {cid}"
    )
    for field, value in changes.items():
        old = next(line for line in text.splitlines() if line.startswith(f"{field}:"))
        text = text.replace(old, f"{field}: {value}")
    return text + f"language: {language}\ntranslation_of: {of}\n"


PICTURE = "image:\n  file: media/post.png\n  alt: A post on X showing a map.\n"

CASES: dict[str, Case] = {
    "FD001": Case({C: b"id: claim-a\nanalysis: " + b"x" * (2 * MIB) + b"\n"}, C, 1),
    "FD002": Case({C: BASE_CLAIM.encode().replace(b"A claim", b"A \xff claim")}, C, 2),
    "FD003": Case({C: claim_with("title: A claim", "title: A claim: with a colon")}, C, 2),
    "FD004": Case({C: claim_with("claim: The sky", "title: Again\nclaim: The sky")}, C, 3),
    "FD005": Case({C: claim_with("title: A claim", "title: &t A claim\nsubtitle: *t")}, C, 2),
    "FD006": Case({C: claim_with("title: A claim", "title: !!python/object:os.system x")}, C, 2),
    "FD007": Case({C: BASE_CLAIM + "---\nid: second\n"}, C, 13),
    "FD008": Case({C: "- id: claim-a\n"}, C, 1),
    "FD009": Case({C: claim_with("title: A claim", "title: " + "[" * 40 + "]" * 40)}, C, 2),
    "FD010": Case(
        {"claims/Claim_B.yaml": BASE_CLAIM.replace("claim-a", "claim-b")}, "claims/Claim_B.yaml", 1
    ),
    "FD011": Case({C: claim_with("title: A claim", "titel: A claim")}, C, 2),
    "FD012": Case({C: claim_with("source: src-a", "source: src-b")}, C, 9),
    "FD013": Case({C: BASE_CLAIM + "related:\n  - claim-zzz\n"}, C, 14),
    "FD014": Case({C: claim_with("claimant:\n  name: Someone", "claimant: Someone")}, C, 4),
    "FD015": Case({C: claim_with("published: 2024-01-02", "published: 2024-13-02")}, C, 11),
    "FD016": Case({C: claim_with("id: claim-a", 'id: "Claim A"')}, C, 1),
    "FD017": Case({C: claim_with("id: claim-a", "id: claim-b")}, C, 1),
    "FD018": Case({"claims/2023/claim-a.yaml": BASE_CLAIM}, "claims/claim-a.yaml", 1),
    "FD019": Case({C: claim_with('rating: "false"', "rating: flase")}, C, 6),
    "FD020": Case(
        {S: "id: src-a\ntitle: A source\nkind: article\nurl: javascript:alert(1)\n"}, S, 4
    ),
    "FD021": Case({C: claim_with("stance: refutes", "stance: refute")}, C, 10),
    "FD022": Case({C: claim_with("title: A claim\n", "")}, C, 1),
    "FD023": Case(
        {
            C: BASE_CLAIM + "observations:\n  - subject: x\n    metric: followers\n"
            "    value: 146,500\n    as_of: 2023\n    source: src-a\n"
        },
        C,
        16,
    ),
    "FD024": Case({C: claim_with("title: A claim", 'title: "  "')}, C, 2),
    "FD030": Case({C: BASE_CLAIM + "claim_date: 2024-02-01\n"}, C, 11),
    "FD031": Case({C: BASE_CLAIM + "claim_date: 2999-01-01\n"}, C, 13),
    "FD032": Case(
        {
            C: claim_with("evidence:\n  - source: src-a\n    stance: refutes\n", "")
            + "appearances:\n  - source: src-a\n"
        },
        C,
        9,
    ),
    "FD033": Case({C: claim_with("conclusion: It is not.\n", "")}, C, 11),
    "FD034": Case({C: claim_with("published: 2024-01-02\n", "")}, C, 11),
    "FD035": Case(
        {
            C: BASE_CLAIM + "media_review:\n  media_type: image\n  categories:\n"
            "    - original\n    - transformed\n"
        },
        C,
        15,
    ),
    "FD036": Case(
        {"mkdocs.yml": SETTINGS_TOPICS, C: BASE_CLAIM + "topics:\n  - north-koera\n"}, C, 14
    ),
    "FD037": Case(
        {
            C: BASE_CLAIM + "appearances:\n  - source: src-a\n    first: true\n"
            "  - url: https://example.org/x\n    first: true\n"
        },
        C,
        17,
    ),
    "FD038": Case({"mkdocs.yml": SETTINGS_BAD_COLOR}, "mkdocs.yml", 8),
    "FD039": Case({C: BASE_CLAIM + "language: English\n"}, C, 13),
    "FD041": Case({C: BASE_CLAIM + "authors:\n" + "  - A\n" * 1001}, C, 14),
    # A folder named like a record file: reported, never walked into.
    "FD042": Case({"claims/claim-b.yaml/claim-b.yaml": BASE_CLAIM}, "claims/claim-b.yaml", 1),
    "FD109": Case({"claims/claim-b.txt": BASE_CLAIM}, "claims/claim-b.txt", 1),
    "FD110": Case({C: BASE_CLAIM.replace("\n", "\r")}, C, 1),
    "FD045": Case(
        {
            "claims/claim-b.yaml": BASE_CLAIM.replace("claim-a", "claim-b")
            .replace("The sky is green", "The sea is red")
            .replace("name: Someone", "name: SOMEONE")
        },
        "claims/claim-b.yaml",
        5,
    ),
    # Line 14 is `file:` under `image:` (BASE_CLAIM has 12 lines).
    "FD046": Case({C: BASE_CLAIM + PICTURE}, C, 14),
    "FD047": Case({C: BASE_CLAIM + PICTURE, "media/post.png": png_header(5000, 20)}, C, 14),
    "FD048": Case({C: BASE_CLAIM + "image:\n  file: media/post.png\n"}, C, 13),
    "FD106": Case({C: claim_with("name: Someone", "name: Some\u202eone")}, C, 5),
    "FD107": Case({C: b"\xef\xbb\xbf" + BASE_CLAIM.encode()}, C, 1),
    "FD108": Case({C: BASE_CLAIM.replace("title: A claim\n", "title: A claim\r\n")}, C, 2),
    "FD040": Case({C: claim_with('rating: "false"\n', "")}, C, 11),
    "FD111": Case({C: BASE_CLAIM + "analysis: |\n  Intro.\n  [x](javascript:alert(1))\n"}, C, 15),
    # A desk whose records are written for a schema version this factdesk does not know yet.
    "FD052": Case(
        {"mkdocs.yml": "site_name: t\nplugins:\n  - factdesk:\n      schema_version: 99\n"},
        "mkdocs.yml",
        4,
    ),
    # A page of a desk started with `factdesk init`, one placeholder still to fill in.
    "FD112": Case(
        {"docs/about.md": "# About\n\n**Funding.** [FILL IN: who funds this desk]\n"},
        "docs/about.md",
        3,
    ),
    "FD101": Case(
        {"sources/src-b.yaml": "id: src-b\ntitle: B\nkind: report\n"}, "sources/src-b.yaml", 1
    ),
    "FD102": Case(
        {S: "id: src-a\ntitle: A source\nkind: article\nurl: https://example.org/a\n"}, S, 4
    ),
    "FD103": Case({C: claim_with("claim: The sky is green", "claim: " + "word " * 20)}, C, 3),
    "FD104": Case(
        {"claims/claim-b.yaml": BASE_CLAIM.replace("claim-a", "claim-b")}, "claims/claim-b.yaml", 3
    ),
    "FD105": Case({C: BASE_CLAIM + "related:\n  - claim-a\n"}, C, 14),
    # The same claim in other words, checked again: reported at the later file's claim.
    "FD113": Case(
        {
            "claims/claim-b.yaml": BASE_CLAIM.replace("claim-a", "claim-b").replace(
                "claim: The sky is green", "claim: Someone says the sky is green today"
            )
        },
        "claims/claim-b.yaml",
        3,
    ),
    "FD057": Case({C: claim_with("status: published", "status: withdrawn")}, C, 12),
    # Publishing in several languages: the languages the settings list (line 4 is `- ko`).
    "FD063": Case({"mkdocs.yml": SETTINGS_LANGUAGES.format("[en, kx]")}, "mkdocs.yml", 4),
    "FD064": Case(
        {"mkdocs.yml": SETTINGS_LANGUAGES.format("[en, ko]"), C: BASE_CLAIM + "language: ar\n"},
        C,
        13,
    ),
    "FD065": Case({"mkdocs.yml": SETTINGS_LANGUAGES.format("[en, ko, en]")}, "mkdocs.yml", 4),
    "FD117": Case({"mkdocs.yml": SETTINGS_LANGUAGES.format("[en, ko]")}, "mkdocs.yml", 4),
    "FD058": Case(
        {"mkdocs.yml": "site_name: t\nplugins:\n  - factdesk:\n      require_review: true\n"},
        C,
        12,
    ),
    "FD059": Case({C: BASE_CLAIM + "translation_of: claim-a\n"}, C, 13),
    "FD060": Case({B: translation(rating='"true"')}, B, 6),
    # claim-c translates claim-b, itself a translation of claim-a: name claim-a.
    "FD061": Case(
        {B: translation(), "claims/claim-c.yaml": translation("claim-c", "claim-b", "fr")},
        "claims/claim-c.yaml",
        14,
    ),
    "FD062": Case({B: translation(language="en")}, B, 14),
    "FD115": Case({C: claim_with("status: published", "status: draft"), B: translation()}, B, 12),
    "FD116": Case(
        {C: BASE_CLAIM + "original_claim:\n  text: The sky is green!\n  language: en\n"}, C, 15
    ),
}


# Import codes are about the import file: (its text, how many times it is imported, line).
@dataclass(frozen=True)
class ImportCase:
    text: str
    line: int
    runs: int = 1
    name: str = "review.json"


def review_json(**fields: object) -> str:
    """A minimal valid ClaimReview as JSON, with `fields` changed (None leaves one out)."""
    import json

    review: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://example.org/review",
        "claimReviewed": "The sky is green",
        "datePublished": "2024-01-02",
        "author": {"@type": "Organization", "name": "Org"},
        "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "Someone"}},
        "reviewRating": {"@type": "Rating", "alternateName": "False"},
    }
    review.update(fields)
    return json.dumps({k: v for k, v in review.items() if v is not None}, indent=2)


IMPORT_CASES: dict[str, ImportCase] = {
    "FD201": ImportCase('{\n  "a": 1,\n  oops\n}\n', 3),
    "FD202": ImportCase('{"@type": "WebPage"}\n', 1),
    "FD203": ImportCase(review_json(claimReviewed=None), 3),
    "FD204": ImportCase(
        review_json(reviewRating={"@type": "Rating", "alternateName": "Wobbly"}), 3
    ),
    "FD205": ImportCase(review_json(), 3, runs=2),
    "FD206": ImportCase(review_json(inLanguage="English please"), 3),
    # A page whose breadcrumb block is broken beside a good review: skipped, line 3.
    "FD207": ImportCase(
        '<html><head>\n<script type="application/ld+json">\n'
        '{"@type": "BreadcrumbList",}\n</script>\n'
        f'<script type="application/ld+json">{review_json()}</script>\n</head></html>\n',
        3,
        name="page.html",
    ),
}

# Link codes need an answer from the network: (the source's URL path, the answer as
# status, redirect target, error), reported at the source's `url:` line.
LINK_SOURCE = "sources/src-a.yaml"
LINK_CASES: dict[str, tuple[int | None, str | None, str | None]] = {
    "FD301": (404, None, None),
    "FD302": (301, "https://example.org/moved", None),
    "FD303": (None, None, "timed out"),
    "FD304": (200, None, None),
}

# Publishing codes are about mkdocs.yml and stop `factdesk build` (serve only warns):
# (mkdocs.yml's text, the line reported).
PUBLISHING_CASES: dict[str, tuple[str, int]] = {
    "FD049": ("site_name: t\nplugins:\n  - factdesk\n", 1),
    "FD050": (
        "site_name: t\nsite_url: https://example.org/t/\n"
        "repo_url: https://github.com/example/t\nplugins:\n  - factdesk\n",
        3,
    ),
    "FD066": (
        "site_name: t\nsite_url: https://example.org/t/\nplugins:\n  - factdesk:\n"
        "      card_fonts:\n        - fonts/missing.otf\n",
        6,
    ),
}

# Migration codes need a schema history, and no release has renamed a field yet: they run
# with the synthetic one (tests/migration_steps.py). (files, command, file, line): FD051
# from `validate` at the field a step renamed; FD053 from `migrate` at a field a step
# removes while it still holds a value.
MIGRATION_CASES: dict[str, tuple[dict[str, str | bytes | None], str, str, int]] = {
    "FD051": (
        {C: claim_with("claim: The sky is green", "statement: The sky is green")},
        "validate",
        C,
        3,
    ),
    "FD053": ({C: BASE_CLAIM + "summary: Kept nowhere else.\n"}, "migrate", C, 13),
}


# Review codes compare the working tree with a base commit (`factdesk review`): the
# commits made over the base knowledge base (each a set of files, None deletes), then
# the working tree's changes, and the file and line reported.
@dataclass(frozen=True)
class ReviewCase:
    commits: tuple[dict[str, str | None], ...]
    head: dict[str, str | None]
    file: str
    line: int


CLAIM_B = BASE_CLAIM.replace("claim-a", "claim-b").replace("The sky is green", "The sea is red")
REVIEW_CASES: dict[str, ReviewCase] = {
    "FD054": ReviewCase((), {C: claim_with('rating: "false"', "rating: misleading")}, C, 6),
    "FD055": ReviewCase((), {C: None}, C, 1),
    "FD056": ReviewCase(
        ({"claims/claim-b.yaml": CLAIM_B}, {"claims/claim-b.yaml": None}),
        {"claims/claim-b.yaml": CLAIM_B.replace("The sea is red", "Cats can fly")},
        "claims/claim-b.yaml",
        1,
    ),
}

# Archive codes need an answer from Save Page Now: (status, headers), reported at the
# source's `url:` line (LINK_SOURCE, line 4).
ARCHIVE_CASES: dict[str, tuple[int | None, dict[str, str]]] = {
    "FD114": (404, {}),
}
