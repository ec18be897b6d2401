"""Pin a cell: the cell, its pin, the shifts the person cannot take and why."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from .. import state as S
from .. import views
from ..i18n import message
from .common import choice, lang, show_error, tr


def pin_panel() -> None:
    ss = st.session_state
    sc = ss["scenario"]
    st.subheader(tr("pin"), anchor=False)
    c1, c2, c3, c4, c5 = st.columns([3, 2, 2, 1, 1], vertical_alignment="bottom")
    st.caption(tr("pin_help"))
    if ss.get("pin_staff") not in sc.staff_by_id:
        ss["pin_staff"] = sc.staff[0].id
    picked = ss.get("pin_date")
    if not isinstance(picked, dt.date) or not sc.horizon.start <= picked <= sc.horizon.end:
        ss["pin_date"] = sc.horizon.start
    staff = c1.selectbox(tr("staff"), [p.id for p in sc.staff], key="pin_staff",
                         format_func=lambda s: sc.staff_by_id[s].label)
    day = c2.date_input(tr("date"), min_value=sc.horizon.start, max_value=sc.horizon.end,
                        key="pin_date")
    shift = choice(c3.selectbox, tr("shift"), [s.id for s in sc.shifts] + [""], "pin_shift",
                    format_func=lambda s, off=tr("off"):
                        f"{s} {sc.shift_by_id[s].label}" if s else off)
    if c4.button(tr("pin_button"), key="pin"):
        err = S.pin(ss, staff, day, shift or None)
        if err is not None:
            show_error(err)
        else:
            ss["notice"] = ("pinned", {"staff": staff, "date": day, "shift": shift or tr("off")})
            st.rerun()
    if c5.button(tr("unpin_button"), key="unpin"):
        S.unpin(ss, staff, day)
        st.rerun()
    reason = views.why_not_cell(sc, staff, day, shift or None)
    if reason:
        st.warning(tr("cannot_take", reason=message(reason, lang())))
    result = ss.get("result")
    now = result.roster.cell(staff, day) if result is not None else None
    pin = next((f for f in sc.fixed if f.staff == staff and f.date == day), None)
    state = (tr("pinned_to", shift=pin.shift or tr("off")) if pin is not None else "")
    blocked = [f"{s.id}: {message(why, lang())}" for s in sc.shifts
               if (why := views.why_not_cell(sc, staff, day, s.id))]
    st.markdown(tr("cell_card", who=sc.staff_by_id[staff].label, date=day, shift=now or tr("off"),
                   pin=state)
                + ("  \n" + tr("cannot_list", items="; ".join(blocked)) if blocked else ""))
    if ss.get("notice") and ss["notice"][0] == "pinned":
        st.success(tr("pinned", **ss["notice"][1]))
        ss["notice"] = None
