"""The curriculum agent: the next task from what the bot sees and has done (Voyager's automatic curriculum).

Auto mode: the first task is fixed ("Mine 1 wood log"); a nearly full inventory leads to
storing items in a chest (crafting and placing one first, as Voyager did); otherwise the
curriculum model proposes a task from a prompt whose fields follow the warm-up schedule,
with question/answer context once warmed up. A task that failed recently is not proposed
again for `retry_failed_after` iterations. Manual and suite modes take tasks from a list.
"""

from __future__ import annotations

import logging
import random
import re
from collections import Counter
from typing import Any

from voyager.agents.action import ChatModel
from voyager.agents.parsing import ParseError, extract_json
from voyager.agents.qa import CurriculumQA
from voyager.agents.rendering import observation_fields
from voyager.agents.sources import StdinTasks, TaskList
from voyager.agents.templates import Templates
from voyager.agents.warmup import FIELDS, WarmUp, load_warm_up
from voyager.errors import VoyagerError

log = logging.getLogger(__name__)

FIRST_TASK = ("Mine 1 wood log",
              "You can mine one of oak, birch, spruce, jungle, acacia, dark oak, or mangrove logs.")
DEPOSIT_CONTEXT = (
    "Your inventory has {used} occupied slots before depositing. After depositing, your inventory should only "
    "have 20 occupied slots. You should deposit useless items such as andesite, dirt, cobblestone, etc. Also, "
    "you can deposit low-level tools: for example, if you have a stone pickaxe, you can deposit a wooden "
    "pickaxe. Make sure the list of useless items are in your inventory (do not list items already in the "
    "chest). You can use bot.inventoryUsed() to check how many inventory slots are used."
)
CHEST_SLOTS = 27
_TASK_LINE = re.compile(r"^[\s>*#_-]*(?:next\s+)?task\s*\d*\s*[:：]\s*(.+)$", re.I | re.M)


class CurriculumError(VoyagerError):
    """The curriculum model gave no usable task, even after being asked again."""


def parse_task_line(answer: str) -> str:
    """The task of a "Reasoning: ... Task: ..." answer (the last `Task:` line), cleaned."""
    found = _TASK_LINE.findall((answer or "").replace("\r", ""))
    if not found:
        raise ParseError('the answer has no line starting with "Task:"')
    task = found[-1].strip().strip("*_`\"' ").rstrip(".").strip()
    if not task:
        raise ParseError('the "Task:" line is empty')
    return task


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


