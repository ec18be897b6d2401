"""One module per rule family; each declares itself as ``FAMILY`` (see family.py).

``FAMILIES`` is the registry, in build order. Everything that picks families (groups and
neighbourhoods, the hard-rules-only models of explain, the wording of an explanation) reads it.
"""

from __future__ import annotations

from . import (
    coverage,
    crews,
    fairness,
    fixed,
    hours,
    intervals,
    leave_wishes,
    posts,
    requests,
    rest,
    rotations,
    sequences,
    weekends,
)
from .family import Family, Offer, Scope

FAMILIES: dict[str, Family] = {m.FAMILY.name: m.FAMILY for m in (
    coverage, intervals, posts, leave_wishes, rest, sequences, hours, weekends, fixed, rotations,
    crews, requests, fairness)}


def hard_families() -> list[Family]:
    """The families that can make a scenario infeasible (the others only add costs)."""
    return [f for f in FAMILIES.values() if f.hard]


def split_families() -> list[Family]:
    """The families a model of a few people holds (the others tie everyone together)."""
    return [f for f in FAMILIES.values() if f.splits]


def family_of(label: str) -> Family | None:
    """The family whose rule instances carry labels named ``label`` (``Label.family``)."""
    return next((f for f in FAMILIES.values() if label in f.labels), None)


__all__ = ["FAMILIES", "Family", "Offer", "Scope", "family_of", "hard_families", "split_families"]
