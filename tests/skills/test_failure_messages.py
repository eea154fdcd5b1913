"""Documented failure messages (the "On failure it says ..." lines of skills/*.md) produced by the
primitives in the situation each describes, through the real bridge on the embedded world.

Messages already covered by the per-primitive test files are not repeated here.
"""

from __future__ import annotations

# Removes the mobs and dropped items a test leaves near the spawn point, so later tests
# neither pick up stray loot nor find the wrong pig.
CLEAN = r"""
async function clean(kind) {
  const left = () => Object.values(bot.entities).some(e => e !== bot.entity && (e.name === kind || e.name === "item"));
  if (!left()) return;
  bot.chat(`/kill @e[type=${kind}]`);
  await bot.waitForTicks(4);
  bot.chat("/kill @e[type=item]");
  for (let i = 0; i < 60 && left(); i++) await bot.waitForTicks(2);
}
"""


def test_mine_block_with_a_full_inventory(play):
    r = play("""
await arena();
await tree(3, 0);
const mined = await mineBlock(bot, "oak_log", 1);
console.log("mined " + mined + " log still " + bot.blockAt(__p.offset(3, 0, 0)).name);
""", inventory={"dirt": 36 * 64})
    assert r.said("My inventory is full after mining 0 oak_log; deposit items into a chest or drop some first."), \
        r.describe()
    assert "mined 0 log still oak_log" in r.logs, r.describe()


def test_depositing_into_a_full_chest(play):
    r = play("""
await arena();
const chest = await placeItem(bot, "chest", bot.entity.position.offset(2, 0, 1));
const first = await depositItemIntoChest(bot, chest, { cobblestone: 27 * 64 + 10 });
const second = await depositItemIntoChest(bot, chest, { dirt: 1 });
console.log("stored " + JSON.stringify(first) + " then " + JSON.stringify(second) + " left " + JSON.stringify(_inventoryCounts(bot)));
// Empty it again: the world keeps a chest's contents by position, even after /fill replaces
// the block, and other tests place chests at this spot.
await getItemFromChest(bot, chest, { cobblestone: 27 * 64 });
""", inventory={"chest": 1, "cobblestone": 27 * 64 + 10, "dirt": 1}, timeout=90)
    assert r.said(f"Put {27 * 64} cobblestone into the chest at ("), r.describe()
    assert r.said("Put nothing into the chest at ("), r.describe()
    assert sum(line.endswith("But the chest is full.") for line in r.chats) == 2, r.describe()
    assert f'stored {{"cobblestone":{27 * 64}}} then null left {{"cobblestone":10,"dirt":1}}' in r.logs, r.describe()
    assert r.said(f"Took {27 * 64} cobblestone from the chest at ("), r.describe()


def test_eating_a_food_the_bot_does_not_have(play):
    r = play('await cmd("/vitals @s food 10", () => bot.food === 10); console.log("ate " + await eatFood(bot, "bread"));',
             inventory={"cooked_beef": 1})
    assert r.said("I have no bread to eat; get some first."), r.describe()
    assert "ate null" in r.logs and r.inventory == {"cooked_beef": 1}, r.describe()


def test_kill_mob_gives_up_after_its_timeout(play):
    r = play(CLEAN + """
await arena();
await cmd("/summon pig ~3 ~ ~2", () => bot.nearestEntity(e => e.name === "pig" && e.position.distanceTo(bot.entity.position) < 8));
const ok = await killMob(bot, "pig", 1);
console.log("killed " + ok + " pvp " + !bot.pvp.target + " goal " + (bot.pathfinder.goal === null));
await clean("pig");
""", timeout=60)
    assert r.said("I could not kill the pig: Failed to kill pig within 1 s."), r.describe()
    assert "killed null pvp true goal true" in r.logs, r.describe()


def test_wait_for_mob_removed_rejects_when_the_attack_stops(play):
    r = play(CLEAN + """
await arena();
await cmd("/summon pig ~3 ~ ~2", () => bot.nearestEntity(e => e.name === "pig" && e.position.distanceTo(bot.entity.position) < 8));
const pig = bot.nearestEntity(e => e.name === "pig");
const listeners = () => ["entityGone", "entityDead", "itemDrop", "stoppedAttacking", "startedAttacking"].map(n => bot.listenerCount(n)).join();
const before = listeners();
bot.pvp.attack(pig);  // as in the doc's example: not awaited
const waiting = waitForMobRemoved(bot, pig, 60);
await bot.waitForTicks(10);
await bot.pvp.stop();  // e.g. other code of the skill calls off the attack
try { await waiting; console.log("resolved"); } catch (err) { console.log("rejected: " + err.message); }
console.log("alive " + !!bot.entities[pig.id] + " listeners " + (listeners() === before));
await clean("pig");
""", timeout=60)
    assert "rejected: Stopped attacking pig before it died; it may have escaped or be out of reach." in r.logs, \
        r.describe()
    assert "alive true listeners true" in r.logs, r.describe()


