"""Searches that build and improve whole rosters without one big model: the per-person routine
(``person``), construction and moves (``construct``), model moves on neighbourhoods (``lns``)."""

HARD = 1_000_000.0
"""The price of one empty hard seat (or one person over a hard maximum) in these searches."""
