"""What every page shares: the page language, translated text, choices that survive a language
switch, errors at their table, settings kept in the page address."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from typing import Any

import streamlit as st

from roster.io.store import Store
from roster.model.parse import ScenarioError

from .. import state as S
from .. import tables
from ..i18n import header, message, t

PAGES = ("open", "edit", "roster", "compare")


def lang() -> str:
    return st.session_state.get("lang", "en")


def tr(key: str, **values: object) -> str:
    return t(key, lang(), **values)


def choice(widget, label: str, options: list, key: str, format_func=str, **kwargs):
    """A radio or selectbox whose choice survives a language switch.

    Streamlit keeps such a widget's value as its label text; the labels change with the language,
    so the widget is keyed per language and the choice itself kept under ``key``. The page sets
    the choice by putting it under ``key + ".set"``."""
    ss = st.session_state
    current = ss.get(key)
    turn = ss.get(f"{key}.turn", 0)
    if f"{key}.set" in ss:  # the page sets the choice (a grid click): a new widget starts from it
        current = ss.pop(f"{key}.set")
        turn += 1
        ss[f"{key}.turn"] = turn
    index = options.index(current) if current in options else 0
    wkey = f"{key}.{lang()}" + (f".{turn}" if turn else "")
    value = widget(label, options, index=index, key=wkey, format_func=format_func, **kwargs)
    ss[key] = value
    return value


def headed(frame):
    """A read-only table with its headers in the page's language."""
    return frame.rename(columns=lambda c: header(str(c), lang())[0])


def open_store() -> Store | None:
    try:
        return Store()
    except ScenarioError as exc:
        st.sidebar.error(str(exc))
        return None


def error_text(exc: ScenarioError, frame=None) -> str:
    """A ScenarioError in the page's language: row and column first (when known), then field, value
    and reason."""
    cell = tables.locate(exc, frame)
    where = ""
    if cell is not None and cell.row is not None:
        col = header(cell.column, lang())[0] if cell.column else ""
        where = tr("row_col", row=cell.row + 1, col=col) + " — "
    value = "" if exc.value is None else f" {exc.value!r}:"
    return f"{where}{exc.field}{value} {message(exc.message, lang())}"


def show_error(exc: ScenarioError, frame=None) -> None:
    """A ScenarioError at the table it belongs to: row and column first, then the message."""
    text = error_text(exc, frame)
    st.error(text + (f"\n\n{message(exc.hint, lang())}" if exc.hint else ""), icon="⚠️")


def remember(name: str, value: str) -> None:
    """Keep a setting in the page address, so a reload keeps it."""
    try:
        if st.query_params.get(name) != value:
            st.query_params[name] = value
    except Exception:  # no address to keep it in (bare runs)
        pass


def recalled(name: str) -> str | None:
    try:
        return st.query_params.get(name)
    except Exception:
        return None


def plain(value: object) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def has_module(name: str) -> bool:

    return importlib.util.find_spec(name) is not None


def start_solve(stable: bool = False) -> None:
    ss = st.session_state
    S.begin_solve(ss, float(ss["time_limit"]), int(ss["workers"]), stable=stable)


def job_line(key: str, text: Callable[[Any], str], stop_key: str) -> None:
    """The line of the background job kept as ``key`` while it runs: ``text(job)`` and a Stop
    button; the page runs again once the job is done."""
    job = st.session_state.get(key)
    if job is None:
        return
    if job.done:
        st.rerun()
    st.info(text(job))
    if st.button(tr("stop"), key=stop_key):
        job.stop.set()