class CurriculumAgent:
    """Proposes tasks; `state_dict()`/`load_state_dict()` carry its memory across a resume."""

    def __init__(self, llm: ChatModel, templates: Templates, *, qa: CurriculumQA | None = None,
                 warm_up: WarmUp | None = None, mode: str = "auto", source: TaskList | StdinTasks | None = None,
                 retry_failed_after: int = 5, chest_when_inventory_over: int = 32, max_subgoals: int = 12,
                 max_retries: int = 3, version: str = "1.19.2", rng: random.Random | None = None) -> None:
        if mode in ("manual", "suite") and source is None:
            raise VoyagerError(f"curriculum mode {mode} needs a task source (curriculum.task_file or curriculum.suite)")
        self.llm = llm
        self.templates = templates
        self.qa = qa
        self.warm_up = warm_up or load_warm_up()
        self.mode = mode
        self.source = source
        self.retry_failed_after = retry_failed_after
        self.chest_when_inventory_over = chest_when_inventory_over
        self.max_subgoals = max_subgoals
        self.max_retries = max_retries
        self.version = version
        self.rng = rng or random.Random()
        self.failed_at: dict[str, int] = {}  # task -> iteration it last failed
        self._failed_seen: Counter[str] = Counter()
        self.proposals = 0
        self.completed: list[str] = []  # the lists last passed in, kept for checkpoints and inspection
        self.failed: list[str] = []
        self.last_messages: list[dict[str, Any]] = []

    # --------------------------------------------------------------- state
    def state_dict(self) -> dict[str, Any]:
        return {
            "version": 1, "mode": self.mode, "completed": list(self.completed), "failed": list(self.failed),
            "failed_at": dict(self.failed_at),
            "failed_seen": dict(self._failed_seen), "proposals": self.proposals,
            "source_position": getattr(self.source, "position", None),
            "qa": self.qa.state() if self.qa else None,
        }

    def load_state_dict(self, state: dict[str, Any]) -> None:
        self.failed_at = {str(k): int(v) for k, v in (state.get("failed_at") or {}).items()}
        self._failed_seen = Counter({str(k): int(v) for k, v in (state.get("failed_seen") or {}).items()})
        self.proposals = int(state.get("proposals") or 0)
        self.completed = [str(t) for t in state.get("completed") or []]
        self.failed = [str(t) for t in state.get("failed") or []]
        position = state.get("source_position")
        if position is not None and self.source is not None and state.get("mode") == self.mode:
            self.source.position = int(position)

    # ------------------------------------------------------------- failures
    def _track_failures(self, completed: list[str], failed: list[str], iteration: int) -> None:
        for task, count in Counter(failed).items():
            if count > self._failed_seen.get(task, 0):
                self.failed_at[task] = max(iteration - 1, 0)
                self._failed_seen[task] = count
        for task in set(completed):
            self.failed_at.pop(task, None)  # done since: no longer "too hard"

    def recent_failures(self, iteration: int) -> list[str]:
        """Tasks that failed within the last `retry_failed_after` iterations (not proposed again yet)."""
        return [t for t, at in self.failed_at.items() if iteration - at < self.retry_failed_after]

    def _recently_failed(self, task: str, iteration: int) -> bool:
        lowered = task.strip().lower()
        return any(t.strip().lower() == lowered for t in self.recent_failures(iteration))

    # -------------------------------------------------------------- propose
    def propose_next_task(self, observation: dict[str, Any], completed: list[str], failed: list[str],
                          iteration: int) -> tuple[str, str]:
        """(task, context) for the next iteration."""
        self._track_failures(completed, failed, iteration)
        self.completed, self.failed = list(completed), list(failed)
        self.proposals += 1
        if self.mode in ("manual", "suite"):
            assert self.source is not None
            return self.source.next()
        observation = observation or {}
        if not _unique(completed):
            return FIRST_TASK
        chest = self._chest_task(observation, iteration)
        if chest is not None:
            return chest
        task = self._ask_task(observation, completed, iteration)
        context = self.qa.task_context(task) if self.qa else ""
        return task, context

    def _chest_task(self, obs: dict[str, Any], iteration: int) -> tuple[str, str] | None:
        used = int(obs.get("inventoryUsed") or len(obs.get("inventory") or {}))
        if used < self.chest_when_inventory_over:
            return None
        chests = obs.get("nearbyChests")
        for position, content in (chests.items() if isinstance(chests, dict) else []):
            if not isinstance(content, dict) or len(content) < CHEST_SLOTS:
                task = f"Deposit useless items into the chest at {position}"
                if not self._recently_failed(task, iteration):
                    return task, DEPOSIT_CONTEXT.format(used=used)
        if "chest" in (obs.get("inventory") or {}):
            task, context = "Place a chest", ("You have a chest in your inventory; place it next to you. If Chests "
                                              "is not None or nearby blocks contain a chest, this task is a success.")
        else:
            task, context = "Craft 1 chest", "Craft 1 chest with 8 planks of any kind of wood."
        if self._recently_failed(task, iteration):
            return None  # no endless chest loop: let the model choose
        return task, context

    def user_message(self, observation: dict[str, Any], completed: list[str], iteration: int) -> str:
        """The warm-up-filtered observation for the curriculum prompt."""
        progress = len(_unique(completed))
        sections = self._sections(observation, completed, iteration, progress)
        if progress >= self.warm_up.threshold("context") and self.qa is not None:
            situation = "\n\n".join(sections[k] for k in FIELDS if k != "context" and sections.get(k))
            sections["context"] = self.qa.context(situation, self._biome(observation))
        parts = []
        for key in FIELDS:
            threshold = self.warm_up.threshold(key)
            if progress < threshold or not sections.get(key):
                continue
            if threshold and self.rng.random() >= self.warm_up.show_probability:
                continue
            parts.append(sections[key])
        return "\n\n".join(parts) + "\n"

    def _biome(self, obs: dict[str, Any]) -> str:
        voxels = obs.get("voxels") or []
        # Voyager: no surface blocks around means the bot is underground, whatever the biome says.
        if voxels and not any(w in b for b in voxels for w in ("dirt", "log", "grass", "sand", "snow")):
            return "underground"
        return str(obs.get("biome") or "Unknown")

    def _sections(self, obs: dict[str, Any], completed: list[str], iteration: int, progress: int) -> dict[str, str]:
        f = observation_fields(obs)
        inventory = dict(obs.get("inventory") or {})
        if progress < self.warm_up.optional_inventory_items:
            inventory = {k: v for k, v in inventory.items() if self.warm_up.core_inventory_items.fullmatch(k)}
        used = obs.get("inventoryUsed", len(obs.get("inventory") or {}))
        done = _unique(completed)
        recent = self.recent_failures(iteration)
        return {
            "context": "", "biome": f"Biome: {self._biome(obs)}", "time": f["time"],
            "nearby_blocks": f["nearby_blocks"], "other_blocks": f["other_blocks"],
            "nearby_entities": f["nearby_entities"], "health": f["health"], "hunger": f["hunger"],
            "position": f["position"], "equipment": f["equipment"],
            "inventory": f"Inventory ({used}/36): {inventory if inventory else 'Empty'}",
            "chests": f["chests"],
            "completed_tasks": f"Completed tasks so far: {', '.join(done) if done else 'None'}",
            "failed_tasks": f"Failed tasks that are too hard: {', '.join(recent) if recent else 'None'}",
        }

    def _ask_task(self, obs: dict[str, Any], completed: list[str], iteration: int) -> str:
        messages: list[dict[str, Any]] = [
            {"role": "system", "content": self.templates.render("curriculum", version=self.version)},
            {"role": "user", "content": self.user_message(obs, completed, iteration)},
        ]
        self.last_messages = messages
        error = ""
        fallback: str | None = None
        for _ in range(self.max_retries + 1):
            answer = self.llm.chat(messages)
            try:
                task = parse_task_line(answer)
                if self._recently_failed(task, iteration):
                    fallback = task
                    raise ParseError(f'"{task}" failed recently; propose a different task')
                return task
            except ParseError as exc:
                error = str(exc)
                messages = [*messages, {"role": "assistant", "content": answer},
                            {"role": "user", "content": self.templates.render("curriculum_retry", error=error)}]
                self.last_messages = messages
        if fallback is not None:
            log.info("curriculum insisted on recently failed task %r; accepting it", fallback)
            return fallback
        raise CurriculumError(f"the curriculum model gave no usable task after {self.max_retries + 1} answers: {error}")

    # ------------------------------------------------------------- decompose
    def decompose(self, goal: str, observation: dict[str, Any] | None = None) -> list[str]:
        """At most `max_subgoals` subgoals for `goal` (inference); [goal] if the model gives none."""
        f = observation_fields(observation or {})
        state = "\n\n".join(f[k] for k in ("biome", "nearby_blocks", "nearby_entities", "equipment", "inventory",
                                           "chests"))
        messages: list[dict[str, Any]] = [
            {"role": "system", "content": self.templates.render("curriculum_decompose",
                                                                max_subgoals=self.max_subgoals)},
            {"role": "user", "content": f"{state}\n\nFinal task: {goal}\n"},
        ]
        for _ in range(self.max_retries + 1):
            answer = self.llm.chat(messages)
            try:
                value = extract_json(answer)
                if isinstance(value, dict):
                    value = next((v for v in value.values() if isinstance(v, list)), None)
                if not isinstance(value, list):
                    raise ParseError("expected a JSON list of subgoal strings")
                subgoals = _unique([" ".join(str(s).split()) for s in value if isinstance(s, str | int) and str(s).strip()])
                if not subgoals:
                    raise ParseError("the list of subgoals is empty")
                return subgoals[: self.max_subgoals]
            except ParseError as exc:
                messages = [*messages, {"role": "assistant", "content": answer},
                            {"role": "user", "content": self.templates.render("json_retry", error=str(exc))}]
        log.warning("no usable decomposition of %r; attempting it directly", goal)
        return [goal]
