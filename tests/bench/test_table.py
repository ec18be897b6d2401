"""The benchmarks' shared runner and table writer (bench/table.py)."""

from __future__ import annotations

import csv

from roster.bench import table


def test_the_table_right_aligns_each_column_under_its_name():
    rows = [{"staff": 20, "cost": 1234.5, "gap": 0.01234}, {"staff": 300, "cost": None}]
    text = table.format_table(rows, ["staff", "cost", "gap"], table.gaps)
    assert text.splitlines() == ["staff    cost     gap",
                                 "   20  1234.5  0.0123",
                                 "  300       -       -"]
    assert table.format_table(rows, ["cost"], table.fixed).splitlines()[1:] == ["1234", "   -"]


def test_numbers_are_shown_as_each_benchmark_reads_them():
    assert [table.fixed(v) for v in (3.0, 2.345, 1234.5, float("nan"), None, "ok")] == \
        ["3", "2.35", "1234", "nan", "-", "ok"]
    assert [table.gaps(v) for v in (0.123456, 2.5, 7, None)] == ["0.1235", "2.5", "7", "-"]


def test_the_csv_has_the_columns_asked_for_only(tmp_path):
    path = tmp_path / "deep" / "rows.csv"
    table.write_csv([{"staff": 20, "cost": 5, "extra": "x"}], ["staff", "cost", "peak_mib"], path)
    assert list(csv.DictReader(path.open(encoding="utf-8"))) == [{"staff": "20", "cost": "5", "peak_mib": ""}]


def test_a_child_process_gives_its_last_json_line_or_why_it_gave_none(tmp_path):
    row = tmp_path / "row.json"
    row.write_text('{"staff": 20, "status": "OPTIMAL"}', encoding="utf-8")
    assert table.child_row("json.tool", ["--compact", str(row)]) == {"staff": 20, "status": "OPTIMAL"}
    assert table.child_row("json.tool", ["--help"]).startswith("failed (exit 0)")  # no JSON line
    assert table.child_row("roster.bench.no_such_module", []).startswith("failed (exit 1): ")
