"""The learner's state, saved atomically after every action round and every task.

A SIGKILL at any moment leaves either the previous or the next state.json on disk; the
skill library's files are written atomically too, and `LearnerState.current.phase`
tells a resumed learner whether a verified skill still has to be added.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from typing import Any

from voyager import atomic
from voyager.errors import RunDirError
from voyager.learner.rundir import RunDir

STATE_VERSION = 1


@dataclass
class TaskInProgress:
    """The task being worked on, with everything needed to continue it after a kill."""

    task: str
    context: str = ""
    round: int = 0  # action rounds already run
    last_code: str | None = None
    critique: str = ""
    events: list[dict[str, Any]] = field(default_factory=list)
    inventory_before: dict[str, int] = field(default_factory=dict)
    # acting: rounds still to run; verified: succeeded, the skill may not be stored yet.
    phase: str = "acting"
    program: dict[str, str] | None = None
    started_at: float = field(default_factory=time.time)
    attempt: int = 0  # earlier failed attempts at this task in a row (learner.task_retries)


@dataclass
class LearnerState:
    iteration: int = 0  # finished iterations (tasks attempted)
    completed_tasks: list[str] = field(default_factory=list)
    failed_tasks: list[str] = field(default_factory=list)
    curriculum: dict[str, Any] = field(default_factory=dict)
    last_observation: dict[str, Any] | None = None
    current: TaskInProgress | None = None
    world_initialized: bool = False  # the first hard reset of a new run has happened
    finished_reason: str | None = None
    version: int = STATE_VERSION

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LearnerState:
        data = dict(data)
        current = data.pop("current", None)
        known = {name for name in cls.__dataclass_fields__}
        state = cls(**{k: v for k, v in data.items() if k in known})
        if current:
            fields = TaskInProgress.__dataclass_fields__
            state.current = TaskInProgress(**{k: v for k, v in current.items() if k in fields})
        return state


def save_state(run: RunDir, state: LearnerState) -> None:
    atomic.write_json(run.state_path, state.to_dict())


def load_state(run: RunDir) -> LearnerState:
    """The saved state, or a fresh one for a run that never checkpointed."""
    if not run.state_path.is_file():
        return LearnerState()
    try:
        data = json.loads(run.state_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise RunDirError(f"checkpoint {run.state_path} is unreadable ({exc}); restore it from a backup") from exc
    if data.get("version") != STATE_VERSION:
        raise RunDirError(f"checkpoint {run.state_path} has format {data.get('version')}, expected {STATE_VERSION}")
    return LearnerState.from_dict(data)
