"""A download button per export format."""

from __future__ import annotations

from functools import partial

import streamlit as st

from ..downloads import Exports, formats
from .common import tr


def exports(scenario, result) -> Exports:
    """The export files of the roster on screen, kept in the session until the scenario or the
    roster changes."""
    ss = st.session_state
    files = ss.get("exports")
    if not isinstance(files, Exports) or not files.is_for(scenario, result):
        files = ss["exports"] = Exports(scenario, result)
    return files


def downloads(result) -> None:
    """A button per export format. A file is made on its first download, in the thread that
    serves it (not in the page's run), and kept for the roster: from the next run on the button
    holds its bytes. A download does not rerun the page."""
    st.subheader(tr("downloads"), anchor=False)
    files = exports(st.session_state["scenario"], result)
    found = formats()
    cols = st.columns(len(found))
    for col, fmt in zip(cols, found, strict=True):
        data = files.ready(fmt.key)
        col.download_button(fmt.filename, data if data is not None else partial(files.get, fmt.key),
                            file_name=fmt.filename, mime=fmt.mime, key=f"dl_{fmt.key}",
                            on_click="ignore")
