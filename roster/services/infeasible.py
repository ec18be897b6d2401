"""Why no roster can meet every hard rule, found before solving and said in words.

Two checks that need no solver: post opening periods no holder may work (with each holder's
reason), and seats that fewer people may take than the hard minimum asks for (per shift and role,
and per day over all shifts). They find the plain causes: leave, fixed days off, cannot-work
shifts, shifts that do not run. An empty list does not prove a roster exists.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from roster.model.availability import allowed, leave_minutes, post_duties, why_not
from roster.model.calendar import Calendar
from roster.model.demand import seats_table
from roster.model.posts import post_gaps
from roster.model.scenario import Scenario


def infeasible_reasons(scenario: Scenario, calendar: Calendar | None = None,
                       lang: str = "en") -> list[str]:
    """Reasons in words, one per line: unmanned post periods first, then seats nobody can fill."""
    cal = calendar or Calendar(scenario)
    gaps = post_gaps(scenario, cal)
    out = [g.zh(scenario) if lang == "zh" else g.text(scenario) for g in gaps]
    return out + seat_gaps(scenario, cal, named={g.date for g in gaps})


def seat_gaps(scenario: Scenario, calendar: Calendar, named: set | None = None) -> list[str]:
    """Hard seat minimums that too few people may take, and days that need more people than can work
    (the day total only for days no other reason names already)."""
    named = set(named or ())
    cal, sc = calendar, scenario
    cells = allowed(sc, cal)
    duties = post_duties(sc, cal) if sc.posts else {}
    leave = leave_minutes(sc, cal)
    shift_index = {s.id: i for i, s in enumerate(sc.shifts)}
    can: dict[tuple[int, int, str | None], set[int]] = {}
    for (p, d, s), roles in cells.items():
        for r in roles:
            can.setdefault((d, s, r), set()).add(p)
        can.setdefault((d, s, None), set()).add(p)
    for (k, d, s), holders in duties.items():
        role = sc.posts[k].counts_toward
        for p in holders:
            can.setdefault((d, s, None), set()).add(p)
            if role is not None:
                can.setdefault((d, s, role), set()).add(p)
    out: list[str] = []
    need_day: dict[int, int] = {}
    table = seats_table(sc, cal)
    for (d, sid, role), seats in sorted(table.items(),
                                        key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or "")):
        if seats.min <= 0 or seats.min_weight is not None:
            continue
        s = shift_index[sid]
        people = can.get((d, s, role), set())
        if role is not None:
            need_day[d] = need_day.get(d, 0) + seats.min
        if len(people) < seats.min:
            fits = [p for p in sc.staff if role is None or role in sc.seats_for(p)]
            blocked = [r for p in fits if sc.staff.index(p) not in people
                       and (r := why_not(sc, cal, p, d, s, leave)) is not None]
            why = f" ({', '.join(blocked)})" if blocked else ""
            out.append(f"{cal.days[d].date} {sid}: {role or 'staff'} seats need {seats.min}, only "
                       f"{len(people)} can work{why}")
            named.add(cal.days[d].date)
    for (k, d, _s) in duties:
        if sc.posts[k].counts_toward is None:
            need_day[d] = need_day.get(d, 0) + 1
    for d, need in sorted(need_day.items()):
        free = {p for (p, dd, _), _r in cells.items() if dd == d}
        free |= {p for (_, dd, _), ps in duties.items() if dd == d for p in ps}
        if need > len(free) and cal.days[d].date not in named:
            out.append(f"{cal.days[d].date}: the seats and posts need {need} people, "
                       f"only {len(free)} can work that day")
    return out


def echo_reasons(scenario: Scenario, echo: Callable[[str], None] | None = None) -> list[str]:
    """Print the reasons to stderr (or through ``echo``) for ``roster solve`` when no roster is
    found; return them."""
    reasons = infeasible_reasons(scenario)
    say = echo or (lambda text: print(text, file=sys.stderr))
    if reasons:
        say("found before solving:")
    for line in reasons:
        say(f"  {line}")
    return reasons
