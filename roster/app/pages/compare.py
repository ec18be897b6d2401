"""The Compare page: two saved versions side by side, and both solved in the background."""

from __future__ import annotations

import streamlit as st

from roster.io.store import Store
from roster.services.whatif import compare

from .. import state as S
from ..solving import TaskJob
from .common import headed, job_line, tr


def page_compare(store: Store | None) -> None:
    ss = st.session_state
    st.caption(tr("compare_help"))
    if store is None:
        return
    versions = store.versions()
    if len(versions) < 2:
        st.info(tr("need_two"))
        return
    c1, c2 = st.columns(2)
    fmt = lambda v: f"{v.label}  {v.note}".strip()  # noqa: E731
    a = c1.selectbox(tr("first"), versions, index=1, format_func=fmt, key="cmp_a")
    b = c2.selectbox(tr("second"), versions, index=0, format_func=fmt, key="cmp_b")
    summary, changed, cells = S.compare_saved(store, a, b)
    st.dataframe(headed(summary), hide_index=True, width="stretch")
    st.caption(tr("changed_sections") + ": " + (", ".join(changed) if changed else "—"))
    if cells is not None:
        st.dataframe(headed(cells), hide_index=True, width="stretch")
    if not S.compare_available():
        st.info(tr("no_compare"))
        return
    job = ss.get("compare_job")
    if job is not None and job.done:  # take the figures when both solves have ended
        ss["compare_error"], ss["comparison"] = job.error, job.value
        ss["compare_job"] = job = None
    if job is None:
        if st.button(tr("compare"), key="compare", type="primary"):
            task = TaskJob(compare, (store.load_scenario(a.id), store.load_scenario(b.id)),
                           {"time_limit": float(ss["time_limit"]), "workers": int(ss["workers"])},
                           passes_stop=True)
            ss["compare_job"] = task.start()
            ss["comparison"] = ss["compare_error"] = None
            st.rerun()
    else:
        compare_progress()
    if ss.get("compare_error"):
        st.error(tr("solve_error", error=ss["compare_error"]))
    if ss.get("comparison") is not None:
        st.dataframe(ss["comparison"], width="stretch")


@st.fragment(run_every=1.0)
def compare_progress() -> None:
    limit = 2 * float(st.session_state["time_limit"])
    job_line("compare_job",
             lambda job: tr("comparing", s=f"{job.elapsed:.0f}", limit=f"{limit:.0f}"),
             "compare_stop")
