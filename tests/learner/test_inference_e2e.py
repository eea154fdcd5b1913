"""Inference on the embedded world: a goal decomposed into 3 subgoals, solved in order with a
prepared (imported Voyager-format) library that is only read."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.skills.steps import SCENE
from voyager.agents import build_agents
from voyager.config import apply_overrides
from voyager.learner.inference import solve_goal
from voyager.learner.loop import Components
from voyager.library import SkillLibrary
from voyager.library.transfer import import_into
from voyager.llm import Ledger, build_clients

pytestmark = pytest.mark.integration

FIXTURE = Path(__file__).parents[1] / "fixtures" / "voyager_library"
SUBGOALS = ["Mine 2 oak logs", "Craft 1 crafting table", "Craft 1 wooden pickaxe"]
PROGRAMS = {
    "Mine 2 oak logs": 'async function mineTwoLogs(bot) { await mineBlock(bot, "oak_log", 2); }',
    # The next two call skills of the prepared library.
    "Craft 1 crafting table": "async function makeTable(bot) { await craftCraftingTable(bot); }",
    "Craft 1 wooden pickaxe": "async function makePickaxe(bot) { await craftWoodenPickaxe(bot); }",
}


def _task_of(body: dict) -> str:
    user = next(m["content"] for m in reversed(body["messages"]) if m["role"] == "user")
    match = re.search(r"^Task: (.+)$", user, re.MULTILINE)
    return match.group(1).strip() if match else ""


def test_inference_solves_three_subgoals_with_a_prepared_library(scripted_llm, minecraft_env, tmp_path, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    writer = SkillLibrary.open(tmp_path / "lib")
    import_into(writer, FIXTURE)
    writer.close()
    files_before = sorted((p.relative_to(tmp_path / "lib"), p.stat().st_mtime) for p in (tmp_path / "lib").rglob("*")
                          if "chroma" not in p.parts)

    scripted_llm.script("curriculum", ['Here are the subgoals:\n```json\n["Mine 2 oak logs", "Craft 1 crafting table", '
                                       '"Craft 1 wooden pickaxe"]\n```'])
    scripted_llm.script("action", [lambda body: f"```javascript\n{PROGRAMS[_task_of(body)]}\n```"], repeat_last=True)
    config = apply_overrides(minecraft_env.config, [f"llm.base_url={scripted_llm.base_url}", "llm.max_retries=1",
                                                    "action.max_rounds=2", "inference.attempts_per_subgoal=2"])
    library = SkillLibrary.open(tmp_path / "lib", readonly=True)
    ledger = Ledger(None, config.llm.prices, config.llm.budget)
    agents = build_agents(config, build_clients(config.llm, ledger), known_functions=lambda: library.programs().keys())
    parts = Components(env=minecraft_env, curriculum=agents.curriculum, action=agents.action, critic=agents.critic,
                       describer=agents.describer, library=library, ledger=ledger)
    minecraft_env.reset(options={"mode": "hard", "position": minecraft_env.spawn, "time": 1000})
    _obs, _r, _t, _tr, info = minecraft_env.step(SCENE + "await arena(); await tree(3, 2, 5); await tree(-3, -3, 5);")
    assert not [e for e in info["events"] if e["type"] == "error"], info["events"]
    settings = minecraft_env.bridge.settings
    saved, settings["stepTimeout"] = settings["stepTimeout"], 90
    try:
        result = solve_goal("Craft a wooden pickaxe", parts, config)
    finally:
        settings["stepTimeout"] = saved
        library.close()

    assert [s.subgoal for s in result.subgoals] == SUBGOALS
    assert [s.success for s in result.subgoals] == [True, True, True], result.to_dict()
    assert result.success and result.rounds == 3
    assert minecraft_env.observe()["inventory"].get("wooden_pickaxe") == 1
    files_after = sorted((p.relative_to(tmp_path / "lib"), p.stat().st_mtime) for p in (tmp_path / "lib").rglob("*")
                         if "chroma" not in p.parts)
    assert files_after == files_before, "inference must not write to the library"
