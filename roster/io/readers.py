"""Read a roster from any format the project knows, chosen by suffix and content.

``.csv``: the roster CSV or the long attendance CSV; ``.xlsx``/``.xlsm``: the month grid (a
``staff_id`` header) or a DingTalk-style / WeCom-style template (a ``姓名`` header); ``.ics``:
the iCalendar export; ``.json``: the result JSON.
"""

from __future__ import annotations

from pathlib import Path

from roster.io.cells import planned_only
from roster.io.grid import is_grid, read_grid
from roster.io.ical import read_ical
from roster.io.result_json import read_result_json
from roster.io.templates import is_template, read_template
from roster.model.parse import ScenarioError
from roster.model.roster import Roster
from roster.model.seating import seat_roles

from .roster_csv import read_roster_csv

KNOWN = ".csv, .xlsx (month grid or DingTalk/WeCom template), .ics, .json"


def read_any(path: str | Path, scenario=None, mapping=None) -> Roster:
    """A roster from ``path``; ``mapping`` (a ShiftMapping) reads attendance templates.

    With a scenario, shifts read without a seat role (grids, templates) get one (``seat_roles``)
    and leave days that are the scenario's own leave are dropped (the roster keeps planned leave).
    """
    roster = _read(Path(path), scenario, mapping)
    if scenario is None:
        return roster
    return planned_only(scenario, seat_roles(scenario, roster))


def _read(path: Path, scenario, mapping) -> Roster:
    suffix = path.suffix.lower()
    if not path.exists():
        raise ScenarioError(str(path), "", None, "file not found")
    if path.is_dir():
        raise ScenarioError(str(path), "", None, "is a folder, not a roster file",
                            hint=f"readable formats: {KNOWN}")
    if suffix == ".csv":
        return read_roster_csv(path)
    if suffix in (".xlsx", ".xlsm"):
        if is_grid(path):
            return read_grid(path, scenario)
        if is_template(path):
            return read_template(path, scenario, mapping)
        raise ScenarioError(str(path), "", None, "neither a month grid nor an attendance template",
                            hint="the grid has a staff_id header row; a template has 姓名 and "
                                 "工号/账号 columns")
    if suffix == ".ics":
        return read_ical(path)
    if suffix == ".json":
        return read_result_json(path)
    raise ScenarioError(str(path), "", None,
                        f"cannot read a roster from a {suffix or 'suffix-less'} file",
                        hint=f"readable formats: {KNOWN}")
