"""The primitives with server commands refused, as generated code runs them in production.

The session bridge allows commands (tests/fixtures/bridge.py) so scenes can be built with
/fill; these tests build the scene in one step, then switch `allowCommands` off for the
step under test, so nothing in it can lean on /give or /setblock.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import pytest

from tests.skills.steps import run_step

pytestmark = pytest.mark.integration


@contextlib.contextmanager
def commands_refused(env: Any) -> Iterator[None]:
    """The bridge's allowCommands off (POST /configure) inside the block; as before afterwards."""
    previous = env.bridge.settings.get("allowCommands", False)
    assert env.bridge.configure({"allowCommands": False})["allowCommands"] is False
    try:
        yield
    finally:
        env.bridge.configure({"allowCommands": previous})


def test_place_craft_take_back_and_mine_work_without_commands(play: Any, minecraft_env: Any) -> None:
    # Scene (commands on): a flat arena with a tree. No crafting table in it: the bridge would
    # give back a table placed by the set-up step when that step ends.
    scene = play("await arena(); await tree(3, 2);", inventory={"oak_planks": 3, "stick": 2, "crafting_table": 1})
    assert not scene.errors, scene.describe()

    with commands_refused(minecraft_env):
        r = run_step(minecraft_env, """
try { bot.chat("/give @s diamond 1"); console.log("command sent"); } catch (err) { console.log("refused: " + err.message); }
const pos = await placeItem(bot, "crafting_table", bot.entity.position.offset(-2, 0, 0));
console.log("placed " + bot.blockAt(pos).name);
const made = await craftItem(bot, "wooden_pickaxe", 1);
const back = await givePlacedItemBack(bot, "crafting_table", pos);
console.log("made " + made + " back " + back + " left " + bot.blockAt(pos).name);
const mined = await mineBlock(bot, "oak_log", 1);
console.log("mined " + mined);
""", timeout=60)
    assert not r.errors, r.describe()
    assert any(line.startswith("refused: server commands are not available to generated code") for line in r.logs), \
        r.describe()
    assert "placed crafting_table" in r.logs, r.describe()
    assert r.said("I crafted 1 wooden_pickaxe"), r.describe()
    assert r.said("Took back crafting_table."), r.describe()
    assert "made 1 back true left air" in r.logs, r.describe()
    assert r.said("Mined 1 oak_log."), r.describe()
    assert "mined 1" in r.logs, r.describe()
    # At least the log asked for: pathfinder may also break a log in its way and pick it up.
    assert r.inventory.get("oak_log", 0) >= 1, r.describe()
    assert {k: v for k, v in r.inventory.items() if k != "oak_log"} == {"wooden_pickaxe": 1, "crafting_table": 1}, \
        r.describe()
    # Nothing was given back by the bridge: the primitive itself picked the table up.
    assert not any("the bridge picked up" in line for line in r.logs), r.describe()
    assert "diamond" not in r.inventory


def test_a_furnace_that_cannot_be_harvested_stays_with_a_message(play: Any, minecraft_env: Any) -> None:
    scene = play("await arena();", inventory={"furnace": 1})
    assert not scene.errors, scene.describe()
    with commands_refused(minecraft_env):
        r = run_step(minecraft_env, """
const pos = await placeItem(bot, "furnace", bot.entity.position.offset(2, 0, 0));
const back = await givePlacedItemBack(bot, "furnace", pos);
console.log("back " + back + " still " + bot.blockAt(pos).name + " have " + bot.inventory.count(mcData.itemsByName.furnace.id));
""", timeout=30)
    assert not r.errors, r.describe()
    assert any(line.startswith("I could not take back the furnace at (") and
               line.endswith("); mine it with mineBlock instead.") for line in r.chats), r.describe()
    assert "back false still furnace have 0" in r.logs, r.describe()
    # The block stayed until the step ended; then the bridge's own give-back (a setting, not
    # the step's code) picked it up.
    assert any("the bridge picked up the furnace" in line for line in r.logs), r.describe()
    assert r.inventory == {"furnace": 1}, r.describe()
