"""The quick form of bench/faults.py: a few learner, bridge and world kills and the whole
hostile-code corpus; nothing may be lost in any fault class."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

pytestmark = [pytest.mark.integration, pytest.mark.slow]

FAULTS = Path(__file__).resolve().parents[2] / "bench" / "faults.py"


def _faults() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_faults", FAULTS)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_quick_fault_injection_loses_nothing(tmp_path: Path) -> None:
    faults = _faults()
    tallies = faults.run(learner=3, bridge=2, world=1, seed=7, workdir=tmp_path, parallel=True)
    by_name = {tally.name: tally for tally in tallies}
    assert set(by_name) == {"learner-kill", "bridge-kill", "world-kill", "hostile"}
    assert by_name["hostile"].tried == len(faults.load_corpus())
    for tally in tallies:
        assert tally.tried > 0, tally.line()
        assert tally.lost == 0, tally.line() + "\n" + "\n".join(tally.details)
