"""`factdesk import claimreview` over real published reviews (tests/data/claimreview-real):
every review becomes what SOURCES.md says an editor expects, and the import → CI path is
green. Each finding of the import is shown on a real review where one shows it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from factdesk.check.pipeline import validate_root
from factdesk.cli import cli
from factdesk.tools.importer import mapping
from factdesk.tools.importer.read import read_file

from conftest import REPO

CORPUS = REPO / "tests" / "data" / "claimreview-real"
SITE = "site_name: t\nsite_url: https://example.org/t/\nplugins:\n  - factdesk\n"
COLUMNS = ("file", "item", "publisher", "language", "published", "claimant", "label", "import")


def expectations() -> list[dict[str, str]]:
    """The rows of SOURCES.md's table of reviews."""
    text = (CORPUS / "SOURCES.md").read_text()
    table = text.split("## What each review should become", 1)[1]
    rows = []
    for line in table.splitlines():
        cells = [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        if len(cells) == 10 and cells[0].startswith("`"):
            rows.append(dict(zip((*COLUMNS, "editor", "reason"), cells, strict=True)))
    return rows


def corpus_files() -> list[Path]:
    return sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.name != "SOURCES.md")


def run(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args))


def new_kb(tmp_path: Path) -> Path:
    root = tmp_path / "kb"
    root.mkdir()
    (root / "mkdocs.yml").write_text(SITE)
    return root


def imported(root: Path) -> dict[tuple[str, int], tuple[dict[str, Any], dict[str, Any]]]:
    """(file name, item) → (claim, the review's source), from the records' headers."""
    sources = {}
    for path in (root / "sources").glob("*.yaml"):
        record = yaml.safe_load(path.read_text())
        sources[record["id"]] = record
    found = {}
    for path in (root / "claims").rglob("*.yaml"):
        text = path.read_text()
        origin = re.search(r"Imported from ClaimReview: (.+), item (\d+)\.", text)
        assert origin, path
        claim = yaml.safe_load(text)
        found[(origin[1], int(origin[2]))] = (claim, sources[claim["evidence"][0]["source"]])
    return found


