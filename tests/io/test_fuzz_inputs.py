"""Fuzzing the input path: hypothesis mutates the bundled scenarios the way planners get them
wrong (dropped, doubled and retyped fields, bad dates and times, negative numbers, unknown ids,
typos in keys, other encodings, cut files) and runs ``roster validate`` on each mutant in-process.

Whatever the mutant, the command ends with exit code 0, 1 or 2 and never a traceback; exit 2
names the file and the field (or the line) at fault. The default suite runs a bounded number of
examples, derandomised; ``make fuzz`` runs many more (``ROSTER_FUZZ_EXAMPLES``, random seeds).
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from roster.cli import app
from roster.io.load import load_scenario, read_yaml
from roster.model.parse import ScenarioError
from tests.conftest import SCENARIOS

EXAMPLES = int(os.environ.get("ROSTER_FUZZ_EXAMPLES", "60"))
LONG_RUN = "ROSTER_FUZZ_EXAMPLES" in os.environ

BUNDLED = sorted(SCENARIOS.glob("*.yaml"))
TEXTS = {p.name: p.read_text(encoding="utf-8") for p in BUNDLED}
DATA = {name: read_yaml(text) for name, text in TEXTS.items()}

BAD_SCALARS: list[Any] = [
    "abc", "", -5, -1, 2.5, 1e12, True, None, [], {}, "2026-13-01", "2026-02-30", "2026-12-00", "25:00",
    "8:75", "08:00", "mon..", "fri..mon", "2026-12-24..2026-12-20", "Asia/Beijing", "ZZZ_unknown", "零",
    {"value": 2, "weigth": 100}, {"value": -1, "weight": 5}, ["x", 3],
]
ENCODINGS = ["gbk", "utf-16", "latin-1", "utf-8-sig"]


def paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    """Every path into a nested structure of dicts and lists (the root excluded)."""
    out: list[tuple] = []
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in items:
        out.append((*prefix, key))
        out.extend(paths(value, (*prefix, key)))
    return out


def parent_and_key(data: Any, path: tuple) -> tuple[Any, Any]:
    node = data
    for key in path[:-1]:
        node = node[key]
    return node, path[-1]


@st.composite
def mutants(draw) -> tuple[str, bytes, str]:
    """(bundled scenario name, the mutant's bytes, what was done)."""
    name = draw(st.sampled_from(sorted(DATA)))
    data = json.loads(json.dumps(DATA[name], default=str))
    steps: list[str] = []
    for _ in range(draw(st.integers(1, 3))):
        every = paths(data)
        if not every:
            break
        path = draw(st.sampled_from(every))
        parent, key = parent_and_key(data, path)
        value = parent[key]
        op = draw(st.sampled_from(["drop", "retype", "negate", "unknown id", "rename key", "bad date",
                                   "bad time", "duplicate entry"]))
        if op == "drop":
            del parent[key]
        elif op == "retype":
            parent[key] = draw(st.sampled_from(BAD_SCALARS))
        elif op == "negate" and isinstance(value, (int, float)) and not isinstance(value, bool):
            parent[key] = -abs(value) - draw(st.sampled_from([0, 0.5, 1]))
        elif op == "unknown id" and isinstance(value, str):
            parent[key] = value + "_X"
        elif op == "rename key" and isinstance(parent, dict):
            parent[str(key) + draw(st.sampled_from(["s", "_", "x"]))] = parent.pop(key)
        elif op == "bad date" and isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", value):
            parent[key] = draw(st.sampled_from(["2026-13-01", "2026-02-30", "2026-12-00", "2026-12-1", "12/01/2026"]))
        elif op == "bad time" and isinstance(value, str) and re.fullmatch(r"\d\d:\d\d", value):
            parent[key] = draw(st.sampled_from(["25:00", "08:60", "8", 480, "noon", "24:30"]))
        elif op == "duplicate entry" and isinstance(parent, list):
            parent.append(json.loads(json.dumps(value)))
        else:
            continue
        steps.append(f"{op} {'.'.join(map(str, path))}")
    form = draw(st.sampled_from(["yaml", "yaml", "yaml", "json", "duplicate key", "encoding", "cut"]))
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False) if form != "json" else json.dumps(data)
    raw = text.encode("utf-8")
    if form == "duplicate key":
        lines = text.splitlines(keepends=True)
        keyed = [i for i, line in enumerate(lines) if re.match(r"^\s*[A-Za-z_]+:", line)]
        if keyed:
            i = draw(st.sampled_from(keyed))
            raw = "".join(lines[: i + 1] + [lines[i]] + lines[i + 1:]).encode("utf-8")
    elif form == "encoding":
        raw = text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace")
    elif form == "cut":
        raw = raw[: draw(st.integers(0, len(raw)))]
    steps.append(form)
    return name, raw, "; ".join(steps)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """The bundled scenarios with their side files (forecasts, balances), and an empty roster."""
    out = tmp_path_factory.mktemp("fuzz")
    for item in SCENARIOS.iterdir():
        if item.is_file():
            shutil.copy(item, out / item.name)
    (out / "empty.csv").write_text("date,staff_id,shift\n", encoding="utf-8")
    return out


