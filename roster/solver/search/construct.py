"""A whole roster by construction, then better by moves of one person at a time.

1. **Construction.** People are placed one at a time, least flexible first. Each takes the
   cheapest month the per-person routine (``person.py``) finds when every open seat is priced by
   how scarce it still is (seats that few of the people still to place can take weigh more), so
   hard minimum seats are filled first.
2. **Moves.** A person's month is taken out and the routine finds their best month against
   everyone else's shifts: the seats they would fill or overfill, their requests, and their fair
   shares (priced at the margin). The move is kept when the roster's exact cost (``Score``) does
   not rise.

The search holds no CP-SAT model, so it runs in seconds at any size; its roster is the starting
point of the model-based search in ``roster.solver.solve``. Moves aimed at a cost (exchanges of
a fair-share duty or a broken request, a duty moved to another day) are in ``exchanges.py``.

Longer than 500 lines because the roster's arrays, their exact cost and the moves that edit
them in place are one class (``Search``): split, each part would reach into the others' arrays.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from roster.model.availability import allowed
from roster.model.calendar import Calendar
from roster.model.demand import seats_table
from roster.model.fairness import count_groups, counts_towards, fair_bands, hour_groups
from roster.model.roster import Assignment, Roster
from roster.model.rule_names import FAIR_SHARE, Rule
from roster.model.scenario import Scenario

from ..breaks import Floor, break_text
from ..rules import FAMILIES
from . import HARD, exchanges
from .exchanges import MAX_SPAN
from .lns import move
from .person import INF, OFF, Broken, Person

SCARCITY = 4.0
"""During construction an empty seat weighs (1 + SCARCITY × seats still needed / people left who
can take it) times its price."""
SWAPS = 40
"""Day-exchange moves between two peers after each person's own move."""
FOCUS = 0.7
"""Share of exchanges that start from someone outside a fair-share band."""
FAIR_EXCHANGES = 0.5
"""Share of exchanges aimed at a cost: half pass one duty of a fair-share kind from above a band
towards below one, half keep a broken request."""
DUTY_MOVES = 4
"""Tries, after the move of someone outside a fair-share band, to move one of their duties to a
day that does not count (``exchanges.move_duty``)."""
BAND_EXCHANGES = 4
"""Exchanges aimed at a fair band with a day of the same week back (``Search.band_exchange``)
after the move of each person."""
SEAT_MOVES = 0.2
"""Chance, after each person's move while a hard seat is empty, of a model move around one."""
SEAT_PEOPLE = 6
SEAT_DAYS = 3
"""Takers, people off that day, and days either side of an empty hard seat that its model move frees."""
NEIGHBOURHOOD_SECONDS = 3.0
"""Most seconds for a model move around an empty seat (two threads: measured 1 s where one took 5 s)."""
RETRIES = 6
"""Times a person's month is priced again when it breaks a rule counted over the horizon."""


Reprice = Callable[["Search", Broken, np.ndarray, float], None]
"""Raises the cell prices (``extra[d, s]``) by ``price`` a step of a rule a month breaks."""


def _dearer_hours(search: Search, key: Broken, extra: np.ndarray, price: float) -> None:
    extra += price / 480 * search.minutes[None, :]


def _cheaper_hours(search: Search, key: Broken, extra: np.ndarray, price: float) -> None:
    extra -= price / 480 * search.minutes[None, :]


def _dearer_weekends(search: Search, key: Broken, extra: np.ndarray, price: float) -> None:
    extra[search.weekend_days] += price


def _dearer_shift(search: Search, key: Broken, extra: np.ndarray, price: float) -> None:
    ids = [s.id for s in search.scenario.shifts]  # a template's cap prices all its starts
    extra[:, [ids.index(x) for x in search.scenario.shifts_named([key.shift])]] += price


REPRICE: dict[Rule, Reprice | None] = {
    Rule.HOURS_MAX: _dearer_hours,
    Rule.HOURS_MIN: _cheaper_hours,
    Rule.WEEKENDS: _dearer_weekends,
    Rule.MAX_SHIFTS: _dearer_shift,
    Rule.REST: None,
}
"""How ``Search.best_month`` prices each rule ``Person.breaks`` finds (``Broken.rule``); None: no
price mends it (rest clashes two or more days apart), the person gets no month."""


def applies(scenario: Scenario) -> bool:
    """Can this scenario be built and improved by the per-person routine?

    Only when every family says the routine keeps the rules the scenario asks of it
    (``Family.person_search``): posts tie people together and leave wishes place days off, so
    those scenarios use the model, as do crews kept together, soft rotation patterns and hours
    carried in from earlier months (the search's cost does not count them; hard patterns prune
    the per-person routine's cells)."""
    return all(f.person_searched(scenario) for f in FAMILIES.values())


@dataclass
class Moves:
    tried: int = 0
    kept: int = 0
    better: int = 0


