"""The roster views: month grid (clickable), per person, per day and print."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from .. import views
from ..i18n import t
from .common import choice, headed, lang, tr


def roster_views(result) -> None:
    ss = st.session_state
    sc = ss["scenario"]
    view = choice(st.radio, tr("view"), ["grid", "person", "day", "print"], "view",
                   format_func=lambda v, lang=lang(): t(v, lang), horizontal=True)
    previous = ss["previous"].roster if ss.get("previous") is not None else None
    weekdays = ("一", "二", "三", "四", "五", "六", "日") if lang() == "zh" else None
    if view == "grid":
        st.subheader(tr("grid"), anchor=False)
        people = grid_filter(sc)
        span = week_pick(sc)
        grid = views.month_grid_html(sc, result.roster, leave_mark=tr("leave_mark"),
                                     weekday_names=weekdays, previous=previous, people=people,
                                     words=words(), days=span)
        clicked = _grid_component()(data=grid, key="grid_click",
                                    on_cell_change=lambda: None).get("cell")
        if clicked:
            staff, _, day = str(clicked).partition("|")
            if staff in sc.staff_by_id:
                ss["pin_staff"] = staff
                ss["pin_date"] = dt.date.fromisoformat(day)
                # the pin panel starts from the cell's own value (its shift, or off)
                ss["pin_shift.set"] = result.roster.cell(staff, ss["pin_date"]) or ""
        st.caption(tr("legend"))
        legend = views.grid_legend_html(sc, words=words())
        if legend:  # rotations: the corner of a cell off its pattern; teams: their colours
            st.html(legend)
        if sc.posts:  # posts by their short codes in the cells
            codes = views.post_codes(sc)
            st.caption(" · ".join(f"/{codes[p.id]} {p.name or p.id}" for p in sc.posts))
    elif view == "person":
        who = st.selectbox(tr("staff"), [p.id for p in sc.staff], key="view_person",
                           format_func=lambda s: sc.staff_by_id[s].label)
        st.html(views.person_html(sc, result.roster, who, words=words(), weekday_names=weekdays))
    elif view == "print":
        st.caption(tr("print_help"))
        c1, c2, _ = st.columns([1, 1, 3])
        pins = c1.checkbox(tr("print_pins"), value=True, key="print_pins")
        overtime = c2.checkbox(tr("print_overtime"), value=True, key="print_overtime")
        st.html(views.print_html(sc, result.roster, words=words(), weekday_names=weekdays,
                                 leave_mark=tr("leave_mark"), pins_shown=pins,
                                 overtime_shown=overtime))
    else:
        day = st.date_input(tr("date"), value=sc.horizon.start, min_value=sc.horizon.start,
                            max_value=sc.horizon.end, key="view_day")
        st.dataframe(headed(views.day_view(sc, result.roster, day)), hide_index=True,
                     width="stretch")
        cov = views.coverage(sc, result.roster)
        # the seats the scenario sets
        cov = cov[(cov["date"] == day) & ((cov["min"] > 0) | cov["max"].notna())]
        if len(cov):
            st.dataframe(headed(cov), hide_index=True, width="stretch")
        # people per interval, not per seat: the interval panel below counts them
        if sc.interval_lines:
            st.caption(tr("day_intervals_note"))
        for w in views.all_on_break(sc, result.roster):
            if w["date"] == day:
                st.warning(tr("all_on_break", **w))


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
    """The month grid as a component whose cells report a click (person and date) to the
    page."""
    if not _GRID:
        _GRID.append(st.components.v2.component("roster_month_grid", js=GRID_JS,
                                                isolate_styles=False))
    return _GRID[0]


def words() -> dict[str, str]:
    """The grid's own words in the page's language."""
    return {k: tr(f"w.{k}") for k in views.WORDS}


def week_pick(sc) -> tuple[dt.date, dt.date] | None:
    """The whole month, or one week of it."""
    weeks = views.weeks(sc)
    if len(weeks) < 2:
        return None
    return choice(st.selectbox, tr("week"), [None, *weeks], "grid_week",
                  format_func=lambda w, whole=tr("whole_month"):
                      whole if w is None else f"{w[0]} .. {w[1]}")


def grid_filter(sc) -> list[str] | None:
    """Role, team and name filters, and pages of ``GRID_PAGE`` people for large centres; a team
    filter alone for smaller ones with teams."""
    teams = list(views.team_colours(sc))  # in the scenario's order
    if len(sc.staff) <= views.GRID_PAGE:
        if not teams:
            return None
        c1, _ = st.columns([2, 7])
        team = c1.selectbox(tr("team"), [""] + teams, key="grid_team",
                            format_func=lambda x: x or tr("all"))
        return views.filter_staff(sc, team=team) if team else None
    c1, c4, c2, c3 = st.columns([2, 2, 3, 1])
    roles = [r.id for r in sc.roles]
    role = c1.selectbox(tr("role"), [""] + roles, key="grid_role",
                        format_func=lambda r: sc.role_by_id[r].label if r else tr("all"))
    team = c4.selectbox(tr("team"), [""] + teams, key="grid_team",
                        format_func=lambda x: x or tr("all"))
    text = c2.text_input(tr("find"), key="grid_find", placeholder=tr("find_help"))
    people = views.filter_staff(sc, role=role or None, text=text, team=team or None)
    pages = max(1, -(-len(people) // views.GRID_PAGE))
    page = c3.number_input(tr("grid_page", n=pages), min_value=1, max_value=pages, value=1,
                           key="grid_page")
    st.caption(tr("grid_count", shown=min(views.GRID_PAGE, len(people)), n=len(people)))
    first = (int(page) - 1) * views.GRID_PAGE
    return people[first:first + views.GRID_PAGE]
