"""The curriculum: first task, warm-up reveal, failed-task spacing, chest tasks, QA, sources, decompose."""

from __future__ import annotations

import io
import random

import pytest

from tests.agents.helpers import FakeLLM, observation, tiny_embed
from voyager.agents.curriculum import FIRST_TASK, CurriculumAgent, CurriculumError, parse_task_line
from voyager.agents.qa import CurriculumQA, QACache
from voyager.agents.sources import CurriculumExhausted, StdinTasks, manual_tasks, suite_tasks
from voyager.agents.templates import Templates
from voyager.agents.warmup import load_warm_up

DONE = [f"Task {i}" for i in range(20)]


def agent(answers=(), **kw):
    llm = FakeLLM(list(answers))
    kw.setdefault("rng", random.Random(0))
    return CurriculumAgent(llm, Templates(), **kw), llm


def test_first_task_is_fixed_without_calling_the_model():
    cur, llm = agent()
    assert cur.propose_next_task(observation(), [], [], 0) == FIRST_TASK
    assert FIRST_TASK[0] == "Mine 1 wood log" and llm.calls == []


def test_warm_up_schedule_is_voyagers():
    warm = load_warm_up()
    assert warm.fields == {"context": 15, "biome": 10, "time": 15, "nearby_blocks": 0, "other_blocks": 10,
                           "nearby_entities": 5, "health": 15, "hunger": 15, "position": 0, "equipment": 0,
                           "inventory": 0, "chests": 0, "completed_tasks": 0, "failed_tasks": 0}
    assert warm.optional_inventory_items == 7 and warm.show_probability == 0.8
    assert warm.core_inventory_items.fullmatch("oak_log") and not warm.core_inventory_items.fullmatch("dandelion")


def test_warm_up_reveals_fields_as_tasks_complete():
    warm = load_warm_up()
    warm.show_probability = 1.0  # deterministic for the test
    cur, _ = agent(warm_up=warm)
    early = cur.user_message(observation(), DONE[:1], 1)
    assert "Nearby blocks:" in early and "Position:" in early and "Completed tasks so far: Task 0" in early
    assert "Biome:" not in early and "Nearby entities" not in early and "Health:" not in early
    assert "dandelion" not in early and "'oak_log': 3" in early  # only core items before 7 tasks
    mid = cur.user_message(observation(), DONE[:10], 10)
    assert "Biome: forest" in mid and "Nearby entities" in mid and "Other blocks" in mid and "dandelion" in mid
    assert "Health:" not in mid and "Time:" not in mid
    late = cur.user_message(observation(), DONE[:15], 15)
    assert "Health: 18.5/20" in late and "Hunger:" in late and "Time: day" in late


def test_underground_biome():
    cur, _ = agent()
    assert cur._biome(observation(voxels=["stone", "deepslate", "iron_ore"])) == "underground"


def test_llm_task_is_parsed_and_recent_failures_are_avoided():
    cur, llm = agent(["Reasoning: wood.\nTask: Craft 1 wooden pickaxe.",
                      "Reasoning: ok\n**Task:** Mine 5 cobblestone"], retry_failed_after=3)
    task, context = cur.propose_next_task(observation(), ["Mine 1 wood log"], ["Craft 1 wooden pickaxe"], 4)
    assert (task, context) == ("Mine 5 cobblestone", "")
    assert "Failed tasks that are too hard: Craft 1 wooden pickaxe" in llm.calls[0][1]["content"]
    assert "failed recently" in llm.calls[1][-1]["content"]
    # after retry_failed_after iterations it may be proposed again
    assert cur.recent_failures(5) == ["Craft 1 wooden pickaxe"] and cur.recent_failures(6) == []


def test_task_completed_after_failing_is_no_longer_too_hard():
    cur, _ = agent()
    cur._track_failures([], ["Mine 1 iron ore"], 3)
    assert cur.recent_failures(3) == ["Mine 1 iron ore"]
    cur._track_failures(["Mine 1 iron ore"], ["Mine 1 iron ore"], 4)
    assert cur.recent_failures(4) == []


def test_no_task_line_is_reasked_then_an_error():
    cur, llm = agent(["I think you should explore.", "Explore more!"], max_retries=1)
    with pytest.raises(CurriculumError, match="no line starting with"):
        cur.propose_next_task(observation(), ["Mine 1 wood log"], [], 1)
    assert len(llm.calls) == 2


def test_parse_task_line_variants():
    assert parse_task_line("Reasoning: x\nTask: Mine 3 coal.") == "Mine 3 coal"
    assert parse_task_line("Task 1: Craft 1 furnace") == "Craft 1 furnace"
    assert parse_task_line("- **Next task:** `Smelt 1 iron ingot`") == "Smelt 1 iron ingot"


def test_full_inventory_proposes_storing_items_in_a_chest():
    cur, llm = agent(chest_when_inventory_over=30)
    task, context = cur.propose_next_task(observation(inventoryUsed=31), ["Mine 1 wood log"], [], 5)
    assert task == "Deposit useless items into the chest at (10, 64, 3)" and "31 occupied slots" in context
    no_chest = observation(inventoryUsed=33, nearbyChests={})
    assert cur.propose_next_task(no_chest, ["a"], [], 6)[0] == "Craft 1 chest"
    with_chest = observation(inventoryUsed=33, nearbyChests={}, inventory={"chest": 1})
    assert cur.propose_next_task(with_chest, ["a"], [], 7)[0] == "Place a chest"
    assert llm.calls == []


