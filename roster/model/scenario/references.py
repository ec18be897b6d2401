"""The reference checks: every id, date and value a scenario names must fit the rest of it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..fields import SELECTOR_HINT, WEEKDAYS, FieldError, selector_item
from ..ledger import check_ledger
from .fairness import check_holiday_name
from .rotations import OFF_CELL
from .templates import unknown_shift
from .values import limit_value, parse_minutes

if TYPE_CHECKING:
    from .core import Scenario
    from .horizon import Horizon
    from .intervals import IntervalDemand


def check_references(scenario: Scenario) -> None:
    """Raise FieldError for the first id, date or value that does not fit the rest of the
    scenario."""
    _unique("roles", [r.id for r in scenario.roles])
    _unique("shifts", [s.id for s in scenario.shifts])
    _unique("staff", [s.id for s in scenario.staff])
    roles = {r.id for r in scenario.roles}
    shifts = {s.id for s in scenario.shifts}
    staff = {s.id for s in scenario.staff}
    for i, r in enumerate(scenario.roles):
        for c in r.covers:
            _known(f"roles[{i}].covers", c, roles, "role")
    for i, s in enumerate(scenario.shifts):
        check_days(f"shifts[{i}].on", s.on)
    for i, p in enumerate(scenario.staff):
        for r in p.roles:
            _known(f"staff[{i}].roles", r, roles, "role")
        for c in p.cannot:
            _known_shift(scenario, f"staff[{i}].cannot", c, shifts)
        for k in p.max_shifts or {}:
            _known_shift(scenario, f"staff[{i}].max_shifts", k, shifts)
        for j, seq in enumerate(p.forbidden_sequences or ()):
            for c in seq:
                _known_shift(scenario, f"staff[{i}].forbidden_sequences[{j}]", c, shifts)
        for d in p.days_off:
            _inside(f"staff[{i}].days_off", d, scenario.horizon)
    for k in scenario.rules.max_shifts or {}:
        _known_shift(scenario, "rules.max_shifts", k, shifts)
    for j, seq in enumerate(scenario.rules.forbidden_sequences or ()):
        for c in seq:
            _known_shift(scenario, f"rules.forbidden_sequences[{j}]", c, shifts)
    _unique("shift_templates", [t.id for t in scenario.shift_templates])
    templates = {t.id for t in scenario.shift_templates}
    for where, rules in [("rules", scenario.rules)] + [(f"staff[{i}]", p)
                                                       for i, p in enumerate(scenario.staff)]:
        for k in rules.max_template_shifts or {}:
            _known(f"{where}.max_shifts", k, templates, "template")
    for where, entries in (("requests", scenario.requests), ("fixed", scenario.fixed)):
        for i, e in enumerate(entries):
            for c in e.one_of:
                _known_shift(scenario, f"{where}[{i}].shift", c, shifts)
    for i, d in scenario.interval_lines:
        _check_interval_line(scenario, i, d, roles, shifts)
    for i, d in scenario.seat_lines:
        _known(f"demand[{i}].shift", d.shift, shifts, "shift")
        if d.role is not None:
            _known(f"demand[{i}].role", d.role, roles, "role")
        check_days(f"demand[{i}].days", d.days)
        lo, hi = limit_value(d.min), limit_value(d.max)
        if lo is not None and lo < 0:
            raise FieldError(f"demand[{i}].min", lo, "seats cannot be negative")
        if hi is not None and lo is not None and hi < lo:
            raise FieldError(f"demand[{i}].max", hi, f"max is below min {lo:g}")
    for i, lv in enumerate(scenario.leave):
        _known(f"leave[{i}].staff", lv.staff, staff, "staff")
        if lv.end < scenario.horizon.start or lv.start > scenario.horizon.end:
            raise FieldError(f"leave[{i}].start", str(lv.start),
                             f"leave {lv.start}..{lv.end} lies outside the horizon "
                             f"{scenario.horizon.start}..{scenario.horizon.end}")
    for i, rq in enumerate(scenario.requests):
        _known(f"requests[{i}].staff", rq.staff, staff, "staff")
        _inside(f"requests[{i}].date", rq.date, scenario.horizon)
        if rq.shift is not None:
            _known_shift(scenario, f"requests[{i}].shift", rq.shift, shifts)
    for i, fx in enumerate(scenario.fixed):
        _known(f"fixed[{i}].staff", fx.staff, staff, "staff")
        _inside(f"fixed[{i}].date", fx.date, scenario.horizon)
        if fx.shift is not None:
            _known_shift(scenario, f"fixed[{i}].shift", fx.shift, shifts)
        if fx.role is not None:
            _known(f"fixed[{i}].role", fx.role, roles, "role")
    if scenario.history is not None:
        seen_cells: set[tuple[str, dt.date]] = set()
        for i, w in enumerate(scenario.history.worked):
            _known(f"history.worked[{i}].staff", w.staff, staff, "staff")
            _known_shift(scenario, f"history.worked[{i}].shift", w.shift, shifts)
            if w.role is not None:
                _known(f"history.worked[{i}].role", w.role, roles, "role")
            if w.date >= scenario.horizon.start:
                raise FieldError(f"history.worked[{i}].date", str(w.date),
                                 "a history shift must lie before the horizon start "
                                 f"{scenario.horizon.start}",
                                 hint="the history is the tail of the previous roster")
            if (w.staff, w.date) in seen_cells:
                raise FieldError(f"history.worked[{i}].date", str(w.date),
                                 f"{w.staff} has two shifts on {w.date} in the history")
            seen_cells.add((w.staff, w.date))
    _check_posts(scenario, roles, shifts, staff)
    _check_leave_types(scenario, staff)
    _check_rotations(scenario, shifts, staff)
    seen: set[str] = set()
    for i, c in enumerate(scenario.fairness_carry):
        _known(f"fairness_carry[{i}].staff", c.staff, staff, "staff")
        if c.staff in seen:
            raise FieldError(f"fairness_carry[{i}].staff", c.staff,
                             f"{c.staff} has two rows of counts")
        seen.add(c.staff)
        for key in ("by_holiday", "last_holidays"):
            for name in getattr(c, key):
                check_holiday_name(f"fairness_carry[{i}].{key}", name, scenario.holidays.country)


def _known_shift(scenario: Scenario, field: str, value: str, shifts: set[str]) -> None:
    """A shift id (template ids were put as their starts before this check)."""
    if value not in shifts:
        unknown_shift(field, value, shifts, {t.id for t in scenario.shift_templates})


def _check_rotations(scenario: Scenario, shifts: set[str], staff: set[str]) -> None:
    _unique("teams", [t.id for t in scenario.teams])
    named = {p.team for p in scenario.staff if p.team}
    for i, t in enumerate(scenario.teams):
        if t.id not in named:
            raise FieldError(f"teams[{i}].id", t.id, f"no staff entry has team {t.id!r}",
                             hint=f"teams named on staff: {', '.join(sorted(named)) or 'none'}")
    _unique("rotations", [r.id for r in scenario.rotations])
    taken: dict[str, str] = {}
    for i, r in enumerate(scenario.rotations):
        where = f"rotations[{i}]"
        for j, cell in enumerate(r.pattern):
            if cell != OFF_CELL:
                _known(f"{where}.pattern[{j}]", cell, shifts | {OFF_CELL}, "shift (or off)")
        if not 0 <= r.offset < len(r.pattern):
            raise FieldError(f"{where}.offset", r.offset,
                             f"the offset lies outside the {len(r.pattern)}-day pattern",
                             hint=f"use 0 .. {len(r.pattern) - 1}")
        if bool(r.staff) == (r.team is not None):
            raise FieldError(f"{where}.staff", list(r.staff),
                             "give either staff or team (who follows the pattern)")
        for sid in r.staff:
            _known(f"{where}.staff", sid, staff, "staff")
        if r.team is not None:
            _known(f"{where}.team", r.team, named, "team")
        check_days(f"{where}.days", r.days)
        for sid in r.staff or [p.id for p in scenario.staff if p.team == r.team]:
            if sid in taken:
                field, value = ("staff", sid) if r.staff else ("team", r.team)
                raise FieldError(f"{where}.{field}", value,
                                 f"{sid} already follows rotation {taken[sid]}",
                                 hint="a person follows one rotation (split it by days if it "
                                      "changes)")
            taken[sid] = r.id


def _check_interval_line(scenario: Scenario, i: int, line: IntervalDemand, roles: set[str],
                         shifts: set[str]) -> None:
    where = f"demand[{i}]"
    if line.role is not None:
        _known(f"{where}.role", line.role, roles, "role")
    check_days(f"{where}.days", line.days)
    templates = {t.id for t in scenario.shift_templates}
    for s in line.shifts or ():
        _known(f"{where}.shifts", s, shifts | templates, "shift or template")
    if isinstance(line.per_interval, str):
        return
    if not line.per_interval:
        raise FieldError(f"{where}.per_interval", [], "the forecast has no rows")
    for j, row in enumerate(line.per_interval):
        if parse_minutes(row.interval) % line.interval_minutes:
            raise FieldError(f"{where}.per_interval[{j}].interval", row.interval,
                             f"not on the {line.interval_minutes}-minute grid",
                             hint="interval starts are multiples of interval_minutes from 00:00")
        if row.agents is None and line.aht_seconds is None:
            raise FieldError(f"{where}.aht_seconds", None,
                             "the forecast gives calls; Erlang C needs the average handle time",
                             hint="add aht_seconds to the demand line, or give agents per interval")
        if row.weekday is not None and row.weekday not in WEEKDAYS:
            raise FieldError(f"{where}.per_interval[{j}].weekday", row.weekday,
                             "not a weekday (mon..sun)")
        if row.date is not None:
            _inside(f"{where}.per_interval[{j}].date", row.date, scenario.horizon)


def _check_posts(scenario: Scenario, roles: set[str], shifts: set[str], staff: set[str]) -> None:
    _unique("posts", [p.id for p in scenario.posts])
    for i, post in enumerate(scenario.posts):
        if not post.shifts:
            raise FieldError(f"posts[{i}].shift", [], "a post needs at least one shift")
        for s in post.shifts:
            _known(f"posts[{i}].shift", s, shifts, "shift")
        check_days(f"posts[{i}].days", post.days)
        _known(f"posts[{i}].a", post.a, staff, "staff")
        if not post.backups:
            raise FieldError(f"posts[{i}].b", [], "a post needs at least one backup holder")
        for b in post.backups:
            _known(f"posts[{i}].b", b, staff, "staff")
        if len(set(post.holders)) != len(post.holders):
            raise FieldError(f"posts[{i}].b", list(post.backups),
                             "a holder is listed twice (A or a backup)")
        if post.counts_toward is not None:
            _known(f"posts[{i}].counts_toward", post.counts_toward, roles, "role")
            for h in post.holders:
                if post.counts_toward not in scenario.seats_for(scenario.staff_by_id[h]):
                    raise FieldError(f"posts[{i}].counts_toward", post.counts_toward,
                                     f"holder {h} cannot take a {post.counts_toward} seat",
                                     hint="give the holder that role, or drop counts_toward")


def _check_leave_types(scenario: Scenario, staff: set[str]) -> None:
    types = set(scenario.leave_policy.types)
    hint = "leave types come from leave_policy.types"
    for i, lv in enumerate(scenario.leave):
        _known(f"leave[{i}].type", lv.type, types, "leave type")
        kind = scenario.leave_policy.types[lv.type]
        if lv.half is not None and not kind.half_days:
            raise FieldError(f"leave[{i}].half", lv.half,
                             f"{lv.type} leave cannot be taken in half days", hint)
        for x in lv.extras:
            if x not in kind.extras and x not in kind.alternatives:
                _known(f"leave[{i}].extras", x, set(kind.extras) | set(kind.alternatives),
                       f"{lv.type} extra")
    for i, w in enumerate(scenario.leave_wishes):
        _known(f"leave_wishes[{i}].staff", w.staff, staff, "staff")
        _known(f"leave_wishes[{i}].type", w.type, types, "leave type")
        if w.window.end < scenario.horizon.start or w.window.start > scenario.horizon.end:
            raise FieldError(f"leave_wishes[{i}].window", f"{w.window.start}..{w.window.end}",
                             "window lies outside the horizon "
                             f"{scenario.horizon.start}..{scenario.horizon.end}")
    if not isinstance(scenario.leave_balances, str):
        for i, bal in enumerate(scenario.leave_balances):
            _known(f"leave_balances[{i}].staff", bal.staff, staff, "staff")
            _known(f"leave_balances[{i}].type", bal.type, types, "leave type")
    if scenario.leave_wishes:
        check_ledger(scenario)


def _unique(field: str, ids: Iterable[str]) -> None:
    seen: set[str] = set()
    for i, x in enumerate(ids):
        if x in seen:
            raise FieldError(f"{field}[{i}].id", x, f"duplicate id {x!r}")
        seen.add(x)


def _known(field: str, value: str, known: set[str], what: str) -> None:
    if value not in known:
        raise FieldError(field, value, f"unknown {what}",
                         hint=f"known {what} ids: {', '.join(sorted(known))}")


def _inside(field: str, day: dt.date, horizon: Horizon) -> None:
    if not horizon.start <= day <= horizon.end:
        raise FieldError(field, str(day),
                         f"date lies outside the horizon {horizon.start}..{horizon.end}")


def check_days(field: str, spec: Any) -> None:
    """Raise FieldError if ``spec`` is not a valid day selector (an item or a list of items)."""
    items = spec if isinstance(spec, (list, tuple)) else [spec]
    for item in items:
        try:
            selector_item(item)
        except (ValueError, TypeError) as exc:
            raise FieldError(field, item, str(exc) if str(exc) else "not a day selector",
                             hint=SELECTOR_HINT) from None

