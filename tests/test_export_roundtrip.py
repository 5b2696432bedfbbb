"""What factdesk publishes carries what an importer needs: the ClaimReview DataFeed alone
rebuilds every source a claim cites and the claimant and appearances field by field
(docs/site.md lists what ClaimReview cannot carry). Also the DataFeed's Data Commons shape,
the MediaReview, and the CSVs. Unit tier: renders, never builds a site."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from factdesk.check.pipeline import validate_root
from factdesk.cli import cli
from factdesk.kb import KnowledgeBase
from factdesk.records.models import Source
from factdesk.render import render_site, urls
from factdesk.render.jsonld import (
    CLAIMANT_TYPES,
    SOURCE_TYPES,
    cited_sources,
    claim_nodes,
    clip_times,
)
from factdesk.render.languages import claim_url, layout
from factdesk.tools.importer.mapping import map_review

from conftest import REPO, MakeKB
from kbfactory import claim_with

# Fields of a source that ClaimReview's `citation` cannot carry (docs/site.md says so).
SOURCE_LOST = {"accessed", "confidence", "archive_gap"}
SITE = "https://example.org/factdesk/"
# The example desk publishes English and Korean, each language's pages in its folder.
EN = urls.Layout(urls.language_prefix("en", multilingual=True))


@pytest.fixture(scope="module")
def example() -> KnowledgeBase:
    return validate_root(REPO).kb


@pytest.fixture(scope="module")
def feed(example: KnowledgeBase) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(render_site(example)[urls.CLAIMREVIEW_JSON])
    return data


def _kind(node: dict[str, Any], table: dict[Any, str]) -> str:
    """A reader's rule: `additionalType` when given, else the first kind of the @type."""
    extra = node.get("additionalType")
    if extra:
        return str(extra)
    return next(k for k, t in table.items() if t == node["@type"])


def _reviews(feed: dict[str, Any], kind: str) -> dict[str, dict[str, Any]]:
    """Data Commons' reading: dataFeedElement → DataFeedItem → item[] → reviews by URL."""
    found = {}
    for element in feed["dataFeedElement"]:
        assert element["@type"] == "DataFeedItem"
        for node in element["item"]:
            if node["@type"] == kind:
                found[node["url"]] = node
    return found


def _source_from(node: dict[str, Any]) -> dict[str, Any]:
    archive = node.get("archivedAt") or {}
    data = {
        "id": urls.id_in(node["@id"], SITE, urls.source),
        "title": node["name"],
        "kind": _kind(node, SOURCE_TYPES),
        "url": node.get("url"),
        "publisher": (node.get("publisher") or {}).get("name"),
        "authors": [a["name"] for a in node.get("author", [])],
        "published": node.get("datePublished"),
        "archive_url": archive.get("url"),
        "archived": archive.get("dateCreated"),
        "language": node.get("inLanguage"),
        "notes": node.get("description"),
    }
    return {k: v for k, v in data.items() if v not in (None, [])}


def test_the_datafeed_alone_rebuilds_every_cited_source(
    example: KnowledgeBase, feed: dict[str, Any]
) -> None:
    """Importing the DataFeed into an empty knowledge base needs the sources it cites (25
    FD012 before): each comes as a `citation` node whose @id is its page here."""
    rebuilt: dict[str, Source] = {}
    for review in _reviews(feed, "ClaimReview").values():
        for node in review.get("citation", []):
            source = Source.model_validate(_source_from(node))
            assert rebuilt.setdefault(source.id, source) == source, "one source, one node"
    published = {c.id for c in example.published}
    cited = {s for s, cids in example.citations.items() if set(cids) & published}
    assert set(rebuilt) == cited
    for sid, source in rebuilt.items():
        original = example.sources[sid].record.model_dump(exclude=SOURCE_LOST)
        assert source.model_dump(exclude=SOURCE_LOST) == original, sid


def test_the_claimant_keeps_kind_handle_platform_and_description(
    example: KnowledgeBase, feed: dict[str, Any]
) -> None:
    reviews = _reviews(feed, "ClaimReview")
    kinds = set()
    for claim in example.published:
        author = reviews[urls.absolute(SITE, claim_url(example, claim.id))]["itemReviewed"][
            "author"
        ]
        who = claim.claimant
        account = author.get("identifier", {})
        assert _kind(author, CLAIMANT_TYPES) == who.kind, claim.id
        assert author.get("alternateName") == who.handle == account.get("value")
        assert account.get("propertyID") == who.platform
        assert author.get("description") == who.description
        kinds.add(who.kind)
    assert len(kinds) > 2, "the example has claimants of several kinds"


