"""Charts of the roster: coverage, fairness, hours, and the fair-share table."""

from __future__ import annotations

import streamlit as st

from roster.reports.summary import fair_shares

from .. import views
from .common import tr


def charts(result) -> None:
    ss = st.session_state
    sc = ss["scenario"]
    with st.expander(tr("charts")):
        coverage = views.coverage(sc, result.roster)
        st.plotly_chart(views.coverage_heatmap(sc, coverage, tr("coverage")),
                        width="stretch", key="chart_coverage")
        frame = views.hours_frame(sc, result.roster)
        names = {c: tr(f"w.{c}") for c in ("nights", "weekends", "holidays", "hours", "contract")}
        st.plotly_chart(views.fairness_bars(frame, tr("fairness"), names), width="stretch",
                        key="chart_fair")
        st.plotly_chart(views.hours_bars(frame, tr("hours"), names), width="stretch",
                        key="chart_hours")
        shares = fair_shares(sc, result.roster)
        if len(shares):
            st.markdown(tr("fair_shares"))
            # the fair band of weekends counts weekend shifts (days), not the Saturday/Sunday
            # pairs the grid counts
            shares["kind"] = [tr("w.weekend_days") if k == "weekends" else names.get(k, k)
                              for k in shares["kind"]]
            shares["fair"] = [tr("fs.share") if v == "share of the group" else v
                              for v in shares["fair"]]
            st.dataframe(shares.rename(columns={c: tr(f"fs.{c}") for c in shares.columns}),
                         hide_index=True, width="stretch")
