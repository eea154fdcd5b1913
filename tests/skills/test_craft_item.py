"""craftItem through the real bridge: inventory grid, crafting table, exact failure feedback."""

from __future__ import annotations


def test_crafts_a_wooden_pickaxe_at_a_nearby_table(play):
    r = play("""
await arena();
await place(3, 0, 1, "crafting_table");
const made = await craftItem(bot, "wooden_pickaxe", 1);
console.log("made " + made);
""", inventory={"oak_planks": 3, "stick": 2})
    assert r.said("I crafted 1 wooden_pickaxe"), r.describe()
    assert r.inventory.get("wooden_pickaxe") == 1, r.describe()
    assert "oak_planks" not in r.inventory and "stick" not in r.inventory
    assert "made 1" in r.logs


def test_count_is_the_number_of_crafts_in_the_inventory_grid(play):
    r = play('await craftItem(bot, "oak_planks", 2); await craftItem(bot, "stick", 1);', inventory={"oak_log": 2})
    assert r.said("I crafted 8 oak_planks (did the recipe 2 times)."), r.describe()
    assert r.inventory == {"oak_planks": 6, "stick": 4}, r.describe()


def test_missing_ingredients_are_named_with_counts(play):
    r = play('await arena(); await place(3, 0, 1, "crafting_table"); await craftItem(bot, "wooden_pickaxe", 1);',
             inventory={"oak_planks": 1})
    assert r.said("I cannot make wooden_pickaxe: I need 2 oak_planks, 2 stick more."), r.describe()


def test_a_three_by_three_recipe_without_a_table_says_a_table_is_needed(play):
    r = play('await arena(); await craftItem(bot, "wooden_pickaxe", 1);', inventory={"oak_planks": 3, "stick": 2})
    assert r.said("I need a crafting table within 32 blocks to make wooden_pickaxe. Craft one with "
                  'craftItem(bot, "crafting_table", 1) (4 planks) and place it with placeItem.'), r.describe()
    assert "wooden_pickaxe" not in r.inventory


def test_smelted_and_uncraftable_items_point_elsewhere(play):
    r = play('await craftItem(bot, "iron_ingot", 1); await craftItem(bot, "cobblestone", 1);')
    assert r.said("iron_ingot is usually made by smelting raw_iron with smeltItem."), r.describe()
    assert r.said("cobblestone cannot be crafted: there is no recipe for it. Mine or find it instead."), r.describe()


def test_a_table_in_the_inventory_is_pointed_out(play):
    r = play('await arena(); await craftItem(bot, "stone_pickaxe", 1);',
             inventory={"cobblestone": 3, "stick": 2, "crafting_table": 1})
    assert r.said("I need a crafting table within 32 blocks to make stone_pickaxe. I have one: place it first with "
                  'placeItem(bot, "crafting_table", position).'), r.describe()
