"""What the build writes for the verdict beside each search result (render/verdict_search.py)
and the script that draws it (assets/verdicts.js): a drawing per rating, the ratings'
names as data, each claim page's rating, the same bytes on every build."""

from __future__ import annotations

import json
import posixpath
import re
import xml.etree.ElementTree as ET
from types import SimpleNamespace

from factdesk.check.pipeline import validate_root
from factdesk.kb import KnowledgeBase
from factdesk.mkdocs_plugin import _add_assets
from factdesk.render import asset_paths, render_site, urls
from factdesk.render.verdict import symbol_id, verdicts
from factdesk.render.verdict_search import pages_json, ratings_json, render_verdict_search, sprite

from conftest import REPO, MakeKB
from kbfactory import BASE_CLAIM

SCRIPT = (REPO / "generator/factdesk/render/assets/verdicts.js").read_text(encoding="utf-8")
SVG = "{http://www.w3.org/2000/svg}"
HOSTILE_LABEL = '</script><img src=x onerror=alert(1)> "False" & <b>'


def _kb(make_kb: MakeKB, settings: str | None = None) -> KnowledgeBase:
    draft = BASE_CLAIM.replace("claim-a", "claim-b").replace("published\n", "draft\n")
    files: dict[str, str | bytes | None] = {"claims/claim-b.yaml": draft}
    if settings is not None:
        files["mkdocs.yml"] = settings
    return validate_root(make_kb(files)).kb


def test_the_sprite_has_one_drawing_per_rating_of_the_scale(make_kb: MakeKB) -> None:
    kb = _kb(make_kb)
    root = ET.fromstring(sprite(kb))
    symbols = root.findall(f"{SVG}symbol")
    assert [s.get("id") for s in symbols] == [symbol_id(v) for v in verdicts(kb.settings).values()]
    # The drawing only: the label goes beside it as the page's text.
    assert all(s.find(f".//{SVG}text[@font-size='16']") is None for s in symbols)


def test_the_ratings_are_data_with_their_names_and_drawings(make_kb: MakeKB) -> None:
    settings = (
        'site_name: t\nplugins:\n  - factdesk:\n      ratings:\n        - key: "false"\n'
        f"          label: '{HOSTILE_LABEL}'\n          definition: Not accurate.\n"
        "          color: '#c62828'\n          value: 1\n"
    )
    kb = _kb(make_kb, settings)
    data = json.loads(ratings_json(kb))
    rating = data["ratings"]["false"]
    assert rating["label"] == HOSTILE_LABEL, "the label as written, to be set as text"
    assert rating["name"] == verdicts(kb.settings)["false"].accessible_name
    assert rating["symbol"] == f"{posixpath.basename(urls.VERDICTS_SPRITE)}#fd-verdict-false"
    # Addresses relative to the asset folder, from render/urls.py.
    assert posixpath.normpath(posixpath.join(urls.ASSET_FOLDER, data["root"])) == "."
    assert posixpath.join(urls.ASSET_FOLDER, data["pages"]) == urls.VERDICT_PAGES_JSON
    # The hostile label is in the drawing's file only as escaped XML text, if at all.
    assert "<img" not in sprite(kb)


def test_each_published_claim_page_has_its_rating(make_kb: MakeKB) -> None:
    kb = _kb(make_kb)
    assert json.loads(pages_json(kb)) == {urls.claim("claim-a"): "false"}, "no draft"


def test_the_files_are_in_the_site_and_the_same_on_every_build() -> None:
    first = render_site(validate_root(REPO).kb)
    second = render_site(validate_root(REPO).kb)
    for path in (urls.VERDICTS_SPRITE, urls.VERDICTS_JSON, urls.VERDICT_PAGES_JSON):
        assert first[path] == second[path]
    assert urls.VERDICTS_SCRIPT in asset_paths() and urls.VERDICTS_SCRIPT in first
    kb = validate_root(REPO).kb
    assert set(render_verdict_search(kb)) < set(first)
    assert len(json.loads(first[urls.VERDICT_PAGES_JSON])) == len(kb.published)


def test_the_script_reads_the_files_the_build_writes() -> None:
    beside = posixpath.dirname(urls.VERDICTS_SCRIPT)
    assert posixpath.dirname(urls.VERDICTS_JSON) == beside
    assert f'"{posixpath.basename(urls.VERDICTS_JSON)}"' in SCRIPT


def test_the_script_never_parses_data_as_html() -> None:
    code = re.sub(r"//[^\n]*", "", SCRIPT)  # comments may name what it avoids
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in code
    assert "textContent = rating.label" in code


def test_factdesks_scripts_are_deferred() -> None:
    config = SimpleNamespace(extra_css=[], extra_javascript=["desk.js"])
    _add_assets(config)
    _add_assets(config)  # once, however often the config is loaded
    scripts = {str(s): s for s in config.extra_javascript}
    assert len(config.extra_javascript) == len(scripts) == 3
    assert scripts[urls.VERDICTS_SCRIPT].defer is True
    assert config.extra_css == [urls.asset("factdesk.css")]


def test_a_key_the_scale_lacks_still_gets_a_drawing(make_kb: MakeKB) -> None:
    # A desk that renamed a rating: its claims are reported (FD0xx) but never crash a build.
    settings = (
        "site_name: t\nplugins:\n  - factdesk:\n      ratings:\n        - key: wrong\n"
        "          label: Wrong\n          definition: Not accurate.\n"
        "          color: '#c62828'\n          value: 1\n"
    )
    kb = _kb(make_kb, settings)
    assert [c.rating_key for c in kb.published] == ["false"]
    ids = [s.get("id") for s in ET.fromstring(sprite(kb)).findall(f"{SVG}symbol")]
    assert ids == ["fd-verdict-wrong", "fd-verdict-false"]
    assert json.loads(ratings_json(kb))["ratings"]["false"]["label"] == "false"


def test_each_published_language_has_the_ratings_in_its_own_words(make_kb: MakeKB) -> None:
    settings = "site_name: t\nplugins:\n  - factdesk:\n      languages: [en, ko, ar]\n"
    data = json.loads(ratings_json(_kb(make_kb, settings)))
    assert data["ratings"]["false"]["label"] == "False"
    assert sorted(data["languages"]) == ["ar", "ko"]
    assert data["languages"]["ko"]["false"]["label"] == "거짓"
    assert data["languages"]["ar"]["false"]["label"] not in ("False", "거짓")
    # The script picks the table by the page's <html lang>.
    assert 'getAttribute("lang")' in SCRIPT and "data.languages" in SCRIPT
