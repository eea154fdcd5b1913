"""Resets through server commands, learned skills, observations."""

from __future__ import annotations

from typing import Any

import pytest

from voyager.env.spaces import ObservationSpace

pytestmark = pytest.mark.integration


def test_hard_reset_gives_inventory_equipment_and_position(env: Any) -> None:
    target = {"x": env.spawn["x"] + 3, "y": env.spawn["y"], "z": env.spawn["z"] - 2}
    obs, _ = env.reset(options={"mode": "hard", "inventory": {"oak_planks": 70, "wooden_pickaxe": 1},
                                "equipment": ["wooden_pickaxe", None, None, None, None, None],
                                "position": target})
    assert obs["inventory"] == {"oak_planks": 70, "wooden_pickaxe": 1}
    assert obs["inventoryUsed"] == 3
    assert obs["status"]["equipment"][0] == "wooden_pickaxe"
    assert abs(obs["status"]["position"]["x"] - target["x"]) < 1.5
    assert abs(obs["status"]["position"]["z"] - target["z"]) < 1.5
    obs, _ = env.reset(options={"mode": "hard"})
    assert obs["inventory"] == {}


def test_soft_reset_keeps_everything(env: Any) -> None:
    env.reset(options={"mode": "hard", "inventory": {"torch": 4}, "position": env.spawn})
    obs, _ = env.reset(options={"mode": "soft"})
    assert obs["inventory"] == {"torch": 4}


def test_observation_follows_schema_1(env: Any) -> None:
    obs = env.observe()
    assert obs in ObservationSpace()
    assert obs["timeOfDay"] in {"sunrise", "day", "noon", "sunset", "night", "midnight"}
    assert obs["voxels"] and all(isinstance(v, str) for v in obs["voxels"])
    assert set(obs["voxels"]) <= set(obs["blockRecords"])


def test_learned_skills_are_callable_and_replaceable(env: Any) -> None:
    env.set_skills({"sayHello": "async function sayHello(bot) {\n  bot.chat('hello from a skill')\n}",
                    "broken": "async function broken(bot) {"})
    _, _, _, _, info = env.step("await sayHello(bot)\nconsole.log(typeof broken)")
    assert [e.get("message") for e in info["events"][:-1]] == ["hello from a skill", "undefined"]
    env.set_skills({})
    _, _, _, _, info = env.step("console.log(typeof sayHello)")
    assert info["events"][0]["message"] == "undefined"


def _place_beside_the_bot(item: str) -> str:
    """JS for a step: place `item` on free ground beside the bot (`ground` is the block under it)."""
    return (
        "const me = bot.entity.position.floored()\n"
        "let ground = null\n"
        "for (const [dx, dz] of [[1, 0], [-1, 0], [0, 1], [0, -1]]) {\n"
        "  const b = bot.blockAt(me.offset(dx, -1, dz)); const a = bot.blockAt(me.offset(dx, 0, dz))\n"
        "  if (b && b.boundingBox === 'block' && a && a.name === 'air') { ground = b; break }\n"
        "}\n"
        f"await bot.equip(mcData.itemsByName.{item}.id, 'hand')\n"
        "await bot.placeBlock(ground, new Vec3(0, 1, 0))\n"
    )


def test_crafting_table_placed_by_a_step_is_given_back(env: Any) -> None:
    env.reset(options={"mode": "hard", "inventory": {"crafting_table": 1}, "position": env.spawn})
    _, _, _, _, info = env.step(
        _place_beside_the_bot("crafting_table") +
        "console.log(bot.blockAt(ground.position.offset(0, 1, 0)).name)\n")
    assert [e for e in info["events"] if e["type"] == "error"] == []
    assert {"type": "log", "message": "crafting_table"} in info["events"]
    assert not [e for e in info["events"] if e["type"] == "chat"]  # no command feedback from the give-back
    assert info["events"][-1]["observation"]["inventory"] == {"crafting_table": 1}


def test_reset_sets_the_time(env: Any) -> None:
    obs, _ = env.reset(options={"mode": "soft", "time": 14000})
    assert abs(obs["time"] - 14000) < 100
    assert obs["timeOfDay"] == "night"
    obs, _ = env.reset(options={"mode": "soft", "time": 1000})
    assert obs["timeOfDay"] == "day"


def test_opened_chest_contents_are_observed(env: Any) -> None:
    env.reset(options={"mode": "hard", "inventory": {"chest": 1, "cobblestone": 5}, "position": env.spawn})
    obs, _, _, _, info = env.step(
        _place_beside_the_bot("chest") +
        "const chest = bot.blockAt(ground.position.offset(0, 1, 0))\n"
        "const window = await bot.openContainer(chest)\n"
        "await window.deposit(mcData.itemsByName.cobblestone.id, null, 5)\n"
        "window.close()\n"
        "const p = chest.position\n"
        "console.log(`(${p.x}, ${p.y}, ${p.z})`)\n")
    assert [e for e in info["events"] if e["type"] == "error"] == []
    key = next(e["message"] for e in info["events"] if e["type"] == "log")
    assert obs["nearbyChests"][key] == {"cobblestone": 5}
    assert "cobblestone" not in obs["inventory"]
    x, y, z = (int(v) for v in key.strip("()").split(", "))
    env.step(f"bot.chat('/setblock {x} {y} {z} air')\nawait bot.waitForTicks(5)")  # leave the spawn clear
    assert key not in env.observe()["nearbyChests"]


def test_biome_is_named(env: Any) -> None:
    # The embedded terrain writes plains/forest/desert into its chunks.
    assert env.observe()["biome"] not in ("", "unknown")


def test_hard_reset_can_spread_to_a_new_place(env: Any) -> None:
    obs, _ = env.reset(options={"mode": "hard", "spread": True, "inventory": {"stick": 1}})
    moved = obs["status"]["position"]
    assert abs(moved["x"] - env.spawn["x"]) + abs(moved["z"] - env.spawn["z"]) > 2
    assert obs["inventory"] == {"stick": 1}
    assert obs["voxels"]  # the chunks around the new place arrived