@pytest.fixture(scope="module")
def corpus_kb(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    root = new_kb(tmp_path_factory.mktemp("real"))
    result = run("import", "claimreview", *map(str, corpus_files()), "--root", str(root))
    return root, result


def test_the_corpus_is_big_and_varied() -> None:
    rows = expectations()
    counted = sum(len(read_file(p, p.name)[0]) for p in corpus_files())
    assert counted == len(rows) >= 40
    assert len({r["publisher"] for r in rows}) >= 12
    assert len({r["language"].split("-")[0].lower() for r in rows}) >= 6
    listed = (CORPUS / "SOURCES.md").read_text()
    for path in corpus_files():
        assert f"`{path.relative_to(CORPUS).as_posix()}`" in listed, path


def test_every_real_review_imports_as_an_editor_expects(corpus_kb: tuple[Path, Any]) -> None:
    root, result = corpus_kb
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exception
    errors = sorted(
        {line.split(" ")[2] for line in result.stdout.splitlines() if " error " in line}
    )
    assert errors == ["FD202", "FD205"], result.stdout  # the MediaReview; Newtral's twin
    records = imported(root)
    for row in expectations():
        name, item = Path(row["file"].strip("`")).name, int(row["item"])
        if row["import"] == "same review":
            assert (name, item) not in records
            continue
        claim, source = records[(name, item)]
        where = f"{name} item {item}"
        assert claim["language"] == row["language"], where
        assert claim.get("rating") == (None if row["import"] == "unmapped" else row["import"]), (
            where
        )
        if row["import"] != "unmapped":
            assert row["import"] == row["editor"], f"{where}: mapped as an editor would"
        assert source.get("published", "—") == row["published"], where
        assert source["publisher"] == row["publisher"], where
        assert claim["claimant"]["name"] == row["claimant"], where
        assert source["rating_label"] == row["label"].strip(), where
        assert source["url"].startswith(("https://", "http://")), where
        assert claim["id"] != "imported-claim", where


def test_the_records_an_import_writes_pass_strict_validation(corpus_kb: tuple[Path, Any]) -> None:
    root, _ = corpus_kb
    strict = run("validate", "--strict", "--root", str(root))
    assert strict.exit_code == 0, strict.stdout
    checked = validate_root(root)
    assert [d for d in checked.diagnostics if d.code in ("FD102", "FD103")] == []


def one(root: Path, name: str) -> tuple[dict[str, Any], dict[str, Any]]:
    [(claim, source)] = [v for k, v in imported(root).items() if k[0] == name]
    return claim, source


def test_page_language_relative_url_and_broken_neighbour_block(tmp_path: Path) -> None:
    root = new_kb(tmp_path)
    pages = [CORPUS / "estadao" / "estadao.html", CORPUS / "aos-fatos" / "aos-fatos.html"]
    result = run("import", "claimreview", *map(str, pages), "--root", str(root))
    assert result.exit_code == 0, result.stdout
    assert "warning FD207" in result.stdout and "error" not in result.stdout
    estadao, source = one(root, "estadao.html")
    assert estadao["language"] == "pt-br"  # <html lang>
    assert source["url"] == (
        "https://www.estadao.com.br/estadao-verifica/"
        "yanomamis-desnutricao-venezuelanos-brasileiros-maduro-lula/"
    )
    assert source["publisher"] == "estadao.com.br"  # the writer is a person: not the outlet
    _, aos = one(root, "aos-fatos.html")
    assert aos["url"].startswith("https://aosfatos.org/noticias/video-manipulado")


def test_conclusion_is_never_a_bare_number_and_the_outlet_is_not_the_writer(
    tmp_path: Path,
) -> None:
    [found] = read_file(CORPUS / "boom" / "bangla-boom-live.html", "b")[0]
    assert str(found.node["reviewRating"]["ratingExplanation"]) == "5"
    mapped = mapping.map_review(found.node, {"false": "false"}, None, "b", found.page)
    assert mapped.claim["conclusion"] != "5" and len(mapped.claim["conclusion"]) > 20
    assert mapped.source is not None and mapped.source["publisher"] == "BOOM"
    assert mapped.source["authors"] == ["Srijit Das"]
    assert mapped.claim["language"] == "bn"


def test_html_in_text_becomes_text() -> None:
    [found] = read_file(CORPUS / "vishvas-news" / "vishvas-news-english.html", "v")[0]
    mapped = mapping.map_review(found.node, {}, None, "v", found.page)
    assert mapped.claim["claim"] == "Rishi Sunak praises Manmohan Singh's economy ideas"
    assert mapping.plain("one<br />two &amp; <p>three</p>") == "one two & three"


def test_item_reviewed_url_is_an_appearance() -> None:
    [found] = read_file(CORPUS / "afp" / "afp-factuel.html", "a")[0]
    mapped = mapping.map_review(found.node, {}, None, "a", found.page)
    assert mapped.claim["appearances"] == [{"url": found.node["itemReviewed"]["url"]}]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Wed, 11 Mar 2020 10:00:00 +0000", "2020-03-11"),
        ("2020-06-23 20:02", "2020-06-23"),
        ("2021-06-17T14:49:04+05:30", "2021-06-17"),
        ("2023-01-24T13:32:06.838Z", "2023-01-24"),
    ],
)
def test_dates_as_publishers_write_them(text: str, day: str) -> None:
    assert mapping.date_text(text) == day


def test_fact_check_tools_api_and_data_commons(tmp_path: Path) -> None:
    root = new_kb(tmp_path)
    files = [
        CORPUS / "vishvas-news" / "google-fact-check-tools-claim.json",
        CORPUS / "dpa" / "data-commons-feed-item.json",
    ]
    run("import", "claimreview", *map(str, files), "--root", str(root))
    api, source = one(root, "google-fact-check-tools-claim.json")
    assert (api["language"], api["rating"], api["claimant"]["name"]) == (
        "ur",
        "false",
        "FB User-Harshit Pandey",
    )
    assert api["claim_date"] == "2019-06-20" and source["publisher"] == "vishvasnews.com"
    feed, _ = one(root, "data-commons-feed-item.json")
    assert feed["appearances"][0]["url"].startswith("https://www.facebook.com/photo.php")


def test_filters_by_publisher_and_language(tmp_path: Path) -> None:
    root = new_kb(tmp_path)
    result = run(
        "import", "claimreview", *map(str, corpus_files()), "--root", str(root), "--language", "pt"
    )
    languages = {claim["language"].lower() for claim, _ in imported(root).values()}
    assert languages == {"pt-br"} and "left out by --publisher/--language" in result.stderr
    (tmp_path / "afp").mkdir()
    root = new_kb(tmp_path / "afp")
    run(
        "import",
        "claimreview",
        *map(str, corpus_files()),
        "--root",
        str(root),
        "--publisher",
        "afp",
    )
    urls = {source["url"] for _, source in imported(root).values()}
    assert len(urls) == 9 and all(".afp.com/" in u for u in urls)


