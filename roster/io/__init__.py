"""Files in and out: scenarios (``load``), one module per foreign format holding both its reader and
its writer (``grid``, ``roster_csv``, ``templates``, ``ical``, ``result_json``, ``people``,
``balances``, ``forecast``, ``curtois``), and ``store`` (SQLite versions of scenarios and
rosters)."""
