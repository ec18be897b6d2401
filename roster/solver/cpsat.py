"""CP-SAT's parameters for the whole model: the portfolio of threads and its subsolvers."""

from __future__ import annotations

import os

FEW_WORKERS = 4
"""Up to this many workers CP-SAT runs one or two full-search threads next to its LNS threads."""
MAX_LP_VARIABLES = 300_000
"""Above this model size the full linear relaxation costs more than its bound is worth."""


def tune(prm, variables: int, hinted: bool = True) -> None:
    """CP-SAT parameters per model size and worker count (measured in bench/README.md).

    With few workers the full-search thread is the one with the complete linear relaxation
    (``max_lp``): its bound proves small rosters optimal where the default thread cannot, and the
    LNS threads around it find the rosters. Without a roster to start from (``hinted`` False: no
    hint, or construction left a hard seat empty) finding any roster is the hard part, so the
    propagation-only search (``no_lp``) takes the place of ``default_lp``. Large models keep
    CP-SAT's default portfolio.
    """
    if os.environ.get("ROSTER_DEFAULT_PORTFOLIO"):
        return
    if prm.num_workers <= FEW_WORKERS and variables <= MAX_LP_VARIABLES and not prm.subsolvers:
        prm.subsolvers.extend(["max_lp", "default_lp" if hinted else "no_lp", "core"])


def portfolio_size(workers: int | None) -> int:
    """Search threads: 4 per core by default. One thread is kept as asked (assumption cores need
    it); 2 or 3 become 4, because CP-SAT's smaller portfolios leave out the first-solution and
    neighbourhood workers that rosters depend on (measured: first roster 20 s instead of 1 s)."""
    if workers is None:
        return max(os.cpu_count() or 1, 1) * 4
    return 1 if workers <= 1 else max(int(workers), 4)
