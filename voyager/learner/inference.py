"""Inference: solve a given goal with a learned skill library (which is only read).

The curriculum decomposes the goal into subgoals; each is attempted up to
`inference.attempts_per_subgoal` times, each attempt being up to `action.max_rounds` rounds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from voyager.config import Config
from voyager.learner.checkpoint import TaskInProgress
from voyager.learner.progress import Progress, QuietProgress
from voyager.learner.rollout import run_rounds


@dataclass
class SubgoalResult:
    subgoal: str
    success: bool
    attempts: int
    rounds: int = 0  # action rounds (prompting iterations) spent


@dataclass
class InferenceResult:
    goal: str
    subgoals: list[SubgoalResult] = field(default_factory=list)

    @property
    def success(self) -> bool:
        return bool(self.subgoals) and all(s.success for s in self.subgoals)

    @property
    def rounds(self) -> int:
        return sum(s.rounds for s in self.subgoals)

    def to_dict(self) -> dict[str, Any]:
        return {
            "goal": self.goal, "success": self.success,
            "rounds": self.rounds,
            "subgoals": [{"subgoal": s.subgoal, "success": s.success, "attempts": s.attempts, "rounds": s.rounds}
                         for s in self.subgoals],
        }


def solve_goal(goal: str, parts: Any, config: Config, progress: Progress | None = None) -> InferenceResult:
    """Decompose `goal` and solve its subgoals in order with the library's skills."""
    progress = progress or QuietProgress()
    observation, _ = parts.env.reset(options={"mode": "hard"})
    parts.env.set_skills(parts.library.programs())
    subgoals = list(parts.curriculum.decompose(goal, observation))[: config.inference.max_subgoals]
    progress.event("decomposed", goal=goal, subgoals=subgoals)
    result = InferenceResult(goal=goal)
    for subgoal in subgoals:
        success = False
        attempts = rounds = 0
        while attempts < config.inference.attempts_per_subgoal and not success:
            attempts += 1
            progress.update(task=subgoal, round=0, iteration=f"attempt {attempts}")
            current = TaskInProgress(task=subgoal, inventory_before=dict(observation.get("inventory", {})))
            success, observation = run_rounds(parts, config, current, observation)
            rounds += current.round
        result.subgoals.append(SubgoalResult(subgoal=subgoal, success=success, attempts=attempts, rounds=rounds))
        progress.event("subgoal_done", subgoal=subgoal, success=success, attempts=attempts)
    return result
