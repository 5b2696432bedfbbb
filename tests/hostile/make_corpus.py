"""Writes the hostile corpus: one file per attack and cases.yaml saying what each must do.

    python tests/hostile/make_corpus.py

Run it after changing the cases below; the files it writes are committed. A case expects
either a diagnostic code (the attack is refused with that code) or `safe` (the record is
accepted and must render without running anything: test_hostile_corpus.py checks the
output, and test_browser.py opens the pages in Chromium with a sentinel).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).parent
FILES = HERE / "files"
# Every payload that runs reports through window.__fdPwned, which the sentinel traps.
P = {
    "script": '<script>window.__fdPwned = "script"</script>',
    "img": "<img src=x onerror=\"window.__fdPwned='img'\">",
    "svg": '"><svg onload="window.__fdPwned=\'svg\'">',
    "close": "</script><script>window.__fdPwned='close'</script>",
    "comment": "<!--<script>window.__fdPwned='comment'</script>-->",
    "iframe": "<iframe srcdoc=\"<script>parent.__fdPwned='iframe'</script>\"></iframe>",
    "anchor": "<a href=\"javascript:window.__fdPwned='a'\">click</a>",
    "toggle": "<details open ontoggle=\"window.__fdPwned='toggle'\">x</details>",
    "mxss": "<math><mtext><table><mglyph><style><img src=x onerror=\"window.__fdPwned='mxss'\">",
    "template": "{{ 7*7 }} {% if true %}jinja{% endif %} ${7*7}",
    "style": "<style>body{display:none}</style>",
    "body": "<body onload=\"window.__fdPwned='body'\">",
    "object": "<object data=\"javascript:window.__fdPwned='obj'\"></object>",
    "polyglot": "'';!--\"<XSS>=&{()}",
    "cdata": "]]><entry><title>injected</title></entry><![CDATA[",
}
TEXT_FIELDS = [
    ("title", ("title",), "script"),
    ("claim", ("claim",), "img"),
    ("conclusion", ("conclusion",), "svg"),
    ("claimant-name", ("claimant", "name"), "close"),
    ("claimant-description", ("claimant", "description"), "comment"),
    ("claimant-handle", ("claimant", "handle"), "anchor"),
    ("claimant-platform", ("claimant", "platform"), "toggle"),
    ("quote", ("evidence", 0, "quote"), "iframe"),
    ("evidence-note", ("evidence", 0, "note"), "anchor"),
    ("locator", ("evidence", 0, "locator"), "toggle"),
    ("appearance-note", ("appearances", 0, "note"), "mxss"),
    ("appearance-platform", ("appearances", 0, "platform"), "body"),
    ("observation-subject", ("observations", 0, "subject"), "object"),
    ("observation-unit", ("observations", 0, "unit"), "style"),
    ("observation-note", ("observations", 0, "note"), "script"),
    ("media-context", ("media_review", "original_context"), "img"),
    ("media-timestamps", ("media_review", "timestamps", 0), "svg"),
    ("correction-note", ("corrections", 0, "note"), "close"),
    ("editor", ("editor",), "template"),
    ("authors", ("authors", 0), "polyglot"),
    ("feed-title", ("title",), "cdata"),
]
MARKDOWN = {
    "md-javascript-link": "[click](javascript:window.__fdPwned='md1')",
    "md-mixed-case-link": "[click](JaVaScRiPt:window.__fdPwned='md2')",
    "md-entity-link": "[click](&#106;avascript:window.__fdPwned='md3')",
    "md-image": "![img](javascript:window.__fdPwned='md4')",
    "md-data-link": "[click](data:text/html;base64,"
    "PHNjcmlwdD5wYXJlbnQuX19mZFB3bmVkPTE8L3NjcmlwdD4=)",
    "md-raw-div": '<div markdown="1" onclick="window.__fdPwned=\'md6\'">x</div>',
    "md-attr-list": "Paragraph\n{: onclick=\"window.__fdPwned='md7'\" }",
    "md-vbscript": "[x](vbscript:msgbox(1))",
    "md-tab-scheme": "<a href=\"java&#x09;script:window.__fdPwned='md9'\">x</a>",
    "md-reference-link": "[x][1]\n\n[1]: javascript:window.__fdPwned='md10'",
    "md-autolink": "<javascript:window.__fdPwned='md11'>",
    "md-script-block": "<script>window.__fdPwned='md12'</script>\n\nafter",
    "md-svg-script": "<svg><script>window.__fdPwned='md13'</script></svg>",
    "md-form": "<form action=\"javascript:window.__fdPwned='md14'\"><button>go</button></form>",
    "md-meta-refresh": '<meta http-equiv="refresh" '
    "content=\"0;url=javascript:window.__fdPwned='md15'\">",
    "md-heading-injection": "# Title <img src=x onerror=\"window.__fdPwned='md16'\">",
}
SOURCE_TEXT = [
    ("source-title", "title", "script"),
    ("source-publisher", "publisher", "img"),
    ("source-notes", "notes", "close"),
    ("source-author", "authors", "svg"),
]
CSV_FORMULAS = {
    "csv-formula-title": ("title", '=HYPERLINK("http://evil.example","x")'),
    "csv-formula-claim": ("claim", "+cmd|' /C calc'!A0"),
    "csv-formula-conclusion": ("conclusion", "-2+3+cmd|' /C calc'!A0"),
    "csv-formula-claimant": ("claimant", "@SUM(1+1)*cmd|' /C calc'!A0"),
}
BAD_URLS = {
    "url-javascript": ("sources", "url", "javascript:alert(1)"),
    "url-javascript-upper": ("sources", "url", "JAVASCRIPT:alert(1)"),
    "url-javascript-space": ("sources", "archive_url", " javascript:alert(1)"),
    "url-javascript-tab": ("sources", "url", "java\tscript:alert(1)"),
    "url-data": ("sources", "url", "data:text/html;base64,PHNjcmlwdD4="),
    "url-vbscript": ("sources", "archive_url", "vbscript:msgbox(1)"),
    "url-protocol-relative": ("sources", "url", "//evil.example/x"),
    "url-quote-breakout": ("sources", "url", 'https://e.example/"onmouseover="alert(1)'),
    "url-angle-brackets": ("claims", "appearance", "https://e.example/<script>alert(1)</script>"),
    "url-file": ("claims", "claimant", "file:///etc/passwd"),
    "url-no-host": ("claims", "media", "http://"),
}


def base_claim(cid: str, text: str) -> dict[str, Any]:
    return {
        "id": cid,
        "title": f"Hostile case {cid}",
        "claim": f"Claim of case {cid}",
        "claimant": {"name": "Someone"},
        "appearances": [{"url": "https://e.example/post"}],
        "rating": "false",
        "conclusion": text,
        "evidence": [{"source": "src-a", "stance": "refutes"}],
        "observations": [
            {"subject": "x", "metric": "m", "value": 1, "as_of": "2023", "source": "src-a"}
        ],
        "media_review": {"media_type": "image", "categories": ["original"]},
        "published": "2024-01-02",
        "corrections": [{"date": "2024-01-03", "kind": "update", "note": "n"}],
        "status": "published",
    }


def set_path(record: Any, path: tuple[Any, ...], value: str) -> None:
    for part in path[:-1]:
        record = record[part]
    if isinstance(record, list) and path[-1] == len(record):
        record.append(value)
    else:
        record[path[-1]] = value


def dump(record: dict[str, Any]) -> str:
    return yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=1000)


# Control characters written as YAML escapes: the file is clean text, the decoded value is
# not (FD002 must judge the value). \x9b is the one-byte CSI of C1.
ESCAPES = ["\a", "\x01", "\x1b", "\x00", "\x9b", "\x7f"]
SOURCE_FIELDS = [("title",), ("publisher",), ("notes",), ("authors", 0)]
# What a diagnostic that echoes the value would do to a contributor's terminal: erase the
# line above and hide what follows; set the window title; print a disguised hyperlink.
TERMINAL = {
    "term-erase-rating": (("rating",), "\x1b[2K\x1b[1A\x1b[2K\rall good\x1b[8m"),
    "term-title-osc": (("title",), "\x1b]0;owned window title\a"),
    "term-hyperlink-osc8": (
        ("claimant", "name"),
        "\x1b]8;;http://x.example\x1b\\click\x1b]8;;\x1b\\",
    ),
    "term-erase-editor": (("editor",), "\x1b[2K\x1b[1A\x1b[2K\rall good"),
    "term-csi-c1-conclusion": (("conclusion",), "\x9b2K\x9b1A"),
}
# Real names in scripts without Latin letters, right-to-left ones among them, and a name
# that is the fallback word itself: each must be accepted with a claimant page of its own.
SCRIPT_NAMES = {
    "name-korean": "김정은",
    "name-cyrillic": "Владимир Путин",
    "name-arabic": "محمد بن سلمان",
    "name-hebrew": "בנימין נתניהו",
    "name-chinese": "习近平",
    "name-devanagari": "नरेन्द्र मोदी",
    "name-unknown": "Unknown",
}
JOSE_NFC = unicodedata.normalize("NFC", "José Martí")
JOSE_NFD = unicodedata.normalize("NFD", "José Martí")
LOOKALIKE = "Iv\u0430n Petrov"  # a Cyrillic а among Latin letters


def source_record(sid: str) -> dict[str, Any]:
    return {"id": sid, "title": f"Source {sid}", "kind": "report", "authors": []}


def control_cases() -> Iterator[tuple[str, ...]]:
    """An escaped control character in every free-text field of a claim and a source."""
    for n, (field, path, _) in enumerate(TEXT_FIELDS[:-1]):  # the last repeats title
        cid = f"ctl-{field}"
        record = base_claim(cid, f"Conclusion of {cid}")
        record["media_review"].setdefault("timestamps", [])
        record.setdefault("authors", [])
        set_path(record, path, f"Before{ESCAPES[n % len(ESCAPES)]}after {cid}")
        threat = f"YAML attack: escaped control character in {'.'.join(map(str, path))}"
        yield f"{cid}.yaml", "claims", threat, "FD002", dump(record)
    for n, path in enumerate(SOURCE_FIELDS):
        sid = f"ctl-source-{path[0]}"
        record = source_record(sid)
        set_path(record, path, f"Before{ESCAPES[n % len(ESCAPES)]}after {sid}")
        threat = f"YAML attack: escaped control character in source {path[0]}"
        yield f"{sid}.yaml", "sources", threat, "FD002", dump(record)
    surrogate = dump(base_claim("ctl-surrogate", "c")).replace(
        "title: Hostile case ctl-surrogate", 'title: "lone \\ud800 surrogate"'
    )
    threat = "YAML attack: an escaped lone surrogate, which no UTF-8 output can hold"
    yield "ctl-surrogate.yaml", "claims", threat, "FD002", surrogate


def terminal_cases() -> Iterator[tuple[str, ...]]:
    for cid, (path, value) in TERMINAL.items():
        record = base_claim(cid, f"Conclusion of {cid}")
        set_path(record, path, value)
        threat = f"terminal escape injection through {'.'.join(path)}"
        yield f"{cid}.yaml", "claims", threat, "FD002", dump(record)


def script_cases() -> Iterator[tuple[str, ...]]:
    for cid, name in SCRIPT_NAMES.items():
        record = base_claim(cid, f"Conclusion of {cid}")
        record["claimant"]["name"] = name
        record["title"] = f"{name}: {cid}"
        threat = "names in any script: a claimant page of their own"
        yield f"{cid}.yaml", "claims", threat, "safe", dump(record)


def twin_cases() -> Iterator[tuple[str, ...]]:
    """Pairs of records whose texts look the same. `distinct`: both claimants are accepted
    with pages of their own, or the second is refused with FD045; never merged. `one-name`:
    the same name in NFC and NFD is one name to a reader, so one page lists both claims."""
    twins = "look-alike and normalisation twins"
    for stem, first, second, expect in [
        ("twin-claimant-nf", JOSE_NFC, JOSE_NFD, "one-name"),
        ("twin-claimant-lookalike", "Ivan Petrov", LOOKALIKE, "distinct"),
    ]:
        one, two = base_claim(f"{stem}-a", "c"), base_claim(f"{stem}-b", "c")
        one["claimant"]["name"], two["claimant"]["name"] = first, second
        yield f"{stem}-a.yaml", "claims", f"{twins}: claimant", "safe", dump(one), ""
        yield f"{stem}-b.yaml", "claims", f"{twins}: claimant", expect, dump(two), f"{stem}-a.yaml"
    for stem, first, second, expect in [
        ("twin-claim-nf", f"{JOSE_NFC} said so", f"{JOSE_NFD} said so", "FD104"),
        ("twin-claim-lookalike", "Ivan Petrov said so", f"{LOOKALIKE} said so", "safe"),
    ]:
        one, two = base_claim(f"{stem}-a", "c"), base_claim(f"{stem}-b", "c")
        one["claim"], two["claim"] = first, second
        yield f"{stem}-a.yaml", "claims", f"{twins}: claim text", "safe", dump(one), ""
        twin = f"{stem}-a.yaml" if expect != "safe" else ""
        yield f"{stem}-b.yaml", "claims", f"{twins}: claim text", expect, dump(two), twin


SETTINGS = HERE / "settings"
# The factdesk part of a working mkdocs.yml; each hostile variant changes one thing.
SITE = """\
site_name: hostile settings
site_url: https://example.org/
theme:
  name: material
