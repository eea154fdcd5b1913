"""Fixtures for the control-primitive tests: the session MinecraftEnv (tests/fixtures/bridge.py)
hard-reset at the spawn point with a given inventory, and a runner for one step."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.skills.steps import StepResult, run_step


@pytest.fixture
def play(minecraft_env: Any) -> Callable[..., StepResult]:
    """play(code, inventory={...}, timeout=s): hard reset with that inventory, run one step."""

    def _play(code: str, *, inventory: dict[str, int] | None = None, timeout: float = 60.0,
              reset: bool = True) -> StepResult:
        if reset:
            minecraft_env.reset(options={"mode": "hard", "position": minecraft_env.spawn,
                                         "inventory": inventory or {}, "time": 1000})
        return run_step(minecraft_env, code, timeout=timeout)

    return _play
