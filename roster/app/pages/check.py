"""The changes against the previous roster and the independent rule check."""

from __future__ import annotations

import streamlit as st

from roster.validate import validate

from .. import views
from ..i18n import rule_name
from .common import headed, lang, tr


def diff_panel() -> None:
    ss = st.session_state
    if ss.get("previous") is None or ss.get("result") is None:
        return
    st.subheader(tr("changes"), anchor=False)
    frame = views.diff_frame(ss["scenario"], ss["previous"].roster, ss["result"].roster)
    if frame.empty:
        st.caption(tr("no_changes"))
    else:
        st.dataframe(headed(frame), hide_index=True, width="stretch", key="diff")


def check_panel(result) -> None:
    ss = st.session_state
    cached = ss.get("report_cache")
    if cached is not None and cached[0] is result and cached[1] is ss["scenario"]:
        report = cached[2]
    else:  # once per roster and scenario, not on every rerun
        report = validate(ss["scenario"], result.roster)
        ss["report_cache"] = (result, ss["scenario"], report)
    with st.expander(tr("violations")):
        if report.hard:
            st.error(tr("hard_broken", n=len(report.hard)))
        else:
            st.success(tr("hard_ok", cost=report.cost))
        rows = [{tr("rule"): rule_name(v.rule, lang()), tr("hard"): v.hard, tr("cost"): v.cost,
                 tr("text"): v.in_lang(lang())}
                for v in report.violations]
        if rows:
            st.dataframe(rows, hide_index=True, width="stretch")
