"""Bridge behaviour the other env tests leave out: observation entities and block records,
equipment and position after a restart, the give-back setting, closing an embedded world,
sandbox globals (mcData aliases, pathfinder classes) and the per-step chat limit."""

from __future__ import annotations

import os
import signal
import socket
import threading
from pathlib import Path
from typing import Any

import pytest

from tests.fixtures.bridge import env_config
from tests.skills.steps import run_step
from voyager.env import MinecraftEnv

pytestmark = pytest.mark.integration


def _near(a: dict[str, float], b: dict[str, float], tolerance: float = 1.5) -> bool:
    return abs(a["x"] - b["x"]) < tolerance and abs(a["z"] - b["z"]) < tolerance


def test_a_summoned_pig_is_an_entity_with_its_distance(env: Any) -> None:
    r = run_step(env, """
await arena();
await cmd("/summon pig ~3 ~ ~2", () => bot.nearestEntity(e => e.name === "pig" && e.position.distanceTo(bot.entity.position) < 8));
console.log(bot.nearestEntity(e => e.name === "pig").id);
""")
    try:
        assert not r.errors, r.describe()
        distance = r.observation["entities"].get("pig")
        assert isinstance(distance, float) and 0 < distance < 8, r.observation["entities"]
    finally:
        # Leave no pig and no porkchop on the ground near the spawn for later tests. (Passive mobs
        # also spawn naturally by day: wait for the summoned one, not for "no pig at all".)
        pig = int(r.logs[-1]) if r.logs and r.logs[-1].isdigit() else -1
        cleanup = run_step(env, f"""
await cmd("/kill @e[type=pig]", () => !bot.entities[{pig}]);
for (let i = 0; i < 20 && !bot.nearestEntity(e => e.name === "item"); i++) await bot.waitForTicks(2);
await cmd("/kill @e[type=item]", () => !bot.nearestEntity(e => e.name === "item"));
""")
        assert not cleanup.errors, cleanup.describe()


def test_blocks_seen_earlier_stay_in_block_records_outside_the_box(env: Any) -> None:
    # The test bridge reports blocks within 8 of the bot; a sponge 4 away, then the bot 24 away.
    radius = env.config.bridge.nearby_block_radius
    assert radius < 20
    first = run_step(env, 'const s = await place(4, 2, 0, "sponge"); console.log(`${s.x} ${s.y} ${s.z}`);')
    assert not first.errors, first.describe()
    x, y, z = (int(v) for v in first.logs[0].split())
    try:
        assert "sponge" in first.observation["voxels"]
        moved = run_step(env, """
const t = __p.offset(24, 0, 0);
let top = t.y + 16;
while (top > t.y - 16 && bot.blockAt(new Vec3(t.x, top - 1, t.z)).name === "air") top--;
await cmd(`/tp @s ${t.x + 0.5} ${top} ${t.z + 0.5}`, () => bot.entity.position.distanceTo(new Vec3(t.x + 0.5, top, t.z + 0.5)) < 2);
""")
        assert not moved.errors, moved.describe()
        obs = moved.observation
        assert abs(obs["status"]["position"]["x"] - x) > radius + 4
        assert "sponge" not in obs["voxels"]
        assert "sponge" in obs["blockRecords"]
        assert set(obs["voxels"]) <= set(obs["blockRecords"])
    finally:
        run_step(env, f'await cmd("/setblock {x} {y} {z} air", () => bot.blockAt(new Vec3({x}, {y}, {z})).name === "air");')


def test_a_restart_restores_equipment_and_position_too(env: Any) -> None:
    target = {"x": env.spawn["x"] + 3, "y": env.spawn["y"], "z": env.spawn["z"] - 2}
    equipment = ["stone_sword", "shield", "iron_helmet", None, None, "leather_boots"]
    obs, _ = env.reset(options={"mode": "hard", "inventory": {"bread": 4}, "equipment": equipment,
                                "position": target})
    assert obs["status"]["equipment"] == equipment
    restarts = env.bridge.restarts
    old_pid = env.bridge.process.pid
    # The step strips the bot and walks it away on the server, then the bridge dies under it:
    # only the restore can bring back what the last observation had.
    killer = threading.Timer(2.0, os.kill, args=(old_pid, signal.SIGKILL))
    killer.start()
    try:
        obs, _, _, _, info = env.step(
            "bot.chat('/clear @s')\n"
            "bot.chat(`/tp @s ${bot.entity.position.x + 10} ${bot.entity.position.y + 3} ${bot.entity.position.z}`)\n"
            "await bot.waitForTicks(400)")
    finally:
        killer.cancel()
    assert env.bridge.restarts == restarts + 1
    assert "died during the step" in info["events"][0]["message"]
    assert obs["status"]["equipment"] == equipment
    assert obs["inventory"] == {"bread": 4, "stone_sword": 1}
    assert _near(obs["status"]["position"], target), obs["status"]["position"]


