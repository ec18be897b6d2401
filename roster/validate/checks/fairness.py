"""Fair shares of nights, weekends, holidays and hours among peers."""

from __future__ import annotations

from collections.abc import Iterable

from roster.i18n import Msg
from roster.model.fairness import (
    carried_minutes,
    count_groups,
    counted_bands,
    counts_towards,
    fair_bands,
    hour_groups,
    hours_deviation,
)
from roster.model.rule_names import FAIR_SHARE, Rule
from roster.model.scenario import Scenario

from ..checker import Check, Checker, Soft


def run(chk: Checker) -> None:
    sc, cal = chk.sc, chk.cal
    weights = sc.fairness.model_dump()
    for kind, bands in fair_bands(sc, cal).items():
        for who, band in bands.items():
            count = sum(counts_towards(kind, sc, cal, cal.index[a.date], a.shift)
                        for a in chk.work[who].values())
            dev = max(0, count - band.hi, band.lo - count)
            if dev:
                chk.add(FAIR_SHARE[kind], Soft(weights[kind]),
                        Msg("fairness.share", who=who, count=count, kind=Msg(f"word.{kind}"),
                            lo=band.lo, hi=band.hi),
                        units=dev, staff=who)
    for group in count_groups(sc, cal):  # a centre staffed by interval: shares of what peers work
        counts = {who: sum(counts_towards(group.kind, sc, cal, cal.index[a.date], a.shift)
                           for a in chk.work[who].values()) for who in group.share}
        total = sum(counts.values())
        peers = peer_group_name(sc, group.share)
        for who, band in counted_bands(group, counts).items():
            dev = max(0, counts[who] - band.hi, band.lo - counts[who])
            if dev:
                chk.add(FAIR_SHARE[group.kind], Soft(weights[group.kind]),
                        f"{who}: {counts[who]} {group.kind}, fair share {band.lo}..{band.hi} "
                        f"of the {total} among {peers}",
                        f"{who}: {group.kind} {counts[who]}, 同岗位共 {total}, "
                        f"合理范围 {band.lo}..{band.hi}",
                        units=dev, staff=who)
    for group in hour_groups(sc, cal):
        minutes = {who: sum(sc.shift_by_id[a.shift].paid_minutes for a in chk.work[who].values())
                   for who in group.share}
        peers = peer_group_name(sc, group.share)
        carried = carried_minutes(sc)  # the year so far (fairness_carry)
        for who, dev in hours_deviation(minutes, group, carried).items():
            if dev:
                year = Msg("fairness.year",
                           hours=(minutes[who] + carried[who]) / 60) if carried.get(who) else ""
                chk.add(Rule.FAIRNESS_HOURS, Soft(weights["hours"]),
                        Msg("fairness.hours", who=who, hours=minutes[who] / 60, year=year, dev=dev,
                            peers=peers),
                        units=dev, staff=who)


CHECK = Check(Rule.FAIRNESS, tuple(FAIR_SHARE.values()), run)

PEERS_LISTED = 6
"""Peer groups up to this size are listed by id in fairness lines; larger ones are named by role."""


def peer_group_name(scenario: Scenario, members: Iterable[str]) -> str:
    """``the 273 agent peers`` for a large hours-fairness group, ``peers (S01, S02, S03)`` for a
    small one."""
    ids = sorted(members)
    if len(ids) <= PEERS_LISTED:
        return f"peers ({', '.join(ids)})"
    roles = " + ".join(scenario.role_by_id[r].label for r in scenario.staff_by_id[ids[0]].roles)
    return f"the {len(ids)} {roles} peers"
