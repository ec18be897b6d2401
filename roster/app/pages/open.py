"""The Open page: bundled scenarios, upload, the staff list and the saved scenarios."""

from __future__ import annotations

import tempfile
from pathlib import Path

import streamlit as st

from roster.io.load import read_yaml
from roster.io.staff_import import template_xlsx
from roster.io.store import Store
from roster.model.parse import ScenarioError

from .. import state as S
from .common import has_module, lang, plain, show_error, tr


@st.cache_data(show_spinner=False)
def _scenario_name(path: str, mtime: float) -> str:
    """A bundled scenario's own name (its file name when it has none)."""

    try:
        data = read_yaml(Path(path).read_text(encoding="utf-8"))
        return str(data.get("name") or Path(path).stem)
    except Exception:
        return Path(path).stem


UPLOADER_CSS = """<style>
[data-testid="stFileUploaderDropzoneInstructions"] { display: none; }
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p {
  display: none; }
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"]::after {
  content: "上传"; }
</style>"""
"""In 中文, Streamlit's own words on the file uploader (its button and its size line; it has no
option for them) give way to ours: the button reads 上传 and a caption says the rest."""


def uploader_words(types: str) -> None:
    """Under a file uploader in 中文: what to do and what it takes, in our words."""
    if lang() != "zh":
        return
    st.html(UPLOADER_CSS)
    st.caption(tr("upload_zone", types=types))


def page_open(store: Store | None) -> None:
    ss = st.session_state
    if ss.get("scenario") is None:
        st.markdown(tr("welcome"))
    if ss.get("scenario") is not None and S.unsaved(ss):
        st.warning(tr("replace_unsaved"))
    files = S.bundled_scenarios()
    if files:
        col1, col2 = st.columns([4, 1], vertical_alignment="bottom")
        pick = col1.selectbox(tr("bundled"), files, key="bundled_pick",
                              format_func=lambda p:
                                  f"{_scenario_name(str(p), p.stat().st_mtime)}  ({p.stem})")
        if col2.button(tr("open"), key="open_bundled", type="primary"):
            try:
                S.open_file(ss, pick)
                ss["notice"] = ("opened", {"name": ss["scenario"].name})
                st.rerun()
            except ScenarioError as exc:
                show_error(exc)
    upload = st.file_uploader(tr("upload"), type=["yaml", "yml", "json"], key="upload",
                              help=tr("upload_help"))
    uploader_words("YAML, JSON")
    if upload is not None and ss.get("upload_id") != upload.file_id:
        ss["upload_id"] = upload.file_id
        try:
            S.open_text(ss, upload.getvalue().decode("utf-8", errors="replace"), upload.name)
            ss["notice"] = ("opened", {"name": ss["scenario"].name})
            st.rerun()
        except ScenarioError as exc:
            show_error(exc)
    if ss.get("scenario") is not None and has_module("roster.io.people"):
        staff_import()
    st.subheader(tr("saved"), anchor=False)
    if store is None:
        return
    names = store.names()
    if not names:
        st.caption(tr("store_empty"))
    else:
        col1, col2, col3 = st.columns([3, 2, 1], vertical_alignment="bottom")
        name = col1.selectbox(tr("saved"), names, key="saved_name", label_visibility="collapsed")
        versions = store.versions(name)
        version = col2.selectbox(tr("version"), versions, key="saved_version",
                                 label_visibility="collapsed",
                                 format_func=lambda v:
                                     f"v{v.number}  {v.created[:16]}  {v.note}".strip())
        if col3.button(tr("continue"), key="continue"):
            try:
                S.open_saved(ss, store, version)
                ss["notice"] = ("opened", {"name": version.label})
                st.rerun()
            except ScenarioError as exc:
                show_error(exc)


def staff_import() -> None:
    """Upload a staff list, see what it would change, then merge it (nobody dropped unless
    ticked)."""

    ss = st.session_state
    st.subheader(tr("staff_list"), anchor=False)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "staff.xlsx"
        template_xlsx(ss["scenario"], path)
        st.download_button(tr("template"), path.read_bytes(), file_name="staff.xlsx",
                           key="staff_template",
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    staff_file = st.file_uploader(tr("upload_staff"), type=["xlsx", "csv"], key="upload_staff",
                                  help=tr("upload_staff_help"))
    uploader_words("Excel, CSV")
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
        show_error(ss["staff_error"])
    merge = ss.get("merge")
    if merge is None:
        return
    sc = ss["scenario"]
    st.info(tr("staff_preview", rows=merge.rows, added=len(merge.added), changed=len(merge.changed),
               missing=len(merge.missing)))
    if merge.added:
        names = {p["id"]: f'{p["id"]} {p.get("name", "")}'.strip() for p in merge.merged}
        st.caption(tr("staff_added") + ": " + ", ".join(names[i] for i in merge.added))
    if merge.changed:
        st.dataframe([{tr("staff"): c.staff, tr("field"): c.field, tr("before"): plain(c.before),
                       tr("after"): plain(c.after)} for c in merge.changed],
                     hide_index=True, width="stretch", key="staff_changes")
    drop = False
    if merge.missing:
        names = ", ".join(sc.staff_by_id[s].label if s in sc.staff_by_id else s
                          for s in merge.missing[:20])
        names += " …" if len(merge.missing) > 20 else ""
        st.warning(tr("staff_missing", n=len(merge.missing), names=names))
        drop = st.checkbox(tr("staff_drop", n=len(merge.missing)), key="staff_drop")
    c1, c2 = st.columns(2)
    if c1.button(tr("staff_apply"), key="staff_apply", type="primary",
                 disabled=merge.empty and not drop):
        n = S.apply_staff(ss, drop_missing=drop)
        ss["notice"] = ("staff_merged", {"n": n, "added": len(merge.added),
                                         "changed": len(merge.changed),
                                         "dropped": len(merge.missing) if drop else 0})
        st.rerun()
    if c2.button(tr("staff_cancel"), key="staff_cancel"):
        ss["merge"] = None
        st.rerun()
