"""The real agents and LLM clients over HTTP (scripted endpoint), driven by the learner's own rollout.

Checks the agents' API against the learner's call sites: curriculum -> action -> env -> critic,
with a parse-error re-ask, an execution error, a deterministic verdict and a skill description.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from tests.agents.helpers import observation
from voyager.agents import Program, build_agents
from voyager.config import load_config
from voyager.learner.checkpoint import TaskInProgress
from voyager.learner.rollout import run_rounds
from voyager.llm import Ledger, build_clients


class LogEnv:
    """Each step: an error if the code calls `minBlock`, else one more oak_log."""

    def __init__(self) -> None:
        self.steps: list[str] = []
        self.obs = observation(inventory={}, inventoryUsed=0)

    def step(self, code: str) -> tuple[dict[str, Any], float, bool, bool, dict[str, Any]]:
        self.steps.append(code)
        events: list[dict[str, Any]] = [{"type": "chat", "message": "Looking for a tree", "username": "bot"}]
        if "minBlock(" in code:
            events.append({"type": "error", "message": "ReferenceError: minBlock is not defined", "line": 2,
                           "source": "await minBlock(bot, 'oak_log', 1);"})
        else:
            self.obs = observation(inventory={"oak_log": 1}, inventoryUsed=1)
        events.append({"type": "observe", "observation": self.obs})
        return self.obs, 0.0, False, False, {"events": events}


class NoLibrary:
    readonly = True

    def retrieve(self, query: str, k: int) -> list:
        return []


def test_first_task_through_action_env_critic_and_describer(scripted_llm, monkeypatch, tmp_path):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    config = load_config(overrides=[f"llm.base_url={scripted_llm.base_url}", "llm.max_retries=1"])
    scripted_llm.script("action", [
        "Plan: chop.\n```javascript\nasync function mineWoodLog(bot) {\n  await minBlock(bot, 'oak_log', 1)\n",
        "```javascript\nasync function mineWoodLog(bot) {\n  await minBlock(bot, 'oak_log', 1);\n}\n```",
        "Fixed.\n```javascript\nasync function mineWoodLog(bot) {\n  await mineBlock(bot, 'oak_log', 1);\n}\n```",
    ])
    scripted_llm.script("skill_description", ["The function mines one oak log."])
    ledger = Ledger(tmp_path / "llm_calls.jsonl", config.llm.prices, config.llm.budget)
    agents = build_agents(config, build_clients(config.llm, ledger), primitive_docs="mineBlock docs")
    env = LogEnv()
    parts = SimpleNamespace(env=env, action=agents.action, critic=agents.critic, library=NoLibrary())

    task, context = agents.curriculum.propose_next_task(observation=env.obs, completed=[], failed=[], iteration=0)
    assert task == "Mine 1 wood log"
    current = TaskInProgress(task=task, context=context, inventory_before={})
    success, final = run_rounds(parts, config, current, env.obs)

    assert success and current.round == 2 and final["inventory"] == {"oak_log": 1}
    assert env.steps[-1].endswith("await mineWoodLog(bot);")
    action_requests = scripted_llm.requests_for("action")
    assert len(action_requests) == 3  # cut-off answer re-asked, then round 2 after the error
    assert "SyntaxError" in action_requests[1].last_user and "cut off" in action_requests[1].last_user
    round_two = action_requests[2].last_user
    assert "Execution error:\nReferenceError: minBlock is not defined (at line 2:" in round_two
    assert "Critique: The program stopped with an error" in round_two
    assert scripted_llm.requests_for("critic") == []  # both verdicts were deterministic

    description = agents.describer.describe(Program(**current.program))  # as the learner stores it
    assert description == "The function mines one oak log."
    assert ledger.by_role().keys() == {"action", "skill_description"} and ledger.totals()["calls"] == 4
