"""The Edit page: one table per scenario section, and the other settings as YAML."""

from __future__ import annotations

import streamlit as st

from roster.model.parse import ScenarioError

from .. import state as S
from .. import tables
from ..holiday_names import named_holidays
from ..i18n import header
from .common import lang, show_error, tr


def page_edit() -> None:
    ss = st.session_state
    st.caption(tr("edit_help"))
    names = [*tables.SECTIONS, "other"]
    labels = [tr(f"section.{s}") for s in tables.SECTIONS] + [tr("other")]
    # the open tab is kept as a section, so a language switch keeps it open
    current = ss.get("edit_tab") if ss.get("edit_tab") in names else names[0]
    key = f"edit_tab.{lang()}"
    if ss.get(key) not in labels:  # a new tabs widget (another language, or back from another page)
        ss[key] = labels[names.index(current)]
    tabs = st.tabs(labels, key=key, on_change="rerun")
    ss["edit_tab"] = next((n for n, tab in zip(names, tabs, strict=True) if tab.open), current)
    for tab, section in zip(tabs, tables.SECTIONS, strict=False):
        with tab:
            key, frame = S.editor_table(ss, section, lang())
            fixed_rows = section in ("rules", "fairness")
            order = None
            if fixed_rows:  # each rule by its name in the page's language; its id stays in the data
                ident, value = ("rule", "value") if section == "rules" else ("measure", "weight")
                frame = frame.assign(label=[_rule_label(str(k)) for k in frame[ident]])
                order = ["label", value]
            config = {c: st.column_config.Column(header(c, lang())[0],
                                                 help=header(c, lang())[1] or None)
                      for c in frame.columns}
            if fixed_rows:
                config["label"] = st.column_config.Column(tr("rule"))
            edited = st.data_editor(frame, key=key, hide_index=True, column_order=order,
                                    num_rows="fixed" if fixed_rows else "dynamic", width="stretch",
                                    disabled=["rule", "measure", "label"] if fixed_rows else False,
                                    column_config=config)
            before = ss["data"]
            err = S.edited_table(ss, section, edited)
            if err is not None:
                show_error(err, edited)
                _mark_cell(edited, err)
            elif ss["data"] is not before:
                # the sidebar and the other pages follow; this table keeps its key and place
                st.rerun()
    with tabs[-1]:
        import yaml

        _holiday_by_name()

        text = yaml.safe_dump(tables.other_fields(ss["data"]), allow_unicode=True, sort_keys=False)
        new = st.text_area(tr("other"), text, height=240, key=f"other_{ss['gen']}")
        if st.button(tr("apply"), key="apply_other"):
            if S.apply_other(ss, new) is None:
                ss["gen"] += 1
                st.rerun()
        if "other" in ss["errors"]:
            show_error(ss["errors"]["other"])


def _holiday_by_name() -> None:
    """A Chinese statutory holiday picked by name adds its days in the horizon as holidays."""
    ss = st.session_state
    notice = ss.pop("holiday_notice", None)
    if notice:
        st.success(tr("holiday_added", **notice))
    found = named_holidays(ss["scenario"])
    if not found:
        st.caption(tr("holiday_none"))
        return
    by_key = {h.key: h for h in found}
    c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
    key = c1.selectbox(tr("holiday_by_name"), list(by_key), key=f"holiday_name.{lang()}",
                       format_func=lambda k: by_key[k].label(lang()),
                       help=tr("holiday_by_name_help"))
    if c2.button(tr("holiday_add"), key="holiday_add") and key in by_key:
        holiday = by_key[key]
        try:
            n = S.add_named_holiday(ss, key)
        except ScenarioError as exc:
            show_error(exc)
            return
        ss["holiday_notice"] = {"name": holiday.label(lang()).split(" (")[0], "n": n}
        st.rerun()


def _rule_label(rule: str) -> str:
    """A rule or fairness measure as the planners call it (its header, else the grid's word)."""
    text, _ = header(rule, lang())
    if text != rule:
        return text
    word = tr(f"w.{rule}")
    return word if word != f"w.{rule}" else rule


def _mark_cell(frame, err: ScenarioError) -> None:
    """Show the row with the bad value, the cell itself in red."""
    cell = tables.locate(err, frame)
    if (cell is None or cell.row is None or cell.column not in frame.columns
            or cell.row >= len(frame)):
        return
    row = frame.iloc[[cell.row]].astype(str).rename(columns=lambda c: header(str(c), lang())[0])
    column = header(cell.column, lang())[0]
    st.dataframe(row.style.map(lambda _: "background-color:#f8d0d0;font-weight:600",
                               subset=[column]),
                 hide_index=True, width="stretch")
