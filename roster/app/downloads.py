"""The roster as bytes in each export format the library offers (for download buttons)."""

from __future__ import annotations

import json
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from roster.io.grid import write_month_grid
from roster.io.ical import ical_bytes
from roster.io.result_json import result_dict
from roster.io.roster_csv import write_attendance_csv, write_roster_csv
from roster.io.templates import write_template
from roster.model.parse import ScenarioError
from roster.model.roster import Roster
from roster.model.scenario import Scenario
from roster.solver import Result

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Format:
    key: str
    filename: str
    mime: str
    write: Callable[[Scenario, Result, Path], None]


def _via_file(write: Callable[[Scenario, Result, Path], None], scenario: Scenario, result: Result,
              suffix: str) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"roster{suffix}"
        write(scenario, result, path)
        return path.read_bytes()


def _xlsx(scenario: Scenario, result: Result, path: Path) -> None:
    write_month_grid(scenario, result.roster, path)


def _csv(scenario: Scenario, result: Result, path: Path) -> None:
    write_roster_csv(result.roster, path, scenario=scenario)


def _json(scenario: Scenario, result: Result, path: Path) -> None:
    text = json.dumps(result_dict(scenario, result), ensure_ascii=False, indent=2, default=str)
    path.write_text(text, encoding="utf-8")


def _ics(scenario: Scenario, result: Result, path: Path) -> None:
    path.write_bytes(ical_bytes(scenario, result.roster))


def _attendance(scenario: Scenario, result: Result, path: Path) -> None:
    write_attendance_csv(scenario, result.roster, path, bom=True)


def _template(style: str) -> Callable[[Scenario, Result, Path], None]:
    def write(scenario: Scenario, result: Result, path: Path) -> None:
        write_template(scenario, result.roster, path, style=style)

    return write


_ALL = (
    Format("xlsx", "roster.xlsx", XLSX, _xlsx),
    Format("csv", "roster.csv", "text/csv", _csv),
    Format("json", "result.json", "application/json", _json),
    Format("ics", "roster.ics", "text/calendar", _ics),
    Format("attendance", "attendance.csv", "text/csv", _attendance),
    Format("dingtalk", "dingtalk.xlsx", XLSX, _template("dingtalk")),
    Format("wecom", "wecom.xlsx", XLSX, _template("wecom")),
)
_MODULES = {"ics": "roster.io.ical", "attendance": "roster.io.roster_csv",
            "dingtalk": "roster.io.templates", "wecom": "roster.io.templates"}


def formats() -> list[Format]:
    """The formats whose export module is present."""
    import importlib.util

    return [f for f in _ALL
            if f.key not in _MODULES or importlib.util.find_spec(_MODULES[f.key]) is not None]


def export_bytes(scenario: Scenario, result: Result, key: str) -> bytes:
    """The file contents of one format."""
    for f in _ALL:
        if f.key == key:
            return _via_file(f.write, scenario, result, Path(f.filename).suffix)
    raise KeyError(f"unknown export format {key!r}")


class Exports:
    """The export files of one roster on one scenario, each made once, on its first download, and
    kept: the download buttons then hand over the same bytes on every rerun, so a download never
    waits for a file to be made again (at 1,000 staff the seven files take half a minute), nor
    fails because a rerun replaced the button's generator. Safe to call from the thread that
    serves a download; two downloads of one file make it once."""

    def __init__(self, scenario: Scenario, result: Result) -> None:
        self.scenario = scenario
        self.result = result
        self._files: dict[str, bytes] = {}
        self._locks = {f.key: threading.Lock() for f in _ALL}

    def is_for(self, scenario: Scenario, result: Result) -> bool:
        """Are these the files of this scenario and this roster (the very objects on screen)?"""
        return self.scenario is scenario and self.result is result

    def ready(self, key: str) -> bytes | None:
        """The file of format ``key`` if it has been made, else None."""
        return self._files.get(key)

    def get(self, key: str) -> bytes:
        """The file of format ``key``, made now if it was not made before. A file that cannot be
        made says why, as its contents."""
        if key in self._files:
            return self._files[key]
        if key not in self._locks:
            raise KeyError(f"unknown export format {key!r}")
        with self._locks[key]:
            if key not in self._files:
                try:
                    data = export_bytes(self.scenario, self.result, key)
                except (ScenarioError, ValueError) as exc:
                    data = f"{key}: {exc}\n".encode()
                self._files[key] = data
        return self._files[key]


def saved_result(roster: Roster, status: str = "FEASIBLE", objective: float | None = None,
                 bound: float | None = None, seconds: float | None = None) -> Result:
    """A Result for a roster read back from the store (for the exports that want one)."""
    return Result(status=status, roster=roster, objective=objective, bound=bound,
                  seconds=seconds or 0.0)
