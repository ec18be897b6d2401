"""Searches that build and improve whole rosters without one big model: the per-person routine
(``person``, on ``states`` and ``broken``), construction and moves (``construct``), model moves on
neighbourhoods (``lns``), and the column-generation bound (``colgen``, on ``pricing`` and
``pool``)."""

HARD = 1_000_000.0
"""The price of one empty hard seat in these searches (a seat at its hard most is closed to the
per-person search, ``Search.seat_delta``; column generation still prices one person over it at
this price, so its bound is no proof that a scenario is infeasible)."""
