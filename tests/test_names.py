"""One name per idea: a public name is defined in one module of the package only.

Two `format_text` (diagnostics and a record file's text) or two `Entry` (a record with its
file, a cached file's digest and Facts) make a reader open both to learn which is meant.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "generator" / "factdesk"


def _top_level_names(tree: ast.Module) -> list[str]:
    """Functions, classes and assigned names defined at a module's top level."""
    names: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.append(node.name)
        elif isinstance(node, ast.Assign):
            names += [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.append(node.target.id)
    return names


def public_definitions(package: Path) -> dict[str, list[str]]:
    """Public top-level name → the modules (paths under the package) that define it."""
    defined: dict[str, list[str]] = defaultdict(list)
    for path in sorted(package.rglob("*.py")):
        for name in _top_level_names(ast.parse(path.read_text(encoding="utf-8"))):
            if not name.startswith("_"):
                defined[name].append(path.relative_to(package).as_posix())
    return defined


def test_every_public_name_is_defined_once() -> None:
    repeated = {n: where for n, where in public_definitions(PACKAGE).items() if len(where) > 1}
    assert repeated == {}


def test_the_scan_sees_a_name_defined_twice(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("def format_text() -> None: ...\nEntry = tuple\n")
    (tmp_path / "b.py").write_text("class Entry: ...\n_private = 1\n")
    (tmp_path / "c.py").write_text("_private: int = 2\nformat_text: int = 3\n")
    found = public_definitions(tmp_path)
    assert found["Entry"] == ["a.py", "b.py"]
    assert found["format_text"] == ["a.py", "c.py"]
    assert "_private" not in found
