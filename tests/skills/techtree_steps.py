"""The scripted tech tree (empty inventory -> iron pickaxe) as bridge steps.

Each step is a Voyager-style program (the body of an async function) that uses only the
control primitives in skills/, so the bench (bench/techtree.py) and end-to-end tests can
replay it through ``MinecraftEnv.step``. A step chats its outcome; ``check`` names the
inventory items the step must leave behind.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class TechTreeStep:
    """One program of the tech tree and what the inventory must hold after it."""

    name: str
    code: str
    check: dict[str, int] = field(default_factory=dict)


# Shared helpers each step declares (steps run as separate programs).
_HELPERS = """
const LOGS = ["oak_log", "birch_log", "spruce_log", "jungle_log", "acacia_log", "dark_oak_log", "mangrove_log"];
const count = (name) => bot.inventory.items().filter(i => i.name === name).reduce((n, i) => n + i.count, 0);
const countEnding = (suffix) => bot.inventory.items().filter(i => i.name.endsWith(suffix)).reduce((n, i) => n + i.count, 0);
const anyPlanks = () => { const p = bot.inventory.items().find(i => i.name.endsWith("_planks")); return p ? p.name : null; };
async function findOrExplore(matching, direction, seconds) {
  const find = () => bot.findBlock({ matching, maxDistance: 32 });
  return find() || await exploreUntil(bot, direction, seconds, find);
}
async function atTable(work) {
  const near = bot.findBlock({ matching: mcData.blocksByName.crafting_table.id, maxDistance: 16 });
  if (near) { await work(); return; }
  const pos = await placeItem(bot, "crafting_table", bot.entity.position.offset(1, 0, 0));
  if (!pos) throw new Error("could not place the crafting table");
  try { await work(); } finally { await givePlacedItemBack(bot, "crafting_table", pos); }
}
"""

STEPS: list[TechTreeStep] = [
    TechTreeStep(
        "mine logs",
        _HELPERS + """
const log = await findOrExplore(b => LOGS.includes(b.name), new Vec3(1, 0, 1), 120);
if (!log) throw new Error("no trees found");
await mineBlock(bot, log.name, 4 - countEnding("_log"));
if (countEnding("_log") < 4) await mineBlock(bot, log.name, 4 - countEnding("_log"));
""",
        {"_log": 4},
    ),
    TechTreeStep(
        "planks, table, sticks, wooden pickaxe",
        _HELPERS + """
for (const item of bot.inventory.items().filter(i => i.name.endsWith("_log"))) {
  await craftItem(bot, item.name.replace(/_log$/, "_planks"), item.count);
}
await craftItem(bot, "crafting_table", 1);
await craftItem(bot, "stick", 2);
await atTable(async () => { await craftItem(bot, "wooden_pickaxe", 1); });
""",
        {"wooden_pickaxe": 1, "crafting_table": 1, "stick": 4},
    ),
    TechTreeStep(
        "mine cobblestone",
        _HELPERS + """
const stone = await findOrExplore(mcData.blocksByName.stone.id, new Vec3(0, -1, 0), 60);
if (!stone) throw new Error("no stone found");
for (let i = 0; i < 3 && count("cobblestone") < 11; i++) await mineBlock(bot, "stone", 11 - count("cobblestone"));
""",
        {"cobblestone": 11},
    ),
    TechTreeStep(
        "stone pickaxe and furnace",
        _HELPERS + """
await atTable(async () => {
  await craftItem(bot, "stone_pickaxe", 1);
  await craftItem(bot, "furnace", 1);
});
""",
        {"stone_pickaxe": 1, "furnace": 1},
    ),
    TechTreeStep(
        "mine iron ore",
        _HELPERS + """
const ore = () => bot.findBlock({ matching: ["iron_ore", "deepslate_iron_ore"].map(n => mcData.blocksByName[n].id), maxDistance: 32 });
for (const dir of [new Vec3(0, -1, 0), new Vec3(1, 0, 1), new Vec3(-1, -1, 0), new Vec3(0, -1, -1)]) {
  if (ore()) break;
  await exploreUntil(bot, dir, 60, ore);
}
if (!ore()) throw new Error("no iron ore found");
for (let i = 0; i < 4 && count("raw_iron") < 3; i++) {
  if (!ore()) await exploreUntil(bot, new Vec3(1, -1, 1), 60, ore);
  await mineBlock(bot, "iron_ore", 3 - count("raw_iron"));
}
""",
        {"raw_iron": 3},
    ),
    TechTreeStep(
        "smelt iron",
        _HELPERS + """
const fuel = count("coal") > 0 ? "coal" : anyPlanks();
if (!fuel) throw new Error("no fuel");
const pos = await placeItem(bot, "furnace", bot.entity.position.offset(1, 0, 0));
if (!pos) throw new Error("could not place the furnace");
await smeltItem(bot, "raw_iron", fuel, 3);
await givePlacedItemBack(bot, "furnace", pos);
""",
        {"iron_ingot": 3},
    ),
    TechTreeStep(
        "iron pickaxe",
        _HELPERS + """
if (count("stick") < 2) await craftItem(bot, "stick", 1);
await atTable(async () => { await craftItem(bot, "iron_pickaxe", 1); });
""",
        {"iron_pickaxe": 1},
    ),
]


def inventory_satisfies(inventory: dict[str, int], check: dict[str, int]) -> bool:
    """True when the inventory holds every item of ``check`` (a key starting with ``_``
    is a name suffix, e.g. ``_log`` counts every kind of log)."""
    for key, need in check.items():
        if key.startswith("_"):
            have = sum(n for name, n in inventory.items() if name.endswith(key))
        else:
            have = inventory.get(key, 0)
        if have < need:
            return False
    return True
