"""What every generated-centre benchmark shares: each solve in a fresh process (so its peak memory
is its own) that prints its row as JSON, and one writer for the rows (a text table and a CSV)."""

from __future__ import annotations

import csv
import json
import math
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

Format = Callable[[object], str]


def child_row(module: str, args: Sequence[str], timeout: float | None = None) -> dict | str:
    """Run ``python -m module args`` and read the last JSON line it prints: the row, or why there
    is none (killed after the timeout, or failed with its exit code and last error line)."""
    cmd = [sys.executable, "-m", module, *args]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=timeout)
    except subprocess.TimeoutExpired:
        return f"killed after {timeout:g} s"
    lines = [x for x in done.stdout.splitlines() if x.startswith("{")]
    if done.returncode or not lines:
        tail = done.stderr.strip().splitlines()[-1:] or [""]
        return f"failed (exit {done.returncode}): {tail[0][-200:]}"
    return json.loads(lines[-1])


def format_table(rows: Sequence[dict], columns: Sequence[str], fmt: Format) -> str:
    """The rows as right-aligned text columns under their names (a missing value shows ``-``)."""
    cells = [[fmt(r.get(c)) for c in columns] for r in rows]
    widths = [max(len(c), *(len(x[i]) for x in cells)) for i, c in enumerate(columns)]
    lines = ["  ".join(c.rjust(w) for c, w in zip(columns, widths, strict=True))]
    lines += ["  ".join(x.rjust(w) for x, w in zip(row, widths, strict=True)) for row in cells]
    return "\n".join(lines)


def write_csv(rows: Sequence[dict], columns: Sequence[str], path: Path) -> None:
    """The rows as CSV with these columns (others left out), the folder made if needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(columns), extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)


def fixed(v: object) -> str:
    """Whole numbers plain, small ones to two decimals, large ones to the unit."""
    if v is None:
        return "-"
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        return str(int(v)) if v == int(v) else f"{v:.2f}" if abs(v) < 100 else f"{v:.0f}"
    return str(v)


def gaps(v: object) -> str:
    """Shares below 1 to four decimals (gaps), other numbers in their shortest form."""
    if v is None:
        return "-"
    if isinstance(v, float):
        return "nan" if math.isnan(v) else f"{v:.4f}" if abs(v) < 1 else f"{v:g}"
    return str(v)
