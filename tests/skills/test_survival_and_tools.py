"""eatFood, equipBestTool, equipArmor and shoot through the real bridge."""

from __future__ import annotations


def test_eats_the_best_food_when_hungry(play):
    r = play("""
await cmd("/vitals @s food 10", () => bot.food === 10);
await eatFood(bot);
""", inventory={"cooked_beef": 1, "rotten_flesh": 1})
    assert r.said("Ate 1 cooked_beef; food is now 18/20 (was 10)."), r.describe()
    assert r.observation["status"]["food"] == 18 and r.inventory == {"rotten_flesh": 1}, r.describe()


def test_eating_failures(play):
    r = play('await cmd("/vitals @s food 20", () => bot.food === 20); await eatFood(bot);', inventory={"bread": 1})
    assert r.said("I am not hungry (food 20/20), so I cannot eat now."), r.describe()
    r = play('await cmd("/vitals @s food 10", () => bot.food === 10); await eatFood(bot);')
    assert r.said("I have no food to eat; kill an animal (killMob) and cook the meat (smeltItem)"), r.describe()


def test_equips_the_best_tool_and_armor(play):
    r = play("""
await equipBestTool(bot, "stone");
await equipArmor(bot);
""", inventory={"wooden_pickaxe": 1, "iron_pickaxe": 1, "oak_planks": 1, "leather_helmet": 1,
                "iron_helmet": 1, "diamond_boots": 1})
    equipment = r.observation["status"]["equipment"]
    assert equipment[0] == "iron_pickaxe", r.describe()
    assert equipment[2] == "iron_helmet" and equipment[5] == "diamond_boots", equipment
    assert r.said("Holding iron_pickaxe to mine stone."), r.describe()


def test_tool_and_armor_failures(play):
    r = play('await equipBestTool(bot, "iron_ore"); await equipArmor(bot);', inventory={"wooden_pickaxe": 1})
    assert r.said("I have no tool that can mine iron_ore; I need a stone_pickaxe or better."), r.describe()
    assert r.said("I have no armor to wear; craft some first"), r.describe()


def test_shoot_failures(play):
    r = play("""
await shoot(bot, "stick", "pig");
await shoot(bot, "bow", "pig");
""", inventory={"stick": 1})
    assert r.said("stick is not a valid weapon for shooting; use one of bow, crossbow"), r.describe()
    assert r.said("No bow in inventory for shooting; craft or collect one first."), r.describe()
    r = play('await shoot(bot, "bow", "pig");', inventory={"bow": 1})
    assert r.said("I have no arrows to shoot the bow;"), r.describe()
    r = play('await shoot(bot, "snowball", "mooshroom");', inventory={"snowball": 4})
    assert r.said("No mooshroom within 48 blocks to shoot at; explore first with exploreUntil."), r.describe()
