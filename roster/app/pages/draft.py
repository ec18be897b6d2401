"""Work that survives a reload: the draft id in the page address, the draft saved after each change
and brought back on a reload, and the browser's warning before unsaved changes are left."""

from __future__ import annotations

import streamlit as st

from roster.io.load import dump_scenario
from roster.io.store import Store, yaml_hash

from .. import drafts
from .. import state as S
from .common import recalled, remember


def restore(ss, store: Store) -> None:
    """On a fresh session whose address names a draft, bring the draft back (once)."""
    if ss.get("draft_checked"):
        return
    ss["draft_checked"] = True
    draft_id = recalled("draft")
    if not draft_id or ss.get("scenario") is not None:
        return
    draft = drafts.load(store.path, draft_id)
    if draft is None:
        return
    version = None
    if draft.version_id is not None:
        try:
            version = store.version_by_id(draft.version_id)
        except Exception:  # the version is gone: the draft stands as unsaved work
            version = None
    S.open_scenario(ss, draft.scenario, draft.source, version)
    if version is not None and yaml_hash(dump_scenario(draft.scenario)) != version.hash:
        ss["version"] = None
    if draft.roster is not None and len(draft.roster):
        ss["result"] = S.saved_result(draft.roster, draft.status or "FEASIBLE")
    ss["draft_id"] = draft_id
    ss["draft_key"] = _key(ss)
    ss["notice"] = ("restored", {"name": draft.scenario.name,
                                 "when": draft.updated[:16].replace("T", " ")})


def _key(ss) -> tuple:
    result = ss.get("result")
    version = ss.get("version")
    return (id(ss.get("scenario")), id(result.roster) if result is not None else None,
            version.id if version is not None else None)


def autosave(ss, store: Store) -> None:
    """Save the draft when the scenario, the roster on screen or the saved version changed."""
    if ss.get("scenario") is None:
        return
    if not ss.get("draft_id"):
        ss["draft_id"] = drafts.new_id()
    remember("draft", ss["draft_id"])
    key = _key(ss)
    if ss.get("draft_key") == key:
        return
    result = ss.get("result")
    roster = result.roster if result is not None and result.feasible else None
    version = ss.get("version")
    try:
        drafts.save(store.path, ss["draft_id"], ss["scenario"], ss.get("source") or "", roster,
                    result.status if roster is not None else None,
                    version.id if version is not None else None)
    except Exception as exc:  # a full disk or a locked file: say so, keep working
        st.sidebar.warning(f"draft: {exc}")
        return
    ss["draft_key"] = key


GUARD_JS = """
export default function(component) {
  const { data } = component;
  window.__rosterUnsaved = Boolean(data);
  if (!window.__rosterGuard) {
    window.__rosterGuard = (e) => {
      if (window.__rosterUnsaved) { e.preventDefault(); e.returnValue = ''; }
    };
    window.addEventListener('beforeunload', window.__rosterGuard);
  }
}
"""
_GUARD: list = []


def unsaved_guard(unsaved: bool) -> None:
    """The browser asks before the page is left or reloaded while there are unsaved changes (the
    draft keeps them all the same)."""
    if not _GUARD:
        _GUARD.append(st.components.v2.component("roster_unsaved_guard", js=GUARD_JS,
                                                 isolate_styles=False))
    _GUARD[0](data=unsaved, key="unsaved_guard")