plugins:
  - search
  - factdesk:
      publisher:
        name: Desk
"""


def settings_cases() -> Iterator[tuple[str, str, list[str], str]]:
    """(file, threat, codes any of which is right, content) for hostile mkdocs.yml files."""
    laughs = ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]'] + [
        f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 12)
    ]
    yield (
        "alias-bomb.yml",
        "an alias bomb",
        ["FD005", "FD041"],
        (SITE + "extra:\n" + "".join(f"  {line}\n" for line in laughs)),
    )
    yield (
        "python-tag.yml",
        "a tag that would run a command",
        ["FD006", "FD038"],
        (SITE.replace("name: Desk", "name: !!python/object/apply:os.system ['touch pwned']")),
    )
    yield (
        "options-text.yml",
        "plugin options that are text",
        ["FD038"],
        (
            SITE.replace(
                "  - factdesk:\n      publisher:\n        name: Desk\n", "  - factdesk: abc\n"
            )
        ),
    )
    yield (
        "options-list.yml",
        "plugin options that are a list",
        ["FD038"],
        (
            SITE.replace(
                "  - factdesk:\n      publisher:\n        name: Desk\n", "  - factdesk: [ab]\n"
            )
        ),
    )
    yield (
        "two-megabytes.yml",
        "a 2 MB file",
        ["FD001"],
        (SITE + "extra:\n  padding: " + "x" * (2 * 1024 * 1024) + "\n"),
    )
    yield (
        "deep-nesting.yml",
        "nesting deep enough to crash libyaml",
        ["FD009"],
        (SITE + "extra:\n  deep: " + "[" * 100_000 + "]" * 100_000 + "\n"),
    )
    yield (
        "deep-options.yml",
        "nesting inside the plugin options",
        ["FD009", "FD038"],
        (SITE.replace("name: Desk", "name: " + "[" * 200 + "]" * 200)),
    )


def write_settings_corpus() -> None:
    SETTINGS.mkdir(exist_ok=True)
    for old in SETTINGS.glob("*.yml"):
        old.unlink()
    cases = []
    for name, threat, codes, content in settings_cases():
        (SETTINGS / name).write_text(content, encoding="utf-8")
        cases.append({"file": name, "threat": threat, "expect": codes})
    (SETTINGS / "cases.yaml").write_text(
        "# Written by make_corpus.py: hostile mkdocs.yml files; `expect` lists the codes\n"
        "# any one of which is a right answer.\n"
        + yaml.safe_dump(cases, sort_keys=False, allow_unicode=True, width=1000)
    )
    print(f"{len(cases)} settings cases")


def main() -> None:
    FILES.mkdir(exist_ok=True)
    for old in FILES.iterdir():
        old.unlink()
    cases: list[dict[str, str]] = []

    def add(
        name: str, kind: str, threat: str, expect: str, content: str | bytes, twin: str = ""
    ) -> None:
        path = FILES / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        case = {"file": name, "kind": kind, "threat": threat, "expect": expect}
        cases.append(case | ({"with": twin} if twin else {}))

    for field, path, payload in TEXT_FIELDS:
        cid = f"xss-{field}"
        record = base_claim(cid, f"Conclusion of {cid}")
        record.setdefault("claimant", {})
        record["media_review"].setdefault("timestamps", [])
        record.setdefault("authors", [])
        set_path(record, path, f"{P[payload]} {cid}")
        add(
            f"{cid}.yaml",
            "claims",
            f"script injection through {'.'.join(map(str, path))}",
            "safe",
            dump(record),
        )
    for name, markdown in MARKDOWN.items():
        record = base_claim(name, f"Conclusion of {name}")
        record["analysis"] = markdown
        add(
            f"{name}.yaml",
            "claims",
            "script injection through Markdown in analysis",
            "safe",
            dump(record),
        )
    for name, field, payload in SOURCE_TEXT:
        source: dict[str, Any] = {"id": name, "title": f"Source {name}", "kind": "report"}
        source[field] = [f"{P[payload]} {name}"] if field == "authors" else f"{P[payload]} {name}"
        add(
            f"{name}.yaml",
            "sources",
            f"script injection through source {field}",
            "safe",
            dump(source),
        )
    for name, (field, formula) in CSV_FORMULAS.items():
        record = base_claim(name, f"Conclusion of {name}")
        if field == "claimant":
            record["claimant"]["name"] = formula
        else:
            record[field] = formula
        add(
            f"{name}.yaml",
            "claims",
            f"spreadsheet formula injection through {field} (CSV)",
            "safe",
            dump(record),
        )
    for name, (kind, field, url) in BAD_URLS.items():
        if kind == "sources":
            record = {"id": name, "title": "T", "kind": "report", field: url}
        else:
            record = base_claim(name, "c")
            target = {
                "appearance": record["appearances"][0],
                "claimant": record["claimant"],
                "media": record["media_review"],
            }[field]
            target["url" if field != "media" else "media_url"] = url
        add(f"{name}.yaml", kind, f"dangerous or malformed URL in {field}", "FD020", dump(record))

    ok = dump(base_claim("yaml-ok", "c"))
    bomb = "\n".join(
        ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
        + [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 12)]
    )
    yaml_cases: list[tuple[str, str, str | bytes]] = [
        ("yaml-alias-bomb", "FD005", bomb),
        ("yaml-recursive-alias", "FD005", "id: yaml-recursive-alias\na: &a [*a]\n"),
        ("yaml-merge-key", "FD005", "base: &b {title: x}\nid: yaml-merge-key\n<<: *b\n"),
        ("yaml-deep-flow", "FD009", "id: yaml-deep-flow\ntitle: " + "[" * 100_000 + "]" * 100_000),
        (
            "yaml-deep-block",
            "FD009",
            "id: yaml-deep-block\ntitle:\n" + "".join(" " * i + "- \n" for i in range(0, 80, 2)),
        ),
        ("yaml-huge-scalar", "FD001", "id: yaml-huge-scalar\nanalysis: " + "A" * 1_100_000),
        ("yaml-huge-list", "FD041", "id: yaml-huge-list\nauthors:\n" + "- a\n" * 5000),
        (
            "yaml-too-many-values",
            "FD041",
            "id: yaml-too-many-values\nanalysis: ["
            + ",".join(["[" + ",".join(["a"] * 999) + "]"] * 25)
            + "]\n",
        ),
        (
            "yaml-python-tag",
            "FD006",
            "id: yaml-python-tag\ntitle: !!python/object/apply:os.system [id]\n",
        ),
        ("yaml-ruby-tag", "FD006", "id: yaml-ruby-tag\ntitle: !ruby/object:Gem::Installer x\n"),
        ("yaml-local-tag", "FD006", "id: yaml-local-tag\ntitle: !secret x\n"),
        ("yaml-several-documents", "FD007", ok + "---\n" + ok),
        ("yaml-tabs", "FD003", "id: yaml-tabs\nclaimant:\n\tname: x\n"),
        ("yaml-binary", "FD002", bytes(range(256)) * 8),
        ("yaml-nul", "FD002", "id: yaml-nul\ntitle: a\x00b\n"),
        ("yaml-latin1", "FD002", "id: yaml-latin1\ntitle: caf\xe9\n".encode("latin-1")),
        ("yaml-duplicate-key", "FD004", "id: yaml-duplicate-key\ntitle: a\ntitle: b\n"),
        ("yaml-empty", "FD008", ""),
        ("yaml-top-list", "FD008", "- id: yaml-top-list\n"),
        ("yaml-bom", "FD107", b"\xef\xbb\xbf" + dump(base_claim("yaml-bom", "c")).encode()),
        (
            "yaml-mixed-newlines",
            "FD108",
            dump(base_claim("yaml-mixed-newlines", "c")).replace("\n", "\r\n", 3),
        ),
        ("yaml-lone-cr", "FD108", dump(base_claim("yaml-lone-cr", "c")).replace("\n", "\r", 2)),
    ]
    for name, code, content in yaml_cases:
        add(f"{name}.yaml", "claims", f"YAML attack: {name[5:].replace('-', ' ')}", code, content)

    for name, rid, code in [
        ("path-traversal-id", "../../etc/passwd", "FD016"),
        ("path-absolute-id", "/etc/passwd", "FD016"),
        ("path-backslash-id", "..\\..\\windows", "FD016"),
        ("path-reserved-name", "con", "FD016"),
        ("path-bidi-id", "abc\u202edcba", "FD016"),
        ("path-zero-width-id", "ab\u200bcd", "FD016"),
        ("path-lookalike-id", "cl\u0430im", "FD016"),
    ]:
        record = base_claim(rid, "c")
        add(
            f"{name}.yaml",
            "claims",
            f"an id that tries to leave its folder ({name[5:]})",
            code,
            dump(record),
        )
    for name, field, value in [
        ("path-related", "related", "../../index"),
        ("path-topic", "topics", "../../../etc"),
        ("path-evidence-source", "evidence", "../sources/x"),
    ]:
        record = base_claim(name, "c")
        if field == "evidence":
            record["evidence"][0]["source"] = value
        else:
            record[field] = [value]
        add(
            f"{name}.yaml",
            "claims",
            f"a reference that tries to leave its folder ({field})",
            "FD016",
            dump(record),
        )
    for name in ["Claim_Upper", "cl\u0430im-lookalike", "dots..name", "back\\slash"]:
        add(
            f"{name}.yaml",
            "claims",
            "a file name that is not an id",
            "FD010",
            dump(base_claim("whatever", "c")),
        )
    for name, path, char in [
        ("invisible-bidi-name", ("claimant", "name"), "\u202e"),
        ("invisible-zero-width-claim", ("claim",), "\u200b"),
        ("invisible-isolate-title", ("title",), "\u2066"),
    ]:
        record = base_claim(name, "c")
        set_path(record, path, f"Some{char}thing {name}")
        add(
            f"{name}.yaml",
            "claims",
            "invisible or direction-changing characters in text",
            "FD106",
            dump(record),
        )
    for case in [*control_cases(), *terminal_cases(), *script_cases(), *twin_cases()]:
        add(*case)
    (HERE / "cases.yaml").write_text(
        "# Written by make_corpus.py: one entry per file in files/ (`with`: a second file\n"
        "# the case needs beside it).\n"
        + yaml.safe_dump(cases, sort_keys=False, allow_unicode=True, width=1000)
    )
    print(f"{len(cases)} cases")
    write_settings_corpus()


if __name__ == "__main__":
    main()
