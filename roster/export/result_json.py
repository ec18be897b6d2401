"""The whole result as JSON for other programs."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from roster.model.load import dump_scenario
from roster.model.scenario import Scenario


def scenario_hash(scenario: Scenario) -> str:
    return hashlib.sha256(dump_scenario(scenario).encode()).hexdigest()[:16]


def result_dict(scenario: Scenario, result) -> dict[str, Any]:
    data = result.summary()
    data["scenario"] = {"name": scenario.name, "hash": scenario_hash(scenario),
                        "start": str(scenario.horizon.start), "end": str(scenario.horizon.end)}
    data["assignments"] = [
        {"date": str(a.date), "staff_id": a.staff, "shift": a.shift, "role": a.role, "post": a.post}
        for a in result.roster
    ]
    return data


def write_result_json(scenario: Scenario, result, path: str | Path) -> None:
    Path(path).write_text(json.dumps(result_dict(scenario, result), ensure_ascii=False, indent=2), encoding="utf-8")
