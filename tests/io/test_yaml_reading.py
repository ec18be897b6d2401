"""Scenario YAML read with libyaml's parser and written with its emitter gives what the pure
PyYAML loader and dumper give: the same data, the same line of each field, the same text (the
scenario hash is of it), and for a broken file the pure loader's message."""

from __future__ import annotations

import pytest
import yaml

from roster.bench.scale import make_centre
from roster.io import load
from tests.conftest import SCENARIOS

pytestmark = pytest.mark.skipif(load._CLoader is None, reason="PyYAML without libyaml")


def pure_lines(text: str):
    return load._read_lines(text, load._Loader)


@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("*.yaml")), ids=lambda p: p.stem)
def test_a_bundled_scenario_reads_and_writes_as_with_the_pure_loader(path) -> None:
    text = path.read_text(encoding="utf-8")
    assert load.read_yaml_lines(text) == pure_lines(text)
    assert load.read_yaml(text) == yaml.load(text, Loader=load._Loader)
    sc = load.load_scenario(path)
    data = sc.model_dump(mode="json", exclude_defaults=True, by_alias=True)
    if sc.shift_templates:
        data["shifts"] = [s for s in data["shifts"] if not s.get("template")]
    assert load.dump_scenario(sc) == yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def test_a_generated_centre_round_trips_the_same_way() -> None:
    sc = make_centre(120, 3)
    text = load.dump_scenario(sc)
    data = sc.model_dump(mode="json", exclude_defaults=True, by_alias=True)
    assert text == yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    assert load.read_yaml_lines(text) == pure_lines(text)


@pytest.mark.parametrize("text", [
    "name: x\nstaff: [a, b\nroles: []\n",  # an unclosed list
    "name: x\nrules: {min_rest_hours: 11}\nrules: {}\n",  # a key given twice
    "name: x\n  bad: indent\n",
    "a: on\nb: 08:00\nc: 2026-12-01\nd: 1_000\ne: .5\nf: True\n",  # scalars as planners mean them
])
def test_words_and_errors_are_the_pure_loader_s(text: str) -> None:
    def outcome(read):
        try:
            return read(text)
        except yaml.YAMLError as exc:
            return type(exc).__name__, str(exc), getattr(exc, "field", None)

    assert outcome(load.read_yaml_lines) == outcome(pure_lines)
    assert outcome(load.read_yaml) == outcome(lambda t: yaml.load(t, Loader=load._Loader))
