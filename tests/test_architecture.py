"""The package's shape: a public API at the top and no project imports hidden inside functions.

The layer order and the absence of import cycles are checked by import-linter (`make lint`,
contracts in pyproject.toml); this file checks what import-linter cannot see.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import roster
from roster.model.parse import ScenarioError

PACKAGE = Path(roster.__file__).parent

# A guarded `try: import …` feature check (Ray, Streamlit) is always allowed.
PENDING: tuple[str, ...] = ()


def _late_project_imports(path: Path, root: Path = PACKAGE) -> list[str]:
    """``file:line module`` of each project import inside a function (guarded ones skipped)."""
    name = str(path.relative_to(root))
    found: list[str] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Try):
                continue
            inside = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            if in_function and isinstance(child, ast.ImportFrom):
                if child.level or (child.module or "").split(".")[0] == "roster":
                    found.append(f"{name}:{child.lineno} {'.' * child.level}{child.module}")
            elif in_function and isinstance(child, ast.Import):
                found.extend(f"{name}:{child.lineno} {a.name}" for a in child.names if a.name.split(".")[0] == "roster")
            visit(child, inside)

    visit(ast.parse(path.read_text(encoding="utf-8")), False)
    return found


def test_no_project_import_inside_a_function():
    late = [hit for path in sorted(PACKAGE.rglob("*.py"))
            if not str(path.relative_to(PACKAGE)).startswith(PENDING)
            for hit in _late_project_imports(path)]
    assert late == []


def test_the_check_finds_a_late_import_and_passes_a_guarded_one(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("import roster\n\n\ndef f():\n    from roster.model import Roster\n    import roster.io\n"
                      "    try:\n        from roster.services import whatif\n    except ImportError:\n"
                      "        whatif = None\n    return Roster, whatif\n", encoding="utf-8")
    assert _late_project_imports(module, tmp_path) == ["m.py:5 roster.model", "m.py:6 roster.io"]


def test_public_api_loads_solves_and_validates():
    scenario = roster.load_scenario(Path(__file__).parent.parent / "scenarios" / "front_desk.yaml")
    result = roster.solve(scenario, roster.SolveOptions(time_limit=10, seed=0, workers=2))
    assert isinstance(result, roster.Result) and result.feasible
    assert isinstance(result.roster, roster.Roster)
    report = roster.validate(scenario, result.roster)
    assert report.hard == []


def test_public_api_bad_input_is_a_scenario_error(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nhorizon: {start: 2026-13-01, end: 2026-12-31}\n", encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        roster.load_scenario(bad)
    assert err.value.file == str(bad) and roster.ScenarioError is ScenarioError
