"""Fault injection for crash-safety tests and bench/faults.py.

`VOYAGER_FAULT=<point>:<n>` makes the process SIGKILL itself the n-th time it reaches
`point` (e.g. `checkpoint:3`, between writing a temp file and renaming it). Unset, the
check is one dictionary lookup.
"""

from __future__ import annotations

import os
import signal
from collections import Counter

_hits: Counter[str] = Counter()


def _target() -> tuple[str, int] | None:
    spec = os.environ.get("VOYAGER_FAULT")
    if not spec or ":" not in spec:
        return None
    point, _, count = spec.rpartition(":")
    try:
        return point, int(count)
    except ValueError:
        return None


def maybe_die(point: str) -> None:
    """SIGKILL this process if VOYAGER_FAULT names `point` and this is its n-th hit."""
    target = _target()
    if target is None or target[0] != point:
        return
    _hits[point] += 1
    if _hits[point] == target[1]:
        os.kill(os.getpid(), signal.SIGKILL)
