"""A download button per export format."""

from __future__ import annotations

import streamlit as st

from roster.model.parse import ScenarioError

from ..downloads import export_bytes, formats
from .common import tr


def downloads(result) -> None:
    """A button per export format; each file is made when its button is pressed (at 1,000 staff
    making all seven takes half a minute)."""
    ss = st.session_state
    st.subheader(tr("downloads"), anchor=False)
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
