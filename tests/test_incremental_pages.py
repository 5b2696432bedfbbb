"""Which generated pages a save changes (render/incremental.py), on a synthetic desk of 250
claims: three browse pages, a latest list of 50, claimants and topics shared by many."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench.synth import write_site

from factdesk.check.pipeline import validate_root
from factdesk.kb import KnowledgeBase
from factdesk.render import render_data, render_site, urls
from factdesk.render.incremental import PagesToUpdate, pages_to_update, record_changes
from factdesk.render.pages import PageRenderer, page_plan

CLAIM = "claim-000200"  # on the third browse page, not among the latest 50


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_site(tmp_path_factory.mktemp("desk") / "kb", 250)


def _edited(desk: Path, tmp_path: Path, old: str, new: str, cid: str = CLAIM) -> Path:
    copy = tmp_path / "kb"
    for path in desk.rglob("*"):
        if path.is_file():
            target = copy / path.relative_to(desk)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    claim = copy / "claims" / f"{cid}.yaml"
    text = claim.read_text(encoding="utf-8")
    assert old in text
    claim.write_text(text.replace(old, new, 1), encoding="utf-8")
    return copy


def _update(before: KnowledgeBase, after: KnowledgeBase) -> PagesToUpdate:
    plan = page_plan(after, PageRenderer(after))
    related = ({}, {})
    return pages_to_update(before, after, record_changes(before, after), related, plan)


def _kb(root: Path) -> KnowledgeBase:
    result = validate_root(root)
    assert result.errors == []
    return result.kb


def test_a_rating_change_updates_the_claim_and_the_pages_that_list_it(
    desk: Path, tmp_path: Path
) -> None:
    before = _kb(desk)
    after = _kb(_edited(desk, tmp_path, 'rating: "', 'rating: "satire" #'))
    todo = _update(before, after)
    assert todo.first == [urls.page_file(urls.claim(CLAIM))]
    claim = after.claims[CLAIM].record
    # The pages that list it come first; the whole desk's lists it counts in, after.
    listing = {urls.claimant(after.claimant_slug(claim)), urls.browse(3)}
    listing |= {urls.topic(t) for t in claim.topics}
    assert {urls.page_file(u) for u in listing} <= set(todo.then)
    assert {urls.page_file(u) for u in (urls.RATINGS, urls.STATS)} <= set(todo.lists)
    assert not set(todo.then) & set(todo.lists)
    # Not the other browse pages, the latest 50, other claims, claimants or sources.
    unrelated = {urls.browse(1), urls.browse(2), urls.LATEST, urls.claim("claim-000201")}
    unrelated |= {urls.claimant(after.claimant_slug(after.claims["claim-000201"].record))}
    unrelated |= {urls.SOURCES}
    assert not {urls.page_file(u) for u in unrelated} & {*todo.then, *todo.lists}
    assert todo.claims == {CLAIM}


def test_a_claim_that_moves_in_the_order_updates_every_browse_page(
    desk: Path, tmp_path: Path
) -> None:
    before = _kb(desk)
    after = _kb(_edited(desk, tmp_path, "published: 2024-01-15", "published: 2024-01-20"))
    then = set(_update(before, after).then)
    assert {urls.page_file(urls.browse(n)) for n in (1, 2, 3)} <= then
    assert urls.page_file(urls.LATEST) in then  # now the newest of all


def test_a_claim_that_changes_claimant_leaves_its_old_claimant_page_too(
    desk: Path, tmp_path: Path
) -> None:
    # Claimant 200 has two claims, so both claimants keep a page after the move.
    shared = _edited(
        desk, tmp_path / "a", "  name: Claimant 201\n", "  name: Claimant 200\n", "claim-000201"
    )
    before = _kb(shared)
    after = _kb(_edited(shared, tmp_path / "b", "  name: Claimant 200\n", "  name: Claimant 199\n"))
    then = set(_update(before, after).then)
    for name in ("claimant-200", "claimant-199"):
        assert urls.page_file(urls.claimant(name)) in then
    assert urls.page_file(urls.claimant("claimant-198")) not in then


def test_a_changed_source_updates_the_claims_that_cite_it(desk: Path, tmp_path: Path) -> None:
    before = _kb(desk)
    copy = _edited(desk, tmp_path, 'rating: "', 'rating: "')  # an unchanged copy
    source = copy / "sources" / "source-000007.yaml"
    source.write_text(
        source.read_text(encoding="utf-8").replace("kind: article", "kind: report"), "utf-8"
    )
    after = _kb(copy)
    todo = _update(before, after)
    assert todo.first == [urls.page_file(urls.source("source-000007"))]
    citing = {urls.page_file(urls.claim(c)) for c in after.citations["source-000007"]}
    assert citing and citing <= set(todo.then)
    assert urls.page_file(urls.SOURCES) in todo.lists
    assert todo.claims == set(after.citations["source-000007"])


def test_an_unchanged_desk_has_nothing_to_update(desk: Path) -> None:
    assert not record_changes(_kb(desk), _kb(desk))


def test_the_data_files_are_every_generated_file_but_the_pages_in_several_languages() -> None:
    """What `serve` rewrites after a save is what a full build writes besides the pages:
    on a site in several languages, each language's feed and browse data too, and the
    verdict search files."""
    kb = validate_root(Path(__file__).parent / "fixtures" / "desk-multilingual").kb
    pages = PageRenderer(kb)
    data = render_data(kb, pages)
    site = render_site(kb, pages=pages)
    assert data == {path: text for path, text in site.items() if not path.endswith(".md")}
    assert {"ko/feed.xml", "ko/api/browse.json", urls.VERDICTS_JSON} <= data.keys()