def test_smelting_without_the_fuel(play):
    r = play("""
await arena();
await placeItem(bot, "furnace", bot.entity.position.offset(2, 0, 1));
console.log("made " + await smeltItem(bot, "raw_iron", "coal", 1));
""", inventory={"raw_iron": 1, "furnace": 1}, timeout=60)
    assert r.said("I could not smelt raw_iron with coal: I have no coal to use as fuel; get some first "
                  "(coal from coal_ore, or planks)."), r.describe()
    assert not r.said(".."), r.describe()
    assert "made null" in r.logs and r.inventory.get("raw_iron") == 1, r.describe()


def test_a_mined_block_whose_drop_is_taken_by_something_else(play):
    # Something else takes the drop before the bot can (on a real server: another player, a
    # hopper, lava or a cactus): here the server removes every item entity as soon as it appears.
    r = play(CLEAN + """
await arena();
const pos = await place(2, 0, 0, "crafting_table");
const snatch = e => { if (e.name === "item") bot.chat("/kill @e[type=item]"); };
bot.on("entitySpawn", snatch);
const ok = await givePlacedItemBack(bot, "crafting_table", pos);
bot.removeListener("entitySpawn", snatch);
console.log("back " + ok + " " + bot.blockAt(pos).name);
await clean("crafting_table");
""", timeout=60)
    assert r.said("I mined the crafting_table at (") and r.said(
        "but could not pick it up; look for the dropped item nearby."), r.describe()
    assert "back false air" in r.logs and "crafting_table" not in r.inventory, r.describe()


def test_a_full_inventory_leaves_the_placed_block_in_place(play):
    r = play("""
await arena();
const pos = await place(2, 0, 0, "crafting_table");
const ok = await givePlacedItemBack(bot, "crafting_table", pos);
console.log("back " + ok + " " + bot.blockAt(pos).name);
await place(2, 0, 0, "air");
""", inventory={"dirt": 36 * 64})
    assert r.said("My inventory is full, so I left the crafting_table at ("), r.describe()
    assert r.said("in place; deposit items into a chest or drop some first, then call givePlacedItemBack again."), \
        r.describe()
    assert "back false crafting_table" in r.logs, r.describe()


def test_craft_item_points_smelted_items_to_the_furnace(play):
    r = play('await craftItem(bot, "iron_ingot", 1); await craftItem(bot, "glass", 1);')
    assert r.said("I cannot make iron_ingot: I need 1 iron_block more. iron_ingot is usually made by smelting "
                  "raw_iron with smeltItem."), r.describe()
    assert r.said("glass cannot be crafted; smelt sand in a furnace with smeltItem to get it."), r.describe()


def test_a_bot_stuck_in_a_cobweb_hole_says_so(play):
    # A 1x1 hole (bedrock around the feet) with a cobweb in it: pathfinder plans to jump out
    # (cobwebs are "safe" to it), but in a web the bot cannot rise. _goto notices that the bot
    # follows a path without moving, hops and replans, then gives up with "I got stuck".
    r = play("""
await arena();
const p = __p;
const chest = await place(5, 0, 0, "chest");
await cmd(`/fill ${p.x - 1} ${p.y} ${p.z - 1} ${p.x + 1} ${p.y} ${p.z + 1} bedrock`, () => __is(1, 0, 1, "bedrock") && __is(0, 0, 0, "bedrock"));
await cmd(`/setblock ${p.x} ${p.y} ${p.z} cobweb`, () => __is(0, 0, 0, "cobweb"));
const started = Date.now();
const inside = await checkItemInsideChest(bot, chest);
console.log("inside " + JSON.stringify(inside) + " goal " + (bot.pathfinder.goal === null) +
  " controls " + ["forward", "jump", "sprint"].every(c => !bot.getControlState(c)) + " s " + Math.round((Date.now() - started) / 1000));
await cmd(`/fill ${p.x - 1} ${p.y} ${p.z - 1} ${p.x + 5} ${p.y} ${p.z + 1} air`, () => __is(0, 0, 0, "air") && __is(5, 0, 0, "air"));
""", timeout=60)
    assert r.said("I could not reach the chest at (") and r.said("(I got stuck on the way)."), r.describe()
    assert any(line.startswith("inside null goal true controls true") for line in r.logs), r.describe()
