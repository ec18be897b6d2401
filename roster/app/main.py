"""The planners' Streamlit app: open, edit, solve, read, pin, compare, download.

Pages only lay out widgets; every step is a function in roster.app.state / tables / views.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

import streamlit as st

from roster.io.load import read_yaml
from roster.io.staff_import import template_xlsx
from roster.io.store import Store
from roster.model.parse import ScenarioError
from roster.reports.intervals import day_figures, interval_figures, percent, worst_text
from roster.reports.summary import fair_shares
from roster.services.infeasible import infeasible_reasons
from roster.services.whatif import compare
from roster.validate import validate

from . import state as S
from . import tables, views
from .downloads import export_bytes, formats
from .i18n import LANGS, header, rule_name, t
from .solving import TaskJob

PAGES = ("open", "edit", "roster", "compare")


def _lang() -> str:
    return st.session_state.get("lang", "en")


def _t(key: str, **values: object) -> str:
    return t(key, _lang(), **values)


def _choice(widget, label: str, options: list, key: str, format_func=str, **kwargs):
    """A radio or selectbox whose choice survives a language switch.

    Streamlit keeps such a widget's value as its label text; the labels change with the language,
    so the widget is keyed per language and the choice itself kept under ``key``."""
    ss = st.session_state
    current = ss.get(key)
    index = options.index(current) if current in options else 0
    value = widget(label, options, index=index, key=f"{key}.{_lang()}", format_func=format_func, **kwargs)
    ss[key] = value
    return value


def _headed(frame):
    """A read-only table with its headers in the page's language."""
    return frame.rename(columns=lambda c: header(str(c), _lang())[0])


def _store() -> Store | None:
    try:
        return Store()
    except ScenarioError as exc:
        st.sidebar.error(str(exc))
        return None


def _error(exc: ScenarioError, frame=None) -> None:
    """A ScenarioError at the table it belongs to: row and column first, then the message."""
    cell = tables.locate(exc, frame)
    where = ""
    if cell is not None and cell.row is not None:
        where = _t("row_col", row=cell.row + 1, col=header(cell.column, _lang())[0] if cell.column else "") + " — "
    value = "" if exc.value is None else f" {exc.value!r}:"
    text = f"{where}{exc.field}{value} {exc.message}"
    st.error(text + (f"\n\n{exc.hint}" if exc.hint else ""), icon="⚠️")


# ---- sidebar ------------------------------------------------------------------------------------
def sidebar(store: Store | None) -> str:
    ss = st.session_state
    with st.sidebar:
        st.radio("Language / 语言", list(LANGS), key="lang", format_func=LANGS.get, horizontal=True)
        st.title(_t("title"))
        page = _choice(st.radio, _t("page"), list(PAGES), "page",
                       format_func=lambda p, lang=_lang(): t(f"page.{p}", lang))
        _remember("page", page)
        if ss.get("scenario") is not None:
            sc = ss["scenario"]
            version = ss.get("version")
            if version is None:
                status = _t("unsaved")
            elif S.unsaved(ss):
                status = _t("roster_unsaved", label=version.label)
            else:
                status = f"{_t('saved_as')} {version.label}"
            st.caption(f"{_t('current')}: **{sc.name}** ({_t('people', n=len(sc.staff))}, {sc.horizon.start} .. "
                       f"{sc.horizon.end}) — {status}")
            if store is not None:
                note = st.text_input(_t("note"), key="save_note", placeholder=_t("note_help"))
                if st.button(_t("save"), key="save", disabled=not S.unsaved(ss) and not note):
                    version = S.save_version(ss, store, note)
                    ss["notice"] = ("saved_ok", {"label": version.label})
                    st.rerun()
        ss["time_limit"] = st.number_input(_t("time_limit"), min_value=1.0, max_value=3600.0, step=5.0,
                                           value=float(ss["time_limit"]), key="time_limit_box")
        _remember("t", f"{ss['time_limit']:g}")
        ss["workers"] = st.number_input(_t("workers"), min_value=1, max_value=64, step=1, value=int(ss["workers"]),
                                        key="workers_box", help=_t("workers_help"))
        if store is not None:
            st.caption(f"{_t('store')}: {store.path}")
    return page


def _remember(name: str, value: str) -> None:
    """Keep a setting in the page address, so a reload keeps it."""
    try:
        if st.query_params.get(name) != value:
            st.query_params[name] = value
    except Exception:  # no address to keep it in (bare runs)
        pass