def test_bundled_scenarios_load_as_they_are(folder):
    for path in BUNDLED:
        assert load_scenario(folder / path.name).name


@settings(max_examples=EXAMPLES, deadline=None, derandomize=not LONG_RUN, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(mutant=mutants())
def test_mutated_scenario_gets_a_clear_answer(folder, mutant):
    name, raw, steps = mutant
    suffix = ".json" if raw[:1] == b"{" else ".yaml"
    path = folder / f"mutant{suffix}"
    path.write_bytes(raw)
    result = CliRunner().invoke(app, ["validate", str(path), str(folder / "empty.csv")])
    context = f"{name}: {steps}\n{result.output}"
    assert result.exception is None or isinstance(result.exception, SystemExit), (context, repr(result.exception))
    assert result.exit_code in (0, 1, 2), context
    assert "Traceback" not in result.output, context
    if result.exit_code != 2:
        return
    assert "pydantic" not in result.output and "https://" not in result.output, context
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    err = info.value
    assert err.file == str(path) or Path(err.file).parent == folder, context
    assert err.field or err.line, context
    assert str(err).splitlines()[0] in result.output, context


ROSTER_ROWS = ["date,staff_id,shift,role,post", "2026-10-09,F01,F,manager,", "2026-10-10,F04,F,reception,",
               "2026-10-12,F05,F,,"]
BAD_CELLS = ["", "2026-13-01", "2026-02-30", "ZZZ", "F/zz", "=1+1", "-1", "零", "1,2", '"', "12/10/2026", " F "]


@st.composite
def roster_mutants(draw) -> tuple[bytes, str]:
    """A small roster CSV for the front desk with cells, rows and columns broken."""
    rows = [row.split(",") for row in ROSTER_ROWS]
    steps = []
    for _ in range(draw(st.integers(1, 3))):
        op = draw(st.sampled_from(["cell", "drop column", "extra value", "duplicate row", "drop header"]))
        r = draw(st.integers(0, len(rows) - 1))
        if op == "cell" and rows[r]:
            rows[r][draw(st.integers(0, len(rows[r]) - 1))] = draw(st.sampled_from(BAD_CELLS))
        elif op == "drop column" and len(rows[0]) > 1:
            c = draw(st.integers(0, len(rows[0]) - 1))
            rows = [row[:c] + row[c + 1:] for row in rows]
        elif op == "extra value":
            rows[r].append(draw(st.sampled_from(BAD_CELLS)))
        elif op == "duplicate row":
            rows.append(list(rows[r]))
        elif op == "drop header" and rows:
            rows = rows[1:] or [[""]]
        steps.append(op)
    text = "\n".join(",".join(row) for row in rows) + "\n"
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "gbk", "utf-16"]))
    return text.encode(encoding, errors="replace"), f"{'; '.join(steps)}; {encoding}"


@settings(max_examples=max(20, EXAMPLES // 3), deadline=None, derandomize=not LONG_RUN, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(mutant=roster_mutants())
def test_mutated_roster_file_gets_a_clear_answer(folder, mutant):
    raw, steps = mutant
    path = folder / "mutant_roster.csv"
    path.write_bytes(raw)
    result = CliRunner().invoke(app, ["validate", str(folder / "front_desk.yaml"), str(path)])
    context = f"{steps}\n{result.output}"
    assert result.exception is None or isinstance(result.exception, SystemExit), (context, repr(result.exception))
    assert result.exit_code in (0, 1, 2), context
    if result.exit_code == 2:
        assert str(path) in result.output, context