def test_every_claimant_kind_has_a_person_or_organisation_type() -> None:
    """Google reads Person or Organization (or a subtype) as the claim's author."""
    person_or_org = {"Person", "Organization", "NewsMediaOrganization", "GovernmentOrganization"}
    assert set(CLAIMANT_TYPES.values()) <= person_or_org


def test_appearances_have_their_own_node_a_url_and_their_source(
    example: KnowledgeBase, feed: dict[str, Any]
) -> None:
    """An appearance's @id is not the source's page, so a merged graph does not move the
    appearance's date onto the source; `url` is where a reader finds it."""
    reviews = _reviews(feed, "ClaimReview")
    source_pages = {
        urls.absolute(SITE, layout(example, language).source(s))
        for s in example.sources
        for language in example.settings.languages
    }
    for claim in example.published:
        item = reviews[urls.absolute(SITE, claim_url(example, claim.id))]["itemReviewed"]
        nodes = item.get("appearance", [])
        assert len(nodes) == len(claim.appearances)
        for seen, node in zip(claim.appearances, nodes, strict=True):
            assert node["@id"] not in source_pages and node["@id"].startswith(SITE)
            assert node["url"]
            assert urls.id_in(node.get("sameAs"), SITE, urls.source) == seen.source
            if seen.url:
                assert node["url"] == seen.url
            assert node.get("datePublished") == (str(seen.date) if seen.date else None)
            assert (node.get("isPartOf") or {}).get("name") == seen.platform
            assert node.get("description") == seen.note
        first = [n["@id"] for s, n in zip(claim.appearances, nodes, strict=True) if s.first]
        assert [item["firstAppearance"]["@id"]] == first if first else "firstAppearance" not in item
    ids = [n["@id"] for r in reviews.values() for n in r["itemReviewed"].get("appearance", [])]
    assert len(ids) == len(set(ids))


