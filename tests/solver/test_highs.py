"""HiGHS models print nothing: the CLI's and the app's output are their own."""

from __future__ import annotations

import subprocess
import sys


def test_the_first_lp_of_a_process_prints_no_banner() -> None:
    code = ("from roster.solver.highs import new_lp\n"
            "print('before', flush=True)\n"
            "h = new_lp()\n"
            "h.run()\n"
            "print('after')\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["before", "after"]
    assert "HiGHS" not in out.stderr
