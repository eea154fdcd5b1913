"""The lifelong-learning loop: curriculum -> action rounds -> critic -> skill library.

This is the only place that wires the agents, the skill library and the environment
together. Every action round and every task ends with an atomic checkpoint, so a run
killed at any moment resumes where it was.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any

from voyager import atomic
from voyager.agents.program import Program
from voyager.agents.sources import CurriculumExhausted
from voyager.config import Config
from voyager.errors import VoyagerError
from voyager.learner.checkpoint import LearnerState, TaskInProgress, load_state, save_state
from voyager.learner.progress import Progress, QuietProgress
from voyager.learner.rollout import run_rounds
from voyager.learner.rundir import RunDir

log = logging.getLogger(__name__)


@dataclass
class Components:
    """Everything the loop drives; built by `voyager.learner.wiring.build_components`."""

    env: Any  # voyager.env.MinecraftEnv
    curriculum: Any  # voyager.agents.CurriculumAgent
    action: Any  # voyager.agents.ActionAgent
    critic: Any  # voyager.agents.Critic
    describer: Any  # voyager.agents.SkillDescriber
    library: Any  # voyager.library.SkillLibrary
    ledger: Any  # voyager.llm.Ledger


@dataclass
class TaskOutcome:
    success: bool
    rounds: int
    skill: str | None = None
    error: str | None = None


class Learner:
    """Runs iterations until `max_iterations`, the budget, or Ctrl-C."""

    def __init__(self, config: Config, run: RunDir, parts: Components, progress: Progress | None = None) -> None:
        self.config = config
        self.run = run
        self.parts = parts
        self.progress = progress or QuietProgress()
        self.state: LearnerState = load_state(run)
        if self.state.curriculum and hasattr(parts.curriculum, "load_state_dict"):
            parts.curriculum.load_state_dict(self.state.curriculum)
        self.observation: dict[str, Any] = self.state.last_observation or {}
        self._skills_loaded: int | None = None

    # ----------------------------------------------------------------- public
    def learn(self, max_iterations: int) -> LearnerState:
        """Run until `max_iterations` iterations are finished in all (counting earlier sessions)."""
        self.state.finished_reason = None
        self._checkpoint()
        self._start_world()
        try:
            while self.state.iteration < max_iterations:
                self._check_budget()
                self._iteration()
            self.state.finished_reason = "max_iterations"
        except KeyboardInterrupt:
            self.state.finished_reason = "interrupted"
            raise
        except _BudgetStop as stop:
            self.state.finished_reason = f"budget: {stop}"
        except CurriculumExhausted:
            self.state.finished_reason = "curriculum exhausted"
        finally:
            self._checkpoint()
            self.progress.event("stopped", reason=self.state.finished_reason, iteration=self.state.iteration)
        return self.state

    # ---------------------------------------------------------------- helpers
    def _checkpoint(self) -> None:
        if hasattr(self.parts.curriculum, "state_dict"):
            self.state.curriculum = self.parts.curriculum.state_dict()
        self.state.last_observation = self.observation or None
        save_state(self.run, self.state)

    def _check_budget(self) -> None:
        reason = self.parts.ledger.over_budget()
        if reason:
            # Same words as the LLM client's BudgetExceeded (a stop inside a task): say how to go on.
            raise _BudgetStop(f"{reason}; raise the limit and resume the run to continue")

    def _start_world(self) -> None:
        """First iteration of a new run: hard reset. A resumed run: restore the last inventory."""
        if not self.state.world_initialized:
            options: dict[str, Any] = {"mode": "hard", "time": self.config.world.start_time}
        else:
            options = self._restore_options()
        self.observation, _ = self.parts.env.reset(options=options)
        self.state.world_initialized = True
        self._checkpoint()

    def _restore_options(self) -> dict[str, Any]:
        """A hard reset that gives back the inventory, equipment and position last observed."""
        last = self.state.last_observation or {}
        status = last.get("status", {})
        return {
            "mode": "hard",
            "inventory": last.get("inventory", {}),
            "equipment": status.get("equipment"),
            "position": status.get("position"),
        }

    def _load_skills_into_env(self) -> None:
        programs = self.parts.library.programs()
        if self._skills_loaded != len(programs) or self._skills_loaded is None:
            self.parts.env.set_skills(programs)
            self._skills_loaded = len(programs)

    def _iteration(self) -> None:
        started = time.time()
        tokens_before = self.parts.ledger.totals()
        if self.state.current is None:
            self._propose_task()
        current = self.state.current
        assert current is not None
        self.progress.update(
            iteration=f"{self.state.iteration + 1}/{self.config.learner.max_iterations}", task=current.task,
            round=current.round, completed=len(self.state.completed_tasks), failed=len(self.state.failed_tasks),
        )
        try:
            outcome = self._rollout(current)
        except (KeyboardInterrupt, _BudgetStop):
            raise
        except Exception as exc:  # a rollout error must not end a lifelong run
            if _is_budget_error(exc):
                raise _BudgetStop(str(exc)) from exc
            log.exception("rollout of %r failed", current.task)
            self.progress.event("rollout_error", task=current.task, error=str(exc))
            outcome = TaskOutcome(success=False, rounds=current.round, error=f"{type(exc).__name__}: {exc}")
            self._recover()
        self._finish_task(current, outcome, started, tokens_before)

    def _propose_task(self) -> None:
        task, context = self.parts.curriculum.propose_next_task(
            observation=self.observation,
            completed=list(self.state.completed_tasks),
            failed=list(self.state.failed_tasks),
            iteration=self.state.iteration,
        )
        self._begin_task(task, context)
        self.progress.event("task_proposed", iteration=self.state.iteration + 1, task=task)
        self._checkpoint()

    def _begin_task(self, task: str, context: str, attempt: int = 0) -> None:
        """Reset as Voyager does before every task (soft; hard every `hard_reset_every`), then start it."""
        every = self.config.learner.hard_reset_every
        if every and self.state.iteration and self.state.iteration % every == 0:
            options = self._restore_options()
        else:
            options = {"mode": "soft"}
        if self.config.learner.reset_time_of_day is not None:
            options["time"] = self.config.learner.reset_time_of_day
        self.observation, _ = self.parts.env.reset(options=options)
        self.state.current = TaskInProgress(
            task=task, context=context, inventory_before=dict(self.observation.get("inventory", {})),
            attempt=attempt,
        )

    def _rollout(self, current: TaskInProgress) -> TaskOutcome:
        if current.phase != "verified":
            success, self.observation = run_rounds(
                self.parts, self.config, current, self.observation,
                before_round=self._before_round, on_round=self._after_round,
            )
            if not success:
                return TaskOutcome(success=False, rounds=current.round)
        return self._store_skill(current)

    def _before_round(self) -> None:
        self._check_budget()
        self._load_skills_into_env()

    def _after_round(self, current: TaskInProgress, observation: dict[str, Any],
                     events: list[dict[str, Any]], truncated: bool) -> None:
        self.observation = observation
        for event in events:
            atomic.append_jsonl(self.run.events_path(self.state.iteration + 1),
                                {"round": current.round, "task": current.task, **event})
        self.progress.update(round=current.round, critique=current.critique or "(none)")
        self.progress.event("round", task=current.task, round=current.round,
                            success=current.phase == "verified", truncated=truncated)
        self._checkpoint()

    def _store_skill(self, current: TaskInProgress) -> TaskOutcome:
        """Add the verified program to the library, unless a killed run already did."""
        program = current.program or {}
        name = program.get("main_function", "")
        library = self.parts.library
        # Read-only libraries take nothing; deposit tasks are bookkeeping, not skills (as in Voyager).
        if getattr(library, "readonly", False) or current.task.lower().startswith("deposit"):
            return TaskOutcome(success=True, rounds=current.round, skill=None)
        try:
            existing = library.get(name)
        except Exception:
            existing = None
        if existing is None or existing.iteration != self.state.iteration + 1:
            description = self.parts.describer.describe(_as_program(program))
            skill = library.add(
                name, program["code"], description, task=current.task,
                model=self.config.llm.for_role("action").model, iteration=self.state.iteration + 1,
                verdict="success",
            )
            self.progress.event("skill_added", skill=skill.name, version=skill.version)
        return TaskOutcome(success=True, rounds=current.round, skill=name)

    def _recover(self) -> None:
        """After an error: hard reset with the last inventory, equipment and position."""
        try:
            self.observation, _ = self.parts.env.reset(options=self._restore_options())
        except Exception as exc:
            log.exception("reset after a rollout error failed")
            raise VoyagerError(f"the environment could not be reset after an error ({exc}); "
                               f"resume later with `voyager learn --resume {self.run.root}`") from exc

    def _finish_task(self, current: TaskInProgress, outcome: TaskOutcome, started: float,
                     tokens_before: dict[str, Any]) -> None:
        if outcome.success:
            self.state.completed_tasks.append(current.task)
        else:
            self.state.failed_tasks.append(current.task)
        self.state.iteration += 1
        self.state.current = None
        if not outcome.success and current.attempt < self.config.learner.task_retries:
            # learner.task_retries: try the same task again (fresh rounds) before asking for a new one.
            self._begin_task(current.task, current.context, attempt=current.attempt + 1)
            self.progress.event("task_retried", iteration=self.state.iteration + 1, task=current.task,
                                attempt=current.attempt + 1)
        totals = self.parts.ledger.totals()
        inventory = self.observation.get("inventory", {})
        seen = set(_seen_items(self.run)) | set(inventory)
        position = self.observation.get("status", {}).get("position")
        metrics = {
            "iteration": self.state.iteration, "task": current.task, "success": outcome.success,
            "rounds": outcome.rounds, "skill": outcome.skill, "error": outcome.error,
            "tokens": totals.get("tokens", 0) - tokens_before.get("tokens", 0),
            "cost": round(totals.get("cost", 0.0) - tokens_before.get("cost", 0.0), 6),
            "total_tokens": totals.get("tokens", 0), "total_cost": totals.get("cost", 0.0),
            "wall_time": round(time.time() - started, 3), "inventory_size": sum(inventory.values()),
            "inventory": inventory, "unique_items": len(seen), "items_seen": sorted(seen),
            "position": position, "time": time.time(),
        }
        # The metrics line comes before the checkpoint: a kill in between re-runs nothing,
        # since metrics are keyed by iteration and read back last-wins.
        atomic.append_jsonl(self.run.metrics_path, metrics)
        self._checkpoint()
        self.progress.update(completed=len(self.state.completed_tasks), failed=len(self.state.failed_tasks),
                             tokens=totals.get("tokens", 0), cost=totals.get("cost", 0.0),
                             skills=len(self.parts.library.latest()))
        self.progress.event("task_done", iteration=self.state.iteration, task=current.task,
                            success=outcome.success, rounds=outcome.rounds)


class _BudgetStop(Exception):
    pass


def _is_budget_error(exc: Exception) -> bool:
    return type(exc).__name__ == "BudgetExceeded"


def _seen_items(run: RunDir) -> list[str]:
    records = atomic.read_jsonl(run.metrics_path)
    return records[-1].get("items_seen", []) if records else []


def _as_program(program: dict[str, str]) -> Program:
    fields = Program.__dataclass_fields__
    return Program(**{k: v for k, v in program.items() if k in fields})