def _recalled(name: str) -> str | None:
    try:
        return st.query_params.get(name)
    except Exception:
        return None


# ---- open ---------------------------------------------------------------------------------------
@st.cache_data(show_spinner=False)
def _scenario_name(path: str, mtime: float) -> str:
    """A bundled scenario's own name (its file name when it has none)."""

    try:
        data = read_yaml(Path(path).read_text(encoding="utf-8"))
        return str(data.get("name") or Path(path).stem)
    except Exception:
        return Path(path).stem


def page_open(store: Store | None) -> None:
    ss = st.session_state
    if ss.get("scenario") is None:
        st.markdown(_t("welcome"))
    files = S.bundled_scenarios()
    if files:
        col1, col2 = st.columns([4, 1], vertical_alignment="bottom")
        pick = col1.selectbox(_t("bundled"), files, key="bundled_pick",
                              format_func=lambda p: f"{_scenario_name(str(p), p.stat().st_mtime)}  ({p.stem})")
        if col2.button(_t("open"), key="open_bundled", type="primary"):
            try:
                S.open_file(ss, pick)
                ss["notice"] = ("opened", {"name": ss["scenario"].name})
                st.rerun()
            except ScenarioError as exc:
                _error(exc)
    upload = st.file_uploader(_t("upload"), type=["yaml", "yml", "json"], key="upload", help=_t("upload_help"))
    if upload is not None and ss.get("upload_id") != upload.file_id:
        ss["upload_id"] = upload.file_id
        try:
            S.open_text(ss, upload.getvalue().decode("utf-8", errors="replace"), upload.name)
            ss["notice"] = ("opened", {"name": ss["scenario"].name})
            st.rerun()
        except ScenarioError as exc:
            _error(exc)
    if ss.get("scenario") is not None and _has_module("roster.io.people"):
        staff_import()
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


