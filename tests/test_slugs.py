"""Claimant page addresses: one page per name, in any script, and never a silent merge."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata

import pytest

from factdesk.check.pipeline import validate_root
from factdesk.kb import KnowledgeBase
from factdesk.records.slugs import name_slug, page_slugs
from factdesk.render import render_site

from conftest import REPO, MakeKB
from kbfactory import BASE_CLAIM

TODAY = dt.date(2026, 1, 1)
# Five scripts, two of them right to left, and a Latin name that the old fallback used.
NAMES = ["김정은", "Владимир Путин", "محمد بن سلمان", "习近平", "ראש הממשלה", "Unknown"]


def claim_by(cid: str, name: str, text: str | None = None) -> str:
    return (
        BASE_CLAIM.replace("claim-a", cid)
        .replace("The sky is green", text or f"Claim {cid}")
        .replace("name: Someone", f"name: {json.dumps(name)}")
    )


def kb_of(make_kb: MakeKB, names: list[str]) -> tuple[KnowledgeBase, list[tuple[str, int, str]]]:
    files: dict[str, str | bytes | None] = {
        f"claims/claim-{i}.yaml": claim_by(f"claim-{i}", name) for i, name in enumerate(names)
    }
    result = validate_root(make_kb({"claims/claim-a.yaml": None, **files}), TODAY)
    return result.kb, [(d.file, d.line, d.code) for d in result.diagnostics]


def claimant_pages(rendered: dict[str, str]) -> dict[str, str]:
    return {p: t for p, t in rendered.items() if p.startswith("claimants/")}


def test_names_in_five_scripts_and_unknown_each_get_their_own_page(make_kb: MakeKB) -> None:
    kb, diagnostics = kb_of(make_kb, NAMES)
    assert diagnostics == []
    rendered = render_site(kb)
    pages = claimant_pages(rendered)
    assert len(pages) == len(NAMES)
    for i, name in enumerate(NAMES):
        [page] = [t for t in pages.values() if f"title: {name}\n" in t]
        linked = {f"claim-{j}" for j in range(len(NAMES)) if f"claims/claim-{j}/" in page}
        assert linked == {f"claim-{i}"}, f"{name}'s page lists {linked}"
    directory = rendered["claimants.md"]
    assert all(f">{name}</a>" in directory for name in NAMES)
    browse = json.loads(rendered["api/browse.json"])
    assert sorted(name for _, name in browse["claimants"]) == sorted(NAMES)


def test_transliterated_slugs_are_readable() -> None:
    assert [name_slug(n) for n in NAMES] == [
        "gimjeongeun",
        "vladimir-putin",
        "mhmd-bn-slmn",
        "xijinping",
        "r-s-hmmslh",
        "unknown",
    ]


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("The Daily Dot", "the-daily-dot"),
        ("Unnamed user on X", "unnamed-user-on-x"),
        ("Newsweek", "newsweek"),
        ("José Núñez", "jose-nunez"),
        ("Ｆｕｌｌ Ｗｉｄｔｈ", "full-width"),
    ],
)
def test_latin_names_keep_the_addresses_they_always_had(name: str, slug: str) -> None:
    assert name_slug(name) == slug


def test_the_example_sites_claimant_addresses_are_unchanged() -> None:
    kb = validate_root(REPO).kb
    golden = {p.stem for p in (REPO / "tests/golden/claimants").glob("*.md")}
    assert golden <= set(kb.by_claimant)


def test_names_with_nothing_readable_or_reserved_get_a_hash() -> None:
    assert name_slug("???").startswith("name-") and name_slug("!!!").startswith("name-")
    assert name_slug("???") != name_slug("!!!")
    assert name_slug("Con").startswith("con-"), "Windows cannot store con.md"
    assert name_slug("???") == name_slug("???"), "stable"


def test_nfc_and_nfd_spellings_are_one_claimant(make_kb: MakeKB) -> None:
    composed = "José Ruiz"
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    kb, diagnostics = kb_of(make_kb, [composed, decomposed])
    assert diagnostics == []
    assert {slug: len(claims) for slug, claims in kb.by_claimant.items()} == {"jose-ruiz": 2}


@pytest.mark.parametrize(
    "twin",
    ["jane-doe", "JANE DOE", "J\u0430ne Doe", "Jane  Doe"],
    ids=["slug", "caps", "cyrillic-a", "spaces"],
)
def test_two_names_for_one_address_are_fd045_naming_both(make_kb: MakeKB, twin: str) -> None:
    root = make_kb(
        {
            "claims/claim-a.yaml": claim_by("claim-a", "Jane Doe"),
            "claims/claim-b.yaml": claim_by("claim-b", twin),
        }
    )
    result = validate_root(root, TODAY)
    [hit] = [d for d in result.diagnostics if d.code == "FD045"]
    assert (hit.file, hit.line, hit.column, hit.severity) == ("claims/claim-b.yaml", 5, 9, "error")
    assert "'Jane Doe'" in hit.message and f"'{twin}'" in hit.message
    assert "claims/claim-a.yaml, line 5" in hit.message and "claimants/jane-doe/" in hit.message
    assert "claims/claim-a.yaml" in hit.hint


def test_the_renderer_never_merges_two_names_even_without_validation(make_kb: MakeKB) -> None:
    kb, diagnostics = kb_of(make_kb, ["Jane Doe", "jane-doe"])
    assert [code for *_, code in diagnostics] == ["FD045"]
    pages = claimant_pages(render_site(kb))
    assert len(pages) == 2
    assert sorted(t.split("title: ", 1)[1].split("\n", 1)[0] for t in pages.values()) == [
        "Jane Doe",
        "jane-doe",
    ]


def test_colliding_names_get_addresses_that_do_not_depend_on_order() -> None:
    names = ["Jane Doe", "jane-doe", "JANE DOE", "Ann Lee"]
    slugs = page_slugs(names)
    assert page_slugs(reversed(names)) == slugs
    assert len(set(slugs.values())) == len(names)
    assert slugs["Ann Lee"] == "ann-lee"


def test_imported_claims_in_other_scripts_get_ids_of_their_own() -> None:
    from factdesk.tools.importer.mapping import claim_id

    ids = {
        claim_id({}, text, None)
        for text in ["김정은이 핵을 포기했다", "Путин сказал это", "习近平说了"]
    }
    assert len(ids) == 3 and "imported-claim" not in ids
    assert claim_id({}, "Путин сказал это", None) == "putin-skazal-eto"
