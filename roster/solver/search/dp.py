"""The forward pass of the per-person dynamic program (``person.Person.best``), compiled.

A state is (last shift or day off, run length, exempt flag, week units, horizon units): the
axes of ``person.Shape``. The week axis counts weekends worked instead when the shape says so
(``wk_cont``/``wk_rest``: the step a day's work adds after a worked day or after a day off: a
weekend's first day counts after either, its second day only after a day off).

``forward`` fills the least cost of every state on every day in one call, compiled with numba:
the same recurrence in numpy calls took about a millisecond a day (most of a construction's and
a pricing round's time on 18-shift instances). numba was chosen because the recurrence is loops
over small arrays that numpy can only express with temporaries of the shift-by-shift size; it
compiles once and caches the machine code next to this module.
"""

from __future__ import annotations

import numpy as np
from numba import njit

INF = np.inf


@njit(cache=True, nogil=True)
def _off_day(V, new, S, Roff, Rw, lw, E, W, T, off_d):
    """A day off after each state of ``V`` (adds into ``new[S]``)."""
    R = V.shape[1]
    for i in range(R):
        for e in range(E):
            for w in range(W):
                for t in range(T):
                    if Roff == 1:
                        if i == 0:
                            new[S, 0, e, w, t] = V[S, 0, e, w, t]
                    elif 1 <= i < Roff:
                        new[S, i, e, w, t] = V[S, i - 1, e, w, t]
    if Roff > 1:
        for e in range(E):
            for w in range(W):
                for t in range(T):
                    v = V[S, Roff - 1, e, w, t]
                    if v < new[S, Roff - 1, e, w, t]:
                        new[S, Roff - 1, e, w, t] = v
    for w in range(W):  # a work run ends: its length must reach the fewest work days (or be exempt)
        for t in range(T):
            done = INF
            for s in range(S):
                for i in range(Rw):
                    for e in range(E):
                        if lw > 1 and not (i >= lw - 1 and e == 0) and not (E > 1 and e == 1):
                            continue
                        v = V[s, i, e, w, t]
                        if v < done:
                            done = v
            if done < new[S, 0, 0, w, t]:
                new[S, 0, 0, w, t] = done
    for i in range(R):
        for e in range(E):
            for w in range(W):
                for t in range(T):
                    new[S, i, e, w, t] += off_d


@njit(cache=True, nogil=True)
def _step(V, new, cont, first, must, reset, cost_d, ok_d, off_d, start_d, wk_c, wk_r, preds,
          group, steps_w, steps_t, fits, Roff, Rw, lw, most_none):
    S = group.shape[0]
    _, R, E, W, T = V.shape
    if reset and not first and W > 1:
        for a in range(S + 1):
            for i in range(R):
                for e in range(E):
                    for t in range(T):
                        m = INF
                        for w in range(W):
                            if V[a, i, e, w, t] < m:
                                m = V[a, i, e, w, t]
                        V[a, i, e, 0, t] = m
                        for w in range(1, W):
                            V[a, i, e, w, t] = INF
    new[:] = INF
    if not must:
        _off_day(V, new, S, Roff, Rw, lw, E, W, T, off_d)
    # the best state the day before, per set of shifts a shift may follow (shifts with the same
    # set share it), per (run, flag, week, total)
    for g in range(preds.shape[0]):
        cont[g] = INF
        for s in range(S):
            if not preds[g, s]:
                continue
            for i in range(Rw):
                for e in range(E):
                    for w in range(W):
                        for u in range(T):
                            v = V[s, i, e, w, u]
                            if v < cont[g, i, e, w, u]:
                                cont[g, i, e, w, u] = v
    rested = np.full((W, T), INF)  # a run may start: rested enough after a day off (or exempt)
    touching = np.full((W, T), INF)  # ... or the day-off run touches the horizon start
    for w in range(W):
        for u in range(T):
            for e in range(E):
                if V[S, Roff - 1, e, w, u] < rested[w, u]:
                    rested[w, u] = V[S, Roff - 1, e, w, u]
            if E > 1:
                for i in range(R):
                    if V[S, i, 1, w, u] < touching[w, u]:
                        touching[w, u] = V[S, i, 1, w, u]
                if touching[w, u] < rested[w, u]:
                    rested[w, u] = touching[w, u]
            rested[w, u] += start_d
            touching[w, u] += start_d
    for t in range(S):
        if not ok_d[t] or not fits[t]:
            continue
        ts = steps_t[t]
        wc, wr = steps_w[t] + wk_c, steps_w[t] + wk_r  # after a worked day, after a day off
        c = cost_d[t]
        g = group[t]
        for i in range(Rw):
            for e in range(E):
                for w in range(W):
                    for u in range(T - ts):
                        if w + wc < W:  # the run goes on
                            m = INF
                            if i >= 1:
                                m = cont[g, i - 1, e, w, u]
                            if most_none and i == Rw - 1 and cont[g, i, e, w, u] < m:
                                m = cont[g, i, e, w, u]
                            v = m + c
                            if v < new[t, i, e, w + wc, u + ts]:
                                new[t, i, e, w + wc, u + ts] = v
                        if i == 0 and w + wr < W:  # a run starts
                            m = INF
                            if e == 0 and rested[w, u] < m:
                                m = rested[w, u]
                            if e == 1 and first and touching[w, u] < m:
                                m = touching[w, u]
                            v = m + c
                            if v < new[t, 0, e, w + wr, u + ts]:
                                new[t, 0, e, w + wr, u + ts] = v


