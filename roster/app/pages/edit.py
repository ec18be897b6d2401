"""The Edit page: one table per scenario section, and the other settings as YAML."""

from __future__ import annotations

import streamlit as st

from roster.model.parse import ScenarioError

from .. import state as S
from .. import tables
from ..i18n import header
from .common import lang, show_error, tr


def page_edit() -> None:
    ss = st.session_state
    st.caption(tr("edit_help"))
    names = [*tables.SECTIONS, "other"]
    labels = [tr(f"section.{s}") for s in tables.SECTIONS] + [tr("other")]
    # the open tab is kept as a section, so a language switch keeps it open
    current = ss.get("edit_tab") if ss.get("edit_tab") in names else names[0]
    tabs = st.tabs(labels, key=f"edit_tab.{lang()}", default=labels[names.index(current)], on_change="rerun")
    ss["edit_tab"] = next((n for n, tab in zip(names, tabs, strict=True) if tab.open), current)
    for tab, section in zip(tabs, tables.SECTIONS, strict=False):
        with tab:
            key, frame = S.editor_table(ss, section, lang())
            fixed_rows = section in ("rules", "fairness")
            config = {c: st.column_config.Column(header(c, lang())[0], help=header(c, lang())[1] or None)
                      for c in frame.columns}
            edited = st.data_editor(frame, key=key, hide_index=True,
                                    num_rows="fixed" if fixed_rows else "dynamic", width="stretch",
                                    disabled=["rule", "measure"] if fixed_rows else False, column_config=config)
            before = ss["data"]
            err = S.edited_table(ss, section, edited)
            if err is not None:
                show_error(err, edited)
                _mark_cell(edited, err)
            elif ss["data"] is not before:
                st.rerun()  # the sidebar and the other pages follow; this table keeps its key and place
    with tabs[-1]:
        import yaml

        text = yaml.safe_dump(tables.other_fields(ss["data"]), allow_unicode=True, sort_keys=False)
        new = st.text_area(tr("other"), text, height=240, key=f"other_{ss['gen']}")
        if st.button(tr("apply"), key="apply_other"):
            if S.apply_other(ss, new) is None:
                ss["gen"] += 1
                st.rerun()
        if "other" in ss["errors"]:
            show_error(ss["errors"]["other"])


def _mark_cell(frame, err: ScenarioError) -> None:
    """Show the row with the bad value, the cell itself in red."""
    cell = tables.locate(err, frame)
    if cell is None or cell.row is None or cell.column not in frame.columns or cell.row >= len(frame):
        return
    row = frame.iloc[[cell.row]].astype(str).rename(columns=lambda c: header(str(c), lang())[0])
    column = header(cell.column, lang())[0]
    st.dataframe(row.style.map(lambda _: "background-color:#f8d0d0;font-weight:600", subset=[column]),
                 hide_index=True, width="stretch")
