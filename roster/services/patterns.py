"""Pattern choices compared: the scenario's rotations with other offsets or other cycles, each
solved beside the free roster (the same scenario without rotations) and the scenario as given.

A variant changes ``rotations`` only. Its figures are those a planner weighs a cycle by: the cost
(and the part of it that is not the pattern, comparable with the free roster's), the cells kept
off the pattern, seats left empty, the hours, and the spread (most minus fewest over the staff) of
nights, weekend days, holidays and hours.

Variants come from offsets (``offset_variants``: ``R4=0,2,4``, several rotations as a grid) or
from a file (``file_variants``)::

    variants:
      - name: crews one day apart
        rotations:                      # merged into the scenario's rotation of the same id
          - {id: 一班甲, offset: 1}
          - {id: 夜班, pattern: [N, N, off, off], staff: [S01, S02]}   # a new id: added
        drop: [二班乙]                  # rotations this variant leaves out
"""

from __future__ import annotations

import itertools
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from pydantic import ValidationError

from roster.io.load import read_yaml_lines
from roster.model.calendar import Calendar
from roster.model.parse import FieldError, ScenarioError, error_from_pydantic
from roster.model.rotations import pattern_cells
from roster.model.rule_names import Rule
from roster.model.scenario import Scenario
from roster.reports.summary import person_summary
from roster.services.compare import unmet_seats
from roster.solver.explain import editable
from roster.solver.options import SolveOptions
from roster.solver.solve import Result, solve

FREE = "free (no rotation)"
AS_GIVEN = "as given"
VARIANT_FIELDS = ("name", "rotations", "drop")
SPREADS = (
    ("nights", "nights"),
    ("weekend days", "weekend_days"),
    ("holidays", "holidays"),
    ("hours", "hours"),
)
"""(column word, ``person_summary`` column) of each spread the comparison reports."""


@dataclass(frozen=True)
class Variant:
    """One pattern choice: its name in the table and the scenario with its rotations."""

    name: str
    scenario: Scenario


def free_roster(scenario: Scenario) -> Scenario:
    """The scenario without rotations (crews, rules and seats as they are)."""
    data = editable(scenario)
    data["rotations"] = []
    return Scenario.model_validate(data)


def offset_variants(
    scenario: Scenario, offsets: dict[str, Sequence[int]], source: str = "--rotation-offsets"
) -> list[Variant]:
    """One variant per combination of the offsets given for each rotation (a grid)."""
    known = {r.id: r for r in scenario.rotations}
    for rid, values in offsets.items():
        if rid not in known:
            raise ScenarioError(
                source,
                rid,
                None,
                f"no rotation {rid!r} in the scenario",
                hint=f"rotations: {', '.join(known) or 'none'}",
            )
        if not list(values):
            raise ScenarioError(source, rid, None, "no offsets to try", hint=f"e.g. {rid}=0,2,4")
        size = len(known[rid].pattern)
        for v in values:
            if isinstance(v, bool) or not isinstance(v, int) or not 0 <= v < size:
                raise ScenarioError(
                    source,
                    rid,
                    v,
                    f"an offset is a whole number 0 .. {size - 1} "
                    f"(rotation {rid} has a {size}-day pattern)",
                )
    keys = list(offsets)
    out = []
    for combo in itertools.product(*(list(offsets[k]) for k in keys)):
        chosen = dict(zip(keys, combo, strict=True))
        data = editable(scenario)
        for r in data["rotations"]:
            if r["id"] in chosen:
                r["offset"] = chosen[r["id"]]
        name = ", ".join(f"{k} offset {v}" for k, v in chosen.items())
        out.append(
            Variant(name, _validated(data, source, name, lambda i, rest: f"rotations[{i}]{rest}"))
        )
    return out