@dataclass
class Search:
    """The roster being built and improved, as arrays (person × day → shift, seat role)."""

    scenario: Scenario
    calendar: Calendar
    seed: int = 0
    moves: Moves = field(default_factory=Moves)
    repeatable: bool = False
    complete: bool = True
    """Did construction give everyone a month?"""
    """Model moves use deterministic time limits (``SolveOptions(deterministic_time=...)``)."""
    _unfair: list[int] = field(default_factory=list)
    _peer_sets: dict[int, np.ndarray] | None = None
    _unfair_set: set[int] = field(default_factory=set)
    progress: list = field(default_factory=list)
    """Each better roster's (seconds, cost) as the caller records it."""
    first_seconds: float | None = None
    """Seconds from the solve's start to the first whole roster (set by the caller)."""
    best_seconds: float | None = None

    def __post_init__(self) -> None:
        sc, cal = self.scenario, self.calendar
        self.rng = random.Random(self.seed)
        self.person = Person(sc, cal)
        P, n, S = len(sc.staff), len(cal), len(sc.shifts)
        self.P, self.n, self.S = P, n, S
        self.roles = [r.id for r in sc.roles]
        K = len(self.roles)
        self.K = K  # index K is the seat line that counts everyone (role None)
        role_index = {r: k for k, r in enumerate(self.roles)}
        shift_index = {s.id: i for i, s in enumerate(sc.shifts)}
        self.has = np.zeros((n, S, K + 1), dtype=bool)
        self.lo = np.zeros((n, S, K + 1), dtype=np.int64)
        self.hi = np.full((n, S, K + 1), 1 << 30, dtype=np.int64)
        self.lo_w = np.zeros((n, S, K + 1))
        self.hi_w = np.zeros((n, S, K + 1))
        for (d, sid, role), st in seats_table(sc, cal).items():
            i = (d, shift_index[sid], K if role is None else role_index[role])
            self.has[i] = True
            self.lo[i] = st.min
            self.lo_w[i] = HARD if st.min_weight is None else st.min_weight
            if st.max is not None:
                self.hi[i] = st.max
                self.hi_w[i] = HARD if st.max_weight is None else st.max_weight
        self.can = np.zeros((P, n, S, K), dtype=bool)
        for (p, d, s), roles in allowed(sc, cal).items():
            for r in roles:
                self.can[p, d, s, role_index[r]] = True
        self.count = np.zeros((n, S, K + 1), dtype=np.int64)
        self.plan = np.full((P, n), OFF, dtype=np.int64)
        self.role = np.full((P, n), -1, dtype=np.int64)
        self.placed = np.zeros(P, dtype=bool)
        # requests: cost per cell and per day off
        index = {p.id: i for i, p in enumerate(sc.staff)}
        self.req = np.zeros((P, n, S))
        self.req_off = np.zeros((P, n))
        for rq in sc.requests:
            if rq.date not in cal.index or rq.staff not in index:
                continue
            p, d = index[rq.staff], cal.index[rq.date]
            if rq.shift is not None and rq.off:
                self.req[p, d, shift_index[rq.shift]] += rq.weight
            elif rq.shift is not None:
                self.req[p, d] += rq.weight
                self.req[p, d, shift_index[rq.shift]] -= rq.weight
                self.req_off[p, d] += rq.weight
            else:
                self.req[p, d] += rq.weight
        # fair shares: per kind, what each cell adds and each person's band
        weights = sc.fairness.model_dump()
        self.fair: list[tuple[float, np.ndarray, np.ndarray, np.ndarray]] = []
        """(weight, adds[d, s], lo[p], hi[p]) per kind of duty with a band."""
        self.fair_kinds: list[str] = []
        for kind, bands in fair_bands(sc, cal).items():
            self.fair_kinds.append(kind)
            adds = np.array([[counts_towards(kind, sc, cal, d, s.id) for s in sc.shifts] for d in range(n)],
                            dtype=np.int64)
            lo, hi = np.full(P, -1, dtype=np.int64), np.full(P, 1 << 30, dtype=np.int64)
            for who, band in bands.items():
                lo[index[who]], hi[index[who]] = band.lo, band.hi
            self.fair.append((float(weights[kind]), adds, lo, hi))
        # a centre staffed by interval: bands are shares of what the peers work (count_groups)
        self.shared: list[tuple[float, np.ndarray, np.ndarray, np.ndarray, str]] = []
        """(weight, adds[d, s], members, share, kind) per group of peers sharing a kind of duty."""
        for cg in count_groups(sc, cal):
            adds = np.array([[counts_towards(cg.kind, sc, cal, d, s.id) for s in sc.shifts] for d in range(n)],
                            dtype=np.int64)
            self.shared.append((float(weights[cg.kind]), adds, np.array([index[w] for w in cg.share], dtype=np.int64),
                                np.array(list(cg.share.values()), dtype=np.int64), cg.kind))
        self.shared_of: list[list[int]] = [[j for j, x in enumerate(self.shared) if p in x[2]] for p in range(P)]
        self.hours_w = float(weights.get("hours") or 0)
        self.groups = []
        self.group_of = np.full(P, -1, dtype=np.int64)
        for g, group in enumerate(hour_groups(sc, cal)):
            members = np.array([index[w] for w in group.share], dtype=np.int64)
            share = np.array([group.share[w] for w in group.share], dtype=np.int64)
            self.groups.append((members, share, group.slack))
            self.group_of[members] = g
        self.minutes = self.person.minutes
        # people on the floor per interval and the breaks placed (aggregated per day, shift, role, start)
        self.floor: Floor | None = None
        if sc.interval_lines or any(sh.break_rule is not None for sh in sc.shifts):
            self.floor = Floor(sc, cal, self.roles)
            for s_, bad in enumerate(self.floor.no_start):
                if bad:  # a break that fits nowhere: nobody may work the shift
                    self.can[:, :, s_, :] = False
        starts = max((len(x) for x in self.floor.starts), default=0) if self.floor is not None else 0
        self.brk = np.zeros((n, S, K, max(starts, 1)), dtype=np.int64)
        self.on_floor = (self.floor.base.copy() if self.floor is not None  # last month's night counts on day 1
                         else np.zeros(1, dtype=np.int64))
        self.flex = self.can.any(axis=3).sum(axis=(1, 2))

    # ---- the exact cost ------------------------------------------------------
    def seat_delta(self) -> np.ndarray:
        """Cost change of one more person in each seat with the current counts (a seat at its hard
        maximum is closed: no month may take it, so a month forced onto it is no month)."""
        c = self.count
        short = np.where(c < self.lo, -self.lo_w, 0.0)
        over = np.where(c >= self.hi, np.where(self.hi_w >= HARD, INF, self.hi_w), 0.0)
        out = np.where(self.has, short + over, 0.0)
        if self.floor is not None and self.floor.M:
            out[:, :, :self.K] += self.floor.prices(self.on_floor)
        return out

    def coverage_cost(self) -> float:
        """Seats and people on the floor per interval."""
        c = self.count
        return float((np.maximum(self.lo - c, 0) * self.lo_w * self.has).sum()
                     + (np.maximum(c - self.hi, 0) * self.hi_w * self.has).sum()) + self.interval_cost()

    def interval_cost(self) -> float:
        return self.floor.cost(self.on_floor) if self.floor is not None else 0.0

    def settle_breaks(self, days: range | list[int] | None = None, again: bool = False) -> None:
        """Move single breaks while that lowers the interval cost (every day, or these days).

        ``again``: first place each day's breaks anew (``Floor.place_breaks``), kept for the days
        where that costs less than the breaks as they are."""
        if self.floor is None or not self.floor.M:
            return
        for d in (range(self.n) if days is None else days):
            if again:
                before, f, brk = self.floor.cost(self.on_floor), self.on_floor.copy(), self.brk.copy()
                self.floor.place_breaks(self.on_floor, self.count, self.brk, [d])
                if self.floor.cost(self.on_floor) > before:
                    self.on_floor, self.brk = f, brk
                continue
            self.floor.polish(self.on_floor, self.brk, d)

    def own_terms(self, p: int, plan: np.ndarray) -> dict[Rule, float]:
        """Requests and fair shares of nights, weekends and holidays of one person's month, by term."""
        days = np.arange(self.n)
        worked = plan >= 0
        out = {Rule.REQUESTS: float(self.req[p, days[worked], plan[worked]].sum() + self.req_off[p, ~worked].sum())}
        for kind, (w, adds, lo, hi) in zip(self.fair_kinds, self.fair, strict=True):
            if lo[p] >= 0:
                n = int(adds[days[worked], plan[worked]].sum())
                out[FAIR_SHARE[kind]] = w * max(0, n - hi[p], lo[p] - n)
        return out

    def own_cost(self, p: int, plan: np.ndarray) -> float:
        return sum(self.own_terms(p, plan).values())

    def _counts(self, adds: np.ndarray, members: np.ndarray, plans: dict[int, np.ndarray] | None = None
                ) -> np.ndarray:
        """Each member's count of a kind of duty (``plans``: months in place of some members')."""
        rows = self.plan[members].copy()
        for p, plan in (plans or {}).items():
            rows[members == p] = plan
        return np.where(rows >= 0, adds[np.arange(self.n)[None, :], np.maximum(rows, 0)], 0).sum(axis=1)

    @staticmethod
    def _shared_band(share: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The floor and ceiling of each member's share of the group's count (``counted_bands``)."""
        whole, total = int(share.sum()), int(counts.sum())
        return share * total // whole, -(-share * total // whole)

    def shared_costs(self, people: list[int] | None = None, plans: dict[int, np.ndarray] | None = None
                     ) -> dict[str, float]:
        """Fair shares counted out of what the peers work (``shared``), by kind, of the groups of
        ``people`` (every group when None), with ``plans`` in place of some people's months."""
        groups = range(len(self.shared)) if people is None else sorted({j for p in people for j in self.shared_of[p]})
        out: dict[str, float] = {}
        for j in groups:
            w, adds, members, share, kind = self.shared[j]
            counts = self._counts(adds, members, plans)
            lo, hi = self._shared_band(share, counts)
            out[kind] = out.get(kind, 0.0) + w * float(np.maximum(0, np.maximum(counts - hi, lo - counts)).sum())
        return out

    def shared_cost(self, people: list[int] | None = None, plans: dict[int, np.ndarray] | None = None) -> float:
        return sum(self.shared_costs(people, plans).values()) if self.shared else 0.0

    def bands(self) -> list[tuple[float, np.ndarray, np.ndarray, np.ndarray]]:
        """(weight, adds[d, s], lo[p], hi[p]) per kind with a band: the fixed ones (``fair``) and
        those counted out of what the peers work now (``shared``)."""
        out = list(self.fair)
        for w, adds, members, share, _kind in self.shared:
            lo, hi = np.full(self.P, -1, dtype=np.int64), np.full(self.P, 1 << 30, dtype=np.int64)
            lo[members], hi[members] = self._shared_band(share, self._counts(adds, members))
            out.append((w, adds, lo, hi))
        return out

    def person_minutes(self, plan: np.ndarray) -> int:
        worked = plan >= 0
        return int(self.minutes[plan[worked]].sum())

    def hours_cost(self, g: int, minutes: np.ndarray) -> float:
        """Hours fairness of one peer group (``minutes``: each member's minutes, in order)."""
        members, share, slack = self.groups[g]
        whole = int(share.sum())
        total = int(minutes.sum())
        gap = np.abs(whole * minutes - share * total) - whole * slack
        dev = np.maximum(0, -(-gap // (whole * 60)))
        return self.hours_w * float(dev.sum())

    def own_costs(self) -> np.ndarray:
        """Every person's ``own_cost`` at once (requests and fair shares of their month)."""
        worked = self.plan >= 0
        shift = np.maximum(self.plan, 0)
        people, days = np.arange(self.P)[:, None], np.arange(self.n)[None, :]
        out = np.where(worked, self.req[people, days, shift], self.req_off).sum(axis=1)
        for w, adds, lo, hi in self.fair:
            n = np.where(worked, adds[days, shift], 0).sum(axis=1)
            out = out + np.where(lo >= 0, w * np.maximum(0, np.maximum(n - hi, lo - n)), 0.0)
        return out

    def all_minutes(self) -> np.ndarray:
        """Every person's minutes worked (``person_minutes`` at once)."""
        return np.where(self.plan >= 0, self.minutes[np.maximum(self.plan, 0)], 0).sum(axis=1)

    def cost(self) -> float:
        """The roster's cost as the validator counts it (for the rules this search covers)."""
        total = self.coverage_cost() + float(self.own_costs().sum()) + self.shared_cost()
        mins = self.all_minutes()
        for g in range(len(self.groups)):
            total += self.hours_cost(g, mins[self.groups[g][0]])
        return total

    # ---- one person's month ---------------------------------------------------
    def take_out(self, p: int) -> None:
        """Take person p's month out of the seat counts and the floor (their plan stays)."""
        days = np.flatnonzero(self.plan[p] >= 0)
        if len(days):
            s, k = self.plan[p, days], self.role[p, days]
            np.subtract.at(self.count, (days, s, k), 1)
            np.subtract.at(self.count, (days, s, np.full(len(days), self.K)), 1)
            if self.floor is not None:
                for d, s1, k1 in zip(days.tolist(), s.tolist(), k.tolist(), strict=True):
                    self.floor.remove(self.on_floor, self.brk, d, s1, k1)

    def put_in(self, p: int, plan: np.ndarray, role: np.ndarray) -> None:
        """Give person p this month (shift and seat role per day) and count it in."""
        self.plan[p], self.role[p] = plan, role
        days = np.flatnonzero(plan >= 0)
        if len(days):
            np.add.at(self.count, (days, plan[days], role[days]), 1)
            np.add.at(self.count, (days, plan[days], np.full(len(days), self.K)), 1)
            if self.floor is not None:
                for d, s1, k1 in zip(days.tolist(), plan[days].tolist(), role[days].tolist(), strict=True):
                    self.floor.add(self.on_floor, self.brk, d, s1, k1)

    def _cell_costs(self, p: int, delta: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per (day, shift): the cheapest seat role for person p and its seat cost."""
        per_role = np.where(self.can[p], delta[:, :, :self.K] + delta[:, :, self.K:], INF)
        role = per_role.argmin(axis=2)
        return np.take_along_axis(per_role, role[:, :, None], axis=2)[:, :, 0], role

    def _margins(self, p: int, mins: np.ndarray | None) -> np.ndarray:
        """Fair-share prices of person p's cells at the margin of their current counts."""
        out = np.zeros((self.n, self.S))
        cur = self.plan[p]
        worked = cur >= 0
        days = np.arange(self.n)
        for w, adds, lo, hi in self.bands():
            if lo[p] < 0:
                continue
            n = int(adds[days[worked], cur[worked]].sum()) if self.placed[p] else None
            if n is None:
                continue
            if n >= hi[p]:
                out += w * adds
            elif n < lo[p]:
                out -= w * adds
        g = self.group_of[p]
        if self.hours_w and g >= 0 and mins is not None and self.placed[p]:
            members, share, slack = self.groups[g]
            whole, total = int(share.sum()), int(mins[members].sum())
            me = int(np.flatnonzero(members == p)[0])
            target = share[me] * total / whole
            if mins[p] >= target + slack:
                out += self.hours_w / 60 * self.minutes[None, :]
            elif mins[p] <= target - slack:
                out -= self.hours_w / 60 * self.minutes[None, :]
        return out

    def keeps(self, p: int, plan: np.ndarray, role: np.ndarray) -> bool:
        """Does person p's month keep their rules (soft state rules as hard) and seat roles?"""
        days = np.flatnonzero(plan >= 0)
        return self.person.feasible(p, plan) and bool(self.can[p, days, plan[days], role[days]].all())

    def best_month(self, p: int, cost: np.ndarray, off: np.ndarray) -> np.ndarray | None:
        """The routine's month for p, priced again while it breaks a rule counted over the horizon."""
        extra = np.zeros_like(cost)
        extra_off = np.zeros_like(off)
        price = max(1.0, float(np.abs(cost[np.isfinite(cost)]).max(initial=1.0)) / 4)
        for _ in range(RETRIES):
            plan, value = self.person.best(p, cost + extra, off + extra_off)
            if not math.isfinite(value):
                return None
            broken = self.person.breaks(p, plan)
            if not broken:
                return plan
            trimmed = self._within_caps(p, plan, cost + extra, broken)
            if trimmed is not None:
                return trimmed
            for key in broken:
                reprice = REPRICE[key.rule]
                if reprice is None:
                    return None
                reprice(self, key, extra, price)
            price *= 2
        return None

    def _within_caps(self, p: int, plan: np.ndarray, cost: np.ndarray, broken: dict[Broken, float]
                     ) -> np.ndarray | None:
        """The month with the dearest shifts of each capped type or template taken off until it
        keeps its caps (a price on all of a type's cells takes all of them or none when they are
        worth the same); None when that month breaks a rule."""
        out = plan.copy()
        ids = [s.id for s in self.scenario.shifts]
        for _ in range(len(broken) + 1):
            if not broken:
                break
            if any(key.rule != Rule.MAX_SHIFTS for key in broken):
                return None
            key, over = next(iter(broken.items()))  # one cap at a time: trimming one may keep the next
            starts = [ids.index(x) for x in self.scenario.shifts_named([key.shift])]
            mine = np.flatnonzero(np.isin(out, starts) & ~self.person.must_work[p])  # pinned shifts stay
            out[mine[np.argsort(-cost[mine, out[mine]], kind="stable")][:int(over)]] = OFF
            broken = self.person.breaks(p, out)
        return out if not broken and self.person.feasible(p, out) else None

    @property
    def unfair_people(self) -> list[int]:
        """People outside a fair-share band at the start of the current sweep of moves."""
        return self._unfair

    @cached_property
    def request_cells(self) -> tuple[np.ndarray, np.ndarray]:
        """(people, days) of the cells a request prices: where a request can be broken."""
        return np.nonzero((self.req != 0).any(axis=2) | (self.req_off != 0))

    @cached_property
    def weekend_days(self) -> np.ndarray:
        """Days of the horizon on a weekend."""
        out = np.zeros(self.n, dtype=bool)
        for days in self.calendar.weekends:
            out[days] = True
        return out

    def place(self, p: int, scarcity: np.ndarray | None = None, mins: np.ndarray | None = None) -> bool:
        """Best response of person p against everyone else; kept when the roster costs no more.

        ``scarcity`` (construction): weights on the empty seats' prices. Returns whether p's month
        changed (or p was placed)."""
        old_plan, old_role = self.plan[p].copy(), self.role[p].copy()
        was = bool(self.placed[p])
        if was:
            self.take_out(p)
        delta = self.seat_delta()
        if scarcity is not None:
            delta = np.where(delta < 0, delta * scarcity, delta)
        seat_cost, role = self._cell_costs(p, delta)
        cost = seat_cost + self.req[p] + self._margins(p, mins)
        plan = self.best_month(p, cost, self.req_off[p].copy())
        if plan is None:
            if was:
                self.put_in(p, old_plan, old_role)
            return False
        new_role = np.where(plan >= 0, role[np.arange(self.n), np.maximum(plan, 0)], -1)
        if was:
            exact = self.seat_delta()
            before = self._month_cost(p, old_plan, old_role, exact, mins)
            after = self._month_cost(p, plan, new_role, exact, mins)
            self.moves.tried += 1
            if after > before + 1e-9 or (plan == old_plan).all():
                self.put_in(p, old_plan, old_role)
                return False
            self.moves.kept += 1
            self.moves.better += after < before - 1e-9
        self.put_in(p, plan, new_role)
        self.placed[p] = True
        if mins is not None:
            mins[p] = self.person_minutes(plan)
        return True

    def _month_cost(self, p: int, plan: np.ndarray, role: np.ndarray, delta: np.ndarray,
                    mins: np.ndarray | None) -> float:
        """Cost of person p working ``plan`` with everyone else as they are."""
        days = np.flatnonzero(plan >= 0)
        seats = float(delta[days, plan[days], role[days]].sum() + delta[days, plan[days], self.K].sum())
        cost = seats + self.own_cost(p, plan) + self.shared_cost([p], {p: plan})
        g = self.group_of[p]
        if self.hours_w and g >= 0 and mins is not None:
            members = self.groups[g][0]
            m = mins[members].copy()
            m[members == p] = self.person_minutes(plan)
            cost += self.hours_cost(g, m)
        return cost

    def _local_cost(self, people: list[int], mins: np.ndarray) -> float:
        """Coverage, the people's own terms and their peer groups' hours: all a move of these
        people can change."""
        cost = self.coverage_cost() + sum(self.own_cost(p, self.plan[p]) for p in people) + self.shared_cost(people)
        for g in {int(self.group_of[p]) for p in people if self.group_of[p] >= 0}:
            cost += self.hours_cost(g, mins[self.groups[g][0]])
        return cost

    def replace(self, plans: dict[int, tuple[np.ndarray, np.ndarray]], mins: np.ndarray) -> bool:
        """Give these people these months (shift and seat role per day) when the roster then costs
        no more; True when kept and changed."""
        people = list(plans)
        saved = {p: (self.plan[p].copy(), self.role[p].copy(), int(mins[p])) for p in people}
        if all((plans[p][0] == saved[p][0]).all() for p in people):
            return False
        before = self._local_cost(people, mins)
        for p in people:
            self.take_out(p)
        for p, (plan, role) in plans.items():
            self.put_in(p, plan, role)
            mins[p] = self.person_minutes(plan)
        after = self._local_cost(people, mins)
        if after > before + 1e-9:
            for p in people:
                self.take_out(p)
            for p, (plan, role, m) in saved.items():
                self.put_in(p, plan, role)
                mins[p] = m
            return False
        self.moves.kept += 1
        self.moves.better += after < before - 1e-9
        return True

    def swap(self, p: int, q: int, span: np.ndarray, mins: np.ndarray) -> bool:
        """Exchange some days (``span``: day indexes) of two people, shift and seat role per day:
        the seats stay filled as they were, so only the two people's own terms and hours change.
        Kept when both months keep their rules and the roster costs no more."""
        a_plan, b_plan = self.plan[p].copy(), self.plan[q].copy()
        if (a_plan[span] == b_plan[span]).all():
            return False
        a_role, b_role = self.role[p].copy(), self.role[q].copy()
        a_plan[span], b_plan[span] = self.plan[q, span], self.plan[p, span]
        a_role[span], b_role[span] = self.role[q, span], self.role[p, span]
        for who, plan, role in ((p, a_plan, a_role), (q, b_plan, b_role)):
            days = span[plan[span] >= 0]
            if len(days) and not self.can[who, days, plan[days], role[days]].all():
                return False
        self.moves.tried += 1
        before = self.own_cost(p, self.plan[p]) + self.own_cost(q, self.plan[q]) + self.shared_cost([p, q])
        after = self.own_cost(p, a_plan) + self.own_cost(q, b_plan) + self.shared_cost([p, q], {p: a_plan, q: b_plan})
        ma, mb = self.person_minutes(a_plan), self.person_minutes(b_plan)
        gp, gq = int(self.group_of[p]), int(self.group_of[q])
        if self.hours_w and (gp >= 0 or gq >= 0) and (ma != mins[p]):
            for g in {gp, gq} - {-1}:
                members = self.groups[g][0]
                before += self.hours_cost(g, mins[members])
            old = int(mins[p]), int(mins[q])
            mins[p], mins[q] = ma, mb
            for g in {gp, gq} - {-1}:
                after += self.hours_cost(g, mins[self.groups[g][0]])
            mins[p], mins[q] = old
        if after > before + 1e-9:
            return False
        if not (self.person.feasible(p, a_plan) and self.person.feasible(q, b_plan)):  # the dearer check last
            return False
        self.plan[p], self.plan[q], self.role[p], self.role[q] = a_plan, b_plan, a_role, b_role
        mins[p], mins[q] = ma, mb
        self.moves.kept += 1
        self.moves.better += after < before - 1e-9
        return True

    def around_empty_seat(self, mins: np.ndarray, seconds: float) -> bool:
        """Re-solve, with the CP-SAT model of the rules, a few people who could take an empty hard
        seat over the days around it (``lns.move``)."""
        hard = self.has & (self.lo_w >= HARD) & (self.count < self.lo)
        seats = np.argwhere(hard)
        d, s, k = (int(x) for x in seats[self.rng.randrange(len(seats))])
        can = self.can[:, d, s, :].any(axis=1) if k == self.K else self.can[:, d, s, k]
        takers = [int(p) for p in np.flatnonzero(can)]
        if not takers:
            return False
        people = self.rng.sample(takers, min(SEAT_PEOPLE, len(takers)))
        # and people off that day, who can take the seats the takers leave
        free = [int(p) for p in np.flatnonzero(self.plan[:, d] < 0) if p not in people and self.can[p, d].any()]
        people += self.rng.sample(free, min(SEAT_PEOPLE, len(free)))
        window = (max(0, d - SEAT_DAYS), min(self.n - 1, d + SEAT_DAYS))
        return move(self, sorted(people), window, seconds, self.rng.randrange(1 << 30), mins, workers=2)

    def unfair(self, mins: np.ndarray) -> list[int]:
        """People outside a fair-share band (nights, weekends, holidays or hours)."""
        out = np.zeros(self.P, dtype=bool)
        worked = self.plan >= 0
        shift = np.maximum(self.plan, 0)
        days = np.arange(self.n)[None, :]
        for _w, adds, lo, hi in self.bands():
            n = np.where(worked, adds[days, shift], 0).sum(axis=1)
            out |= (lo >= 0) & ((n < lo) | (n > hi))
        for members, share, slack in self.groups:
            whole, total = int(share.sum()), int(mins[members].sum())
            gap = np.abs(whole * mins[members] - share * total) - whole * slack
            out[members[gap > 0]] = True
        return [int(p) for p in np.flatnonzero(out)]

    def _peers(self, p: int) -> np.ndarray:
        """People p may exchange days with: p's hours group, or everyone with p's roles."""
        g = int(self.group_of[p])
        if g >= 0:
            return self.groups[g][0]
        if self._peer_sets is None:
            by_roles: dict[tuple, list[int]] = {}
            for q, person in enumerate(self.scenario.staff):
                by_roles.setdefault(tuple(person.roles), []).append(q)
            self._peer_sets = {q: np.array(m) for m in by_roles.values() for q in m}
        return self._peer_sets[p]

    def _pair(self) -> list[int] | None:
        """Two peers (same hours group, or same roles); the first is most often someone outside a
        fair-share band."""
        if self._unfair and self.rng.random() < FOCUS:
            p = self._unfair[self.rng.randrange(len(self._unfair))]
        else:
            p = self.rng.randrange(self.P)
        members = self._peers(p)
        if len(members) < 2:
            return None
        q = int(members[self.rng.randrange(len(members))])
        return None if q == p else [p, q]

    @cached_property
    def week_of(self) -> np.ndarray:
        """The index of each day's week (``Calendar.weeks``)."""
        out = np.zeros(self.n, dtype=np.int64)
        for k, week in enumerate(self.calendar.weeks):
            out[list(week)] = k
        return out

    def band_exchange(self, mins: np.ndarray) -> bool:
        """An exchange aimed at a fair band: someone outside their band of a kind of duty and a peer
        with room on the other side trade a day that moves one such duty from the one above to
        the one below, alone or with a day of the same week, the day before or after, or both (so the
        week's hours, the rest and the runs can stay as they were). Seats and the floor stay as
        they are (``exchange``); kept when the two months keep their rules and cost no more.
        When every peer is at or above their band (the band's total is less than the roster
        works), a peer with at least two fewer takes the duty: it costs nothing and evens the
        counts out.

        Random exchanges of spans rarely find these on rosters where weekly hours bind: a day
        given must come back as another day of the same week."""
        bands = self.bands()
        if not self._unfair or not bands:
            return False
        p = self._unfair[self.rng.randrange(len(self._unfair))]
        worked = self.plan >= 0
        shift = np.maximum(self.plan, 0)
        days = np.arange(self.n)
        order = list(range(len(bands)))
        self.rng.shuffle(order)
        for i in order:
            _w, adds, lo, hi = bands[i]
            if lo[p] < 0:
                continue
            duty = worked & (adds[days[None, :], shift] > 0)  # (P, n): cells of this kind
            n = duty.sum(axis=1)
            peers = self._peers(p)
            if n[p] > hi[p]:
                others = peers[(peers != p) & (lo[peers] >= 0)]
                takers = [int(q) for q in others[n[others] < hi[others]]]
                # everyone above: a peer with two fewer, at no cost, evens the shares out
                givers, takers = [p], takers or [int(q) for q in others[n[others] <= n[p] - 2]]
            elif n[p] < lo[p]:
                others = peers[(peers != p) & (lo[peers] >= 0)]
                givers, takers = [int(q) for q in others[n[others] > lo[others]]], [p]
            else:
                continue
            if not givers or not takers:
                continue
            g = givers[self.rng.randrange(len(givers))]
            t = takers[self.rng.randrange(len(takers))]
            ds = np.flatnonzero(duty[g] & ~duty[t])
            if not len(ds):
                continue
            d = int(ds[self.rng.randrange(len(ds))])
            week = np.flatnonzero((self.week_of == self.week_of[d]) & (self.plan[g] != self.plan[t]))
            others = [int(e) for e in week if e != d and not duty[g, e]]
            self.rng.shuffle(others)
            # a night leaves the day after off: that day may have to go with it, and a day back
            sets = ([[d]] + [[d, e] for e in others] + [[d - 1, d], [d, d + 1]]
                    + [[d, d + 1, e] for e in others[:4]] + [[d - 1, d, e] for e in others[:4]])
            for chosen in sets:
                chosen = sorted(x for x in set(chosen) if 0 <= x < self.n)
                if self.swap(g, t, np.array(chosen, dtype=np.int64), mins):
                    return True
            return False
        return False

    # ---- the search ---------------------------------------------------------
    def construct(self, stop: Callable[[], bool] | None = None) -> bool:
        """Place everyone (least flexible first). False when someone has no month at all."""
        supply = self.can.sum(axis=0).astype(float)  # (n, S, K): people left who can take each seat
        # people who can take seats few others can (leads, deputies) first, then the least flexible
        needed = (self.has[:, :, :self.K] & (self.lo[:, :, :self.K] > 0))
        rare = np.where(needed[None] & self.can, supply[None], np.inf).min(axis=(1, 2, 3))
        order = sorted(range(self.P), key=lambda p: (rare[p], self.flex[p], self.rng.random()))
        supply_any = self.can.any(axis=3).sum(axis=0).astype(float)
        ok = True
        for p in order:
            if stop is not None and stop():
                return False
            need = np.maximum(self.lo - self.count, 0).astype(float)
            left = np.concatenate([supply, supply_any[:, :, None]], axis=2)
            scarcity = 1.0 + SCARCITY * need / np.maximum(left, 1.0)
            if not self.place(p, scarcity):
                ok = False
            supply -= self.can[p]
            supply_any -= self.can[p].any(axis=2)
        self.settle_breaks(again=True)
        return ok

    def improve(self, seconds: float, stop: Callable[[], bool] | None = None,
                on_better: Callable[[float], None] | None = None, sweeps: int | None = None,
                patience: float | None = None) -> float:
        """Moves in random sweeps (each person's own best month, then exchanges of days between
        peers) until ``seconds`` pass, ``sweeps`` sweeps are done, a sweep changes nothing, or
        (``patience``) no better roster was found for that many seconds. ``on_better`` hears each
        better cost (checked about once a second)."""
        start = time.perf_counter()
        end = start + seconds
        mins = np.array([self.person_minutes(self.plan[p]) for p in range(self.P)])
        best = self.cost()
        found = start
        checked = start
        done = 0

        def check() -> bool:
            """Report a better roster; True when patience has run out."""
            nonlocal best, found, checked
            now = time.perf_counter()
            checked = now
            cost = self.cost()
            if cost < best - 1e-9:
                best, found = cost, now
                self.best_seconds = now
                if on_better is not None:
                    on_better(cost)
            return patience is not None and now - found > max(patience, 0.2 * (now - start))

        while time.perf_counter() < end and (sweeps is None or done < sweeps):
            done += 1
            self.settle_breaks()
            order = list(range(self.P))
            self.rng.shuffle(order)
            self._unfair = self.unfair(mins)
            self._unfair_set = set(self._unfair)
            changed = 0
            for p in order:
                if time.perf_counter() >= end or (stop is not None and stop()):
                    self.settle_breaks()
                    check()
                    return best
                changed += self.place(p, mins=mins)
                if p in self._unfair_set:
                    for _ in range(DUTY_MOVES):
                        changed += exchanges.move_duty(self, p, mins)
                for _ in range(SWAPS):
                    if self.rng.random() < FAIR_EXCHANGES:
                        aim = exchanges.duty_exchange if self.rng.random() < 0.5 else exchanges.request_exchange
                        exchange = aim(self)
                        if exchange is not None:
                            changed += self.swap(*exchange, mins)
                            continue
                    pair = self._pair()
                    if pair is not None:
                        span = self.rng.randint(1, min(MAX_SPAN, self.n))
                        first = self.rng.randrange(0, self.n - span + 1)
                        changed += self.swap(pair[0], pair[1], np.arange(first, first + span), mins)
                for _ in range(BAND_EXCHANGES):
                    changed += self.band_exchange(mins)
                if self.empty_hard_seats() and self.rng.random() < SEAT_MOVES:
                    left = NEIGHBOURHOOD_SECONDS if self.repeatable else max(0.1, end - time.perf_counter())
                    self.around_empty_seat(mins, min(NEIGHBOURHOOD_SECONDS, left))
                if time.perf_counter() - checked > 1.0 and check():
                    return best
            if check() or not changed:
                break
        self.settle_breaks()
        check()
        return best

    def terms(self) -> dict[Rule, int]:
        """The cost by objective term (the names ``roster.solver.objective`` uses)."""
        c = self.count
        short = int((np.maximum(self.lo - c, 0) * self.lo_w * self.has).sum())
        out: dict[Rule, float] = {Rule.COVERAGE_SHORTFALL: short,
               Rule.OVERSTAFFING: int((np.maximum(c - self.hi, 0) * self.hi_w * self.has).sum())}
        if self.floor is not None and self.floor.M:
            out[Rule.INTERVAL_SHORTFALL], out[Rule.INTERVAL_OVER] = self.floor.costs(self.on_floor)
            if self.floor.low.any():
                out[Rule.MIN_ON_FLOOR] = self.floor.low_cost(self.on_floor)
        for p in range(self.P):
            for term, value in self.own_terms(p, self.plan[p]).items():
                out[term] = out.get(term, 0) + value
        for kind, value in self.shared_costs().items():
            out[FAIR_SHARE[kind]] = out.get(FAIR_SHARE[kind], 0) + value
        if self.groups:
            mins = np.array([self.person_minutes(self.plan[p]) for p in range(self.P)])
            hours = sum(self.hours_cost(g, mins[m]) for g, (m, _s, _l) in enumerate(self.groups))
            out[Rule.FAIRNESS_HOURS] = int(hours)
        return {k: int(round(v)) for k, v in out.items() if round(v)}

    def months(self, roster: Roster) -> dict[int, tuple[np.ndarray, np.ndarray]]:
        """Each person's month in ``roster`` (shift and seat role index per day, -1 off); empty
        when the roster has cells these arrays do not hold (posts, unknown people, days or
        shifts)."""
        index = {p.id: i for i, p in enumerate(self.scenario.staff)}
        shift = {s.id: i for i, s in enumerate(self.scenario.shifts)}
        role = {r: k for k, r in enumerate(self.roles)}
        out = {p: (np.full(self.n, -1, dtype=np.int64), np.full(self.n, -1, dtype=np.int64))
               for p in range(self.P)}
        for a in roster:
            if a.post is not None or a.staff not in index or a.date not in self.calendar.index \
                    or a.shift not in shift:
                return {}
            p, d = index[a.staff], self.calendar.index[a.date]
            out[p][0][d] = shift[a.shift]
            out[p][1][d] = role.get(a.role, 0) if a.role is not None else 0
        return out

    def load(self, roster: Roster) -> bool:
        """Give everyone their month from ``roster`` (``months``); False, and nothing changed,
        when the roster holds leave or cells these arrays do not."""
        months = {} if roster.leave else self.months(roster)
        if not months:
            return False
        self.give(months)
        return True

    def give(self, months: dict[int, tuple[np.ndarray, np.ndarray]]) -> None:
        """Give everyone their month (shift and seat role index per day, ``-1`` off)."""
        for p, (plan, role) in months.items():
            if self.placed[p]:
                self.take_out(p)
            self.put_in(p, plan, np.where(plan >= 0, role, -1))
        self.placed[:] = True  # everyone has a month: a move takes it out before trying another

    def roster(self) -> Roster:
        """The roster, each break placed: people of one (day, shift, role) in staff order take the
        break starts in time order, as many each as the search placed."""
        sc, cal = self.scenario, self.calendar
        out = []
        taken = np.zeros_like(self.brk)
        starts = self.floor.starts if self.floor is not None else [[] for _ in sc.shifts]
        for p in range(self.P):
            for d in np.flatnonzero(self.plan[p] >= 0):
                s, k = int(self.plan[p, d]), int(self.role[p, d])
                at = None
                if starts[s]:
                    j = int(np.flatnonzero(taken[d, s, k, :len(starts[s])] < self.brk[d, s, k, :len(starts[s])])[0])
                    taken[d, s, k, j] += 1
                    at = break_text(starts[s][j])
                out.append(Assignment(cal.days[d].date, sc.staff[p].id, sc.shifts[s].id, self.roles[k], break_at=at))
        return Roster.of(out)

    def beyond_hard_most(self) -> int:
        """People beyond a seat's hard most (the search's own moves never put them there; a
        roster loaded or made from columns may)."""
        hard = self.has & (self.hi_w >= HARD)
        return int((np.maximum(self.count - self.hi, 0) * hard).sum())

    def empty_hard_seats(self) -> int:
        hard = self.has & (self.lo_w >= HARD)
        low = self.floor.low_broken(self.on_floor) if self.floor is not None and self.floor.M else 0
        return int((np.maximum(self.lo - self.count, 0) * hard).sum()) + low  # hard min_on_floor too
