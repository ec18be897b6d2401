"""The planners' Streamlit app: open, edit, solve, read, pin, compare, download.

Pages only lay out widgets (one module per page or panel in roster.app.pages); every step is a
function in roster.app.state / tables / views.
"""

from __future__ import annotations

import os

import streamlit as st

from . import state as S
from .i18n import LANGS
from .pages.common import PAGES, open_store, recalled, remember, tr
from .pages.compare import page_compare
from .pages.draft import autosave, restore, unsaved_guard
from .pages.edit import page_edit
from .pages.open import page_open
from .pages.sidebar import sidebar
from .pages.solve import page_roster


def _number(text: str | None, default: float) -> float:
    try:
        value = float(text) if text else default
    except ValueError:
        return default
    return value if 1 <= value <= 3600 else default


# ---- entry --------------------------------------------------------------------------------------
def run() -> None:
    st.set_page_config(page_title="roster", layout="wide")
    ss = st.session_state
    if "lang" not in ss and recalled("lang") in LANGS:  # the page address keeps the language
        ss["lang"] = recalled("lang")
    S.init(ss)
    if "time_limit" not in ss:
        default = _number(os.environ.get("ROSTER_TIME_LIMIT"), 30.0)
        ss["time_limit"] = _number(recalled("t"), default)
    workers = int(os.environ.get("ROSTER_WORKERS", os.cpu_count() or 1))
    ss.setdefault("workers", max(1, min(64, workers)))
    if "page" not in ss and recalled("page") in PAGES:
        ss["page"] = recalled("page")
    store = open_store()
    if store is not None:
        restore(ss, store)
    page = sidebar(store)
    remember("lang", ss["lang"])
    try:
        _page(page, store)
    finally:
        if store is not None:
            autosave(ss, store)
        unsaved_guard(S.unsaved(ss) and ss.get("scenario") is not None)


def _page(page: str, store) -> None:
    ss = st.session_state
    notice = ss.get("notice")
    if notice and notice[0] in ("opened", "saved_ok", "staff_merged", "restored"):
        st.success(tr(notice[0], **notice[1]))
        ss["notice"] = None
    if page != "open" and ss.get("scenario") is None:
        st.info(tr("no_scenario"))
        return
    if page == "open":
        page_open(store)
    elif page == "edit":
        page_edit()
    elif page == "roster":
        page_roster(store)
    else:
        page_compare(store)
