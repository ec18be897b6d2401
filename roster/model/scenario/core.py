"""``Scenario``: the whole scenario file, its look-ups and its integrity checks."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from typing import Any

from pydantic import Field, field_validator, model_validator

from ..leave_policy import LeavePolicy
from .demand import Demand, DemandFrom, DemandLine
from .fairness import Carry, Fairness
from .history import History
from .horizon import Holidays, Horizon, check_timezone
from .intervals import IntervalDemand
from .leave import Leave, LeaveBalance, LeaveWish
from .people import Role, Staff
from .posts import Post
from .references import check_references
from .requests import Fixed, Request
from .rotations import Rotation, Team
from .rules import PersonRules, Rules
from .shifts import Shift, ShiftTemplate
from .templates import expand_templates
from .values import Frozen


class Scenario(Frozen):
    name: str = "scenario"
    horizon: Horizon
    timezone: str = "Asia/Shanghai"
    """An IANA time zone name (``Asia/Shanghai``, ``Europe/Berlin``)."""
    holidays: Holidays = Holidays()
    roles: tuple[Role, ...] = Field(min_length=1)
    shift_templates: tuple[ShiftTemplate, ...] = ()
    """Shifts whose start the roster chooses; expanded into ``shifts`` (see ShiftTemplate)."""
    shifts: tuple[Shift, ...] = Field(min_length=1)
    staff: tuple[Staff, ...] = Field(min_length=1)
    demand: tuple[DemandLine, ...] = ()
    demand_from: DemandFrom | None = None
    """Demand lines from a call forecast, added after ``demand`` by the loader."""
    leave: tuple[Leave, ...] = ()
    requests: tuple[Request, ...] = ()
    fixed: tuple[Fixed, ...] = ()
    posts: tuple[Post, ...] = ()
    leave_policy: LeavePolicy = LeavePolicy()
    leave_balances: tuple[LeaveBalance, ...] | str = ()
    """Opening balances, inline or a CSV file (staff,type,days) read by roster.model.ledger."""
    leave_wishes: tuple[LeaveWish, ...] = ()
    history: History | None = None
    rules: Rules = Rules()
    fairness: Fairness = Fairness()
    rotations: tuple[Rotation, ...] = ()
    teams: tuple[Team, ...] = ()
    fairness_carry: tuple[Carry, ...] = ()
    """Year-to-date counts per person, inline or a CSV file (staff,nights,weekends,holidays,hours)
    relative to the scenario file, read by the loader."""

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        check_timezone(value)
        return value

    @model_validator(mode="before")
    @classmethod
    def _expand_templates(cls, data: Any) -> Any:
        """Add one shift per start time of each template (see ``expand_templates``)."""
        return expand_templates(data)

    # ---- look-ups -------------------------------------------------------
    @cached_property
    def role_by_id(self) -> dict[str, Role]:
        return {r.id: r for r in self.roles}

    @cached_property
    def shift_by_id(self) -> dict[str, Shift]:
        return {s.id: s for s in self.shifts}

    @cached_property
    def staff_by_id(self) -> dict[str, Staff]:
        return {s.id: s for s in self.staff}

    @property
    def seat_lines(self) -> list[tuple[int, Demand]]:
        """(index in ``demand``, line) of the seat lines."""
        return [(i, d) for i, d in enumerate(self.demand) if isinstance(d, Demand)]

    @property
    def interval_lines(self) -> list[tuple[int, IntervalDemand]]:
        """(index in ``demand``, line) of the per-interval lines."""
        return [(i, d) for i, d in enumerate(self.demand) if isinstance(d, IntervalDemand)]

    def shifts_named(self, ids: Iterable[str]) -> list[str]:
        """Shift ids, a template id standing for each of its shifts."""
        out: list[str] = []
        for x in ids:
            out.extend([s.id for s in self.shifts if s.template == x] if x not in self.shift_by_id
                       else [x])
        return out

    @cached_property
    def fillable(self) -> dict[str, frozenset[str]]:
        """Role id → every role whose seats it may fill (itself included, transitive)."""
        out: dict[str, frozenset[str]] = {}
        for role in self.roles:
            seen, stack = {role.id}, list(role.covers)
            while stack:
                r = stack.pop()
                if r not in seen:
                    seen.add(r)
                    stack.extend(self.role_by_id[r].covers)
            out[role.id] = frozenset(seen)
        return out

    def seats_for(self, staff: Staff) -> frozenset[str]:
        """Every role whose seat this person may take."""
        return frozenset().union(*(self.fillable[r] for r in staff.roles))

    def rules_for(self, staff_id: str) -> Rules:
        """Scenario rules with this person's overrides applied."""
        person = self.staff_by_id[staff_id]
        override = {k: v
                    for k, v in person.model_dump(include=set(PersonRules.model_fields)).items()
                    if v is not None}
        if not override:
            return self.rules
        return self.rules.model_copy(update={k: getattr(person, k) for k in override})

    @model_validator(mode="after")
    def _references(self) -> Scenario:
        check_references(self)
        return self
