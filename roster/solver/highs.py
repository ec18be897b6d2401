"""HiGHS models with the log off.

HiGHS writes its banner to standard output when the process makes its first model, before any
option can be set (``output_flag`` only silences later output). The first construction therefore
runs with the process's standard output sent to the null device, so the CLI and the app print only
their own lines.
"""

from __future__ import annotations

import os
import sys
import threading

import highspy

_lock = threading.Lock()
_first = True


def new_lp() -> highspy.Highs:
    """An empty HiGHS model that prints nothing."""
    global _first
    with _lock:
        if _first:
            _first = False
            sys.stdout.flush()
            saved = os.dup(1)
            try:
                with open(os.devnull, "w") as null:
                    os.dup2(null.fileno(), 1)
                    h = highspy.Highs()
            finally:
                os.dup2(saved, 1)
                os.close(saved)
        else:
            h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    return h


__all__ = ["new_lp"]
