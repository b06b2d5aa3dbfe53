"""The README's "How the code is laid out" table is true: every module is in it, and imports only what it says."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "stances"
README = ROOT / "README.md"


def layout() -> dict[str, set[str] | None]:
    """Module path -> the stances modules it may import (None: any), from the README's table."""
    text = README.read_text(encoding="utf-8").split("## How the code is laid out", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `(stances/[^`]+)` \| [^|]+ \| ([^|]+) \|$", text, flags=re.M)
    allowed: dict[str, set[str] | None] = {}
    for path, imports in rows:
        words = imports.strip()
        if words == "every module":
            allowed[path] = None
        elif words == "every module outside app":
            allowed[path] = {Path(m).stem if m.count("/") == 1 else m.split("/")[1] for m in modules()} - {"app"}
        else:
            allowed[path] = {w.strip() for w in words.split(",") if w.strip() != "–"}
    return allowed


def modules() -> list[str]:
    """Every module of the package, as the table names it (the app is one row)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith("stances/app/"):
            continue
        if path.name != "__init__.py":
            found.append(relative)
    return [*found, "stances/app/"]


def imported(path: Path) -> set[str]:
    """The stances modules `path` imports, as top-level names below `stances` (`query` for `stances.query.x`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            parts = node.module.split(".")
            if parts[0] == "stances":
                names.add(parts[1] if len(parts) > 1 else node.names[0].name)
        elif isinstance(node, ast.Import):
            names.update(a.name.split(".")[1] for a in node.names if a.name.startswith("stances."))
    names.discard("__version__")
    return names


def test_every_module_is_in_the_layout_table_and_every_row_is_a_module():
    assert sorted(layout()) == sorted(modules())


@pytest.mark.parametrize("module", [m for m in modules() if m.endswith(".py")])
def test_each_module_imports_only_what_the_layout_allows(module):
    allowed = layout()[module]
    own = Path(module).stem if "/query/" not in module else "query"
    found = imported(ROOT / module) - {own}
    assert allowed is None or found <= allowed, f"{module} imports {sorted(found - allowed)}"


def test_only_the_app_imports_streamlit():
    outside = [
        p.relative_to(ROOT).as_posix()
        for p in PACKAGE.rglob("*.py")
        if "stances/app/" not in p.as_posix() and re.search(r"^\s*(import|from) streamlit", p.read_text(), flags=re.M)
    ]
    assert outside == []