def test_two_different_reviews_never_share_an_id(tmp_path: Path) -> None:
    """The AFP Hindi review's URL ends in a document code and its claim is in Devanagari;
    another review of the same claim (another URL) gets its own id, never "the same
    review" and never merged."""
    page = CORPUS / "afp" / "afp-fact-check-hindi.html"
    [found] = read_file(page, "p")[0]
    twin = dict(found.node, url="https://factcheckhindi.afp.com/doc.afp.com.9JM367X")
    other = tmp_path / "other.json"
    other.write_text(json.dumps(twin, ensure_ascii=False))
    root = new_kb(tmp_path)
    result = run("import", "claimreview", str(page), str(other), "--root", str(root))
    assert "FD205" not in result.stdout and "same review" not in result.stdout
    ids = sorted(c["id"] for c, _ in imported(root).values())
    assert ids[0] == "tipu-sultan-ki-tsvir"
    assert re.fullmatch(r"tipu-sultan-ki-tsvir-[0-9a-f]{6}", ids[1])
    again = run("import", "claimreview", str(other), "--root", str(root))
    assert "FD205" in again.stdout and "is in the desk already as claims/" in again.stdout


def test_a_review_already_in_the_desk_is_named_by_its_real_path(tmp_path: Path) -> None:
    root = new_kb(tmp_path)
    page = CORPUS / "tfc-taiwan" / "tfc-taiwan.html"
    run("import", "claimreview", str(page), "--root", str(root))
    [path] = (root / "claims").glob("*.yaml")
    nested = root / "claims" / "2022" / path.name
    nested.parent.mkdir()
    path.rename(nested)
    again = run("import", "claimreview", str(page), "--root", str(root))
    assert f"in the desk already as claims/2022/{path.name}" in again.stdout
    assert "FD205" in again.stdout


def test_matches_by_review_url_and_by_claim_text(tmp_path: Path) -> None:
    root = new_kb(tmp_path)
    index = CORPUS / "newtral" / "newtral-fact-check-index.json"
    run("import", "claimreview", str(index), "--root", str(root))
    page = CORPUS / "newtral" / "newtral-fact-check.html"
    again = run("import", "claimreview", str(page), "--root", str(root))
    assert "matches claims/hemos-visto-como" in again.stderr
    assert "(same review URL)" in again.stderr
    [found] = read_file(page, "p")[0]
    moved = tmp_path / "moved.json"
    moved.write_text(
        json.dumps(dict(found.node, url="https://www.newtral.es/x/"), ensure_ascii=False)
    )
    third = run("import", "claimreview", str(moved), "--root", str(root))
    assert "(same claim text)" in third.stderr


def test_update_never_erases_an_editors_work(tmp_path: Path) -> None:
    root = new_kb(tmp_path)
    page = CORPUS / "africa-check" / "africa-check-old.html"
    run("import", "claimreview", str(page), "--root", str(root))
    [path] = (root / "claims").glob("*.yaml")
    record = yaml.safe_load(path.read_text())
    edited = {
        **record,
        "claim": "51% of South African women have experienced violence",
        "conclusion": "The figure is from a small 1999 study.",
        "analysis": "An editor's own words.",
        "published": "2020-07-10",
        "language": "en",
        "rating": "mostly-false",
        "status": "published",
        "appearances": [],
    }
    edited["evidence"][0]["note"] = "The editor's note."
    path.write_text(yaml.safe_dump(edited, allow_unicode=True, sort_keys=False))
    result = run("import", "claimreview", str(page), "--root", str(root), "--update")
    after = yaml.safe_load(path.read_text())
    for key in ("claim", "conclusion", "analysis", "published", "language", "rating", "status"):
        assert after[key] == edited[key], key
    assert after["evidence"][0]["note"] == "The editor's note."
    assert after["evidence"][0]["quote"] == "Incorrect"
    assert len(after["appearances"]) == 1, "the review's appearance is added back"
    assert f"claims/{path.name}: appearances: 1 added" in result.stderr
    quiet = run("import", "claimreview", str(page), "--root", str(root), "--update")
    assert "imported 0 claim(s)" in quiet.stderr, "nothing changed, nothing written"
    assert validate_root(root).errors == []
