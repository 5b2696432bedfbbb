"""Templates stay reviewable: no line longer than a diff shows side by side."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO

TEMPLATES = REPO / "generator" / "factdesk" / "render" / "templates"
LIMIT = 160


def long_lines(paths: list[Path]) -> list[str]:
    return [
        f"{path.name}:{number}: {len(line)} characters"
        for path in paths
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if len(line) > LIMIT
    ]


def test_no_template_line_is_longer_than_the_limit() -> None:
    templates = sorted(TEMPLATES.glob("*.j2"))
    assert len(templates) >= 10
    assert long_lines(templates) == [], "break them with {%- / {{- or a closing {##}"


def test_a_long_line_is_reported(tmp_path: Path) -> None:
    template = tmp_path / "x.md.j2"
    template.write_text("short\n" + "x" * (LIMIT + 1) + "\n", encoding="utf-8")
    assert long_lines([template]) == [f"x.md.j2:2: {LIMIT + 1} characters"]
