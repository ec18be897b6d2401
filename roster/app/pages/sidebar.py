"""The sidebar: language, page, the scenario and whether it is saved, time limit and threads."""

from __future__ import annotations

import streamlit as st

from roster.io.store import Store

from .. import state as S
from ..i18n import LANGS, t
from .common import PAGES, choice, lang, remember, tr


def sidebar(store: Store | None) -> str:
    ss = st.session_state
    with st.sidebar:
        st.radio("Language / 语言", list(LANGS), key="lang", format_func=LANGS.get, horizontal=True)
        st.title(tr("title"))
        page = choice(st.radio, tr("page"), list(PAGES), "page",
                       format_func=lambda p, lang=lang(): t(f"page.{p}", lang))
        remember("page", page)
        if ss.get("scenario") is not None:
            sc = ss["scenario"]
            version = ss.get("version")
            if version is None:
                status = tr("unsaved")
            elif S.unsaved(ss):
                status = tr("roster_unsaved", label=version.label)
            else:
                status = f"{tr('saved_as')} {version.label}"
            st.caption(f"{tr('current')}: **{sc.name}** ({tr('people', n=len(sc.staff))}, "
                       f"{sc.horizon.start} .. {sc.horizon.end}) — {status}")
            for text in S.holiday_warnings(ss):
                st.warning(text, icon="📅")
            if store is not None:
                note = st.text_input(tr("note"), key="save_note", placeholder=tr("note_help"))
                if st.button(tr("save"), key="save", disabled=not S.unsaved(ss) and not note):
                    version = S.save_version(ss, store, note)
                    ss["notice"] = ("saved_ok", {"label": version.label})
                    st.rerun()
        ss["time_limit"] = st.number_input(tr("time_limit"), min_value=1.0, max_value=3600.0,
                                           step=5.0, value=float(ss["time_limit"]),
                                           key="time_limit_box")
        remember("t", f"{ss['time_limit']:g}")
        ss["workers"] = st.number_input(tr("workers"), min_value=1, max_value=64, step=1,
                                        value=int(ss["workers"]), key="workers_box",
                                        help=tr("workers_help"))
        if store is not None:
            st.caption(f"{tr('store')}: {store.path}")
    return page