def file_variants(scenario: Scenario, path: str | Path) -> list[Variant]:
    """The variants a patterns file lists (see the module's text for its shape)."""
    source = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ScenarioError(
            source, "", None, f"cannot read the file ({exc.strerror or exc})"
        ) from None
    try:
        data, lines = read_yaml_lines(text)
    except Exception as exc:  # a YAML syntax error: its own words and line
        mark = getattr(exc, "problem_mark", None)
        raise ScenarioError(
            source,
            "",
            None,
            f"not YAML: {getattr(exc, 'problem', None) or exc}",
            line=mark.line + 1 if mark is not None else None,
        ) from None
    where = ("variants",)
    if isinstance(data, dict):
        extra = [k for k in data if k != "variants"]
        if extra:
            raise ScenarioError(
                source,
                str(extra[0]),
                None,
                "unknown field",
                hint="the file holds variants: [...]",
                line=lines.get((extra[0],)),
            )
        data = data.get("variants")
    else:
        where = ()
    if not isinstance(data, list) or not data:
        raise ScenarioError(
            source,
            "variants",
            None,
            "expected a list of variants (each with name and rotations)",
            hint="variants: [{name: offsets 0 and 3, rotations: [{id: R4, offset: 3}]}]",
            line=1,
        )
    known = {r.id for r in scenario.rotations}
    seen: set[str] = set()
    out = []
    for k, item in enumerate(data):
        at = (*where, k)
        field = _path(at)
        if not isinstance(item, dict):
            raise ScenarioError(
                source,
                field,
                item,
                "a variant is a mapping with name and rotations",
                line=lines.get(at),
            )
        for key in item:
            if key not in VARIANT_FIELDS:
                raise ScenarioError(
                    source,
                    f"{field}.{key}",
                    None,
                    "unknown field",
                    hint=f"a variant has {', '.join(VARIANT_FIELDS)}",
                    line=lines.get((*at, key)),
                )
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ScenarioError(
                source, f"{field}.name", name, "each variant needs a name", line=lines.get(at)
            )
        if name in seen or name in (FREE, AS_GIVEN):
            raise ScenarioError(
                source,
                f"{field}.name",
                name,
                "the name is already taken",
                hint="give each variant its own name",
                line=lines.get((*at, "name")),
            )
        seen.add(name)
        entries = item.get("rotations") or []
        drop = item.get("drop") or []
        if not isinstance(entries, list):
            raise ScenarioError(
                source,
                f"{field}.rotations",
                entries,
                "expected a list of rotations",
                line=lines.get((*at, "rotations")),
            )
        if not isinstance(drop, list):
            drop = [drop]
        for j, rid in enumerate(drop):
            if rid not in known:
                raise ScenarioError(
                    source,
                    f"{field}.drop[{j}]",
                    rid,
                    f"no rotation {rid!r} in the scenario",
                    hint=f"rotations: {', '.join(sorted(known)) or 'none'}",
                    line=lines.get((*at, "drop", j), lines.get((*at, "drop"))),
                )
        rotations = [r for r in editable(scenario)["rotations"] if r["id"] not in drop]
        origin: dict[int, int] = {}
        """index in the variant's rotations → index of the file's entry that set it."""
        for j, entry in enumerate(entries):
            if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
                raise ScenarioError(
                    source,
                    f"{field}.rotations[{j}]",
                    entry,
                    "a rotation needs an id",
                    hint="{id: R4, offset: 2} changes R4; a new id adds a rotation",
                    line=lines.get((*at, "rotations", j)),
                )
            i = next((i for i, r in enumerate(rotations) if r["id"] == entry["id"]), None)
            if i is None:
                rotations.append(dict(entry))
                i = len(rotations) - 1
            else:
                rotations[i] = {**rotations[i], **entry}
            origin[i] = j
        data_k = editable(scenario)
        data_k["rotations"] = rotations

        def name_field(i: int, rest: str, at: tuple = at, origin: dict = origin) -> str:
            if i in origin:
                return f"{_path(at)}.rotations[{origin[i]}]{rest}"
            return f"rotations[{i}]{rest} (the scenario's, with {_path(at)})"

        def line_of(i: int, rest: str, at: tuple = at, origin: dict = origin) -> int | None:
            if i not in origin:
                return lines.get(at)
            key = rest.lstrip(".").split(".")[0].split("[")[0]
            base = (*at, "rotations", origin[i])
            return lines.get((*base, key), lines.get(base)) if key else lines.get(base)

        out.append(Variant(name, _validated(data_k, source, name, name_field, line_of)))
    return out


def _path(at: tuple) -> str:
    return "".join(
        f"[{x}]" if isinstance(x, int) else (f".{x}" if i else x) for i, x in enumerate(at)
    )


