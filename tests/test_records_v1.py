"""Records written for schema version 1 (tests/fixtures/records-v1/) stay readable: the
current release reads them, or every registered migration rewrites them, every value kept."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from factdesk.check.pipeline import validate_root
from factdesk.cli import cli
from factdesk.load.discover import discover
from factdesk.load.loader import load_bytes
from factdesk.records import migrations
from factdesk.tools.migrate import leaves, value_at

from migration_steps import use_synthetic_history

FIXTURE = Path(__file__).parent / "fixtures" / "records-v1"
TODAY = dt.date(2027, 1, 1)  # after every date in the fixture


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    return Path(
        shutil.copytree(FIXTURE, tmp_path / "desk", ignore=shutil.ignore_patterns(".cache"))
    )


def _data(root: Path) -> dict[str, tuple[str, Any]]:
    files, _ = discover(root)
    return {f.rel: (f.kind, load_bytes(f.path.read_bytes(), f.rel).data) for f in files}


def _schema_paths(schema: dict[str, Any], node: dict[str, Any], path: str) -> set[str]:
    """Every field path a JSON Schema names, `[]` for the items of a list."""
    if "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
    found: set[str] = set()
    for branch in node.get("anyOf", []):
        found |= _schema_paths(schema, branch, path)
    if "items" in node:
        found |= _schema_paths(schema, node["items"], path + "[]")
    for name, child in node.get("properties", {}).items():
        field = f"{path}.{name}" if path else name
        found |= {field} | _schema_paths(schema, child, field)
    return found


def _data_paths(node: Any, path: str = "") -> set[str]:
    if isinstance(node, list):
        return {p for item in node for p in _data_paths(item, path + "[]")}
    if not isinstance(node, dict):
        return set()
    return {
        p
        for k, v in node.items()
        for p in {f"{path}.{k}" if path else k} | _data_paths(v, f"{path}.{k}" if path else k)
    }


@pytest.mark.parametrize("kind", ["claim", "source"])
def test_the_fixture_fills_every_field_of_schema_v1(kind: str) -> None:
    schema = json.loads((FIXTURE / "schemas" / f"{kind}.schema.json").read_text())
    assert schema["$comment"] == "factdesk record schema v1"
    used = set().union(*(_data_paths(d) for k, d in _data(FIXTURE).values() if k == kind))
    assert _schema_paths(schema, schema, "") - used == set()


def test_the_current_release_reads_records_written_for_v1(desk: Path) -> None:
    result = validate_root(desk, TODAY)
    assert result.errors == []
    assert len(result.kb.claims) + len(result.kb.sources) == len(_data(desk))


def _migrated_keeps_every_value(desk: Path, target: int) -> None:
    before = _data(desk)
    run = CliRunner().invoke(cli, ["migrate", "--root", str(desk), "--to", str(target)])
    assert run.exit_code == 0, run.output
    after = _data(desk)
    steps = migrations.steps_up_to(target)
    for rel, (kind, data) in before.items():
        places = [
            (loc, value, *migrations.new_place(kind, loc, steps)) for loc, value in leaves(data)
        ]
        merged = {place for *_, place, into in places if into}
        for loc, value, place, _ in places:
            assert place is not None or value in (None, ""), (rel, loc)
            if place is not None:
                now = value_at(after[rel][1], place)
                assert (value in now) if place in merged else (now == value), (rel, loc, now)


def _every_step_keeps_v1_readable(desk: Path) -> None:
    for step in migrations.STEPS:
        _migrated_keeps_every_value(desk, step.version)
    _migrated_keeps_every_value(desk, migrations.latest())
    assert validate_root(desk, TODAY).errors == []


def test_every_registered_migration_keeps_v1_records_readable(desk: Path) -> None:
    _every_step_keeps_v1_readable(desk)


def test_a_release_with_migrations_still_reads_v1_records(
    desk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a schema history (the synthetic one), the fixture migrates and reads clean."""
    use_synthetic_history(monkeypatch)
    assert {d.code for d in validate_root(desk, TODAY).errors} == {"FD051"}
    _every_step_keeps_v1_readable(desk)
    assert "schema_version: 3" in (desk / "mkdocs.yml").read_text()
