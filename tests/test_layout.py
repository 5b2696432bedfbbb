"""The package's folders follow the pipeline, and these tests keep them honest: each rule is
one allowed direction of data flow (files → load → records → check → kb → render → adapter)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "generator" / "factdesk"
# The top-level modules every stage may use: the code table, diagnostics, suggestions and
# what to do about a bug in factdesk itself.
SHARED = {"codes", "diagnostics", "suggest", "bugs", "workers", "__init__"}
# Stage → the stages (besides SHARED and itself) it may import.
ALLOWED = {
    "records": set(),
    "load": {"records"},
    "check": {"records", "load", "kb", "match"},
    "kb": {"records", "load"},
    # Matching: claims read alike (FD113, `factdesk match`, related fact-checks on pages).
    "match": {"records", "load", "kb"},
    "render": {"records", "kb", "match"},
    "tools": {"records", "load", "check", "kb", "render", "match"},
    "cli": {
        "records",
        "load",
        "check",
        "kb",
        "render",
        "tools",
        "match",
        "preview",
        "site_build",
        "search_index",
    },
    "mkdocs_plugin": {"records", "load", "check", "kb", "render", "match", "spool", "search_index"},
    # Generated files on disk until they are moved into the site.
    "spool": set(),
    # Pagefind over a built site, run by the build or after it by the command line.
    "search_index": {"render"},
    "preview": {"check", "mkdocs_plugin", "watch"},
    # The dev server's change notifications.
    "watch": set(),
    # MkDocs' build steps in MkDocs' order, with the pages shared between processes.
    "site_build": set(),
    "__main__": {"cli"},
}
# Only the adapter and the command line's build and serve commands may touch MkDocs.
MKDOCS_ALLOWED = {"mkdocs_plugin", "preview", "cli", "site_build"}


def stage_of(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return parts[0]


def imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            if node.module == "factdesk":  # `from factdesk import x`, where x is a module
                found.update(f"factdesk.{a.name}" for a in node.names if _is_module(a.name))
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def _is_module(name: str) -> bool:
    return (PACKAGE / name).is_dir() or (PACKAGE / f"{name}.py").is_file()


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_module_is_in_a_known_stage() -> None:
    stages = {stage_of(p) for p in MODULES}
    assert stages <= set(ALLOWED) | SHARED


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_follow_the_pipeline(path: Path) -> None:
    stage = stage_of(path)
    if stage in SHARED:
        allowed: set[str] = set()
    else:
        allowed = ALLOWED[stage]
    wrong = []
    for module in imports(path):
        top = module.split(".")[0]
        if top in ("mkdocs", "material") and stage not in MKDOCS_ALLOWED:
            wrong.append(module)
        if top != "factdesk" or module == "factdesk":
            continue
        target = module.split(".")[1]
        if target not in SHARED and target != stage and target not in allowed:
            wrong.append(module)
    assert wrong == [], f"{stage} may not import {wrong}"


def test_the_rules_catch_a_wrong_import(tmp_path: Path) -> None:
    """The checker itself: a renderer that imports a rule, or a rule that imports MkDocs."""
    bad = tmp_path / "x.py"
    bad.write_text("from factdesk.check.pipeline import validate_root\nimport mkdocs.config\n")
    found = imports(bad)
    assert "factdesk.check.pipeline" in found and "mkdocs.config" in found
    assert "check" not in ALLOWED["render"] and "render" not in ALLOWED["check"]
    assert not ALLOWED["records"] and "render" not in ALLOWED["load"]


def test_every_module_is_named_on_the_development_page() -> None:
    """manual/docs/development.md names every module (a sub-package's __init__ is its folder)."""
    page_path = PACKAGE.parent.parent / "manual" / "docs" / "development.md"
    page = page_path.read_text(encoding="utf-8")
    modules = [p.relative_to(PACKAGE).as_posix() for p in MODULES]
    named = [m for m in modules if not (m.endswith("/__init__.py"))]
    assert [m for m in named if f"`{m}`" not in page] == []
