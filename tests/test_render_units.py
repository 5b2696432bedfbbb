"""Renderer units: escaping, sanitising, JSON-LD script safety, CSV, overrides, URLs."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from factdesk.check.pipeline import validate_root
from factdesk.render import render_site
from factdesk.render.api import safe_cell
from factdesk.render.jsonld import script_json
from factdesk.render.text import render_markdown, text_color
from factdesk.render.urls import page_url_of, relative

from conftest import MakeKB
from kbfactory import BASE_CLAIM, claim_with

TODAY = dt.date(2026, 1, 1)
PAYLOAD = '</script><script>alert(1)</script><!-- "x" & [link](javascript:alert(2))'


def hostile_site(make_kb: MakeKB) -> dict[str, str]:
    text = claim_with("title: A claim", f"title: '{PAYLOAD}'")
    text = text.replace("conclusion: It is not.", f"conclusion: '{PAYLOAD}'")
    text += "analysis: |\n  <img src=x onerror=alert(3)> [x](javascript:alert(4)) **ok**\n"
    result = validate_root(make_kb({"claims/claim-a.yaml": text}), TODAY)
    assert result.errors == []
    return render_site(result.kb)


def test_contributor_text_is_escaped_in_pages_and_json_ld(make_kb: MakeKB) -> None:
    page = hostile_site(make_kb)["claims/claim-a.md"]
    body = page.split("\n---\n", 1)[1]
    assert "<script>" not in body and "</script>" not in body
    assert "&lt;/script&gt;" in body
    assert "javascript:" not in body.replace("[link](javascript:alert(2))", "")
    # Raw HTML that is not an allowed tag is shown as the text it is, never as markup.
    assert "<img" not in body and "&lt;img src=x onerror=alert(3)&gt;" in body
    assert "<strong>ok</strong>" in body
    jsonld = page.split("jsonld: ", 1)[1].split("\n", 1)[0]
    assert "<" not in jsonld and ">" not in jsonld


def test_script_json_can_never_close_the_script_element() -> None:
    text = script_json({"claimReviewed": PAYLOAD + "\u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text)["claimReviewed"] == PAYLOAD + "\u2028"


def test_markdown_is_sanitised_to_an_allow_list() -> None:
    html = render_markdown(
        "# Head\n\n<script>alert(1)</script><iframe src=x></iframe>"
        "[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](data:text/html,x) "
        "[d](https://example.org) ![i](https://example.org/i.png)\n"
    )
    for bad in ("<script", "<iframe", "javascript", "JaVaScRiPt", "data:", "<img", "<h1"):
        assert bad not in html
    assert '<a href="https://example.org"' in html and "<h3>Head</h3>" in html


def test_csv_cells_cannot_become_formulas() -> None:
    assert safe_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert safe_cell("+1") == "'+1" and safe_cell("@x") == "'@x" and safe_cell("-1") == "'-1"
    assert safe_cell("North Korea") == "North Korea"


def test_api_json_keeps_every_field(make_kb: MakeKB) -> None:
    out = hostile_site(make_kb)
    [claim] = json.loads(out["api/claims.json"])["claims"]
    assert claim["title"] == PAYLOAD and claim["analysis"].startswith("<img")


def test_a_sites_templates_folder_overrides_the_packaged_ones(make_kb: MakeKB) -> None:
    root = make_kb({"templates/claim.md.j2": '<p class="mine">{{ claim.title }}</p>\n'})
    result = validate_root(root, TODAY)
    out = render_site(result.kb, root / "templates")
    assert out["claims/claim-a.md"].endswith('<p class="mine">A claim</p>\n')
    assert "fd-browse" in out["browse.md"], "templates it does not override stay packaged"


def test_drafts_are_left_out_everywhere(make_kb: MakeKB) -> None:
    root = make_kb(
        {"claims/claim-a.yaml": BASE_CLAIM.replace("status: published", "status: draft")}
    )
    out = render_site(validate_root(root, TODAY).kb)
    assert not any("claim-a" in path for path in out)
    assert "The sky is green" not in "".join(out.values())


def test_urls() -> None:
    assert relative("claims/x/", "claimants/y/") == "../../claimants/y/"
    assert relative("", "claims/x/") == "claims/x/"
    assert relative("claims/x/", "") == "../../"
    assert page_url_of("index.md") == "" and page_url_of("about.md") == "about/"
    assert page_url_of("a/index.md") == "a/"


def test_badge_text_colour_contrast() -> None:
    assert text_color("#f9a825") == "#000000"  # amber: black text reads better
    assert text_color("#c62828") == "#ffffff"


def test_template_folder_that_does_not_exist_is_fine(make_kb: MakeKB, tmp_path: Path) -> None:
    result = validate_root(make_kb({}), TODAY)
    assert "claims/claim-a.md" in render_site(result.kb, tmp_path / "nope")


def test_archive_coverage_on_the_stats_page(make_kb: MakeKB) -> None:
    archived = (
        "id: src-b\ntitle: B\nkind: report\nurl: https://e.org/b\narchive_url: https://a.org/b\n"
    )
    bare = "id: src-c\ntitle: C\nkind: report\nurl: https://e.org/c\n"
    claim = BASE_CLAIM + (
        "appearances:\n  - source: src-b\n  - source: src-c\n"
        "  - url: https://e.org/post\n    archive_url: https://a.org/post\n"
    )
    root = make_kb(
        {"sources/src-b.yaml": archived, "sources/src-c.yaml": bare, "claims/claim-a.yaml": claim}
    )
    stats = render_site(validate_root(root, TODAY).kb)["stats.md"]
    cells = [
        re.sub(r"<[^>]+>", "", cell)
        for cell in re.findall(r"<td[^>]*>.*?</td>", stats.split('class="fd-archive', 1)[1])
    ]
    rows = [cells[i : i + 4] for i in range(0, len(cells), 4)]
    assert ["Sources with a web address", "2", "1", "50%"] in rows
    assert ["Appearances with a web address", "1", "1", "100%"] in rows
    assert ["Sources with no known web address (print, broadcast, unstated)", "1", "", ""] in rows


def test_an_edited_override_template_is_used_by_the_next_build(make_kb: MakeKB) -> None:
    # Compiled templates are kept across builds (serve rebuilds on every save); keyed by
    # their source, so an edited template is compiled again.
    root = make_kb({"templates/claim.md.j2": '<p class="first">{{ claim.title }}</p>\n'})
    first = render_site(validate_root(root).kb, root / "templates")
    (root / "templates/claim.md.j2").write_text('<p class="second">{{ claim.title }}</p>\n')
    second = render_site(validate_root(root).kb, root / "templates")
    assert 'class="first"' in first["claims/claim-a.md"]
    assert 'class="second"' in second["claims/claim-a.md"]


def test_front_matter_is_exact_for_values_that_look_alike() -> None:
    from factdesk.render.pages import RenderMemo

    front_matter = RenderMemo().front_matter
    texts = [front_matter({"a": v}) for v in (1, "1", True, "true", None, "", [1], ["1"])]
    assert len(set(texts)) == len(texts)
    assert front_matter({"title": "<b>"}) == front_matter({"title": "<b>"})
    assert "&lt;b&gt;" in front_matter({"title": "<b>"})
