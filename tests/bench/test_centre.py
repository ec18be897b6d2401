"""The generated centres' shared builders: staff by rank, two wishes a person, the scenario."""

from __future__ import annotations

import datetime as dt
import random

from roster.bench.centre import NIGHT, centre, ranked_staff, two_wishes
from roster.model.scenario import Demand, Fairness, Holidays, Role

START = dt.date(2026, 3, 1)


def test_ranks_come_first_in_turn_then_the_rest():
    staff = ranked_staff(random.Random(1), 7, (("deputy", 1), ("lead", 2)), "agent", prefix="P",
                         no_nights=0.0, named=True)
    assert [p.roles for p in staff] == [("deputy",), ("lead",), ("lead",)] + [("agent",)] * 4
    assert [p.id for p in staff[:2]] == ["P0001", "P0002"]
    assert staff[3].name == "agent4"


def test_night_exemptions_are_drawn_only_outside_nights_for():
    staff = ranked_staff(random.Random(0), 40, (("lead", 10),), "agent", prefix="S", no_nights=1.0,
                         nights_for=("lead",))
    assert all(p.cannot == () for p in staff[:10])
    assert all(p.cannot == (NIGHT,) for p in staff[10:])
    assert all(p.name == "" for p in staff)


def test_two_wishes_each_on_a_day_inside_the_month():
    staff = ranked_staff(random.Random(2), 30, (), "agent", prefix="S", no_nights=0.5)
    wishes = two_wishes(random.Random(3), staff, START, 31, off_below=0.3, not_night_below=0.6,
                        day_shifts="ED", instead_of_night="E")
    assert len(wishes) == 60
    assert all(START <= w.date < START + dt.timedelta(days=31) for w in wishes)
    kinds = {(w.shift, w.off) for w in wishes}
    assert (None, True) in kinds and (NIGHT, True) in kinds and ("E", True) in kinds
    never_nights = {p.id for p in staff if NIGHT in p.cannot}
    assert all(w.staff not in never_nights for w in wishes if w.shift == NIGHT)


def test_without_a_stand_in_people_who_never_work_nights_wish_for_a_shift_instead():
    staff = ranked_staff(random.Random(0), 10, (), "agent", prefix="S", no_nights=1.0)
    wishes = two_wishes(random.Random(4), staff, START, 31, off_below=0.0, not_night_below=1.0,
                        day_shifts="ED")
    assert {(w.shift, w.off) for w in wishes} <= {("E", False), ("D", False)}


def test_centre_holds_the_shared_rules_and_keeps_holidays_unset_unless_given():
    staff = ranked_staff(random.Random(0), 4, (), "agent", prefix="S", no_nights=0.0)
    args = ("c", START, 31, (Role(id="agent"),), (("E", "early", "07:00", "15:00"),), staff,
            [Demand(shift="E", role="agent", min=1)], [], [], (("E", "E"),), Fairness())
    plain = centre(*args)
    assert plain.horizon.end == dt.date(2026, 3, 31)
    assert (plain.rules.min_rest_hours, plain.rules.max_consecutive_work_days) == (11, 6)
    assert plain.rules.forbidden_sequences == (("E", "E"),)
    assert "holidays" not in plain.model_fields_set
    assert centre(*args, Holidays(country="CN")).holidays.country == "CN"
