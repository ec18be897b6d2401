"""The Solve & roster page: solve buttons, progress, the result's figures, then the panels."""

from __future__ import annotations

import streamlit as st

from roster.io.store import Store

from .. import state as S
from .. import views
from .charts import charts
from .check import check_panel, diff_panel
from .common import error_text, start_solve, tr
from .downloads import downloads
from .explain import explain_panel
from .grid import roster_views
from .intervals import break_warnings, interval_panel
from .pin import pin_panel


@st.fragment(run_every=1.0)
def progress_panel() -> None:
    ss = st.session_state
    job = ss.get("job")
    if job is None:
        return
    if job.done:
        st.rerun()
    latest = job.latest
    st.info(tr("solving_stable") if job.stable else tr("solving"))
    c1, c2, c3 = st.columns(3)
    c1.metric(tr("objective"), f"{latest.objective:g}" if latest else "—")
    c2.metric(tr("bound"), f"{latest.bound:g}" if latest else "—")
    c3.metric(tr("elapsed"), f"{job.elapsed:.1f} s")
    if len(job.progress) > 1:
        st.line_chart(views.progress_frame(list(job.progress), _progress_names()), height=160)
    if st.button(tr("stop"), key="stop"):
        S.stop_solve(ss)


def _progress_names() -> dict[str, str]:
    """Names of the progress chart's lines: the objective and each source of a bound."""
    return {"objective": tr("objective"), **{s: tr(f"bound.{s}") for s in views.BOUND_SOURCES}}


def progress_chart(result) -> None:
    """The finished solve's objective and bounds over time, each bound named by its source."""
    points = [*result.history, *result.bounds]
    if len(points) > 1:
        st.caption(tr("progress"))
        st.line_chart(views.progress_frame(points, _progress_names()), height=160)


def solve_buttons() -> None:
    """Solve; with a roster on screen, re-solve from it (fewest changes) or from scratch."""
    ss = st.session_state
    if S.can_resolve_stably(ss):
        c1, c2, _ = st.columns([2, 2, 3])
        if c1.button(tr("resolve"), key="resolve", type="primary", help=tr("resolve_help")):
            start_solve(stable=True)
            st.rerun()
        if c2.button(tr("from_scratch"), key="solve", help=tr("from_scratch_help")):
            start_solve(stable=False)
            st.rerun()
    elif st.button(tr("solve"), key="solve", type="primary"):
        start_solve()
        st.rerun()


def page_roster(store: Store | None) -> None:
    ss = st.session_state
    S.collect(ss)
    S.collect_explain(ss)
    job = ss.get("job")
    rejected = S.rejected_tables(ss)
    if rejected:  # said before the solve buttons: they solve the last good scenario
        first = ss["errors"][rejected[0]]
        tables = ", ".join(tr(f"section.{s}") if s != "other" else tr("other") for s in rejected)
        st.warning(tr("rejected_edits", tables=tables, error=error_text(first)), icon="⚠️")
    if job is None:
        solve_buttons()
    else:
        progress_panel()
    for text in S.leave_warnings(ss):
        st.warning(text)
    if ss.get("notice") and ss["notice"][0] == "solve_error":
        st.error(tr("solve_error", **ss["notice"][1]))
        ss["notice"] = None
    if ss.get("notice") and ss["notice"][0] == "resolve_kept":
        st.warning(tr("resolve_kept", **ss["notice"][1]), icon="⚠️")
        ss["notice"] = None
    result = ss.get("result")
    if result is None:
        return
    if not result.feasible:
        if job is not None:
            return
        if result.status == "INFEASIBLE":
            st.error(tr("infeasible", s=f"{result.seconds:.1f}"))
            explain_panel()
        else:
            st.warning(tr("unknown"))
        return
    if job is None:  # while a new solve runs, only its own figures are shown
        if ss.get("stopped") and result.status != "OPTIMAL":
            st.caption(tr("stopped"))
        if result.stats.get("from_pins"):
            st.warning(tr("from_pins"), icon="⚠️")
        c1, c2, c3, c4, c5 = st.columns(5)
        c1.metric(tr("status"), tr(f"status.{result.status}"))
        c2.metric(tr("objective"), f"{result.objective:g}" if result.objective is not None else "—")
        source = result.stats.get("bound_source")
        c3.metric(tr("bound"), f"{result.bound:g}" if result.bound is not None else "—",
                  help=tr(f"bound.{source}") if source in views.BOUND_SOURCES else None)
        c4.metric(tr("elapsed"), f"{result.seconds:.1f} s")
        if ss.get("previous") is not None:
            c5.metric(tr("changed_cells"), len(ss["previous"].roster.diff(result.roster)))
        progress_chart(result)
    break_warnings(result)
    roster_views(result)
    pin_panel()
    diff_panel()
    check_panel(result)
    interval_panel(result)
    charts(result)
    downloads(result)