@njit(cache=True, nogil=True)
def forward(V0, cost, off, starts, ok, must, week_start, wk_cont, wk_rest, preds, group, steps_w,
            steps_t, fits, Roff, Rw, lw, most_none):
    """The least cost of each state on each day (``values[d]``); ``V0`` is the state before
    day 0 (copied, not changed). ``preds[g, s]``: shift s may come the day before a shift of
    group g (``group[t]``); ``steps_w``/``steps_t``: each shift's week and horizon units;
    ``fits[t]``: the shift fits in the state space at all; ``wk_cont[d]``/``wk_rest[d]``: the
    weekend step of work on d after a worked day / after a day off (zeros but for a weekend
    count)."""
    n = cost.shape[0]
    S = group.shape[0]
    _, R, E, W, T = V0.shape
    values = np.empty((n, S + 1, R, E, W, T))
    cont = np.empty((preds.shape[0], max(Rw, 1), E, W, T))
    prev = V0.copy()
    for d in range(n):
        _step(prev, values[d], cont, d == 0, must[d], week_start[d], cost[d], ok[d], off[d],
              starts[d], wk_cont[d], wk_rest[d], preds, group, steps_w, steps_t, fits, Roff, Rw,
              lw, most_none)
        prev = values[d].copy()
    return values


@njit(cache=True, nogil=True)
def trace(values, state, starts, week_start, wk_cont, wk_rest, compat, steps_w, steps_t, Roff, Rw,
          lw, most_none):
    """The schedule (shift index per day, -1 for a day off) that reaches ``state`` (a, run, flag,
    week, total) on the last day, each day's predecessor being the least-cost one; ``ok`` is
    False when a state cannot be traced back (cannot happen for a finite state)."""
    n, S1, R, E, W, T = values.shape
    S = S1 - 1
    plan = np.full(n, -1, dtype=np.int64)
    a, i, e, w, tt = state[0], state[1], state[2], state[3], state[4]
    cands = np.empty((S * max(R, Rw) * E + 2 * S + 4, 3), dtype=np.int64)
    for d in range(n - 1, -1, -1):
        plan[d] = -1 if a == S else a
        if d == 0:
            return plan, True
        prev = values[d - 1]
        reset = week_start[d] and W > 1
        k = 0
        if a == S:
            wp, wr, tp = w, w, tt
            if i == 0 and e == 0:
                for s in range(S):
                    for ii in range(Rw):
                        for ee in range(E):
                            if lw <= 1 or ii >= lw - 1 or ee == 1:
                                cands[k, 0], cands[k, 1], cands[k, 2] = s, ii, ee
                                k += 1
            if i == 0 and Roff == 1:
                cands[k, 0], cands[k, 1], cands[k, 2] = S, 0, e
                k += 1
            if i > 0:
                cands[k, 0], cands[k, 1], cands[k, 2] = S, i - 1, e
                k += 1
                if i == Roff - 1:
                    cands[k, 0], cands[k, 1], cands[k, 2] = S, i, e
                    k += 1
        else:
            wp = w - steps_w[a] - wk_cont[d] if W > 1 else 0  # after a worked day
            wr = w - steps_w[a] - wk_rest[d] if W > 1 else 0  # after a day off
            tp = tt - steps_t[a] if T > 1 else 0
            if i == 0 and e == 0:
                for ii in range(R):
                    for ee in range(E):
                        if ii == Roff - 1 or ee == 1:
                            cands[k, 0], cands[k, 1], cands[k, 2] = S, ii, ee
                            k += 1
            for s in range(S):
                if not compat[s, a]:
                    continue
                if i > 0:
                    cands[k, 0], cands[k, 1], cands[k, 2] = s, i - 1, e
                    k += 1
                if most_none and i == Rw - 1:
                    cands[k, 0], cands[k, 1], cands[k, 2] = s, i, e
                    k += 1
                if most_none and Rw == 1 and i == 0:
                    cands[k, 0], cands[k, 1], cands[k, 2] = s, 0, e
                    k += 1
        best = INF
        found = False
        pick = (0, 0, 0, 0, 0)
        if tp >= 0:
            for c in range(k):
                pa, pi, pe = cands[c, 0], cands[c, 1], cands[c, 2]
                if reset:
                    pw = 0
                    val = prev[pa, pi, pe, 0, tp]
                    for x in range(1, W):
                        if prev[pa, pi, pe, x, tp] < val:
                            pw, val = x, prev[pa, pi, pe, x, tp]
                else:
                    pw = wr if (a != S and pa == S) else wp
                    if pw < 0:
                        continue
                    val = prev[pa, pi, pe, pw, tp]
                if a != S and pa == S:
                    val = val + starts[d]
                if val < best:
                    best, found = val, True
                    pick = (pa, pi, pe, pw, tp)
        if not found:
            return plan, False
        a, i, e, w, tt = pick
    return plan, True


def warm() -> None:
    """Compile (or load from the cache) both routines with the argument types ``Person.best``
    passes, so the first solve does not pay for it (``make`` runs this after installing)."""
    S, n = 2, 3
    before = np.full((S + 1, 1, 1, 1, 1), INF)
    before[S, 0, 0, 0, 0] = 0.0
    ok = np.ones((n, S), dtype=np.bool_)
    flags = np.zeros(n, dtype=np.bool_)
    preds = np.ones((1, S), dtype=np.bool_)
    zeros = np.zeros(S, dtype=np.int64)
    steps = np.zeros(n, dtype=np.int64)
    values = forward(before, np.zeros((n, S)), np.zeros(n), np.zeros(n), ok, flags, flags, steps,
                     steps, preds, zeros, zeros, zeros, np.ones(S, dtype=np.bool_), 1, 1, 1, True)
    state = np.array(np.unravel_index(int(np.argmin(values[-1])), values[-1].shape),
                     dtype=np.int64)
    trace(values, state, np.zeros(n), flags, steps, steps, np.ones((S, S), dtype=np.bool_), zeros,
          zeros, 1, 1, 1, True)
