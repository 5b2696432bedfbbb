"""Random Unicode from every plane (controls, combining marks, bidirectional and invisible
characters, non-characters) through validate → render → API → page → feed: never a
crash, a feed that is XML, every accepted value kept exactly, nothing that runs.

Each example is one knowledge base of VALUES_PER_KB values, each in every free-text field
of its own claim and source, rendered by the pure renderers (what `factdesk render`
writes), so the whole test stays within seconds."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from factdesk.check.pipeline import validate_root
from factdesk.render import render_site
from pagecheck import check_page, page_body
from textkb import lost_values, write_batch

VALUES_PER_KB = 12
# Characters that broke, or could break, one of the outputs: C0 and C1 controls, DEL,
# YAML's and Unicode's line breaks, combining marks, bidirectional controls and isolates,
# zero-width characters, the BOM, non-characters, private use, markup and XML delimiters.
AWKWARD = [
    *map(chr, range(0x00, 0x20)),
    *map(chr, range(0x7F, 0xA0)),
    *"\u0301\u0308\u20dd\u0e49",
    *map(chr, range(0x202A, 0x202F)),
    *map(chr, range(0x2066, 0x206A)),
    *"\u200b\u200c\u200d\u200e\u200f\u061c\ufeff\u2028\u2029",
    *"\ufffe\uffff\U0001fffe\U0010ffff\ue000\U000f0000",
    "<",
    ">",
    "&",
    '"',
    "'",
    "]]>",
    "{{",
    "`",
    "*",
    "\\",
]
# Surrogates cannot be encoded as UTF-8, so no file can hold them: left out.
any_char = st.characters(exclude_categories=["Cs"])
# Pieces, not single characters, so that sequences such as "]]>" come up often.
texts = st.lists(st.one_of(any_char, st.sampled_from(AWKWARD)), min_size=1, max_size=16).map(
    "".join
)


def feed_error(feed: str) -> str | None:
    """None for a well-formed feed, else the parser's complaint and the line it is on."""
    try:
        ET.fromstring(feed)
    except ET.ParseError as error:
        line = feed.splitlines()[error.position[0] - 1]
        return f"{error}: {line!r}"
    return None


def nothing_runs(site: dict[str, str]) -> list[str]:
    """Tags or attributes outside the allow-list on any page, and any markup in JSON-LD."""
    problems = []
    for path, page in site.items():
        if path.endswith(".md"):
            problems += [f"{path}: {p}" for p in check_page(page).problems]
            if "<script" in page_body(page).lower():
                problems.append(f"{path}: <script")
        if path.startswith("claims/") and "\njsonld: " in page:
            jsonld = page.split("\njsonld: ", 1)[1].split("\n", 1)[0]
            problems += [f"{path}: markup in JSON-LD" for c in "<>" if c in jsonld]
    return problems


# No shrinking: each step validates and renders a knowledge base, and shrinking a failure
# took minutes; the failure message names the values instead.
@settings(
    max_examples=20,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(values=st.lists(texts, min_size=VALUES_PER_KB, max_size=VALUES_PER_KB, unique=True))
def test_random_unicode_is_refused_or_kept_and_never_runs(
    values: list[str], tmp_path_factory: Any
) -> None:
    root: Path = tmp_path_factory.mktemp("kb")
    result = validate_root(write_batch(root, values), dt.date(2026, 1, 1))
    assert not [d for d in result.diagnostics if d.code == "FD000"], result.diagnostics
    site = render_site(result.kb)
    assert feed_error(site["feed.xml"]) is None
    assert lost_values(values, result, site) == []
    assert nothing_runs(site) == []