def _validated(data: dict, source: str, name: str, field_of, line_of=None) -> Scenario:
    """The variant's scenario, or a ScenarioError naming the variant's own field."""
    try:
        return Scenario.model_validate(data)
    except (ValidationError, FieldError) as exc:
        err = (
            error_from_pydantic(exc, source)
            if isinstance(exc, ValidationError)
            else ScenarioError(source, exc.field, exc.value, exc.message, exc.hint)
        )
        m = re.match(r"rotations\[(\d+)\](.*)", err.field or "")
        if m is None:
            raise ScenarioError(
                source, err.field, err.value, f"variant {name!r}: {err.message}", err.hint
            ) from None
        i, rest = int(m.group(1)), m.group(2)
        line = line_of(i, rest) if line_of is not None else None
        raise ScenarioError(
            source,
            field_of(i, rest),
            err.value,
            f"variant {name!r}: {err.message}",
            err.hint,
            line=line,
        ) from None


def cells_off_pattern(scenario: Scenario, result: Result, calendar: Calendar | None = None) -> int:
    """Cells a rotation judges that the roster keeps off its pattern."""
    cal = calendar or Calendar(scenario)
    worked: dict[tuple[str, Any], str] = {}
    for a in result.roster:
        worked.setdefault((a.staff, a.date), a.shift)
    return sum(
        worked.get((c.staff, cal.days[c.day].date)) != c.shift for c in pattern_cells(scenario, cal)
    )


def pattern_figures(scenario: Scenario, result: Result, free_cost: float | None) -> dict[str, Any]:
    """One row of the comparison: status, cost, the pattern's part, cells off it, empty seats,
    hours and spreads."""
    row: dict[str, Any] = {"status": result.status}
    if not result.feasible:
        return row
    pattern = float(result.terms.get(Rule.PATTERN, 0))
    besides = float(result.objective) - pattern
    cal = Calendar(scenario)
    people = person_summary(scenario, result.roster, cal)
    row |= {
        "cost": _num(result.objective),
        "cost: pattern": _num(pattern),
        "cost besides pattern": _num(besides),
        "vs free": _num(besides - free_cost) if free_cost is not None else None,
        "cells off pattern": cells_off_pattern(scenario, result, cal),
        "unmet seats": unmet_seats(scenario, result.roster, cal),
        "hours": _num(float(people["hours"].sum())),
    }
    for word, column in SPREADS:
        row[f"spread: {word}"] = _num(float(people[column].max() - people[column].min()))
    return row


def _num(x: float) -> float | int:
    x = round(float(x), 2)
    return int(x) if x.is_integer() else x


COLUMNS = (
    "variant",
    "status",
    "cost",
    "cost: pattern",
    "cost besides pattern",
    "vs free",
    "cells off pattern",
    "unmet seats",
    "hours",
    *(f"spread: {w}" for w, _ in SPREADS),
)


def compare_patterns(
    scenario: Scenario,
    variants: Sequence[Variant],
    time_limit: float = 30.0,
    workers: int = 2,
    seed: int = 0,
    stop: threading.Event | None = None,
) -> pd.DataFrame:
    """The free roster, the scenario as given (when it has rotations) and each variant, solved in
    turn; one row each. ``vs free``: the cost besides the pattern minus the free roster's cost
    (what holding people to the cycle costs in seats, requests and fairness)."""
    options = SolveOptions(time_limit=time_limit, workers=workers, seed=seed)
    runs = [Variant(FREE, free_roster(scenario))]
    if scenario.rotations:
        runs.append(Variant(AS_GIVEN, scenario))
    runs += list(variants)
    rows = []
    free_cost: float | None = None
    for v in runs:
        result = solve(v.scenario, options, stop=stop)
        row = {"variant": v.name, **pattern_figures(v.scenario, result, free_cost)}
        if v.name == FREE and result.feasible:
            free_cost = float(result.objective)
            row["vs free"] = 0
        rows.append(row)
    frame = pd.DataFrame(rows)
    frame = frame.reindex(columns=[c for c in COLUMNS if c in frame.columns])
    return frame.convert_dtypes()  # whole numbers stay whole beside a row without a roster


def describe(variant: Variant, scenario: Scenario) -> str:
    """What a variant changes in the scenario's rotations, in one line: each rotation it adds or
    changes (id, pattern, offset, weight) and each it drops."""
    before = {r.id: r for r in scenario.rotations}
    after = {r.id: r for r in variant.scenario.rotations}
    parts = []
    for rid, r in after.items():
        if before.get(rid) != r:
            weight = "hard" if r.weight is None else f"weight {r.weight}"
            parts.append(f"{rid} {' '.join(r.pattern)}, offset {r.offset}, {weight}")
    parts += [f"drops {rid}" for rid in before if rid not in after]
    return "; ".join(parts) or "no change"
