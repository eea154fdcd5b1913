"""Observation and events -> prompt text."""

from __future__ import annotations

from tests.agents.helpers import observation, observe_event
from voyager.agents.rendering import observation_fields, render_action_message, render_critic_message, split_events


def test_fields_render_every_part_of_the_observation():
    f = observation_fields(observation())
    assert f["biome"] == "Biome: forest" and f["time"] == "Time: day"
    assert f["nearby_entities"] == "Nearby entities (nearest to farthest): pig, sheep, zombie"
    assert f["health"] == "Health: 18.5/20" and f["hunger"] == "Hunger: 16.0/20"
    assert f["position"] == "Position: x=12.3, y=64.0, z=-7.9"
    assert f["equipment"] == "Equipment: mainhand=stone_pickaxe, chest=iron_chestplate"
    assert f["inventory"].startswith("Inventory (10/36): {'oak_log': 3, ")
    assert f["chests"] == "Chests:\n(10, 64, 3): {'cobblestone': 12}\n(20, 63, -4): Unknown items inside"
    # blocks seen recently that are neither around the bot nor in its inventory
    assert f["other_blocks"] == "Other blocks that are recently seen: birch_log, iron_ore, sand"


def test_missing_fields_never_crash():
    f = observation_fields({})
    assert f["biome"] == "Biome: Unknown" and f["position"] == "Position: Unknown"
    assert f["inventory"] == "Inventory (0/36): Empty" and f["chests"] == "Chests: None"
    assert "Task: t" in render_action_message(observation={}, events=None, task="t", context=None,
                                              last_code=None, critique=None)


def test_action_message_has_code_error_chat_and_state_in_order():
    events = [
        {"type": "chat", "message": "Mining oak_log", "username": "bot"},
        {"type": "log", "message": "found 2 logs"},
        {"type": "error", "message": "TypeError: Cannot read properties of null (reading 'position')",
         "line": 3, "source": "await bot.pathfinder.goto(block.position)"},
        observe_event(),
    ]
    text = render_action_message(observation=observation(), events=events, task="Mine 3 oak logs",
                                 context="Logs drop from trees.", last_code="async function a(bot) {}",
                                 critique="Mine 1 more oak_log.")
    order = ["Code from the last round:\nasync function a(bot) {}", "Execution error:\nTypeError",
             "(at line 3: await bot.pathfinder.goto(block.position))", "Chat log: Mining oak_log\nfound 2 logs",
             "Biome: forest", "Time: day", "Nearby blocks: grass_block", "Nearby entities", "Health:", "Hunger:",
             "Position:", "Equipment:", "Inventory (10/36)", "Chests:", "Task: Mine 3 oak logs",
             "Context: Logs drop from trees.", "Critique: Mine 1 more oak_log."]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions)


def test_first_round_and_timeouts():
    text = render_action_message(observation=observation(), events=[{"type": "timeout", "seconds": 180}],
                                 task="x", context="", last_code="", critique="")
    assert "Code from the last round: No code in the first round" in text
    assert "Execution error:\nthe program timed out after 180 s" in text
    assert "Chat log: None" in text and "Context: None" in text and "Critique: None" in text


def test_chat_log_is_bounded_and_lines_clipped():
    events = [{"type": "chat", "message": f"line {i} " + "x" * 1000} for i in range(100)]
    summary = split_events(events)
    assert len(summary.chat) == 30 and summary.chat[0].startswith("line 70")
    assert all(len(line) <= 300 for line in summary.chat)


def test_critic_message_includes_chat_log_and_task():
    text = render_critic_message(observation=observation(), events=[{"type": "chat", "message": "Killed pig!"}],
                                 task="Kill 1 pig", context=None)
    assert "Chat log: Killed pig!" in text and text.rstrip().endswith("Context: None")
