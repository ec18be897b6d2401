"""Why no roster exists, and the repairs that would make one."""

from __future__ import annotations

import streamlit as st

from roster.services.infeasible import infeasible_reasons

from .. import state as S
from .common import job_line, lang, start_solve, tr


@st.fragment(run_every=1.0)
def explain_progress() -> None:
    job_line("explain_job",
             lambda job: tr("explaining", s=f"{job.elapsed:.0f}", limit=f"{job.time_limit:.0f}"),
             "explain_stop")


def explain_panel() -> None:
    """Why no roster exists: what the scenario shows at once, then the conflicting rules (looked
    for in the background, as long as the planner wants)."""

    ss = st.session_state
    quick = infeasible_reasons(ss["scenario"], lang=lang())
    if quick:
        st.markdown(tr("seen_at_once"))
        for line in quick:
            st.markdown(f"- {line}")
    if not S.explain_available():
        st.info(tr("no_explain"))
        return
    exp = ss.get("explanation")
    if ss.get("explain_job") is not None:
        explain_progress()
        return
    last = ss.get("explain_time")
    limit = max(10.0, float(ss["time_limit"])) if last is None else 2 * last
    label = tr("explain") if exp is None else tr("explain_again", s=f"{limit:.0f}")
    if st.button(label, key="explain"):
        S.begin_explain(ss, lang(), limit, int(ss["workers"]))
        st.rerun()
    if exp is None:
        return
    # the solve proved it; the rules were not found in time
    if getattr(exp, "status", "") == "UNKNOWN":
        st.warning(tr("explain_unknown", s=f"{last or 0:.0f}"))
        return
    if exp.feasible:
        st.info(tr("explain_feasible"))
        return
    for reason in exp.reasons:
        st.markdown(f"- {reason}")
    if exp.repairs:
        st.subheader(tr("repairs"), anchor=False)
    for i, repair in enumerate(exp.repairs):
        c1, c2 = st.columns([5, 1], vertical_alignment="center")
        c1.markdown(repair.text(lang()) if hasattr(repair, "text") else repair.description)
        if c2.button(tr("repair"), key=f"repair_{i}"):
            S.apply_repair(ss, repair.scenario)
            start_solve()
            st.rerun()
