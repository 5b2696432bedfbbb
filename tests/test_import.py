"""`factdesk import claimreview` and `factdesk export`, with the round trip between them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from factdesk.check.pipeline import validate_root
from factdesk.cli import cli
from factdesk.records.settings import Settings
from factdesk.tools.importer.ratings import alias_table, map_rating
from factdesk.tools.importer.read import read_file

from conftest import REPO

FIXTURES = REPO / "tests" / "fixtures" / "claimreview"
SITE = "site_name: t\nsite_url: https://example.org/t/\nplugins:\n  - factdesk\n"


def run(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def empty_kb(tmp_path: Path) -> Path:
    root = tmp_path / "kb"
    root.mkdir()
    (root / "mkdocs.yml").write_text(SITE)
    return root


def claim(root: Path, cid: str) -> dict[str, Any]:
    return yaml.safe_load((root / "claims" / f"{cid}.yaml").read_text())


def test_reads_every_shape_publishers_use() -> None:
    counts = {p.name: len(read_file(p, p.name)[0]) for p in sorted(FIXTURES.iterdir())}
    assert counts == {
        "afp-defacto-page.html": 1,
        "afp-graph-page.html": 2,
        "broken.json": 0,
        "datacommons-feed.json": 5,
        "fullfact.json": 2,
        "no-claimreview.json": 0,
        "page-without-jsonld.html": 0,
        "politifact.json": 6,
        "snopes.json": 4,
        "washingtonpost.json": 1,
    }
    assert sum(counts.values()) >= 20


def test_a_broken_block_beside_a_review_is_skipped_with_a_warning() -> None:
    page = REPO / "tests" / "data" / "claimreview-real" / "aos-fatos" / "aos-fatos.html"
    found, problems = read_file(page, "aos-fatos.html")
    assert len(found) == 1 and [(p.code, p.severity) for p in problems] == [("FD207", "warning")]


def test_broken_and_empty_files_are_diagnostics_with_their_line() -> None:
    [broken] = read_file(FIXTURES / "broken.json", "broken.json")[1]
    assert (broken.code, broken.line) == ("FD201", 4)
    for name in ("no-claimreview.json", "page-without-jsonld.html"):
        [problem] = read_file(FIXTURES / name, name)[1]
        assert problem.code == "FD202"


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("Pants on Fire!", "false"),
        ("Barely True", "mostly-false"),
        ("Mixture", "half-true"),
        ("Four Pinocchios", "false"),
        ("Three Pinocchios", "mostly-false"),
        ("One Pinocchio", "mostly-true"),
        ("Geppetto Checkmark", "true"),
        ("Faux", "false"),
        ("Labeled Satire", "satire"),
        ("Miscaptioned", "misleading"),
        ("Mostly true", "mostly-true"),
        ("Missing context", "missing-context"),
        ("really_false", "false"),
        ("زائف", "false"),
        ("錯誤", "false"),
        ("證據不足", "unproven"),
        ("não_é_bem_assim", "misleading"),
        ("não é bem assim", "misleading"),
        ("FALSO: As imagens foram retiradas do contexto", "false"),
        ("Falso.", "false"),
        ("Incorrect \r", "false"),
        ("Altered", None),
        ("There is no public record of it.", None),
    ],
)
def test_rating_aliases(label: str, key: str | None) -> None:
    assert map_rating(label, alias_table(Settings())) == key


def test_configured_aliases_and_a_smaller_scale() -> None:
    settings = Settings.model_validate(
        {
            "ratings": [{"key": "wrong", "label": "Wrong", "definition": "d", "color": "#c62828"}],
            "rating_aliases": {"Altered": "wrong", "Something": "not-a-key"},
        }
    )
    table = alias_table(settings)
    assert map_rating("Altered", table) == "wrong"
    assert map_rating("False", table) is None, "no alias to a key the scale lacks"
    assert map_rating("Something", table) is None


def test_import_all_fixtures_then_validate(empty_kb: Path) -> None:
    result = run(
        "import", "claimreview", *map(str, sorted(FIXTURES.iterdir())), "--root", str(empty_kb)
    )
    assert result.exit_code == 1, "broken files are errors"
    assert "imported 20 claim(s)" in result.stderr and "skipped 1" in result.stderr
    for code in ("FD201", "FD202", "FD203", "FD204", "FD206"):
        assert code in result.stdout, code
    checked = validate_root(empty_kb)
    assert checked.errors == [], checked.errors
    assert run("fmt", "--check", "--root", str(empty_kb)).exit_code == 0
    pants = claim(empty_kb, "montana-tiktok-ban-takes-effect-today")
    assert pants["rating"] == "false" and pants["claim_date"] == "2023-05-17"
    assert pants["appearances"] == [{"url": "https://x.example/someone/status/99", "first": True}]
    assert pants["updated"] == "2023-05-19"
    half = claim(empty_kb, "press-freedom-index-half-true")
    assert half["status"] == "published" and half["rating"] == "half-true"
    assert half["conclusion"] == "Last in 2023, but not in every year's index."
    afp = claim(empty_kb, "cette-carte-montre-la-coree-du-sud-comme-une-zone")
    assert afp["language"] == "fr" and afp["claimant"]["kind"] == "person"
    assert afp["appearances"][0]["first"] is True and len(afp["appearances"]) == 2


def test_unmapped_ratings_become_drafts_without_a_verdict(empty_kb: Path) -> None:
    run("import", "claimreview", str(FIXTURES / "fullfact.json"), "--root", str(empty_kb))
    record = claim(empty_kb, "northkoreanlife-followers-doubled")
    assert record["status"] == "draft" and "rating" not in record
    text = (empty_kb / "claims" / "northkoreanlife-followers-doubled.yaml").read_text()
    assert "# DRAFT: the review gave no rating, conclusion usable here" in text
    assert "There is no public record" in record["evidence"][0]["note"]


def test_hostile_values_are_dropped_not_passed_on(empty_kb: Path) -> None:
    run("import", "claimreview", str(FIXTURES / "datacommons-feed.json"), "--root", str(empty_kb))
    record = claim(empty_kb, "tiktok-was-founded-in-north-korea")
    assert record["appearances"] == [{"url": "https://video.example/v/1"}]
    assert "javascript" not in json.dumps(record)


def test_never_overwrites_without_update(empty_kb: Path) -> None:
    source = str(FIXTURES / "politifact.json")
    run("import", "claimreview", source, "--root", str(empty_kb))
    path = empty_kb / "claims" / "press-freedom-index-half-true.yaml"
    edited = path.read_text().replace("tags: []", "") + "analysis: An editor's own words.\n"
    path.write_text(edited)
    again = run("import", "claimreview", source, "--root", str(empty_kb))
    assert again.exit_code == 1 and "FD205" in again.stdout
    assert path.read_text() == edited
    updated = run("import", "claimreview", source, "--root", str(empty_kb), "--update")
    assert updated.exit_code == 0, updated.stdout
    record = claim(empty_kb, "press-freedom-index-half-true")
    assert record["analysis"] == "An editor's own words."
    assert record["rating"] == "half-true"


def test_export_writes_the_machine_outputs_only(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("export", "--root", str(REPO), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert "api/claimreview.json" in names and "claims.csv" in names and "feed.xml" in names
    assert not any(n.endswith(".md") or n.endswith(".html") for n in names)
    assert run("export", "--root", str(REPO), "--out", str(out)).stdout.startswith("0 written")


CARRIED = ("title", "claim", "claim_date", "rating", "conclusion", "published", "language")


def _carried(record: dict[str, Any]) -> dict[str, Any]:
    who = record["claimant"]
    appearances = [
        {
            k: v
            for k, v in a.items()
            if k in ("url", "source", "date", "archive_url", "first") and v not in (None, False)
        }
        for a in record.get("appearances") or []
    ]
    return {
        **{k: record.get(k) for k in CARRIED},
        "modified": record.get("updated") or record.get("published"),
        "claimant": (who["name"], who.get("url"), who.get("same_as") or []),
        "appearances": appearances,
    }


def test_importing_our_own_datafeed_gives_back_the_same_records(tmp_path: Path) -> None:
    exported = tmp_path / "export"
    assert run("export", "--root", str(REPO), "--out", str(exported)).exit_code == 0
    root = tmp_path / "kb"
    root.mkdir()
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "sources", root / "sources")
    result = run(
        "import", "claimreview", str(exported / "api/claimreview.json"), "--root", str(root)
    )
    assert result.exit_code == 0, result.stdout
    original = validate_root(REPO).kb
    for cid, entry in original.claims.items():
        back = yaml.safe_load((root / "claims" / f"{cid}.yaml").read_text())
        assert _carried(back) == _carried(entry.record.model_dump(mode="json")), cid
    assert validate_root(root).errors == []
