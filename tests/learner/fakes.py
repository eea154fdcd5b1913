"""In-process stand-ins for the loop's parts, to test the loop's own logic (resume, recovery,
budget) in milliseconds. The end-to-end tests use the real world, bridge and LLM client."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any


class Killed(BaseException):
    """Stands for SIGKILL: nothing after it runs (not an Exception, so no handler catches it)."""


@dataclass
class FakeProgram:
    code: str
    main_function: str
    exec_code: str


@dataclass
class FakeSkill:
    name: str
    version: int
    code: str
    description: str
    task: str
    iteration: int | None


class FakeEnv:
    """Runs 'programs' whose code holds a JSON comment: /*GIVE {"oak_log": 1}*/ or /*CRASH*/."""

    def __init__(self) -> None:
        self.inventory: dict[str, int] = {}
        self.resets: list[dict[str, Any]] = []
        self.steps: list[str] = []
        self.skills: dict[str, str] = {}
        self.kill_on_step: int | None = None
        self.crash_on_step: int | None = None

    def observation(self) -> dict[str, Any]:
        return {"inventory": dict(self.inventory), "status": {"position": {"x": 1, "y": 64, "z": 2},
                                                               "equipment": [None] * 6}}

    def reset(self, *, seed: int | None = None, options: dict[str, Any] | None = None):
        options = options or {}
        self.resets.append(options)
        if options.get("mode") == "hard":
            self.inventory = dict(options.get("inventory") or {})
        return self.observation(), {}

    def step(self, code: str):
        self.steps.append(code)
        if self.kill_on_step == len(self.steps):
            raise Killed()
        if self.crash_on_step == len(self.steps):
            raise RuntimeError("bridge died")
        match = re.search(r"/\*GIVE (\{.*?\})\*/", code)
        if match:
            for name, count in json.loads(match.group(1)).items():
                self.inventory[name] = self.inventory.get(name, 0) + count
        obs = self.observation()
        return obs, 0.0, False, False, {"events": [{"type": "chat", "message": "done"},
                                                   {"type": "observe", "observation": obs}]}

    def set_skills(self, skills: dict[str, str]) -> None:
        self.skills = dict(skills)


class FakeCurriculum:
    def __init__(self, tasks: list[str]) -> None:
        self.tasks = tasks
        self.proposed = 0

    def propose_next_task(self, *, observation, completed, failed, iteration):
        task = self.tasks[iteration % len(self.tasks)]
        self.proposed += 1
        return task, f"context for {task}"

    def decompose(self, goal, observation):
        return [t.strip() for t in goal.split(";")]

    def state_dict(self) -> dict[str, Any]:
        return {"proposed": self.proposed}

    def load_state_dict(self, state: dict[str, Any]) -> None:
        self.proposed = state.get("proposed", 0)


class FakeAction:
    """Succeeds on round `succeed_on_round` by giving the item the task names."""

    def __init__(self, succeed_on_round: int = 1) -> None:
        self.succeed_on_round = succeed_on_round
        self.calls: list[dict[str, Any]] = []

    def propose(self, **kwargs):
        self.calls.append(kwargs)
        item = kwargs["task"].split()[-1]
        name = "get" + item.title().replace("_", "")
        rounds_so_far = sum(1 for c in self.calls if c["task"] == kwargs["task"] and c["critique"] != "reset")
        give = {item: 1} if rounds_so_far >= self.succeed_on_round else {"dirt": 1}
        code = f"async function {name}(bot) {{ /*GIVE {json.dumps(give)}*/ }}"
        return FakeProgram(code=code, main_function=name, exec_code=f"await {name}(bot);")


@dataclass
class FakeVerdict:
    success: bool
    critique: str
    reasoning: str = ""


class FakeCritic:
    def judge(self, *, task, context, observation, events, inventory_before=None):
        item = task.split()[-1]
        ok = observation["inventory"].get(item, 0) > (inventory_before or {}).get(item, 0)
        return FakeVerdict(ok, "" if ok else f"no new {item}")


class FakeDescriber:
    def __init__(self) -> None:
        self.calls = 0

    def describe(self, program) -> str:
        self.calls += 1
        return f"async function {program.main_function}(bot) // gets things"


@dataclass
class FakeLibrary:
    skills: dict[str, list[FakeSkill]] = field(default_factory=dict)
    uses: list[tuple[str, bool]] = field(default_factory=list)
    readonly: bool = False

    def add(self, name, code, description, *, task, model=None, iteration=None, verdict=None):
        versions = self.skills.setdefault(name, [])
        skill = FakeSkill(name, len(versions) + 1, code, description, task, iteration)
        versions.append(skill)
        return skill

    def get(self, name, version=None):
        if name not in self.skills:
            raise KeyError(name)
        return self.skills[name][-1 if version is None else version - 1]

    def retrieve(self, query, k):
        return [v[-1] for v in self.skills.values()][:k]

    def programs(self):
        return {name: v[-1].code for name, v in self.skills.items()}

    def latest(self):
        return [v[-1] for v in self.skills.values()]

    def record_use(self, name, *, success):
        self.uses.append((name, success))


class FakeLedger:
    def __init__(self, stop_after_checks: int | None = None) -> None:
        self.checks = 0
        self.stop_after_checks = stop_after_checks

    def totals(self):
        return {"tokens": 10 * self.checks, "cost": 0.001 * self.checks}

    def over_budget(self):
        self.checks += 1
        if self.stop_after_checks is not None and self.checks > self.stop_after_checks:
            return "max_tokens 100 reached"
        return None
