"""`factdesk migrate` and the schema-version diagnostics, on a synthetic schema history
(tests/migration_steps.py): the real registry is empty until a release renames a field."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from factdesk.check.pipeline import validate_root
from factdesk.cli import cli
from factdesk.load.loader import load_bytes
from factdesk.records import migrations
from factdesk.records.models import BY_KIND, Claim, Source
from factdesk.tools.migrate import checked_declaration, leaves, value_at

from conftest import MakeKB
from migration_steps import LATEST, OLD_CLAIM, OLD_FILES, OLD_SOURCE, STEPS, use_synthetic_history

TODAY = dt.date(2026, 1, 1)
CLAIM, SOURCE = "claims/claim-a.yaml", "sources/src-a.yaml"


@pytest.fixture
def old_desk(make_kb: MakeKB, monkeypatch: pytest.MonkeyPatch) -> Path:
    use_synthetic_history(monkeypatch)
    return make_kb(OLD_FILES)


def migrate(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["migrate", "--root", str(root), *args])
    return result.exit_code, result.output


def comments(text: str) -> list[str]:
    return sorted(c.strip() for c in re.findall(r"#[^\n]*", text))


# ---- the registry ----------------------------------------------------------------------


def _accepts(model: Any, path: str) -> bool:
    """Whether the current models have a field at this path."""
    from factdesk.load.model_errors import model_at

    parts = migrations.segments(path)
    owner = model_at(model, tuple(p for p in parts[:-1] if p != migrations.EVERY_ITEM))
    return owner is not None and parts[-1] in owner.model_fields


def registry_problems(steps: tuple[migrations.Step, ...], latest: int) -> list[str]:
    problems = []
    if [s.version for s in steps] != list(range(2, latest + 1)):
        problems.append("steps must be versions 2, 3, … up to SCHEMA_VERSION, in order")
    for step in steps:
        if not step.description.strip() or "\n" in step.description:
            problems.append(f"step {step.version} needs a one-line description")
        for op in step.operations:
            model = BY_KIND[op.kind].model
            if _accepts(model, op.path) and not isinstance(op, migrations.Wrap):
                problems.append(f"{op.describe()}: a retired name is never given to a new field")
            target = op.to if isinstance(op, migrations.Move) else getattr(op, "into", None)
            if target is not None and not _accepts(model, target):
                problems.append(f"{op.describe()}: {target} is not a field today")
    return problems


def test_the_registry_reaches_this_schema_version() -> None:
    assert registry_problems(migrations.STEPS, migrations.latest()) == []


def test_the_synthetic_history_is_a_valid_registry() -> None:
    assert registry_problems(STEPS, LATEST) == []
    broken = (STEPS[0], migrations.Step(3, "x", (migrations.rename("claim", "title", "x"),)))
    assert len(registry_problems(broken, 3)) == 2, "a reused name and an unknown target"


def test_paths_name_every_item_of_a_list() -> None:
    assert migrations.segments("evidence[].note") == ("evidence", "[]", "note")
    assert migrations.matches(("evidence", "[]", "note"), ("evidence", 3, "note"))
    assert not migrations.matches(("evidence", "[]", "note"), ("evidence", "x", "note"))


# ---- validate --------------------------------------------------------------------------


def test_validate_names_the_migration_instead_of_unknown_field(old_desk: Path) -> None:
    found = validate_root(old_desk, TODAY).diagnostics
    codes = {(d.file, d.line): d.code for d in found}
    assert codes[(CLAIM, 4)] == "FD051"  # statement
    assert codes[(CLAIM, 7)] == "FD051"  # claimant.account
    assert codes[(CLAIM, 15)] == "FD051"  # evidence[0].remark
    assert codes[(CLAIM, 16)] == "FD051"  # authors, a single value
    assert codes[(SOURCE, 6)] == "FD051"  # remarks
    remark = next(d for d in found if (d.file, d.line) == (CLAIM, 15))
    assert "factdesk migrate --to 2" in remark.hint
    assert STEPS[0].description in remark.message
    assert not [d for d in found if d.code in ("FD011", "FD014")], "no bare unknown field"
    assert not [d for d in found if d.code == "FD022"], "claim is in `statement`, not missing"


def test_a_field_unknown_to_every_version_is_still_fd011(old_desk: Path) -> None:
    (old_desk / CLAIM).write_text(OLD_CLAIM.replace("title:", "titel:"))
    found = validate_root(old_desk, TODAY).diagnostics
    assert [(d.code, d.line) for d in found if d.line == 3] == [("FD011", 3)]


def test_an_older_desk_is_told_the_migration_at_its_plugin_line(old_desk: Path) -> None:
    found = [d for d in validate_root(old_desk, TODAY).diagnostics if d.file == "mkdocs.yml"]
    assert [(d.code, d.line) for d in found] == [("FD051", 5)]
    assert "factdesk migrate --to 3" in found[0].hint
    assert STEPS[1].description in found[0].message


def test_the_declared_version_is_reported_at_its_line(old_desk: Path) -> None:
    config = old_desk / "mkdocs.yml"
    config.write_text(config.read_text().replace("search: auto", "schema_version: 2"))
    found = [d for d in validate_root(old_desk, TODAY).diagnostics if d.file == "mkdocs.yml"]
    assert [(d.code, d.line, d.column) for d in found] == [("FD051", 7, 23)]


def test_a_newer_desk_asks_for_a_newer_factdesk(make_kb: MakeKB) -> None:
    desk = "site_name: t\nplugins:\n  - factdesk:\n      schema_version: 7\n"
    found = validate_root(make_kb({"mkdocs.yml": desk}), TODAY).diagnostics
    assert [(d.code, d.line) for d in found] == [("FD052", 4)]
    assert "up to 1" in found[0].message and "pip install" in found[0].hint


@pytest.mark.parametrize("value", ["0", "two", "[1]"])
def test_a_malformed_version_is_a_settings_error_at_its_line(make_kb: MakeKB, value: str) -> None:
    desk = f"site_name: t\nplugins:\n  - factdesk:\n      schema_version: {value}\n"
    found = validate_root(make_kb({"mkdocs.yml": desk}), TODAY).diagnostics
    assert [(d.code, d.line) for d in found] == [("FD038", 4)]


def test_todays_desk_states_no_version_and_needs_no_migration(make_kb: MakeKB) -> None:
    assert validate_root(make_kb({}), TODAY).diagnostics == []
    assert migrations.latest() == 1 and migrations.STEPS == ()


# ---- migrate ---------------------------------------------------------------------------


def test_migrate_rewrites_records_keeping_comments_and_values(old_desk: Path) -> None:
    status, output = migrate(old_desk)
    assert status == 0, output
    claim = (old_desk / CLAIM).read_text()
    assert comments(claim) == comments(OLD_CLAIM)
    assert comments((old_desk / SOURCE).read_text()) == comments(OLD_SOURCE)
    assert validate_root(old_desk, TODAY).diagnostics == []
    data = yaml.safe_load(claim)
    assert data["claim"] == "The sky is green" and data["claimant"]["handle"] == "@someone"
    assert (data["rating"], data["conclusion"]) == ("false", "It is not.")
    assert data["evidence"][0]["note"] == "Look at the sky." and data["authors"] == ["Jane Doe"]
    assert yaml.safe_load((old_desk / SOURCE).read_text())["notes"] == (
        "Old notes.\n\nExtra remark."
    )
    assert f"migrated {CLAIM}: statement → claim" in output
    assert "evidence[0].remark → evidence[0].note" in output
    assert "set schema_version: 3 in mkdocs.yml" in output


def test_every_value_is_where_the_steps_say(old_desk: Path) -> None:
    before = {rel: load_bytes((old_desk / rel).read_bytes(), rel).data for rel in (CLAIM, SOURCE)}
    assert migrate(old_desk)[0] == 0
    for rel, kind in ((CLAIM, "claim"), (SOURCE, "source")):
        after = load_bytes((old_desk / rel).read_bytes(), rel).data
        places = [
            (loc, value, *migrations.new_place(kind, loc, list(STEPS)))
            for loc, value in leaves(before[rel])
        ]
        # A text that another was appended to holds its own value and the appended one.
        merged = {place for *_, place, into in places if into}
        for loc, value, place, _ in places:
            assert place is not None, loc
            now = value_at(after, place)
            assert (value in now) if place in merged else (now == value), (loc, place, now)


def test_migrate_raises_the_declared_version_keeping_comments(old_desk: Path) -> None:
    assert migrate(old_desk, "--to", "2")[0] == 0
    config = (old_desk / "mkdocs.yml").read_text()
    assert "# how to search" in config and "search: auto" in config
    assert yaml.safe_load(config)["plugins"][1]["factdesk"]["schema_version"] == 2
    assert "remarks:" in (old_desk / SOURCE).read_text(), "step 3 was not applied"
    assert migrate(old_desk)[0] == 0
    assert (
        yaml.safe_load((old_desk / "mkdocs.yml").read_text())["plugins"][1]["factdesk"][
            "schema_version"
        ]
        == 3
    )
    assert validate_root(old_desk, TODAY).diagnostics == []


def test_check_changes_nothing_and_fails_while_a_migration_is_due(old_desk: Path) -> None:
    files = {p: p.read_bytes() for p in old_desk.rglob("*") if p.is_file()}
    status, output = migrate(old_desk, "--check")
    assert status == 1
    assert f"would migrate {CLAIM}" in output and "would set schema_version: 3" in output
    assert {p: p.read_bytes() for p in old_desk.rglob("*") if p.is_file()} == files
    assert migrate(old_desk)[0] == 0
    assert migrate(old_desk, "--check") == (
        0,
        "the records are at schema version 3: nothing to migrate\n",
    )


def test_migrate_refuses_to_lose_a_value(old_desk: Path) -> None:
    (old_desk / CLAIM).write_text(OLD_CLAIM + "summary: A summary nobody kept.\n")
    files = {p: p.read_bytes() for p in old_desk.rglob("*") if p.is_file()}
    status, output = migrate(old_desk)
    assert status == 1
    assert f"{CLAIM}:20:1: error FD053" in output and "nothing was changed" in output
    assert {p: p.read_bytes() for p in old_desk.rglob("*") if p.is_file()} == files


def test_migrate_drops_an_empty_removed_field(old_desk: Path) -> None:
    (old_desk / CLAIM).write_text(OLD_CLAIM + "summary:\n")
    assert migrate(old_desk)[0] == 0
    assert "summary" not in (old_desk / CLAIM).read_text()


def test_migrate_refuses_a_move_onto_another_value(old_desk: Path) -> None:
    clash = OLD_CLAIM.replace("  name: Someone\n", "  name: Someone\n  handle: '@other'\n")
    (old_desk / CLAIM).write_text(clash)
    status, output = migrate(old_desk)
    assert status == 1 and "FD053" in output and "holds another value" in output
    assert (old_desk / CLAIM).read_text() == clash


def test_migrating_only_some_files_leaves_the_declared_version(old_desk: Path) -> None:
    status, _ = migrate(old_desk, str(old_desk / "sources"))
    assert status == 0
    assert "remarks" not in (old_desk / SOURCE).read_text()
    assert "statement" in (old_desk / CLAIM).read_text()
    assert "schema_version" not in (old_desk / "mkdocs.yml").read_text()


def test_a_straggler_record_is_migrated_in_a_desk_already_current(old_desk: Path) -> None:
    """A pull request opened before the migration still writes the old names."""
    assert migrate(old_desk)[0] == 0
    (old_desk / CLAIM).write_text(OLD_CLAIM)
    found = validate_root(old_desk, TODAY).diagnostics
    assert {d.code for d in found} == {"FD051"} and all(d.file == CLAIM for d in found)
    assert migrate(old_desk)[0] == 0
    assert validate_root(old_desk, TODAY).diagnostics == []


def test_a_version_beyond_this_factdesk_is_a_usage_error(old_desk: Path) -> None:
    status, output = migrate(old_desk, "--to", "4")
    assert status == 2 and "up to 3" in output


def test_a_desk_newer_than_this_factdesk_is_not_migrated(old_desk: Path) -> None:
    config = old_desk / "mkdocs.yml"
    config.write_text(config.read_text().replace("search: auto", "schema_version: 9"))
    status, output = migrate(old_desk)
    assert status == 1 and "FD052" in output


@pytest.mark.parametrize(
    ("plugins", "line"),
    [
        ("  - factdesk:\n      schema_version: 1  # stated\n", "      schema_version: 3  # stated"),
        (
            "  - factdesk:\n      schema_version: '1'\n",
            "      schema_version: 3",
        ),  # a number, as MkDocs wants
        ("  - factdesk:\n      search: auto\n", "      schema_version: 3"),
        ("  - factdesk  # defaults\n", "      schema_version: 3"),
        ("  - factdesk:\n", "      schema_version: 3"),
        ("  factdesk:\n    search: auto\n", "    schema_version: 3"),
    ],
)
def test_the_version_is_written_into_each_shape_of_plugin_options(plugins: str, line: str) -> None:
    text = f"# the desk\nsite_name: t  # name\nplugins:\n  - search\n{plugins}nav: []\n"
    if plugins.startswith("  factdesk"):
        text = text.replace("  - search\n", "")
    edited = checked_declaration(text, 3)
    assert edited is not None and line in edited.splitlines()
    assert "# the desk" in edited and "site_name: t  # name" in edited


def test_options_on_the_plugins_line_are_left_to_edit_by_hand() -> None:
    assert checked_declaration("plugins:\n  - factdesk: {search: auto}\n", 3) is None


def test_the_models_today_have_no_field_the_synthetic_history_retired() -> None:
    """The synthetic steps are realistic: their targets are today's fields."""
    assert "claim" in Claim.model_fields and "statement" not in Claim.model_fields
    assert "notes" in Source.model_fields and "remarks" not in Source.model_fields


def test_the_json_schema_names_its_version() -> None:
    import json

    from factdesk.records.schema import schema_texts
    from factdesk.records.settings import Settings

    for name, text in schema_texts(Settings()).items():
        schema = json.loads(text)
        assert schema["$id"] == f"urn:factdesk:schema:v{migrations.latest()}:{name}"
