"""smeltItem through the real bridge: a real furnace batch and each documented failure."""

from __future__ import annotations


def test_smelts_two_raw_iron_with_coal(play):
    r = play("""
await arena();
const furnace = await placeItem(bot, "furnace", bot.entity.position.offset(2, 0, 1));
const made = await smeltItem(bot, "raw_iron", "coal", 2);
console.log("made " + made);
""", inventory={"raw_iron": 2, "coal": 1, "furnace": 1}, timeout=90)
    assert r.said("Smelted 2 raw_iron into iron_ingot."), r.describe()
    assert r.inventory.get("iron_ingot") == 2 and "raw_iron" not in r.inventory, r.describe()


def test_failures_name_the_problem(play):
    r = play("""
await arena();
await smeltItem(bot, "dirt", "coal", 1);
await smeltItem(bot, "raw_iron", "cobblestone", 1);
await smeltItem(bot, "raw_gold", "coal", 1);
await smeltItem(bot, "raw_iron", "coal", 1);
""", inventory={"raw_iron": 1, "coal": 1, "dirt": 1, "cobblestone": 1})
    assert r.said("dirt cannot be smelted."), r.describe()
    assert r.said("cobblestone is not a furnace fuel."), r.describe()
    assert r.said("I have no raw_gold to smelt; get raw_gold first."), r.describe()
    assert r.said("There is no furnace within 32 blocks. Craft one from 8 cobblestone with "
                  'craftItem(bot, "furnace", 1) and place it with placeItem.'), r.describe()


def test_smelting_an_ore_name_uses_the_raw_metal_it_drops(play):
    r = play("""
await arena();
await placeItem(bot, "furnace", bot.entity.position.offset(2, 0, 1));
await smeltItem(bot, "iron_ore", "oak_planks", 1);
""", inventory={"raw_iron": 1, "oak_planks": 1, "furnace": 1}, timeout=60)
    assert r.said("I have no iron_ore; mining it gives raw_iron, so I will smelt raw_iron instead."), r.describe()
    assert r.said("Smelted 1 raw_iron into iron_ingot."), r.describe()
    assert r.inventory.get("iron_ingot") == 1, r.describe()
