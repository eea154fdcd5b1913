"""placeItem and givePlacedItemBack through the real bridge."""

from __future__ import annotations


def test_places_a_crafting_table_next_to_the_bot(play):
    r = play("""
await arena();
const pos = await placeItem(bot, "crafting_table", bot.entity.position.offset(2, 0, 0));
console.log("block " + bot.blockAt(pos).name);
""", inventory={"crafting_table": 1})
    assert r.said("Placed crafting_table at ("), r.describe()
    assert "block crafting_table" in r.logs, r.describe()


def test_a_taken_spot_uses_a_free_neighbour(play):
    r = play("""
await arena();
const target = await place(2, 0, 0, "stone");
const pos = await placeItem(bot, "chest", target);
console.log("moved " + !pos.equals(target) + " " + bot.blockAt(pos).name);
""", inventory={"chest": 1})
    assert "moved true chest" in r.logs, r.describe()


def test_in_a_pit_it_digs_a_spot_instead_of_walling_itself_in(play):
    r = play("""
await arena("stone");
const p = __p;
// Stone all around the bot's column, two high: a pit (the bot's own column is never filled).
await cmd(`/fill ${p.x - 2} ${p.y} ${p.z - 2} ${p.x - 1} ${p.y + 1} ${p.z + 2} stone`, () => __is(-2, 1, 2, "stone"));
await cmd(`/fill ${p.x + 1} ${p.y} ${p.z - 2} ${p.x + 2} ${p.y + 1} ${p.z + 2} stone`, () => __is(2, 1, 2, "stone"));
await cmd(`/fill ${p.x} ${p.y} ${p.z - 2} ${p.x} ${p.y + 1} ${p.z - 1} stone`, () => __is(0, 1, -2, "stone"));
await cmd(`/fill ${p.x} ${p.y} ${p.z + 1} ${p.x} ${p.y + 1} ${p.z + 2} stone`, () => __is(0, 1, 2, "stone"));
const pos = await placeItem(bot, "crafting_table", bot.entity.position.offset(1, 0, 0));
console.log("placed " + (pos && bot.blockAt(pos).name) + " at my level " + (pos && pos.y === p.y));
await cmd(`/fill ${p.x - 2} ${p.y} ${p.z - 2} ${p.x + 2} ${p.y + 1} ${p.z + 2} air`, () => __is(2, 1, 2, "air"));
""", inventory={"crafting_table": 1, "stone_pickaxe": 1})
    assert "placed crafting_table at my level true" in r.logs, r.describe()


def test_without_the_item_it_says_to_get_one(play):
    r = play('await placeItem(bot, "furnace", bot.entity.position.offset(1, 0, 0));')
    assert r.said("I have no furnace in my inventory; craft or collect it first."), r.describe()


def test_a_floating_position_is_refused_with_advice(play):
    r = play('await arena(); await placeItem(bot, "chest", bot.entity.position.offset(0, 6, 0));',
             inventory={"chest": 1})
    assert r.said("I could not place chest at or next to ("), r.describe()
    assert r.said("Choose another position on solid ground near me"), r.describe()
    assert r.inventory.get("chest") == 1


def test_gives_a_placed_table_back_by_mining_it(play):
    r = play("""
await arena();
const pos = await placeItem(bot, "crafting_table", bot.entity.position.offset(2, 0, 0));
const ok = await givePlacedItemBack(bot, "crafting_table", pos);
console.log("back " + ok + " " + bot.blockAt(pos).name);
await givePlacedItemBack(bot, ["furnace"], [pos]);
""", inventory={"crafting_table": 1})
    assert r.said("Took back crafting_table."), r.describe()
    assert "back true air" in r.logs, r.describe()
    assert r.inventory.get("crafting_table") == 1, r.describe()
    assert r.said("There is no furnace at ("), r.describe()