def test_chest_task_that_failed_recently_falls_back_to_the_model():
    cur, _llm = agent(["Task: Mine 3 coal"], chest_when_inventory_over=30)
    obs = observation(inventoryUsed=33, nearbyChests={})
    assert cur.propose_next_task(obs, ["a"], ["Craft 1 chest"], 8)[0] == "Mine 3 coal"


def test_qa_cache_reuses_similar_questions(tmp_path):
    qa_llm = FakeLLM(["Answer: Punch a tree.", "Answer: With 3 planks and 2 sticks."])
    cache = QACache(tmp_path / "qa", tiny_embed, threshold=0.85)
    qa = CurriculumQA(qa_llm, Templates(), cache)
    assert qa.answer("How to mine 1 wood log in Minecraft?") == "Answer: Punch a tree."
    assert qa.answer("How to mine 1 wood log in Minecraft") == "Answer: Punch a tree."  # similar: cached
    assert qa.answer("How to craft a wooden pickaxe in Minecraft?") == "Answer: With 3 planks and 2 sticks."
    assert len(qa_llm.calls) == 2
    # the JSON file is the truth; a reopened cache (new process) finds the answers again
    reopened = QACache(tmp_path / "qa", tiny_embed, threshold=0.85)
    assert len(reopened) == 2 and reopened.lookup("How to mine 1 wood log in Minecraft?") is not None
    strict = QACache(tmp_path / "qa", tiny_embed, threshold=0.999)
    assert strict.lookup("How to mine one wood log in Minecraft?") is None


def test_qa_context_after_warm_up_and_task_context():
    qa_llm = FakeLLM(["Reasoning: r\nQuestion 1: How to craft a furnace?\nConcept 1: furnace\n",
                      "Answer: blocks", "Answer: Unknown", "Answer: mobs", "Answer: 8 cobblestone",
                      "Answer: Mine coal ore with a pickaxe."])
    qa = CurriculumQA(qa_llm, Templates(), QACache(None, tiny_embed, threshold=0.99))
    warm = load_warm_up()
    warm.show_probability = 1.0
    cur, llm = agent(["Task: Mine 3 coal"], qa=qa, warm_up=warm)
    _task, context = cur.propose_next_task(observation(), DONE[:15], [], 15)
    prompt = llm.calls[0][1]["content"]
    assert "Question 1: What are the blocks that I can find in the forest in Minecraft?\nAnswer: blocks" in prompt
    assert "Answer: Unknown" not in prompt and "Question 3: How to craft a furnace?\nAnswer: 8 cobblestone" in prompt
    assert context == "Question: How to mine 3 coal in Minecraft?\nAnswer: Mine coal ore with a pickaxe."


def test_state_dict_round_trip():
    cur, _ = agent(retry_failed_after=5)
    cur._track_failures([], ["Kill 1 zombie"], 9)
    state = cur.state_dict()
    fresh, _ = agent(retry_failed_after=5)
    fresh.load_state_dict(state)
    assert fresh.recent_failures(10) == ["Kill 1 zombie"] and fresh.state_dict() == state


def test_manual_and_suite_sources(tmp_path):
    path = tmp_path / "tasks.txt"
    path.write_text("# my tasks\nMine 2 dirt\n\nCraft 1 chest | 8 planks\n")
    cur, llm = agent(mode="manual", source=manual_tasks(path))
    assert cur.propose_next_task(observation(), [], [], 0) == ("Mine 2 dirt", "")
    state = cur.state_dict()
    resumed, _ = agent(mode="manual", source=manual_tasks(path))
    resumed.load_state_dict(state)
    assert resumed.propose_next_task(observation(), [], [], 1) == ("Craft 1 chest", "8 planks")
    with pytest.raises(CurriculumExhausted):
        resumed.propose_next_task(observation(), [], [], 2)
    suite = suite_tasks("tech_tree")
    assert suite.next()[0] == "Mine 1 wood log" and suite.tasks[-1][0] == "Craft 1 diamond pickaxe"
    stdin = StdinTasks(io.StringIO("Mine 1 sand | near water\n\n"), io.StringIO())
    assert stdin.next() == ("Mine 1 sand", "near water")
    with pytest.raises(CurriculumExhausted):
        stdin.next()
    assert llm.calls == []


def test_decompose_is_bounded_and_robust():
    cur, llm = agent(["Here: [\"Mine 3 wood logs\", \"Craft 1 crafting table\",",
                      '```json\n{"subgoals": ["Mine 3 wood logs", "Craft 1 crafting table", "Craft 1 wooden pickaxe",'
                      ' "Mine 3 cobblestone", "Craft 1 stone pickaxe"]}\n```'], max_subgoals=3)
    assert cur.decompose("Craft 1 stone pickaxe", observation()) == [
        "Mine 3 wood logs", "Craft 1 crafting table", "Craft 1 wooden pickaxe"]
    assert "Final task: Craft 1 stone pickaxe" in llm.calls[0][1]["content"]
    assert "at most 3 subgoals" in llm.calls[0][0]["content"]
    fallback, _ = agent(["no", "no", "no", "no"])
    assert fallback.decompose("Craft 1 compass", {}) == ["Craft 1 compass"]


def test_the_shipped_manual_example_loads():
    from voyager.paths import curriculum_dir

    tasks = manual_tasks(curriculum_dir() / "tasks_example.txt")
    assert tasks.next() == ("Mine 1 wood log",
                            "You can mine one of oak, birch, spruce, jungle, acacia, dark oak, or mangrove logs.")
    assert len(tasks.tasks) == 5
