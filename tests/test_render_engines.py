"""`factdesk render --out`, the hand-off to engines without the plugin: each claim page
carries its JSON-LD in its body, and `--engine zensical` writes raw-HTML links the way
Zensical reads them (from the Markdown file's folder, not from the page's URL)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from click.testing import CliRunner

from factdesk.cli import cli
from factdesk.render.output import file_relative_links

from conftest import MakeKB
from kbfactory import claim_with

SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def _render(root: Path, out: Path, *engine: str) -> None:
    result = CliRunner().invoke(cli, ["render", "--root", str(root), "--out", str(out), *engine])
    assert result.exit_code == 0, result.output + result.stderr


def _front_and_body(page: str) -> tuple[dict[str, object], str]:
    _, front, body = page.split("---\n", 2)
    return yaml.safe_load(front), body


def test_a_rendered_claim_page_carries_its_jsonld_in_the_body(
    make_kb: MakeKB, tmp_path: Path
) -> None:
    root = make_kb({})
    _render(root, tmp_path / "out")
    front, body = _front_and_body((tmp_path / "out/claims/claim-a.md").read_text())
    blocks = SCRIPT.findall(body)
    assert len(blocks) == 1
    assert json.loads(blocks[0]) == json.loads(str(front["jsonld"]))
    source_page = (tmp_path / "out/sources/src-a.md").read_text()
    assert "application/ld+json" not in source_page, "only pages with JSON-LD get a block"


def test_contributor_text_cannot_close_the_jsonld_block_in_the_body(
    make_kb: MakeKB, tmp_path: Path
) -> None:
    hostile = "</script><script>alert(1)</script><!--"
    root = make_kb({"claims/claim-a.yaml": claim_with("The sky is green", hostile)})
    _render(root, tmp_path / "out", "--engine", "zensical")
    _, body = _front_and_body((tmp_path / "out/claims/claim-a.md").read_text())
    block = body[body.index('<script type="application/ld+json">') :]
    assert block.count("</script>") == 1 and "<!--" not in block and "alert(1)</" not in block
    claim = json.loads(SCRIPT.findall(body)[0])["@graph"][0]["claimReviewed"]
    assert claim == hostile, "escaped, not altered"


def test_zensical_links_are_relative_to_the_file_and_mkdocs_links_to_the_page(
    make_kb: MakeKB, tmp_path: Path
) -> None:
    about = '<a href="../methodology/">ours</a>\n\n<!-- factdesk:latest -->\n'
    root = make_kb({"docs/about.md": about})
    _render(root, tmp_path / "mkdocs")
    _render(root, tmp_path / "zensical", "--engine", "zensical")
    mkdocs_page = (tmp_path / "mkdocs/claims/claim-a.md").read_text()
    zensical_page = (tmp_path / "zensical/claims/claim-a.md").read_text()
    assert 'href="../../sources/src-a/"' in mkdocs_page
    assert 'href="../sources/src-a/"' in zensical_page
    assert 'href="../../sources/src-a/"' not in zensical_page
    # A hand-written page keeps the desk's own links; the latest list factdesk puts in it
    # follows the engine.
    mkdocs_about = (tmp_path / "mkdocs/about.md").read_text()
    zensical_about = (tmp_path / "zensical/about.md").read_text()
    assert 'href="../claims/claim-a/"' in mkdocs_about
    assert 'href="claims/claim-a/"' in zensical_about
    assert zensical_about.startswith('<a href="../methodology/">ours</a>')


def test_file_relative_links_rewrites_relative_urls_only() -> None:
    html = (
        '<a href="../../sources/s/">s</a> <img src="chart.svg"> <a href="./">me</a>'
        ' <a href="https://example.org/x">x</a> <a href="/abs/">a</a> <a href="#top">t</a>'
        ' <a href="?q=1">q</a> <a href="mailto:a@b.c">m</a> <tr data-href="../../x/">'
    )
    assert file_relative_links(html, "claims/c.md") == (
        '<a href="../sources/s/">s</a> <img src="c/chart.svg"> <a href="c/./">me</a>'
        ' <a href="https://example.org/x">x</a> <a href="/abs/">a</a> <a href="#top">t</a>'
        ' <a href="?q=1">q</a> <a href="mailto:a@b.c">m</a> <tr data-href="../../x/">'
    )
    # An index page is served at its folder: the two readings agree.
    assert file_relative_links(html, "topics/index.md") == html
    assert file_relative_links(html, "index.md") == html
