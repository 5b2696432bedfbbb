"""Every diagnostic code, command and record field is documented."""

from __future__ import annotations

import re

from factdesk.cli import cli
from factdesk.codes import CODES
from factdesk.records.reference import field_tables
from factdesk.records.settings import DEFAULT_RATINGS

from conftest import REPO

# The desk's contributor pages (diagnostic codes, record reference, methodology) and the
# tool's manual (command line, threat model): two sites, see tests/test_doc_sites.py.
DOCS = REPO / "docs"
MANUAL = REPO / "manual" / "docs"


def _sections(text: str) -> dict[str, str]:
    parts = re.split(r"^## (FD\d{3}): ", text, flags=re.M)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts), 2)}


def test_every_code_is_documented_with_meaning_fix_and_example() -> None:
    sections = _sections((DOCS / "diagnostics.md").read_text())
    assert set(sections) == set(CODES), "codes and docs/diagnostics.md differ"
    for code, body in sections.items():
        title = body.splitlines()[0]
        assert title == CODES[code].title, f"{code}: heading '{title}' is not the code's title"
        assert "**Meaning.**" in body and "**Fix.**" in body, code
        assert "```" in body, f"{code} has no example"


def test_every_command_and_option_is_documented() -> None:
    text = (MANUAL / "cli.md").read_text()
    import click

    commands = []
    for name, command in cli.commands.items():  # type: ignore[attr-defined]
        if isinstance(command, click.Group):
            commands += [(f"{name} {sub}", c) for sub, c in command.commands.items()]
        else:
            commands.append((name, command))
    for name, command in commands:
        assert f"## `factdesk {name}`" in text, f"command {name} is not in manual/docs/cli.md"
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--") and opt not in ("--help",):
                    assert opt in text or opt == "--root", f"{name} {opt} undocumented"
    assert "--root DIR" in text


def test_record_reference_matches_the_models() -> None:
    assert field_tables() in (DOCS / "records.md").read_text(), (
        "docs/records.md is stale: paste factdesk.records.reference.field_tables() into it"
    )


def test_methodology_defines_every_default_rating() -> None:
    text = (DOCS / "methodology.md").read_text()
    for rating in DEFAULT_RATINGS:
        value = rating.value or ""
        row = f"| {rating.label} | `{rating.key}` | {value} | {rating.definition} |"
        assert row.replace("|  |", "| |") in text, f"rating {rating.key} not on methodology.md"


def test_readme_starts_with_the_two_commands() -> None:
    head = (REPO / "README.md").read_text().splitlines()[:6]
    assert any(line.startswith("make site") for line in head)
    assert any(line.startswith("make test") for line in head)
    assert "make test" in (REPO / ".ci/run").read_text()


def test_the_threat_model_cites_tests_that_exist() -> None:
    text = (MANUAL / "threat-model.md").read_text()
    cited = re.findall(r"`?(test_\w+\.py)(?:::(\w+))?", text)
    assert len(cited) >= 10
    for module, name in cited:
        path = REPO / "tests" / module
        assert path.exists(), module
        if name:
            assert f"def {name}(" in path.read_text(), f"{module}::{name}"
