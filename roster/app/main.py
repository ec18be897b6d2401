"""The planners' Streamlit app: open, edit, solve, read, pin, compare, download.

Pages only lay out widgets; every step is a function in roster.app.state / tables / views.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import streamlit as st

from roster.io.store import Store
from roster.model.parse import ScenarioError
from roster.services.whatif import compare
from roster.solver.explain import explain
from roster.validate import validate

from . import state as S
from . import tables, views
from .downloads import export_bytes, formats
from .i18n import LANGS, t

PAGES = ("open", "edit", "roster", "compare")


def _lang() -> str:
    return st.session_state.get("lang", "en")


def _t(key: str, **values: object) -> str:
    return t(key, _lang(), **values)


def _store() -> Store | None:
    try:
        return Store()
    except ScenarioError as exc:
        st.sidebar.error(str(exc))
        return None


def _error(exc: ScenarioError) -> None:
    """A ScenarioError at the table it belongs to: row and column first, then the message."""
    cell = tables.locate(exc)
    where = ""
    if cell is not None and cell.row is not None:
        where = _t("row_col", row=cell.row + 1, col=cell.column or "") + " — "
    value = "" if exc.value is None else f" {exc.value!r}:"
    text = f"{where}{exc.field}{value} {exc.message}"
    st.error(text + (f"\n\n{exc.hint}" if exc.hint else ""), icon="⚠️")


# ---- sidebar ------------------------------------------------------------------------------------
def sidebar(store: Store | None) -> str:
    ss = st.session_state
    with st.sidebar:
        st.radio(_t("language"), list(LANGS), key="lang", format_func=LANGS.get, horizontal=True)
        st.title(_t("title"))
        page = st.radio(_t("page"), PAGES, key="page", format_func=lambda p: _t(f"page.{p}"))
        if ss.get("scenario") is not None:
            sc = ss["scenario"]
            version = ss.get("version")
            status = f"{_t('saved_as')} {version.label}" if version else _t("unsaved")
            st.caption(f"{_t('current')}: **{sc.name}** ({len(sc.staff)} × {sc.horizon.start} .. "
                       f"{sc.horizon.end}) — {status}")
        st.number_input(_t("time_limit"), min_value=1.0, max_value=3600.0, step=5.0, key="time_limit")
        st.number_input(_t("workers"), min_value=1, max_value=64, step=1, key="workers")
        if store is not None:
            st.caption(f"store: {store.path}")
    return page


# ---- open ---------------------------------------------------------------------------------------
def page_open(store: Store | None) -> None:
    ss = st.session_state
    files = S.bundled_scenarios()
    if files:
        col1, col2 = st.columns([4, 1], vertical_alignment="bottom")
        pick = col1.selectbox(_t("bundled"), files, format_func=lambda p: p.stem, key="bundled_pick")
        if col2.button(_t("open"), key="open_bundled", type="primary"):
            try:
                S.open_file(ss, pick)
                ss["notice"] = ("opened", {"name": ss["scenario"].name})
                st.rerun()
            except ScenarioError as exc:
                _error(exc)
    upload = st.file_uploader(_t("upload"), type=["yaml", "yml", "json"], key="upload")
    if upload is not None and ss.get("upload_id") != upload.file_id:
        ss["upload_id"] = upload.file_id
        try:
            S.open_text(ss, upload.getvalue().decode("utf-8", errors="replace"), upload.name)
            ss["notice"] = ("opened", {"name": ss["scenario"].name})
            st.rerun()
        except ScenarioError as exc:
            _error(exc)
    if ss.get("scenario") is not None and _has_module("roster.io.people"):
        staff_file = st.file_uploader(_t("upload_staff"), type=["xlsx", "csv"], key="upload_staff")
        if staff_file is not None and ss.get("staff_upload_id") != staff_file.file_id:
            ss["staff_upload_id"] = staff_file.file_id
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / staff_file.name
                path.write_bytes(staff_file.getvalue())
                try:
                    n = S.import_staff(ss, path)
                    ss["notice"] = ("staff_replaced", {"n": n})
                except ScenarioError as exc:
                    _error(exc)
            if ss.get("notice") and ss["notice"][0] == "staff_replaced":
                st.rerun()
    st.subheader(_t("saved"), anchor=False)
    if store is None:
        return
    names = store.names()
    if not names:
        st.caption(_t("store_empty"))
    else:
        col1, col2, col3 = st.columns([3, 2, 1], vertical_alignment="bottom")
        name = col1.selectbox(_t("saved"), names, key="saved_name", label_visibility="collapsed")
        versions = store.versions(name)
        version = col2.selectbox(_t("version"), versions, key="saved_version", label_visibility="collapsed",
                                 format_func=lambda v: f"v{v.number}  {v.created[:16]}  {v.note}".strip())
        if col3.button(_t("continue"), key="continue"):
            try:
                S.open_saved(ss, store, version)
                ss["notice"] = ("opened", {"name": version.label})
                st.rerun()
            except ScenarioError as exc:
                _error(exc)
    if ss.get("scenario") is not None:
        col1, col2 = st.columns([4, 1], vertical_alignment="bottom")
        note = col1.text_input(_t("note"), key="save_note")
        if col2.button(_t("save"), key="save"):
            version = S.save_version(ss, store, note)
            ss["notice"] = ("saved_ok", {"label": version.label})
            st.rerun()


def _has_module(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


# ---- edit ---------------------------------------------------------------------------------------
def page_edit() -> None:
    ss = st.session_state
    st.caption(_t("edit_help"))
    tabs = st.tabs([_t(f"section.{s}") for s in tables.SECTIONS] + [_t("other")])
    for tab, section in zip(tabs, tables.SECTIONS, strict=False):
        with tab:
            frame = tables.to_frame(ss["data"], section)
            fixed_rows = section in ("rules", "fairness")
            edited = st.data_editor(frame, key=f"ed_{section}_{ss['gen']}", hide_index=True,
                                    num_rows="fixed" if fixed_rows else "dynamic", width="stretch",
                                    disabled=["rule", "measure"] if fixed_rows else False)
            before = ss["data"]
            err = S.apply_table(ss, section, edited)
            if err is not None:
                _error(err)
                _mark_cell(edited, err)
            elif ss["data"] is not before:
                ss["gen"] += 1
                st.rerun()
    with tabs[-1]:
        import yaml

        text = yaml.safe_dump(tables.other_fields(ss["data"]), allow_unicode=True, sort_keys=False)
        new = st.text_area(_t("other"), text, height=240, key=f"other_{ss['gen']}")
        if st.button(_t("apply"), key="apply_other"):
            if S.apply_other(ss, new) is None:
                ss["gen"] += 1
                st.rerun()
        if "other" in ss["errors"]:
            _error(ss["errors"]["other"])


def _mark_cell(frame, err: ScenarioError) -> None:
    """Show the row with the bad value, the cell itself in red."""
    cell = tables.locate(err)
    if cell is None or cell.row is None or cell.column not in frame.columns or cell.row >= len(frame):
        return
    row = frame.iloc[[cell.row]].astype(str)
    st.dataframe(row.style.map(lambda _: "background-color:#f8d0d0;font-weight:600", subset=[cell.column]),
                 hide_index=True, width="stretch")


# ---- solve and roster ---------------------------------------------------------------------------
@st.fragment(run_every=1.0)
def progress_panel() -> None:
    ss = st.session_state
    job = ss.get("job")
    if job is None:
        return
    if job.done:
        st.rerun()
    latest = job.latest
    st.info(_t("solving"))
    c1, c2, c3 = st.columns(3)
    c1.metric(_t("objective"), f"{latest.objective:g}" if latest else "—")
    c2.metric(_t("bound"), f"{latest.bound:g}" if latest else "—")
    c3.metric(_t("elapsed"), f"{job.elapsed:.1f} s")
    if len(job.progress) > 1:
        import pandas as pd

        hist = pd.DataFrame([{"s": p.seconds, _t("objective"): p.objective, _t("bound"): p.bound}
                             for p in job.progress]).set_index("s")
        st.line_chart(hist, height=160)
    if st.button(_t("stop"), key="stop"):
        S.stop_solve(ss)


def _start(store: Store | None) -> None:
    ss = st.session_state
    S.begin_solve(ss, float(ss["time_limit"]), int(ss["workers"]))


def page_roster(store: Store | None) -> None:
    ss = st.session_state
    S.collect(ss, store)
    job = ss.get("job")
    if job is None:
        if st.button(_t("solve"), key="solve", type="primary"):
            _start(store)
            st.rerun()
    else:
        progress_panel()
    for text in S.leave_warnings(ss):
        st.warning(text)
    if ss.get("notice") and ss["notice"][0] == "solve_error":
        st.error(_t("solve_error", **ss["notice"][1]))
        ss["notice"] = None
    result = ss.get("result")
    if result is None:
        return
    if not result.feasible:
        if result.status == "INFEASIBLE":
            st.error(_t("infeasible"))
            explain_panel(store)
        else:
            st.warning(_t("unknown"))
        return
    if ss.get("stopped") and result.status != "OPTIMAL":
        st.caption(_t("stopped"))
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(_t("status"), result.status)
    c2.metric(_t("objective"), f"{result.objective:g}" if result.objective is not None else "—")
    c3.metric(_t("bound"), f"{result.bound:g}" if result.bound is not None else "—")
    c4.metric(_t("elapsed"), f"{result.seconds:.1f} s")
    roster_views(result)
    pin_panel()
    diff_panel()
    check_panel(result)
    charts(result)
    downloads(result)


def roster_views(result) -> None:
    ss = st.session_state
    sc = ss["scenario"]
    view = st.radio(_t("view"), ("grid", "day"), key="view", horizontal=True, format_func=_t)
    if view == "grid":
        st.subheader(_t("grid"), anchor=False)
        weekdays = ("一", "二", "三", "四", "五", "六", "日") if _lang() == "zh" else None
        st.html(views.month_grid_html(sc, result.roster, leave_mark=_t("leave_mark"), weekday_names=weekdays))
        st.caption(_t("legend"))
    else:
        day = st.date_input(_t("date"), value=sc.horizon.start, min_value=sc.horizon.start,
                            max_value=sc.horizon.end, key="view_day")
        st.dataframe(views.day_view(sc, result.roster, day), hide_index=True, width="stretch")
        cov = views.coverage(sc, result.roster)
        st.dataframe(cov[cov["date"] == day], hide_index=True, width="stretch")


def pin_panel() -> None:
    ss = st.session_state
    sc = ss["scenario"]
    st.subheader(_t("pin"), anchor=False)
    c1, c2, c3, c4, c5 = st.columns([3, 2, 2, 1, 1], vertical_alignment="bottom")
    staff = c1.selectbox(_t("staff"), [p.id for p in sc.staff], key="pin_staff",
                         format_func=lambda s: sc.staff_by_id[s].label)
    day = c2.date_input(_t("date"), value=sc.horizon.start, min_value=sc.horizon.start,
                        max_value=sc.horizon.end, key="pin_date")
    shift = c3.selectbox(_t("shift"), [s.id for s in sc.shifts] + [""], key="pin_shift",
                         format_func=lambda s: f"{s} {sc.shift_by_id[s].label}" if s else _t("off"))
    if c4.button(_t("pin_button"), key="pin"):
        err = S.pin(ss, staff, day, shift or None)
        if err is not None:
            _error(err)
        else:
            ss["notice"] = ("pinned", {"staff": staff, "date": day, "shift": shift or _t("off")})
            st.rerun()
    if c5.button(_t("unpin_button"), key="unpin"):
        S.unpin(ss, staff, day)
        st.rerun()
    if ss.get("notice") and ss["notice"][0] == "pinned":
        st.success(_t("pinned", **ss["notice"][1]))
        ss["notice"] = None
    if ss.get("job") is None and st.button(_t("resolve"), key="resolve"):
        ss["notice"] = None
        _start(None)
        st.rerun()


def diff_panel() -> None:
    ss = st.session_state
    if ss.get("previous") is None:
        return
    st.subheader(_t("changes"), anchor=False)
    frame = views.diff_frame(ss["scenario"], ss["previous"].roster, ss["result"].roster)
    if frame.empty:
        st.caption(_t("no_changes"))
    else:
        st.dataframe(frame, hide_index=True, width="stretch", key="diff")


def check_panel(result) -> None:
    ss = st.session_state
    report = validate(ss["scenario"], result.roster)
    with st.expander(_t("violations")):
        if report.hard:
            st.error(_t("hard_broken", n=len(report.hard)))
        else:
            st.success(_t("hard_ok", cost=report.cost))
        zh = _lang() == "zh"
        rows = [{"rule": v.rule, "hard": v.hard, "cost": v.cost, "text": v.zh if zh and v.zh else v.text}
                for v in report.violations]
        if rows:
            st.dataframe(rows, hide_index=True, width="stretch")


def charts(result) -> None:
    ss = st.session_state
    sc = ss["scenario"]
    with st.expander(_t("charts")):
        st.plotly_chart(views.coverage_heatmap(sc, views.coverage(sc, result.roster), _t("coverage")),
                        width="stretch", key="chart_coverage")
        frame = views.hours_frame(sc, result.roster)
        st.plotly_chart(views.fairness_bars(frame, _t("fairness")), width="stretch", key="chart_fair")
        st.plotly_chart(views.hours_bars(frame, _t("hours")), width="stretch", key="chart_hours")


def downloads(result) -> None:
    ss = st.session_state
    st.subheader(_t("downloads"), anchor=False)
    found = formats()
    cols = st.columns(len(found))
    for col, fmt in zip(cols, found, strict=True):
        try:
            data = export_bytes(ss["scenario"], result, fmt.key)
        except (ScenarioError, ValueError) as exc:
            col.caption(f"{fmt.key}: {exc}")
            continue
        col.download_button(fmt.filename, data, file_name=fmt.filename, mime=fmt.mime, key=f"dl_{fmt.key}")


def explain_panel(store: Store | None) -> None:
    ss = st.session_state
    if not S.explain_available():
        st.info(_t("no_explain"))
        return
    if ss.get("explanation") is None and st.button(_t("explain"), key="explain"):
        with st.spinner(_t("explaining")):
            ss["explanation"] = explain(ss["scenario"], lang=_lang(),
                                        time_limit=max(5.0, float(ss["time_limit"])), workers=int(ss["workers"]))
    exp = ss.get("explanation")
    if exp is None:
        return
    for reason in exp.reasons:
        st.markdown(f"- {reason}")
    if exp.repairs:
        st.subheader(_t("repairs"), anchor=False)
    for i, repair in enumerate(exp.repairs):
        c1, c2 = st.columns([5, 1], vertical_alignment="center")
        c1.markdown(repair.text(_lang()) if hasattr(repair, "text") else repair.description)
        if c2.button(_t("repair"), key=f"repair_{i}"):
            S.apply_repair(ss, repair.scenario)
            _start(store)
            st.rerun()


# ---- compare ------------------------------------------------------------------------------------
def page_compare(store: Store | None) -> None:
    ss = st.session_state
    st.caption(_t("compare_help"))
    if store is None:
        return
    versions = store.versions()
    if len(versions) < 2:
        st.info(_t("need_two"))
        return
    c1, c2 = st.columns(2)
    fmt = lambda v: f"{v.label}  {v.note}".strip()  # noqa: E731
    a = c1.selectbox(_t("first"), versions, index=1, format_func=fmt, key="cmp_a")
    b = c2.selectbox(_t("second"), versions, index=0, format_func=fmt, key="cmp_b")
    summary, changed, cells = S.compare_saved(store, a, b)
    st.dataframe(summary, hide_index=True, width="stretch")
    st.caption(_t("changed_sections") + ": " + (", ".join(changed) if changed else "—"))
    if cells is not None:
        st.dataframe(cells, hide_index=True, width="stretch")
    if not S.compare_available():
        st.info(_t("no_compare"))
        return
    if st.button(_t("compare"), key="compare", type="primary"):
        with st.spinner(_t("solving")):
            ss["comparison"] = compare(store.load_scenario(a.id), store.load_scenario(b.id),
                                       time_limit=float(ss["time_limit"]), workers=int(ss["workers"]))
    if ss.get("comparison") is not None:
        st.dataframe(ss["comparison"], width="stretch")


# ---- entry --------------------------------------------------------------------------------------
def run() -> None:
    st.set_page_config(page_title="roster", layout="wide")
    ss = st.session_state
    S.init(ss)
    ss.setdefault("time_limit", float(os.environ.get("ROSTER_TIME_LIMIT", 30)))
    ss.setdefault("workers", int(os.environ.get("ROSTER_WORKERS", min(16, 4 * (os.cpu_count() or 1)))))
    store = _store()
    page = sidebar(store)
    notice = ss.get("notice")
    if notice and notice[0] in ("opened", "saved_ok", "staff_replaced"):
        st.success(_t(notice[0], **notice[1]))
        ss["notice"] = None
    if page != "open" and ss.get("scenario") is None:
        st.info(_t("no_scenario"))
        return
    if page == "open":
        page_open(store)
    elif page == "edit":
        page_edit()
    elif page == "roster":
        page_roster(store)
    else:
        page_compare(store)

