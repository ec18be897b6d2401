"""Score a Curtois & Qu solution from the instance file and a ``staff_id,day,shift_id`` CSV alone.

It does not use the scenario model or the solver: it applies the benchmark's own definitions
(hard rules 1-10 and the objective of requests plus cover under/over-staffing), so it can check
the engine's answers from the outside.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from roster.model.parse import ScenarioError

from .curtois import Instance, read_instance


@dataclass
class Evaluation:
    objective: int
    terms: dict[str, int]
    """``shift_on_requests``, ``shift_off_requests``, ``cover_under``, ``cover_over``."""
    violations: list[str] = field(default_factory=list)
    """Hard rules broken, one line each."""

    @property
    def feasible(self) -> bool:
        return not self.violations


def read_solution(path: str | Path) -> list[tuple[str, int, str]]:
    """Rows ``(staff_id, day, shift_id)``; bad rows raise ScenarioError naming row, column and
    value."""
    path = Path(path)
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except FileNotFoundError:
        raise ScenarioError(str(path), "", None, "file not found") from None
    rows: list[tuple[str, int, str]] = []
    with handle:
        reader = csv.reader(handle)
        header = [c.strip() for c in next(reader, [])]
        if header != ["staff_id", "day", "shift_id"]:
            raise ScenarioError(str(path), "header", ",".join(header),
                                "expected staff_id,day,shift_id")
        for number, row in enumerate(reader, start=2):
            if not any(c.strip() for c in row):
                continue
            if len(row) != 3:
                raise ScenarioError(str(path), f"row {number}", ",".join(row), "expected 3 fields")
            staff, day, shift = (c.strip() for c in row)
            try:
                d = int(day)
            except ValueError:
                raise ScenarioError(str(path), f"row {number}, column day", day,
                                    "not a whole number") from None
            rows.append((staff, d, shift))
    return rows


def evaluate(inst: Instance, rows: list[tuple[str, int, str]]) -> Evaluation:
    """The instance objective and the hard violations of a solution."""
    bad: list[str] = []
    shifts = {s.id: s for s in inst.shifts}
    staff = {e.id: e for e in inst.staff}
    grid: dict[str, dict[int, str]] = defaultdict(dict)
    for who, d, s in rows:
        if who not in staff:
            bad.append(f"unknown staff {who!r} (day {d}, shift {s})")
        elif s not in shifts:
            bad.append(f"{who} day {d}: unknown shift {s!r}")
        elif not 0 <= d < inst.days:
            bad.append(f"{who}: day {d} outside the horizon 0..{inst.days - 1}")
        elif d in grid[who]:
            bad.append(f"{who} day {d}: two shifts ({grid[who][d]} and {s})")  # rule 1
        else:
            grid[who][d] = s

    for e in inst.staff:
        mine = grid.get(e.id, {})
        # 2: forbidden successions
        for d, s in sorted(mine.items()):
            t = mine.get(d + 1)
            if t is not None and t in shifts[s].forbidden_next:
                bad.append(f"{e.id} day {d}: {s} followed by {t}")
        # 3: shifts per type
        for s, n in Counter(mine.values()).items():
            cap = e.max_shifts.get(s)
            if cap is not None and n > cap:
                bad.append(f"{e.id}: {n} {s} shifts, at most {cap}")
        # 4, 5: total minutes
        total = sum(shifts[s].minutes for s in mine.values())
        if total > e.max_minutes:
            bad.append(f"{e.id}: {total} minutes, at most {e.max_minutes}")
        if total < e.min_minutes:
            bad.append(f"{e.id}: {total} minutes, at least {e.min_minutes}")
        # 6, 7, 8: runs
        works = [d in mine for d in range(inst.days)]
        for kind, first, length in _runs(works):
            touches = first == 0 or first + length == inst.days
            if kind and length > e.max_consecutive:
                bad.append(f"{e.id}: {length} shifts in a row from day {first}, at most "
                           f"{e.max_consecutive}")
            if kind and not touches and length < e.min_consecutive:
                bad.append(f"{e.id}: {length} shifts in a row from day {first}, at least "
                           f"{e.min_consecutive}")
            if not kind and not touches and length < e.min_days_off:
                bad.append(f"{e.id}: {length} days off in a row from day {first}, at least "
                           f"{e.min_days_off}")
        # 9: weekends
        weekends = sum(1 for k in range(inst.weeks) if 7 * k + 5 in mine or 7 * k + 6 in mine)
        if weekends > e.max_weekends:
            bad.append(f"{e.id}: {weekends} weekends worked, at most {e.max_weekends}")
        # 10: days off
        for d in sorted(set(inst.days_off.get(e.id, []))):
            if d in mine:
                bad.append(f"{e.id} day {d}: works {mine[d]} on a day off")

    terms = {"shift_on_requests": 0, "shift_off_requests": 0, "cover_under": 0, "cover_over": 0}
    for r in inst.on_requests:
        if grid.get(r.staff, {}).get(r.day) != r.shift:
            terms["shift_on_requests"] += r.weight
    for r in inst.off_requests:
        if grid.get(r.staff, {}).get(r.day) == r.shift:
            terms["shift_off_requests"] += r.weight
    on_duty = Counter((d, s) for mine in grid.values() for d, s in mine.items())
    for c in inst.cover:
        n = on_duty[(c.day, c.shift)]
        terms["cover_under"] += c.weight_under * max(0, c.requirement - n)
        terms["cover_over"] += c.weight_over * max(0, n - c.requirement)
    return Evaluation(sum(terms.values()), terms, bad)


def _runs(works: list[bool]) -> list[tuple[bool, int, int]]:
    """Maximal runs as (works?, first day, length)."""
    out: list[tuple[bool, int, int]] = []
    start = 0
    for d in range(1, len(works) + 1):
        if d == len(works) or works[d] != works[start]:
            out.append((works[start], start, d - start))
            start = d
    return out


def evaluate_files(instance: str | Path, solution: str | Path) -> Evaluation:
    return evaluate(read_instance(instance), read_solution(solution))
