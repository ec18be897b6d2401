"""The app shows approved leave beyond its balance as a warning and still opens the scenario."""

from __future__ import annotations

from roster.app import state as S
from tests.conftest import tiny


def test_leave_beyond_entitlement_is_a_warning_in_the_app():
    scenario = tiny(leave=[{"staff": "A", "type": "marriage", "start": "2026-12-07", "end": "2026-12-11"}])
    ss: dict = {}
    S.open_scenario(ss, scenario, "wedding.yaml")
    (text,) = S.leave_warnings(ss)
    assert text.startswith("leave[0]: A marriage leave: 5 days asked, 3 left")
    assert S.leave_warnings(ss) is S.leave_warnings(ss)  # remembered for the same scenario
    S.open_scenario(ss, tiny(), "plain.yaml")
    assert S.leave_warnings(ss) == []