def staff_import() -> None:
    """Upload a staff list, see what it would change, then merge it (nobody dropped unless ticked)."""

    ss = st.session_state
    st.subheader(_t("staff_list"), anchor=False)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "staff.xlsx"
        template_xlsx(ss["scenario"], path)
        st.download_button(_t("template"), path.read_bytes(), file_name="staff.xlsx", key="staff_template",
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    staff_file = st.file_uploader(_t("upload_staff"), type=["xlsx", "csv"], key="upload_staff",
                                  help=_t("upload_staff_help"))
    if staff_file is not None and ss.get("staff_upload_id") != staff_file.file_id:
        ss["staff_upload_id"] = staff_file.file_id
        ss["merge"] = None
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / staff_file.name
            path.write_bytes(staff_file.getvalue())
            try:
                S.preview_staff(ss, path)
            except ScenarioError as exc:
                ss["staff_error"] = exc
            else:
                ss["staff_error"] = None
    if staff_file is None:
        ss["staff_upload_id"] = None
    if ss.get("staff_error") is not None and staff_file is not None:
        _error(ss["staff_error"])
    merge = ss.get("merge")
    if merge is None:
        return
    sc = ss["scenario"]
    st.info(_t("staff_preview", rows=merge.rows, added=len(merge.added), changed=len(merge.changed),
               missing=len(merge.missing)))
    if merge.added:
        names = {p["id"]: f'{p["id"]} {p.get("name", "")}'.strip() for p in merge.merged}
        st.caption(_t("staff_added") + ": " + ", ".join(names[i] for i in merge.added))
    if merge.changed:
        st.dataframe([{_t("staff"): c.staff, _t("field"): c.field, _t("before"): _plain(c.before),
                       _t("after"): _plain(c.after)} for c in merge.changed],
                     hide_index=True, width="stretch", key="staff_changes")
    drop = False
    if merge.missing:
        names = ", ".join(sc.staff_by_id[s].label if s in sc.staff_by_id else s for s in merge.missing[:20])
        st.warning(_t("staff_missing", n=len(merge.missing), names=names + (" …" if len(merge.missing) > 20 else "")))
        drop = st.checkbox(_t("staff_drop", n=len(merge.missing)), key="staff_drop")
    c1, c2 = st.columns(2)
    if c1.button(_t("staff_apply"), key="staff_apply", type="primary", disabled=merge.empty and not drop):
        n = S.apply_staff(ss, drop_missing=drop)
        ss["notice"] = ("staff_merged", {"n": n, "added": len(merge.added), "changed": len(merge.changed),
                                         "dropped": len(merge.missing) if drop else 0})
        st.rerun()
    if c2.button(_t("staff_cancel"), key="staff_cancel"):
        ss["merge"] = None
        st.rerun()


def _plain(value: object) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def _has_module(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


# ---- edit ---------------------------------------------------------------------------------------
def page_edit() -> None:
    ss = st.session_state
    st.caption(_t("edit_help"))
    tabs = st.tabs([_t(f"section.{s}") for s in tables.SECTIONS] + [_t("other")])
    pending = ss.setdefault("pending", {})
    for tab, section in zip(tabs, tables.SECTIONS, strict=False):
        with tab:
            # a table with a bad value keeps showing it, also when a language switch redraws the table
            frame = pending.get(section, (None, None))[1] if pending.get(section, (None,))[0] == ss["gen"] else None
            if frame is None:
                frame = tables.to_frame(ss["data"], section)
            fixed_rows = section in ("rules", "fairness")
            config = {c: st.column_config.Column(header(c, _lang())[0], help=header(c, _lang())[1] or None)
                      for c in frame.columns}
            edited = st.data_editor(frame, key=f"ed_{section}_{ss['gen']}", hide_index=True,
                                    num_rows="fixed" if fixed_rows else "dynamic", width="stretch",
                                    disabled=["rule", "measure"] if fixed_rows else False, column_config=config)
            before = ss["data"]
            err = S.apply_table(ss, section, edited)
            if err is not None:
                pending[section] = (ss["gen"], edited.copy())
                _error(err, edited)
                _mark_cell(edited, err)
            else:
                pending.pop(section, None)
            if err is None and ss["data"] is not before:
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
    cell = tables.locate(err, frame)
    if cell is None or cell.row is None or cell.column not in frame.columns or cell.row >= len(frame):
        return
    row = frame.iloc[[cell.row]].astype(str).rename(columns=lambda c: header(str(c), _lang())[0])
    column = header(cell.column, _lang())[0]
    st.dataframe(row.style.map(lambda _: "background-color:#f8d0d0;font-weight:600", subset=[column]),
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
    st.info(_t("solving_stable") if job.stable else _t("solving"))
    c1, c2, c3 = st.columns(3)
    c1.metric(_t("objective"), f"{latest.objective:g}" if latest else "—")
    c2.metric(_t("bound"), f"{latest.bound:g}" if latest else "—")
    c3.metric(_t("elapsed"), f"{job.elapsed:.1f} s")
    if len(job.progress) > 1:
        st.line_chart(views.progress_frame(list(job.progress), _progress_names()), height=160)
    if st.button(_t("stop"), key="stop"):
        S.stop_solve(ss)


def _progress_names() -> dict[str, str]:
    """Names of the progress chart's lines: the objective and each source of a bound."""
    return {"objective": _t("objective"), **{s: _t(f"bound.{s}") for s in views.BOUND_SOURCES}}


def progress_chart(result) -> None:
    """The finished solve's objective and bounds over time, each bound named by its source."""
    points = [*result.history, *result.bounds]
    if len(points) > 1:
        st.caption(_t("progress"))
        st.line_chart(views.progress_frame(points, _progress_names()), height=160)


def _start(stable: bool = False) -> None:
    ss = st.session_state
    S.begin_solve(ss, float(ss["time_limit"]), int(ss["workers"]), stable=stable)


def solve_buttons() -> None:
    """Solve; with a roster on screen, re-solve from it (fewest changes) or from scratch."""
    ss = st.session_state
    if S.can_resolve_stably(ss):
        c1, c2, _ = st.columns([2, 2, 3])
        if c1.button(_t("resolve"), key="resolve", type="primary", help=_t("resolve_help")):
            _start(stable=True)
            st.rerun()
        if c2.button(_t("from_scratch"), key="solve", help=_t("from_scratch_help")):
            _start(stable=False)
            st.rerun()
    elif st.button(_t("solve"), key="solve", type="primary"):
        _start()
        st.rerun()


def page_roster(store: Store | None) -> None:
    ss = st.session_state
    S.collect(ss)
    S.collect_explain(ss)
    job = ss.get("job")
    if job is None:
        solve_buttons()
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
        if job is not None:
            return
        if result.status == "INFEASIBLE":
            st.error(_t("infeasible", s=f"{result.seconds:.1f}"))
            explain_panel()
        else:
            st.warning(_t("unknown"))
        return
    if job is None:  # while a new solve runs, only its own figures are shown
        if ss.get("stopped") and result.status != "OPTIMAL":
            st.caption(_t("stopped"))
        c1, c2, c3, c4, c5 = st.columns(5)
        c1.metric(_t("status"), _t(f"status.{result.status}"))
        c2.metric(_t("objective"), f"{result.objective:g}" if result.objective is not None else "—")
        source = result.stats.get("bound_source")
        c3.metric(_t("bound"), f"{result.bound:g}" if result.bound is not None else "—",
                  help=_t(f"bound.{source}") if source in views.BOUND_SOURCES else None)
        c4.metric(_t("elapsed"), f"{result.seconds:.1f} s")
        if ss.get("previous") is not None:
            c5.metric(_t("changed_cells"), len(ss["previous"].roster.diff(result.roster)))
        progress_chart(result)
    roster_views(result)
    pin_panel()
    diff_panel()
    check_panel(result)
    interval_panel(result)
    charts(result)
    downloads(result)


def roster_views(result) -> None:
    ss = st.session_state
    sc = ss["scenario"]
    view = _choice(st.radio, _t("view"), ["grid", "person", "day", "print"], "view",
                   format_func=lambda v, lang=_lang(): t(v, lang), horizontal=True)
    previous = ss["previous"].roster if ss.get("previous") is not None else None
    weekdays = ("一", "二", "三", "四", "五", "六", "日") if _lang() == "zh" else None
    if view == "grid":
        st.subheader(_t("grid"), anchor=False)
        people = grid_filter(sc)
        span = week_pick(sc)
        grid = views.month_grid_html(sc, result.roster, leave_mark=_t("leave_mark"), weekday_names=weekdays,
                                     previous=previous, people=people, words=_words(), days=span)
        clicked = _grid_component()(data=grid, key="grid_click", on_cell_change=lambda: None).get("cell")
        if clicked:
            staff, _, day = str(clicked).partition("|")
            if staff in sc.staff_by_id:
                ss["pin_staff"] = staff
                ss["pin_date"] = dt.date.fromisoformat(day)
        st.caption(_t("legend"))
    elif view == "person":
        who = st.selectbox(_t("staff"), [p.id for p in sc.staff], key="view_person",
                           format_func=lambda s: sc.staff_by_id[s].label)
        st.html(views.person_html(sc, result.roster, who, words=_words(), weekday_names=weekdays))
    elif view == "print":
        st.caption(_t("print_help"))
        st.html(views.print_html(sc, result.roster, words=_words(), weekday_names=weekdays,
                                 leave_mark=_t("leave_mark")))
    else:
        day = st.date_input(_t("date"), value=sc.horizon.start, min_value=sc.horizon.start,
                            max_value=sc.horizon.end, key="view_day")
        st.dataframe(_headed(views.day_view(sc, result.roster, day)), hide_index=True, width="stretch")
        cov = views.coverage(sc, result.roster)
        st.dataframe(_headed(cov[cov["date"] == day]), hide_index=True, width="stretch")


GRID_JS = """
export default function(component) {
  const { data, setTriggerValue, parentElement } = component;
  let box = parentElement.querySelector('.roster-grid-box');
  if (!box) {
    box = document.createElement('div');
    box.className = 'roster-grid-box';
    parentElement.appendChild(box);
  }
  box.innerHTML = data;
  box.querySelectorAll('td[data-staff]').forEach((td) => {
    td.style.cursor = 'pointer';
    td.onclick = () => setTriggerValue('cell', td.dataset.staff + '|' + td.dataset.date);
  });
}
"""
_GRID: list = []


def _grid_component():
    """The month grid as a component whose cells report a click (person and date) to the page."""
    if not _GRID:
        _GRID.append(st.components.v2.component("roster_month_grid", js=GRID_JS, isolate_styles=False))
    return _GRID[0]


def _words() -> dict[str, str]:
    """The grid's own words in the page's language."""
    return {k: _t(f"w.{k}") for k in views.WORDS}


def week_pick(sc) -> tuple[dt.date, dt.date] | None:
    """The whole month, or one week of it."""
    weeks = views.weeks(sc)
    if len(weeks) < 2:
        return None
    choice = st.selectbox(_t("week"), [None, *weeks], key="grid_week",
                          format_func=lambda w, whole=_t("whole_month"): whole if w is None else f"{w[0]} .. {w[1]}")
    return choice


def grid_filter(sc) -> list[str] | None:
    """Role, team and name filters, and pages of ``GRID_PAGE`` people for large centres."""
    if len(sc.staff) <= views.GRID_PAGE:
        return None
    c1, c4, c2, c3 = st.columns([2, 2, 3, 1])
    roles = [r.id for r in sc.roles]
    role = c1.selectbox(_t("role"), [""] + roles, key="grid_role",
                        format_func=lambda r: sc.role_by_id[r].label if r else _t("all"))
    teams = sorted({p.team for p in sc.staff if p.team})
    team = c4.selectbox(_t("team"), [""] + teams, key="grid_team", format_func=lambda x: x or _t("all"))
    text = c2.text_input(_t("find"), key="grid_find", placeholder=_t("find_help"))
    people = views.filter_staff(sc, role=role or None, text=text, team=team or None)
    pages = max(1, -(-len(people) // views.GRID_PAGE))
    page = c3.number_input(_t("grid_page", n=pages), min_value=1, max_value=pages, value=1, key="grid_page")
    st.caption(_t("grid_count", shown=min(views.GRID_PAGE, len(people)), n=len(people)))
    first = (int(page) - 1) * views.GRID_PAGE
    return people[first:first + views.GRID_PAGE]


def pin_panel() -> None:
    ss = st.session_state
    sc = ss["scenario"]
    st.subheader(_t("pin"), anchor=False)
    c1, c2, c3, c4, c5 = st.columns([3, 2, 2, 1, 1], vertical_alignment="bottom")
    st.caption(_t("pin_help"))
    if ss.get("pin_staff") not in sc.staff_by_id:
        ss["pin_staff"] = sc.staff[0].id
    if not isinstance(ss.get("pin_date"), dt.date) or not sc.horizon.start <= ss["pin_date"] <= sc.horizon.end:
        ss["pin_date"] = sc.horizon.start
    staff = c1.selectbox(_t("staff"), [p.id for p in sc.staff], key="pin_staff",
                         format_func=lambda s: sc.staff_by_id[s].label)
    day = c2.date_input(_t("date"), min_value=sc.horizon.start, max_value=sc.horizon.end, key="pin_date")
    shift = _choice(c3.selectbox, _t("shift"), [s.id for s in sc.shifts] + [""], "pin_shift",
                    format_func=lambda s, off=_t("off"): f"{s} {sc.shift_by_id[s].label}" if s else off)
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
    reason = views.why_not_cell(sc, staff, day, shift or None)
    if reason:
        st.warning(_t("cannot_take", reason=reason))
    result = ss.get("result")
    now = result.roster.cell(staff, day) if result is not None else None
    pin = next((f for f in sc.fixed if f.staff == staff and f.date == day), None)
    state = (_t("pinned_to", shift=pin.shift or _t("off")) if pin is not None else "")
    blocked = [f"{s.id}: {why}" for s in sc.shifts if (why := views.why_not_cell(sc, staff, day, s.id))]
    st.markdown(_t("cell_card", who=sc.staff_by_id[staff].label, date=day, shift=now or _t("off"), pin=state)
                + ("  \n" + _t("cannot_list", items="; ".join(blocked)) if blocked else ""))
    if ss.get("notice") and ss["notice"][0] == "pinned":
        st.success(_t("pinned", **ss["notice"][1]))
        ss["notice"] = None


def diff_panel() -> None:
    ss = st.session_state
    if ss.get("previous") is None or ss.get("result") is None:
        return
    st.subheader(_t("changes"), anchor=False)
    frame = views.diff_frame(ss["scenario"], ss["previous"].roster, ss["result"].roster)
    if frame.empty:
        st.caption(_t("no_changes"))
    else:
        st.dataframe(_headed(frame), hide_index=True, width="stretch", key="diff")


def check_panel(result) -> None:
    ss = st.session_state
    cached = ss.get("report_cache")
    if cached is not None and cached[0] is result and cached[1] is ss["scenario"]:
        report = cached[2]
    else:  # once per roster and scenario, not on every rerun
        report = validate(ss["scenario"], result.roster)
        ss["report_cache"] = (result, ss["scenario"], report)
    with st.expander(_t("violations")):
        if report.hard:
            st.error(_t("hard_broken", n=len(report.hard)))
        else:
            st.success(_t("hard_ok", cost=report.cost))
        zh = _lang() == "zh"
        rows = [{_t("rule"): rule_name(v.rule, _lang()), _t("hard"): v.hard, _t("cost"): v.cost, _t("text"): v.zh if zh and v.zh else v.text}
                for v in report.violations]
        if rows:
            st.dataframe(rows, hide_index=True, width="stretch")


def _interval_figures(sc, result) -> list:
    """The interval figures of the roster shown (kept while the roster stays the same)."""
    ss = st.session_state
    key = (id(sc), id(result.roster))
    if ss.get("interval_figures_key") != key:
        ss["interval_figures"] = interval_figures(sc, result.roster)
        ss["interval_figures_key"] = key
    return ss["interval_figures"]


def interval_panel(result) -> None:
    """Per-interval demand: a day's demand curve against the people on the floor, and its service level."""
    ss = st.session_state
    sc = ss["scenario"]
    if not sc.interval_lines:
        return
    figures = _interval_figures(sc, result)
    if not figures:
        return
    st.subheader(_t("intervals"), anchor=False, help=_t("interval_help"))
    lines = [i for i, _ in sc.interval_lines if any(f.line == i for f in figures)]
    c1, c2 = st.columns([1, 2])
    role = {i: sc.demand[i].role or "all" for i in lines}
    line = c2.radio(_t("interval_line"), lines, format_func=lambda i: sc.role_by_id[role[i]].label
                    if role[i] in sc.role_by_id else role[i], horizontal=True, key="interval_line") \
        if len(lines) > 1 else lines[0]
    dates = sorted({f.date for f in figures if f.line == line})
    day = c1.selectbox(_t("interval_day"), dates, key="interval_day",
                       format_func=lambda d: f"{d} {('一二三四五六日' if _lang() == 'zh' else 'MTWTFSS')[d.weekday()]}")
    rows = [f for f in figures if f.line == line and f.date == day]
    (summary,) = day_figures(sc, rows)
    m1, m2, m3 = st.columns(3)
    m1.metric(_t("day_sl"), percent(summary.service_level),
              help=_t("day_target", target=f"{summary.target:.0%}") if summary.target is not None else None)
    m2.metric(_t("intervals_short"), f"{summary.short_intervals} / {summary.intervals}")
    m3.metric(_t("worst_interval"), worst_text(summary) or "—")
    who = sc.role_by_id[role[line]].label if role[line] in sc.role_by_id else role[line]
    names = {k: _t(f"interval_{k}") for k in ("needed", "staffed", "sl", "time", "people")}
    title = _t("interval_chart", role=who, date=day, sl=percent(summary.service_level))
    st.plotly_chart(views.interval_chart(rows, title, names), width="stretch", key="chart_intervals")


def charts(result) -> None:
    ss = st.session_state
    sc = ss["scenario"]
    with st.expander(_t("charts")):
        st.plotly_chart(views.coverage_heatmap(sc, views.coverage(sc, result.roster), _t("coverage")),
                        width="stretch", key="chart_coverage")
        frame = views.hours_frame(sc, result.roster)
        names = {c: _t(f"w.{c}") for c in ("nights", "weekends", "holidays", "hours", "contract")}
        st.plotly_chart(views.fairness_bars(frame, _t("fairness"), names), width="stretch", key="chart_fair")
        st.plotly_chart(views.hours_bars(frame, _t("hours"), names), width="stretch", key="chart_hours")
        shares = fair_shares(sc, result.roster)
        if len(shares):
            st.markdown(_t("fair_shares"))
            shares["kind"] = [names.get(k, k) for k in shares["kind"]]
            st.dataframe(shares.rename(columns={c: _t(f"fs.{c}") for c in shares.columns}), hide_index=True,
                         width="stretch")


def downloads(result) -> None:
    """A button per export format; each file is made when its button is pressed (at 1,000 staff
    making all seven takes half a minute)."""
    ss = st.session_state
    st.subheader(_t("downloads"), anchor=False)
    found = formats()
    cols = st.columns(len(found))
    scenario = ss["scenario"]
    for col, fmt in zip(cols, found, strict=True):
        col.download_button(fmt.filename, _deferred(scenario, result, fmt.key), file_name=fmt.filename,
                            mime=fmt.mime, key=f"dl_{fmt.key}")


def _deferred(scenario, result, key: str):
    def make() -> bytes:
        try:
            return export_bytes(scenario, result, key)
        except (ScenarioError, ValueError) as exc:  # the file says why it could not be made
            return f"{key}: {exc}\n".encode()

    return make


@st.fragment(run_every=1.0)
def explain_progress() -> None:
    job = st.session_state.get("explain_job")
    if job is None:
        return
    if job.done:
        st.rerun()
    st.info(_t("explaining", s=f"{job.elapsed:.0f}", limit=f"{job.time_limit:.0f}"))
    if st.button(_t("stop"), key="explain_stop"):
        job.stop.set()


def explain_panel() -> None:
    """Why no roster exists: what the scenario shows at once, then the conflicting rules (looked for in
    the background, as long as the planner wants)."""

    ss = st.session_state
    quick = infeasible_reasons(ss["scenario"], lang=_lang())
    if quick:
        st.markdown(_t("seen_at_once"))
        for line in quick:
            st.markdown(f"- {line}")
    if not S.explain_available():
        st.info(_t("no_explain"))
        return
    exp = ss.get("explanation")
    if ss.get("explain_job") is not None:
        explain_progress()
        return
    last = ss.get("explain_time")
    limit = max(10.0, float(ss["time_limit"])) if last is None else 2 * last
    label = _t("explain") if exp is None else _t("explain_again", s=f"{limit:.0f}")
    if st.button(label, key="explain"):
        S.begin_explain(ss, _lang(), limit, int(ss["workers"]))
        st.rerun()
    if exp is None:
        return
    if getattr(exp, "status", "") == "UNKNOWN":  # the solve proved it; the rules were not found in time
        st.warning(_t("explain_unknown", s=f"{last or 0:.0f}"))
        return
    if exp.feasible:
        st.info(_t("explain_feasible"))
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
            _start()
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
    st.dataframe(_headed(summary), hide_index=True, width="stretch")
    st.caption(_t("changed_sections") + ": " + (", ".join(changed) if changed else "—"))
    if cells is not None:
        st.dataframe(_headed(cells), hide_index=True, width="stretch")
    if not S.compare_available():
        st.info(_t("no_compare"))
        return
    job = ss.get("compare_job")
    if job is not None and job.done:  # take the figures when both solves have ended
        ss["compare_error"], ss["comparison"] = job.error, job.value
        ss["compare_job"] = job = None
    if job is None:
        if st.button(_t("compare"), key="compare", type="primary"):
            task = TaskJob(compare, (store.load_scenario(a.id), store.load_scenario(b.id)),
                           {"time_limit": float(ss["time_limit"]), "workers": int(ss["workers"])}, passes_stop=True)
            ss["compare_job"] = task.start()
            ss["comparison"] = ss["compare_error"] = None
            st.rerun()
    else:
        compare_progress()
    if ss.get("compare_error"):
        st.error(_t("solve_error", error=ss["compare_error"]))
    if ss.get("comparison") is not None:
        st.dataframe(ss["comparison"], width="stretch")


@st.fragment(run_every=1.0)
def compare_progress() -> None:
    ss = st.session_state
    job = ss.get("compare_job")
    if job is None:
        return
    if job.done:
        st.rerun()
    st.info(_t("comparing", s=f"{job.elapsed:.0f}", limit=f"{2 * float(ss['time_limit']):.0f}"))
    if st.button(_t("stop"), key="compare_stop"):
        job.stop.set()


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
    S.init(ss)
    if "time_limit" not in ss:
        ss["time_limit"] = _number(_recalled("t"), _number(os.environ.get("ROSTER_TIME_LIMIT"), 30.0))
    ss.setdefault("workers", max(1, min(64, int(os.environ.get("ROSTER_WORKERS", os.cpu_count() or 1)))))
    if "page" not in ss and _recalled("page") in PAGES:
        ss["page"] = _recalled("page")
    store = _store()
    page = sidebar(store)
    notice = ss.get("notice")
    if notice and notice[0] in ("opened", "saved_ok", "staff_merged"):
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