def test_the_datafeed_is_in_data_commons_shape(
    example: KnowledgeBase, feed: dict[str, Any]
) -> None:
    assert feed["@type"] == "DataFeed"
    assert feed["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert feed["dateModified"] == str(max(c.updated or c.published for c in example.published))
    claims = {urls.absolute(SITE, claim_url(example, c.id)): c for c in example.published}
    assert {e["url"] for e in feed["dataFeedElement"]} == set(claims)
    for element in feed["dataFeedElement"]:
        claim = claims[element["url"]]
        assert element["dateCreated"] == str(claim.published)
        assert element.get("dateModified") == (str(claim.updated) if claim.updated else None)
        assert element["item"][0]["@type"] == "ClaimReview"
    media = _reviews(feed, "MediaReview")
    assert set(media) == {u for u, c in claims.items() if c.media_review}
    for url, node in media.items():
        review = _reviews(feed, "ClaimReview")[url]
        assert node["associatedClaimReview"] == {"@id": review["@id"]}
        assert review["associatedMediaReview"] == {"@id": node["@id"]}
        assert node["license"] == feed["license"]
        assert all(m.get("contentUrl") for m in node["itemReviewed"]["mediaItemAppearance"])


def test_media_review_names_the_media_and_its_timestamps(make_kb: MakeKB) -> None:
    review = (
        "media_review:\n  media_type: video\n  categories: [transformed]\n"
        "  media_url: https://video.example/v/1\n"
        "  original_media_url: https://video.example/original\n"
        "  timestamps: ['0:12-0:20', '1:02:03', 'the ending']\n"
    )
    root = make_kb({"claims/claim-a.yaml": claim_with("published:", review + "published:")})
    kb = validate_root(root).kb
    media = next(n for n in claim_nodes(kb, kb.published[0]) if n["@type"] == "MediaReview")
    assert media["originalMediaLink"] == "https://video.example/original"
    items = media["itemReviewed"]["mediaItemAppearance"]
    assert items[0] == {"@type": "VideoObject", "contentUrl": "https://video.example/v/1"}
    clips = [(i["name"], i.get("startTime"), i.get("endTime")) for i in items[1:]]
    assert clips == [
        ("0:12-0:20", "00:00:12", "00:00:20"),
        ("1:02:03", "01:02:03", None),
        ("the ending", None, None),
    ]
    assert all(i["contentUrl"] == "https://video.example/v/1" for i in items)


def test_related_claims_are_their_published_reviews(make_kb: MakeKB) -> None:
    """`related` as `associatedClaimReview`, in order; a draft has no review to name."""
    related = "related: [claim-c, claim-b]\nstatus: published"
    root = make_kb(
        {
            "claims/claim-a.yaml": claim_with("status: published", related),
            "claims/claim-b.yaml": claim_with("id: claim-a", "id: claim-b").replace(
                "sky is green", "sky is blue"
            ),
            "claims/claim-c.yaml": claim_with("id: claim-a", "id: claim-c")
            .replace("sky is green", "sky is red")
            .replace("status: published", "status: draft"),
        }
    )
    kb = validate_root(root).kb
    review = claim_nodes(kb, kb.claims["claim-a"].record)[0]
    page = urls.absolute(kb.settings.site_url, urls.claim("claim-b"))
    assert review["associatedClaimReview"] == [{"@id": urls.node(page, "claimreview")}]


@pytest.mark.parametrize(
    ("text", "times"),
    [
        ("0:12-0:20", ("00:00:12", "00:00:20")),
        ("0:12 – 0:20", ("00:00:12", "00:00:20")),
        ("12:05 to 12:30", ("00:12:05", "00:12:30")),
        ("1:02:03", ("01:02:03", None)),
        ("0:75", None),
        ("minute two", None),
        ("", None),
    ],
)
def test_clip_times(text: str, times: tuple[str, str | None] | None) -> None:
    assert clip_times(text) == times


def test_csv_rows_are_one_line_each_and_excel_gets_a_bom_and_crlf(make_kb: MakeKB) -> None:
    conclusion = 'conclusion: "First line.\\nSecond line.\\u2028Third, \\"quoted\\"."'
    root = make_kb({"claims/claim-a.yaml": claim_with("conclusion: It is not.", conclusion)})
    out = render_site(validate_root(root).kb)
    plain, excel = out[urls.CLAIMS_CSV], out[urls.CLAIMS_EXCEL_CSV]
    assert len(plain.splitlines()) == 2, "header and one claim: one line each"
    [row] = list(csv.DictReader(io.StringIO(plain)))[:1]
    assert row["conclusion"] == 'First line. ¶ Second line. ¶ Third, "quoted".'
    assert excel.startswith("\ufeffid,url,") and excel.count("\r\n") == 2
    assert excel.removeprefix("\ufeff").replace("\r\n", "\n") == plain


def test_the_sites_own_datafeed_imports_into_an_empty_knowledge_base(tmp_path: Path) -> None:
    exported = tmp_path / "export"
    export = ["export", "--root", str(REPO), "--out", str(exported)]
    assert CliRunner().invoke(cli, export).exit_code == 0
    root = tmp_path / "kb"
    root.mkdir()
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    feed = str(exported / urls.CLAIMREVIEW_JSON)
    result = CliRunner().invoke(cli, ["import", "claimreview", feed, "--root", str(root)])
    assert result.exit_code == 0, result.output
    assert validate_root(root).errors == []


# Claim fields the round trip cannot give back, as docs/site.md's table says: ClaimReview
# has no property for them. `evidence` comes back as the cited sources, each `context`.
CLAIM_LOST = {"analysis", "observations", "topics", "authors", "editor", "corrections"}
CLAIM_LOST |= {"media_review", "evidence", "image"}


def _import(root: Path, feed: Path, *more: str) -> Any:
    return CliRunner().invoke(cli, ["import", "claimreview", str(feed), "--root", str(root), *more])


def _files(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text() for p in root.rglob("*.yaml")}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export")
    assert (
        CliRunner().invoke(cli, ["export", "--root", str(REPO), "--out", str(out)]).exit_code == 0
    )
    return out / urls.CLAIMREVIEW_JSON


def _empty_desk(path: Path) -> Path:
    path.mkdir()
    shutil.copy(REPO / "mkdocs.yml", path / "mkdocs.yml")
    return path


@pytest.fixture(scope="module")
def imported(exported: Path, tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    root = _empty_desk(tmp_path_factory.mktemp("roundtrip") / "kb")
    assert _import(root, exported).exit_code == 0
    result = validate_root(root)
    assert result.errors == []
    return result.kb


def test_the_round_trip_gives_back_every_source_record(
    example: KnowledgeBase, imported: KnowledgeBase
) -> None:
    """Each `citation` becomes its source record again, field by field."""
    assert set(imported.sources) == set(example.sources)
    for sid, entry in imported.sources.items():
        original = example.sources[sid].record.model_dump(exclude=SOURCE_LOST)
        assert entry.record.model_dump(exclude=SOURCE_LOST) == original, sid


def test_the_round_trip_loses_only_what_claimreview_cannot_carry(
    example: KnowledgeBase, imported: KnowledgeBase
) -> None:
    """Claimant (kind, platform, handle, description), appearances (source, platform,
    note, first), related claims and every other carried field come back as they were."""
    assert set(imported.claims) == {c.id for c in example.published}
    for cid, entry in imported.claims.items():
        original = example.claims[cid].record
        back = entry.record
        if original.updated == original.published:
            # dateModified equal to datePublished: an update on the day says no more.
            original = original.model_copy(update={"updated": None})
        assert back.model_dump(exclude=CLAIM_LOST) == original.model_dump(exclude=CLAIM_LOST)
        assert [(e.source, e.stance) for e in back.evidence] == [
            (s, "context") for s in cited_sources(original)
        ]
    kinds = {c.record.claimant.kind for c in imported.claims.values()}
    assert len(kinds) > 2 and any(c.record.related for c in imported.claims.values())


def test_a_second_import_with_update_changes_nothing(exported: Path, tmp_path: Path) -> None:
    root = _empty_desk(tmp_path / "kb")
    assert _import(root, exported).exit_code == 0
    before = _files(root)
    again = _import(root, exported, "--update")
    assert again.exit_code == 0, again.output
    assert _files(root) == before
    assert "imported 0 claim(s) (0 draft(s)) and 0 source(s)" in again.output


def test_update_fills_an_emptied_source_and_keeps_an_editors_words(
    exported: Path, tmp_path: Path
) -> None:
    """A source of this site is the desk's own record: --update fills what an editor
    emptied and overwrites nothing; the editor's stance stays, no citation doubles."""
    root = _empty_desk(tmp_path / "kb")
    assert _import(root, exported).exit_code == 0
    source = root / "sources" / "newsweek-pro-north-korea-tiktok.yaml"
    text = source.read_text()
    edited = re.sub(r"(?m)^title: .*$", "title: An editor's title", text)
    source.write_text(re.sub(r"(?m)^authors:\n(  - .*\n)+", "", edited))
    claim = root / "claims" / "pyongyang-best-nightlife.yaml"
    claim.write_text(claim.read_text().replace("stance: context", "stance: supports", 1))
    stances = claim.read_text()
    result = _import(root, exported, "--update")
    assert result.exit_code == 0, result.output
    assert "sources/newsweek-pro-north-korea-tiktok.yaml: authors: added" in result.output
    assert source.read_text().replace("title: An editor's title", "") == re.sub(
        r"(?m)^title: .*$", "", text
    )
    assert claim.read_text() == stances


def test_a_related_claim_not_imported_is_left_out_and_reported(
    exported: Path, tmp_path: Path
) -> None:
    """Reviews of a feed imported in part: a related claim that is not there is dropped
    with FD206 at the claim that named it, not written as a reference to nothing."""
    feed = json.loads(exported.read_text())
    gone = urls.absolute(SITE, EN.claim("motorcycle-clear-sign-of-wealth"))
    feed["dataFeedElement"] = [e for e in feed["dataFeedElement"] if e["url"] != gone]
    part = tmp_path / "part.json"
    part.write_text(json.dumps(feed))
    root = _empty_desk(tmp_path / "kb")
    result = _import(root, part, "--format", "json")
    assert result.exit_code == 0, result.output
    assert validate_root(root).errors == []
    back = yaml.safe_load((root / "claims" / "pyongyang-best-nightlife.yaml").read_text())
    assert back["related"] == ["northkoreanlife-government-account"]
    diagnostics, _ = json.JSONDecoder().raw_decode(result.output)
    related = [d for d in diagnostics if "related" in d["message"]]
    assert [(d["code"], d["file"], d["line"]) for d in related] == [
        ("FD206", "claims/pyongyang-best-nightlife.yaml", 1),
        ("FD206", "claims/pyongyang-best-nightlife-ko.yaml", 1),
    ]


def test_a_translation_whose_original_is_not_imported_keeps_its_text(
    exported: Path, tmp_path: Path
) -> None:
    """The round trip gives translations back (the test above); imported without its
    original, a translation loses only `translation_of`, with FD206."""
    feed = json.loads(exported.read_text())
    gone = urls.absolute(SITE, EN.claim("pyongyang-best-nightlife"))
    feed["dataFeedElement"] = [e for e in feed["dataFeedElement"] if e["url"] != gone]
    part = tmp_path / "part.json"
    part.write_text(json.dumps(feed))
    root = _empty_desk(tmp_path / "kb")
    result = _import(root, part, "--format", "json")
    assert result.exit_code == 0, result.output
    assert validate_root(root).errors == []
    back = yaml.safe_load((root / "claims" / "pyongyang-best-nightlife-ko.yaml").read_text())
    assert "translation_of" not in back
    assert back["original_claim"] == {
        "text": "[Pyongyang] has the best nightlife",
        "language": "en",
    }
    diagnostics, _ = json.JSONDecoder().raw_decode(result.output)
    assert [(d["code"], d["file"]) for d in diagnostics if "translation_of" in d["message"]] == [
        ("FD206", "claims/pyongyang-best-nightlife-ko.yaml")
    ]


def _review(author: dict[str, Any], **more: Any) -> dict[str, Any]:
    return {
        "@type": "ClaimReview",
        "url": "https://elsewhere.example/checks/a-claim-about-things",
        "claimReviewed": "A claim about things",
        "itemReviewed": {"@type": "Claim", "author": author, **more},
    }


@pytest.mark.parametrize(
    ("author", "kind", "platform", "handle"),
    [
        (
            {"@type": "Organization", "additionalType": "social-account"},
            "social-account",
            None,
            None,
        ),
        ({"@type": "NewsMediaOrganization"}, "media", None, None),
        ({"@type": "PoliticalParty"}, "organisation", None, None),
        (
            {"@type": "Person", "additionalType": "https://schema.org/Politician"},
            "person",
            None,
            None,
        ),
        ({"@type": "Thing"}, "unknown", None, None),
        (
            {
                "@type": "Person",
                "alternateName": "@someone",
                "identifier": [
                    {"@type": "PropertyValue", "propertyID": "Wikidata", "value": "Q42"},
                    {"@type": "PropertyValue", "propertyID": "X", "value": "@someone"},
                ],
            },
            "person",
            "X",
            "@someone",
        ),
        (
            {"@type": "Person", "identifier": {"propertyID": "Wikidata", "value": "Q42"}},
            "person",
            None,
            None,
        ),
    ],
)
def test_the_claimant_is_read_as_the_export_writes_it(
    author: dict[str, Any], kind: str, platform: str | None, handle: str | None
) -> None:
    """A kind from `additionalType` only when it is one; a platform only from the
    identifier that holds the handle (a Wikidata id names no platform)."""
    who = map_review(_review({"name": "Someone", **author}), {}, SITE, "r").claim["claimant"]
    assert (who["kind"], who["platform"], who["handle"]) == (kind, platform, handle)


def test_an_appearance_node_of_this_site_is_no_address() -> None:
    """Its `@id` (`…/claims/x/#appearance-1`) names the node, not where the claim was
    seen; `url` repeating the cited source's address is that source's, not the
    appearance's."""
    source_page = urls.absolute(SITE, urls.source("video"))
    review = _review(
        {"name": "Someone"},
        appearance=[
            {
                "@id": SITE + "claims/x/#appearance-1",
                "sameAs": source_page,
                "url": "https://v.example/1",
            },
            {"@id": SITE + "claims/x/#appearance-2", "url": "https://elsewhere.example/post"},
            {"@id": SITE + "claims/x/#appearance-3"},
        ],
    )
    review["citation"] = [
        {"@type": "VideoObject", "@id": source_page, "name": "V", "url": "https://v.example/1"}
    ]
    mapped = map_review(review, {}, SITE, "r")
    assert mapped.claim["appearances"] == [
        {"source": "video"},
        {"url": "https://elsewhere.example/post"},
    ]
    assert [s["kind"] for s in mapped.cited] == ["video"]
