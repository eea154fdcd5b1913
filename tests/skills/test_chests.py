"""depositItemIntoChest, checkItemInsideChest and getItemFromChest through the real bridge."""

from __future__ import annotations


def test_chest_round_trip(play):
    r = play("""
await arena();
const chest = await placeItem(bot, "chest", bot.entity.position.offset(2, 0, 1));
await depositItemIntoChest(bot, chest, { cobblestone: 6, oak_log: 2 });
const inside = await checkItemInsideChest(bot, chest);
console.log("inside " + JSON.stringify(inside));
await getItemFromChest(bot, chest, { cobblestone: 4 });
""", inventory={"chest": 1, "cobblestone": 10, "oak_log": 2})
    assert r.said("Put 6 cobblestone, 2 oak_log into the chest at ("), r.describe()
    assert 'inside {"cobblestone":6,"oak_log":2}' in r.logs, r.describe()
    assert r.said("Took 4 cobblestone from the chest at ("), r.describe()
    assert r.inventory.get("cobblestone") == 8 and "oak_log" not in r.inventory, r.describe()
    chests = r.observation["nearbyChests"]
    assert {"cobblestone": 2, "oak_log": 2} in chests.values(), chests


def test_missing_chest_and_missing_items_are_reported(play):
    r = play("""
await arena();
const chest = await placeItem(bot, "chest", bot.entity.position.offset(2, 0, 1));
await getItemFromChest(bot, chest, { diamond: 1 });
await depositItemIntoChest(bot, chest, { diamond: 1 });
await checkItemInsideChest(bot, chest.offset(0, 3, 0));
""", inventory={"chest": 1})
    assert r.said("Took nothing from the chest at ("), r.describe()
    assert r.said("But the chest has no diamond."), r.describe()
    assert r.said("But I have no diamond."), r.describe()
    assert r.said("There is no chest at ("), r.describe()
