"""The critic: execution errors and countable tasks without the LLM, the rest through robust JSON."""

from __future__ import annotations

import pytest

from tests.agents.helpers import FakeLLM, observation, observe_event
from voyager.agents.critic import Critic
from voyager.agents.templates import Templates


def judge(task, obs=None, events=None, before=None, answers=()):
    llm = FakeLLM(list(answers))
    critic = Critic(llm, Templates())
    verdict = critic.judge(task=task, context="", observation=obs or observation(), events=events or [],
                           inventory_before=before)
    return verdict, llm


def inv(**items):
    return observation(inventory=items, inventoryUsed=len(items))


@pytest.mark.parametrize(("task", "items", "before", "success", "critique"), [
    ("Mine 3 oak logs", {"oak_log": 1}, None, False, "You have 1 oak_log but need 3; mine 2 more."),
    ("Mine 3 oak logs", {"oak_log": 3}, None, True, ""),
    ("Mine 3 oak logs", {"oak_log": 4}, {"oak_log": 2}, False,
     "You gained 2 oak_log during the task (4 now) but need 3; mine 1 more."),
    ("Mine 1 wood log", {"birch_log": 1}, {}, True, ""),
    ("Mine 3 wood logs", {"birch_log": 1, "spruce_log": 2}, None, True, ""),
    ("Craft 1 wooden pickaxe", {"oak_planks": 3, "stick": 2}, {}, False,
     "You gained 0 wooden_pickaxe during the task (0 now) but need 1; craft 1 more."),
    ("Craft a wooden pickaxe", {"wooden_pickaxe": 1}, {}, True, ""),
    ("Smelt 2 iron ingots", {"iron_ingot": 1, "raw_iron": 2}, None, False,
     "You have 1 iron_ingot but need 2; smelt 1 more."),
    ("Smelt 2 raw iron", {"iron_ingot": 2}, {"raw_iron": 2}, True, ""),
    ("Mine 5 iron ore", {"raw_iron": 5}, None, True, ""),
    ("Mine 3 stone", {"cobblestone": 3}, {}, True, ""),
    ("Cook 1 porkchop", {"cooked_porkchop": 1}, {"porkchop": 1}, True, ""),
    ("Cook 2 meat", {"cooked_beef": 1, "cooked_chicken": 1}, {}, True, ""),
    ("Cook 2 meat", {"cooked_beef": 1, "beef": 3}, {}, False,
     "You gained 1 cooked meat during the task (1 now) but need 2; cook 1 more."),
    ("Kill 1 pig", {"porkchop": 2}, {}, True, ""),
    ("Kill 1 zombie", {"rotten_flesh": 1}, None, True, ""),
])
def test_countable_tasks_are_judged_from_the_inventory(task, items, before, success, critique):
    verdict, llm = judge(task, inv(**items), before=before)
    assert (verdict.success, verdict.critique, verdict.source) == (success, critique, "rule")
    assert llm.calls == []


def test_chat_hints_join_the_critique():
    events = [{"type": "chat", "message": "I cannot make wooden_pickaxe because I need: 1 more stick"}]
    verdict, _ = judge("Craft 1 wooden pickaxe", inv(oak_planks=3), events=events, before={})
    assert verdict.critique.endswith("The chat log says: I cannot make wooden_pickaxe because I need: 1 more stick")


def test_primitive_failure_messages_are_hints():
    events = [{"type": "chat", "message": "Looking for logs"},
              {"type": "chat", "message": "No oak_log within 32 blocks; explore first with exploreUntil to find some."}]
    verdict, _ = judge("Mine 3 oak logs", inv(), events=events, before={})
    assert verdict.critique.endswith("The chat log says: No oak_log within 32 blocks; explore first with "
                                     "exploreUntil to find some.")


def test_execution_error_fails_without_the_llm():
    events = [{"type": "error", "message": "ReferenceError: minBlock is not defined", "line": 2,
               "source": "await minBlock(bot)"}, observe_event()]
    verdict, llm = judge("Mine 3 oak logs", inv(oak_log=9), events=events)
    assert not verdict.success and verdict.source == "error" and llm.calls == []
    assert "ReferenceError: minBlock is not defined (at line 2: await minBlock(bot))" in verdict.critique


def test_timeout_fails_without_the_llm():
    verdict, llm = judge("Explore the desert", events=[{"type": "timeout", "seconds": 180.0}])
    assert not verdict.success and "180 seconds" in verdict.critique and llm.calls == []


def test_kill_without_drops_asks_the_llm_with_the_chat_log():
    events = [{"type": "chat", "message": "Killed pig!"}]
    verdict, llm = judge("Kill 1 pig", inv(stick=1), events=events, before={"stick": 1},
                         answers=['{"reasoning": "The chat log says the pig was killed.", "success": true, "critique": ""}'])
    assert verdict.success and verdict.source == "llm"
    assert "Chat log: Killed pig!" in llm.calls[0][1]["content"] and llm.json_modes == [True]


def test_other_tasks_use_the_llm_and_bad_json_is_reasked():
    verdict, llm = judge("Place 4 torches around the crafting table", answers=[
        '{"reasoning": "You placed them", "success": tr',
        "```json\n{'reasoning': 'Torches are nearby.', 'success': True, 'critique': '',}\n```",
    ])
    assert verdict.success and verdict.reasoning == "Torches are nearby."
    assert len(llm.calls) == 2 and "cut off" in llm.calls[1][-1]["content"]
    assert llm.calls[0][0]["content"].startswith("You are an assistant that assesses my progress")


def test_unusable_critic_answers_end_in_failure():
    verdict, llm = judge("Place 4 torches", answers=["yes", "it worked", "{}"])
    assert not verdict.success and len(llm.calls) == 3 and "no usable answer" in verdict.reasoning


def test_deposit_and_place_chest_tasks():
    full = observation(inventoryUsed=28)
    verdict, _ = judge("Deposit useless items into the chest at (10, 64, 3)", full)
    assert not verdict.success and "28 inventory slots" in verdict.critique
    verdict, _ = judge("Deposit useless items into the chest at (10, 64, 3)", observation(inventoryUsed=19))
    assert verdict.success
    verdict, _ = judge("Place a chest", observation())  # nearbyChests is not empty
    assert verdict.success


def test_equip_tasks():
    verdict, _ = judge("Equip iron chestplate", observation())
    assert verdict.success and verdict.source == "rule"
    verdict, _ = judge("Equip iron helmet", inv(iron_helmet=1))
    assert not verdict.success and "equip it with bot.equip" in verdict.critique
