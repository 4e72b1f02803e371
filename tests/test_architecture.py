"""The stages' seams, read from the source: data flows extract -> normalise -> schema, and no
stage reaches into another's private names.

A stage that imports another's ``_helper`` ties the two together where neither says so; one
that imports a later stage runs the flow backwards. Both are found here by reading every
module's imports with ``ast`` (lazy imports inside functions included), not by running them.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "councilplans"
STAGES = ("extract", "normalise", "schema")
LATER = {"extract": ("normalise", "schema"), "normalise": ("schema",), "schema": ()}
"""The stages each stage must not import: those its data flows into."""
RUNNERS = ("pipeline", "executors", "cli", "views", "browse", "report")
"""Modules that run or show the stages; no stage imports them."""


def _module_name(path: Path, package: Path) -> str:
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, package: Path) -> list[tuple[int, str, str | None]]:
    """(line, absolute module, name or None) of every import in the module at ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    parent = _module_name(path, package).split(".")
    if path.name != "__init__.py":
        parent = parent[:-1]
    out: list[tuple[int, str, str | None]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, alias.name, None) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = parent[: len(parent) - node.level + 1] if node.level else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            out += [(node.lineno, module, alias.name) for alias in node.names]
    return out


def _stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "councilplans" else None


def _private(module: str, name: str | None) -> bool:
    segments = [*module.split("."), *([name] if name else [])]
    return any(s.startswith("_") and not s.startswith("__") for s in segments)


def violations(package: Path = PACKAGE) -> list[str]:
    found = []
    for path in sorted(package.rglob("*.py")):
        here = _stage(_module_name(path, package))
        if here not in STAGES:
            continue
        where = path.relative_to(package.parent)
        for line, module, name in _imports(path, package):
            there = _stage(module)
            if there is None or there == here:
                continue
            shown = f"{module}.{name}" if name else module
            if _private(module, name):
                found.append(f"{where}:{line}: {here} imports {there}'s private {shown}")
            if there in LATER[here]:
                found.append(f"{where}:{line}: {here} imports the later stage {shown}")
            if there in RUNNERS:
                found.append(f"{where}:{line}: {here} imports {shown}, which runs the stages")
    return found


def test_no_stage_imports_another_stages_private_names_or_a_later_stage():
    assert violations() == []


@pytest.mark.parametrize(("stage", "source", "expected"), [
    ("normalise", "from councilplans.extract.pdf_text import _words\n",
     "normalise imports extract's private councilplans.extract.pdf_text._words"),
    ("schema", "from ..normalise import _split\n",
     "schema imports normalise's private councilplans.normalise._split"),
    ("extract", "def f():\n    from councilplans.normalise.model import Record\n",
     "extract imports the later stage councilplans.normalise.model.Record"),
    ("normalise", "import councilplans.schema.models\n",
     "normalise imports the later stage councilplans.schema.models"),
    ("normalise", "from councilplans.pipeline import Options\n",
     "normalise imports councilplans.pipeline.Options, which runs the stages"),
])
def test_the_check_finds_each_kind_of_crossing(tmp_path, stage, source, expected):
    """The check itself, on a throwaway package: it must see what it is there to forbid."""
    package = tmp_path / "councilplans"
    (package / stage).mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / stage / "__init__.py").write_text("")
    (package / stage / "mod.py").write_text(source)
    assert [v.split(": ", 1)[1] for v in violations(package)] == [expected]


def test_the_check_allows_public_names_down_the_flow_and_a_stages_own_privates(tmp_path):
    package = tmp_path / "councilplans"
    (package / "schema").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "schema" / "__init__.py").write_text("")
    (package / "schema" / "mod.py").write_text(
        "from councilplans.normalise.model import Record\n"
        "from councilplans.schema.db import _private_to_schema\n"
        "from . import _sibling\n"
        "from councilplans.errors import CouncilPlansError\n")
    assert violations(package) == []


SQL_NAMES = {"select", "text", "func", "insert", "update", "delete", "and_", "or_"}
SQL_CALLS = {"execute", "exec_driver_sql", "scalars", "scalar"}


def sql_outside_schema(package: Path = PACKAGE) -> list[str]:
    """Query building or running anywhere but ``schema/``: the seam the stages talk through."""
    found = []
    for path in sorted(package.rglob("*.py")):
        if _stage(_module_name(path, package)) == "schema":
            continue
        where = path.relative_to(package.parent)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if (isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sqlalchemy")
                    and (names := SQL_NAMES & {a.name for a in node.names})):
                found.append(f"{where}:{node.lineno}: imports {', '.join(sorted(names))}")
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in SQL_CALLS):
                found.append(f"{where}:{node.lineno}: calls .{node.func.attr}()")
    return found


def test_sql_is_only_in_schema():
    assert sql_outside_schema() == []


def test_the_sql_check_finds_a_query_outside_schema(tmp_path):
    package = tmp_path / "councilplans"
    (package / "schema").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "schema" / "q.py").write_text("from sqlalchemy import select\n")  # allowed here
    (package / "pipeline.py").write_text(
        "from sqlalchemy import func, select\n\n\ndef f(s):\n    return s.scalars(1)\n")
    assert sql_outside_schema(package) == [
        "councilplans/pipeline.py:1: imports func, select",
        "councilplans/pipeline.py:5: calls .scalars()",
    ]
