"""`roster export` (a roster in a format for people and attendance systems) and `roster import`
(staff lists, leave and leave balances from CSV/Excel, printed as scenario YAML)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import Enum
from pathlib import Path

import typer
import yaml
from pydantic import BaseModel

from roster.cli.common import app, fail, load_scenario, out_file
from roster.io.grid import write_month_grid
from roster.io.ical import write_ical, zone
from roster.io.people import read_leave, read_leave_balances, read_staff
from roster.io.readers import read_any
from roster.io.result_json import write_roster_json
from roster.io.roster_csv import write_attendance_csv, write_roster_csv
from roster.io.templates import load_mapping, write_template
from roster.model.ledger import ledger_and_overdraws
from roster.model.parse import ScenarioError
from roster.model.roster import Roster
from roster.model.scenario import Scenario


class Format(str, Enum):
    xlsx = "xlsx"
    csv = "csv"
    attendance = "attendance"
    dingtalk = "dingtalk"
    wecom = "wecom"
    ics = "ics"
    json = "json"


def export_roster(scenario, roster, fmt: str, out: Path, mapping: Path | None = None,
                  bom: bool = False, staff: str | None = None, tz: str | None = None) -> None:
    """Write ``roster`` in ``fmt`` to ``out`` (the library call behind the command)."""
    if staff is not None and staff not in scenario.staff_by_id:
        raise ScenarioError("--staff", "staff", staff, "unknown staff id",
                            hint=f"known staff ids: {', '.join(sorted(scenario.staff_by_id))}")
    for a in roster:
        if a.staff not in scenario.staff_by_id or a.shift not in scenario.shift_by_id:
            unknown_staff = a.staff not in scenario.staff_by_id
            what, value = ("staff", a.staff) if unknown_staff else ("shift", a.shift)
            raise ScenarioError("roster", f"{a.date} {a.staff}", value,
                                f"unknown {what}: not in the scenario",
                                hint="run `roster validate` on the roster first")
    if staff is not None:
        roster = Roster.of((a for a in roster if a.staff == staff),
                           (lv for lv in getattr(roster, "leave", ()) if lv.staff == staff))
    if fmt == "xlsx":
        write_month_grid(scenario, roster, out, staff=staff)
    elif fmt == "csv":
        write_roster_csv(roster, out, bom=bom, scenario=scenario)
    elif fmt == "attendance":
        write_attendance_csv(scenario, roster, out, bom=bom, staff=staff)
    elif fmt in ("dingtalk", "wecom"):
        shift_map = load_mapping(mapping, scenario) if mapping else None
        write_template(scenario, roster, out, style=fmt, mapping=shift_map, staff=staff)
    elif fmt == "ics":
        write_ical(scenario, roster, out, tz=tz, staff=staff)
    elif fmt == "json":
        write_roster_json(scenario, roster, out)
    else:
        raise ScenarioError("--format", "format", fmt, "unknown format",
                            hint=", ".join(f.value for f in Format))


@app.command("export")
def export_cmd(
    scenario: Path = typer.Argument(..., help="scenario file (YAML or JSON)"),
    roster_file: Path = typer.Argument(
        ..., metavar="ROSTER", help="roster: .csv, .xlsx (grid or template), .ics or .json"),
    fmt: Format = typer.Option(..., "--format", help="xlsx|csv|attendance|dingtalk|wecom|ics|json"),
    out: Path = typer.Option(..., "--out", help="file to write"),
    mapping: Path | None = typer.Option(None, "--mapping",
                                           help="shift mapping YAML (dingtalk/wecom; also used to "
                                                "read a template)"),
    bom: bool = typer.Option(False, "--bom", help="UTF-8 with BOM (csv, attendance) for Excel"),
    staff: str | None = typer.Option(None, "--staff", help="only this person"),
    tz: str | None = typer.Option(
        None, "--tz", help="time zone for ics (default: the scenario's, Asia/Shanghai)"),
) -> None:
    """Write a roster as a month grid, CSV, attendance CSV, DingTalk/WeCom template, iCalendar or
    JSON."""
    try:
        sc = load_scenario(scenario)
        shift_map = load_mapping(mapping, sc) if mapping else None
        out_file(out)
        roster = read_any(roster_file, sc, shift_map)
        if tz is not None:
            zone(tz)
        out.parent.mkdir(parents=True, exist_ok=True)
        export_roster(sc, roster, fmt.value, out, mapping=mapping, bom=bom, staff=staff, tz=tz)
    except ScenarioError as exc:
        fail(exc)
    shifts = sum(1 for a in roster if staff is None or a.staff == staff)
    who = f" for {staff}" if staff else ""
    typer.echo(f"wrote {out} ({fmt.value}, {shifts} shifts{who})")


import_app = typer.Typer(no_args_is_help=True,
                         help="Staff lists, leave and leave balances from CSV/Excel.")
app.add_typer(import_app, name="import")

SCENARIO_OPTION = typer.Option(None, "--scenario", help="check ids against this scenario")
SHEET_OPTION = typer.Option(None, "--sheet", help="sheet name (Excel; default: the first)")


def _yaml(key: str, items: list[dict]) -> str:
    return yaml.safe_dump({key: items}, allow_unicode=True, sort_keys=False,
                          default_flow_style=None)


Reader = Callable[[Path, Scenario | None, str | None], Sequence[BaseModel]]


def _print_section(key: str, read: Reader, file: Path, scenario: Path | None,
                   sheet: str | None) -> None:
    """Read ``file`` (checked against ``scenario`` when given) and print it as section ``key``."""
    try:
        sc = load_scenario(scenario) if scenario else None
        items = read(file, sc, sheet)
    except ScenarioError as exc:
        fail(exc)
    typer.echo(_yaml(key, [x.model_dump(mode="json", exclude_defaults=True) for x in items]),
               nl=False)


@import_app.command("staff")
def import_staff(file: Path = typer.Argument(..., help="staff list (.csv or .xlsx)"),
                 scenario: Path | None = SCENARIO_OPTION, sheet: str | None = SHEET_OPTION) -> None:
    """Print the staff list as the `staff:` section of a scenario."""
    _print_section("staff", read_staff, file, scenario, sheet)


@import_app.command("leave")
def import_leave(file: Path = typer.Argument(..., help="leave list (.csv or .xlsx)"),
                 scenario: Path | None = SCENARIO_OPTION, sheet: str | None = SHEET_OPTION) -> None:
    """Print leave records as the `leave:` section of a scenario."""
    _print_section("leave", read_leave, file, scenario, sheet)


@import_app.command("balances")
def import_balances(file: Path = typer.Argument(..., help="leave balances (.csv or .xlsx)"),
                    scenario: Path = typer.Option(..., "--scenario",
                                                  help="scenario whose leave is checked against "
                                                       "them"),
                    sheet: str | None = SHEET_OPTION) -> None:
    """Print the balances as the `leave_balances:` section of a scenario and check the scenario's
    leave against them (the leave ledger); exit code 1 if a leave takes more days than are left."""
    try:
        sc = load_scenario(scenario)
        balances = read_leave_balances(file, sc, sheet)
    except ScenarioError as exc:
        fail(exc)
    typer.echo(_yaml("leave_balances", [b.model_dump(mode="json") for b in balances]), nl=False)
    _, over = ledger_and_overdraws(sc, tuple(balances))
    for o in over:
        typer.echo(f"# overdrawn: {o.text()}")
    if over:
        raise typer.Exit(1)
