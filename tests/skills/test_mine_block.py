"""mineBlock through the real bridge: collecting near trees, the right tool, failure feedback."""

from __future__ import annotations

import json


def test_mines_three_oak_logs_near_trees(play):
    r = play("""
await arena();
await tree(3, 2);
await tree(-3, -3, 5);
const before = [bot.listenerCount("entityGone"), bot.listenerCount("path_update"), bot.listenerCount("goal_reached")];
const mined = await mineBlock(bot, "oak_log", 3);
const after = [bot.listenerCount("entityGone"), bot.listenerCount("path_update"), bot.listenerCount("goal_reached")];
console.log(JSON.stringify({ mined, before, after, goal: bot.pathfinder.goal === null }));
""")
    assert r.said("Mined 3 oak_log."), r.describe()
    assert r.inventory.get("oak_log", 0) >= 3, r.describe()
    # No listeners or pathfinder goal left behind by the primitive itself.
    data = json.loads(r.logs[-1])
    assert data["mined"] == 3 and data["before"] == data["after"] and data["goal"], r.describe()


def test_mines_stone_with_the_pickaxe_equipped_and_gets_cobblestone(play):
    r = play("""
await arena("stone");
await mineBlock(bot, "stone", 2);
console.log("held " + (bot.heldItem ? bot.heldItem.name : "nothing"));
""", inventory={"wooden_pickaxe": 1, "dirt": 5})
    assert r.said("Mined 2 stone."), r.describe()
    assert r.inventory.get("cobblestone", 0) >= 2, r.describe()
    assert "held wooden_pickaxe" in r.logs, r.describe()


def test_without_the_block_nearby_it_says_to_explore(play):
    r = play('const n = await mineBlock(bot, "sponge", 1); console.log("mined " + n);')
    assert r.said("No sponge within 32 blocks; explore first with exploreUntil to find some."), r.describe()
    assert "mined 0" in r.logs and not r.errors, r.describe()


def test_without_a_harvest_tool_it_names_the_tool_to_craft(play):
    r = play('await arena("stone"); await mineBlock(bot, "stone", 1);')
    assert r.said("I need a wooden_pickaxe or better to mine stone; without it stone drops nothing. "
                  "Craft wooden_pickaxe first."), r.describe()
    assert "cobblestone" not in r.inventory


def test_an_item_name_or_unknown_name_is_an_error_with_a_suggestion(play):
    r = play('await mineBlock(bot, "log", 1);', reset=False)
    assert any("No block named log; did you mean oak_log" in e for e in r.errors), r.describe()
    r = play('await mineBlock(bot, "raw_iron", 1);', reset=False)
    assert any("raw_iron is an item: mine iron_ore or deepslate_iron_ore to get it" in e for e in r.errors), r.describe()


def test_repeated_failures_stop_the_program(play):
    r = play("""
for (let i = 0; i < 15; i++) await mineBlock(bot, "sponge", 1);
console.log("not reached");
""", timeout=60)
    assert any("mineBlock failed 11 times in this program, so I stopped it." in e for e in r.errors), r.describe()
    assert "not reached" not in r.logs


def test_an_unreachable_block_is_reported_not_waited_for(play):
    r = play("""
await arena();
const p = __p.offset(4, 1, 4);
await cmd(`/fill ${p.x - 1} ${p.y - 1} ${p.z - 1} ${p.x + 1} ${p.y + 1} ${p.z + 1} bedrock`, () => __is(5, 2, 5, "bedrock"));
await place(4, 1, 4, "gold_ore");
await mineBlock(bot, "gold_ore", 1);
""", inventory={"iron_pickaxe": 1})
    assert r.said("I could not reach any gold_ore within 32 blocks ("), r.describe()
    assert r.said("Move somewhere else or explore with exploreUntil first."), r.describe()
    assert not r.timed_out


def test_asking_for_cobblestone_points_to_stone(play):
    r = play('await arena("stone"); await mineBlock(bot, "cobblestone", 2);', inventory={"wooden_pickaxe": 1})
    assert r.said('No cobblestone within 32 blocks; explore first with exploreUntil to find some. cobblestone also '
                  'comes from mining stone, which is nearby: mineBlock(bot, "stone", 2).'), r.describe()