def test_without_give_back_a_placed_table_stays_in_the_world(env: Any) -> None:
    env.reset(options={"mode": "hard", "inventory": {"crafting_table": 1}, "position": env.spawn})
    previous = env.bridge.settings.get("giveBackPlacedItems", True)
    assert env.bridge.configure({"giveBackPlacedItems": False})["giveBackPlacedItems"] is False
    try:
        placed = run_step(env, """
await arena();
const pos = await placeItem(bot, "crafting_table", bot.entity.position.offset(2, 0, 0));
console.log(`${pos.x} ${pos.y} ${pos.z}`);
""")
    finally:
        env.bridge.configure({"giveBackPlacedItems": previous})
    assert not placed.errors, placed.describe()
    assert "crafting_table" not in placed.inventory, placed.describe()
    assert not any("the bridge picked up" in line for line in placed.logs), placed.describe()
    x, y, z = (int(v) for v in placed.logs[0].split())
    # The next step still finds it there (and takes it back, leaving the spawn clear).
    after = run_step(env, f"""
const pos = new Vec3({x}, {y}, {z});
console.log("still " + bot.blockAt(pos).name);
await givePlacedItemBack(bot, "crafting_table", pos);
""")
    assert "still crafting_table" in after.logs, after.describe()
    assert after.inventory == {"crafting_table": 1}, after.describe()


def test_close_stops_the_embedded_world_it_started(tmp_path: Path) -> None:
    env = MinecraftEnv(env_config(None, "world.username=closer"), run_dir=tmp_path)
    try:
        world = env.world
        assert world is not None and world.is_alive()
        proc, port = world._proc, world.port
        assert proc is not None
        bridge_process = env.bridge.process
    finally:
        env.close()
    assert proc.poll() is not None  # exited and reaped
    assert not bridge_process.is_alive()
    with pytest.raises(ProcessLookupError):
        os.kill(proc.pid, 0)
    with socket.socket() as sock:
        sock.settimeout(2)
        assert sock.connect_ex(("127.0.0.1", port)) != 0  # nothing listens on the world's port


def test_mcdata_aliases_and_pathfinder_classes_are_usable(env: Any) -> None:
    r = run_step(env, """
await arena();
console.log(mcData.blocksByName.lapis_lazuli_ore.name, mcData.itemsByName.leather_cap.name);
const previous = bot.pathfinder.movements;
const moves = new Movements(bot);
moves.allow1by1towers = false;
bot.pathfinder.setMovements(moves);
const start = bot.entity.position.floored();
try {
  await bot.pathfinder.goto(new GoalInvert(new GoalNear(start.x, start.y, start.z, 3)));
  const away = bot.entity.position.distanceTo(start.offset(0.5, 0, 0.5));
  await bot.pathfinder.goto(new GoalCompositeAny([new GoalNear(start.x, start.y, start.z, 1),
    new GoalNear(start.x + 200, start.y, start.z, 1)]));
  const back = bot.entity.position.distanceTo(start.offset(0.5, 0, 0.5));
  console.log("away " + (away > 3) + " back " + (back <= 1.8));
} finally {
  bot.pathfinder.setMovements(previous);
}
const follow = new GoalFollow(bot.entity, 2);
console.log("follow " + follow.isEnd(bot.entity.position.floored()) + " " + (moves instanceof Movements));
""", timeout=40)
    assert not r.errors, r.describe()
    assert r.logs[:3] == ["lapis_ore leather_helmet", "away true back true", "follow true true"], r.describe()


def test_chats_past_the_step_limit_are_counted_even_from_a_primitive(env: Any) -> None:
    r = run_step(env, """
for (let i = 0; i < 100; i++) bot.chat(`flood ${i}`);
await placeItem(bot, "furnace", bot.entity.position.offset(1, 0, 0));
bot.chat("one too many");
""")
    assert not r.errors, r.describe()
    assert len(r.chats) == 100 and r.chats[-1] == "flood 99", r.describe()
    assert "(2 more bot.chat messages were not sent: a step sends at most 100)" in r.logs, r.describe()
