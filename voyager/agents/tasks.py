"""Countable tasks ("Mine 3 oak logs", "Craft 1 wooden pickaxe", "Smelt 2 iron ingots", "Kill 1 pig",
"Cook 1 porkchop", "Equip iron chestplate") parsed into what the inventory must show.

Item and mob names come from `curriculum/minecraft_1_19_2.yaml` (generated from minecraft-data),
so a task is only checked deterministically when its object resolves to real names; anything
else is left to the LLM critic.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from voyager.paths import curriculum_dir

NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "sixteen": 16, "twenty": 20}
VERBS = {
    "mine": "mine", "collect": "mine", "gather": "mine", "obtain": "mine", "get": "mine", "chop": "mine",
    "dig": "mine", "acquire": "mine", "harvest": "mine", "pick up": "mine", "cut": "mine",
    "craft": "craft", "make": "craft",
    "smelt": "smelt", "cook": "cook",
    "kill": "kill", "hunt": "kill", "slay": "kill", "defeat": "kill",
    "equip": "equip", "wear": "equip",
}
# What mining a block leaves in the inventory (without silk touch).
MINED_DROPS = {
    "stone": "cobblestone", "deepslate": "cobbled_deepslate", "grass_block": "dirt", "clay": "clay_ball",
    "coal_ore": "coal", "deepslate_coal_ore": "coal", "iron_ore": "raw_iron", "deepslate_iron_ore": "raw_iron",
    "copper_ore": "raw_copper", "deepslate_copper_ore": "raw_copper", "gold_ore": "raw_gold",
    "deepslate_gold_ore": "raw_gold", "nether_gold_ore": "gold_nugget", "diamond_ore": "diamond",
    "deepslate_diamond_ore": "diamond", "emerald_ore": "emerald", "deepslate_emerald_ore": "emerald",
    "lapis_ore": "lapis_lazuli", "deepslate_lapis_ore": "lapis_lazuli", "redstone_ore": "redstone",
    "deepslate_redstone_ore": "redstone", "nether_quartz_ore": "quartz", "glowstone": "glowstone_dust",
    "snow_block": "snowball", "snow": "snowball", "gravel": "flint",
}
SMELTED = {
    "raw_iron": "iron_ingot", "iron_ore": "iron_ingot", "deepslate_iron_ore": "iron_ingot",
    "raw_gold": "gold_ingot", "gold_ore": "gold_ingot", "deepslate_gold_ore": "gold_ingot",
    "raw_copper": "copper_ingot", "copper_ore": "copper_ingot", "deepslate_copper_ore": "copper_ingot",
    "sand": "glass", "red_sand": "glass", "cobblestone": "stone", "stone": "smooth_stone", "clay_ball": "brick",
    "netherrack": "nether_brick", "cactus": "green_dye", "kelp": "dried_kelp", "wet_sponge": "sponge",
    "ancient_debris": "netherite_scrap", "cobbled_deepslate": "deepslate",
}
COOKED = {
    "beef": "cooked_beef", "steak": "cooked_beef", "porkchop": "cooked_porkchop", "pork": "cooked_porkchop",
    "chicken": "cooked_chicken", "mutton": "cooked_mutton", "rabbit": "cooked_rabbit", "cod": "cooked_cod",
    "salmon": "cooked_salmon", "potato": "baked_potato", "kelp": "dried_kelp",
}
COOKED_MEATS = ("cooked_beef", "cooked_porkchop", "cooked_chicken", "cooked_mutton", "cooked_rabbit")
COOKED_FISH = ("cooked_cod", "cooked_salmon")
FAMILIES = {  # phrase -> regex over item names
    "log": r".+_log$", "wood": r".+_log$", "wood log": r".+_log$", "wooden log": r".+_log$", "tree": r".+_log$",
    "plank": r".+_planks$", "wood plank": r".+_planks$", "wooden plank": r".+_planks$", "wool": r".+_wool$",
    "sapling": r".+_sapling$", "leaf": r".+_leaves$", "leave": r".+_leaves$", "boat": r".+_boat$",
    "bed": r".+_bed$", "fence": r".+_fence$", "door": r".+_door$",
}
RAW_MEATS = ("beef", "porkchop", "chicken", "mutton", "rabbit")


@dataclass(frozen=True)
class WorldNames:
    items: frozenset[str]
    mob_drops: dict[str, tuple[str, ...]] = field(default_factory=dict)


@cache
def world_names(path: Path | None = None) -> WorldNames:
    """Item names and mob drops of the game version (curriculum/minecraft_1_19_2.yaml by default)."""
    path = path or curriculum_dir() / "minecraft_1_19_2.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    drops = {str(k): tuple(str(v) for v in (vs or [])) for k, vs in (data.get("mob_drops") or {}).items()}
    return WorldNames(items=frozenset(str(i) for i in data.get("items", [])), mob_drops=drops)


@dataclass(frozen=True)
class CountableTask:
    """A task whose success is a count of matching inventory items (or, for equip, equipment)."""

    verb: str  # mine | craft | smelt | cook | kill | equip | deposit | place_chest
    count: int
    label: str  # how the critique names the target ("oak_log", "wood log (any *_log)")
    match: Callable[[str], bool] = field(compare=False)
    mob: str | None = None


def _names_matcher(names: set[str]) -> Callable[[str], bool]:
    frozen = frozenset(names)
    return lambda item: item in frozen


def _regex_matcher(pattern: str) -> Callable[[str], bool]:
    compiled = re.compile(pattern)
    return lambda item: bool(compiled.match(item))


def _singulars(word: str) -> list[str]:
    out = [word]
    if word.endswith("ies"):
        out.append(word[:-3] + "y")
    if word.endswith("es"):
        out.append(word[:-2])
    if word.endswith("s"):
        out.append(word[:-1])
    return out


def _candidates(phrase: str) -> list[str]:
    """Item-name spellings of a phrase: "iron ingots" -> iron_ingots, iron_ingot, ..."""
    words = phrase.split()
    if not words:
        return []
    out: list[str] = []
    for last in _singulars(words[-1]):
        name = "_".join([*words[:-1], last])
        out += [name, re.sub(r"^wood_", "wooden_", name), re.sub(r"^gold_", "golden_", name)]
    return list(dict.fromkeys(out))


def _clean_object(text: str) -> str:
    text = text.lower().strip().strip(".!")
    text = re.sub(r"\s+(?:with|using|from|in|into|at|on|by|near|for)\s+.*$", "", text)
    text = re.sub(r"^(?:more|some|of|x)\s+", "", text)
    text = re.sub(r"^(?:pieces?|units?|blocks?|bits?)\s+of\s+", "", text)
    text = text.replace("-", " ").replace("_", " ")
    return " ".join(text.split())


_TASK = re.compile(
    r"^\s*(?P<verb>pick up|[a-z]+)\s+(?:(?P<count>\d+|" + "|".join(NUMBERS) + r")\s+)?(?P<object>.+)$", re.I)


def parse_task(task: str, names: WorldNames | None = None) -> CountableTask | None:
    """The countable form of `task`, or None when it cannot be checked from the inventory alone."""
    names = names or world_names()
    lowered = task.strip().lower()
    if lowered.startswith("deposit") and "chest" in lowered:
        return CountableTask("deposit", 20, "occupied inventory slots", match=lambda item: False)
    if re.match(r"^place (?:a |1 |one )?chest\b", lowered):
        return CountableTask("place_chest", 1, "chest", match=lambda item: item == "chest")
    m = _TASK.match(task.strip())
    if not m:
        return None
    verb = VERBS.get(m.group("verb").lower())
    if verb is None:
        return None
    raw_count = (m.group("count") or "1").lower()
    count = int(raw_count) if raw_count.isdigit() else NUMBERS.get(raw_count, 1)
    phrase = _clean_object(m.group("object"))
    if count <= 0 or not phrase:
        return None
    if verb == "kill":
        return _kill_task(phrase, count, names)
    if verb == "cook":
        return _cook_task(phrase, count, names)
    if verb == "smelt":
        return _smelt_task(phrase, count, names)
    return _item_task(verb, phrase, count, names)


def _family(phrase: str) -> str | None:
    for candidate in (phrase, *(" ".join([*phrase.split()[:-1], s]) for s in _singulars(phrase.split()[-1]))):
        if candidate in FAMILIES:
            return FAMILIES[candidate]
    return None


def _resolve(phrase: str, names: WorldNames) -> str | None:
    for candidate in _candidates(phrase):
        if candidate in names.items:
            return candidate
    # "stone blocks" -> stone, "iron ore block" -> iron_ore
    stripped = re.sub(r"\s+blocks?$", "", phrase)
    if stripped != phrase:
        return _resolve(stripped, names)
    return None


def _item_task(verb: str, phrase: str, count: int, names: WorldNames) -> CountableTask | None:
    family = _family(phrase)
    if family is not None:
        return CountableTask(verb, count, f"{phrase} (any *{family.strip('.+$')})", match=_regex_matcher(family))
    if verb == "mine" and phrase in ("meat", "raw meat"):
        return CountableTask(verb, count, "raw meat", match=_names_matcher(set(RAW_MEATS)))
    item = _resolve(phrase, names)
    if item is None and verb == "mine":
        item = _resolve(f"{phrase} ore", names)
    if item is None:
        return None
    accepted = {item}
    label = item
    if verb == "mine" and item in MINED_DROPS:
        accepted.add(MINED_DROPS[item])
        label = f"{MINED_DROPS[item]} (from {item})"
    return CountableTask(verb, count, label, match=_names_matcher(accepted))


def _smelt_task(phrase: str, count: int, names: WorldNames) -> CountableTask | None:
    item = _resolve(phrase, names) or _resolve(f"{phrase} ingot", names) or _resolve(f"raw {phrase}", names)
    if item is None:
        return None
    product = SMELTED.get(item) or COOKED.get(item) or item
    return CountableTask("smelt", count, product, match=_names_matcher({product}))


def _cook_task(phrase: str, count: int, names: WorldNames) -> CountableTask | None:
    words = phrase.replace("cooked ", "").replace("raw ", "")
    if words in ("meat", "meats"):
        return CountableTask("cook", count, "cooked meat", match=_names_matcher(set(COOKED_MEATS)))
    if words in ("fish", "fishes"):
        return CountableTask("cook", count, "cooked fish", match=_names_matcher(set(COOKED_FISH)))
    if words in ("food", "foods"):
        return CountableTask("cook", count, "cooked food",
                             match=_names_matcher(set(COOKED_MEATS + COOKED_FISH + ("baked_potato", "dried_kelp"))))
    for candidate in _candidates(words):
        if candidate in COOKED:
            return CountableTask("cook", count, COOKED[candidate], match=_names_matcher({COOKED[candidate]}))
        if f"cooked_{candidate}" in names.items:
            return CountableTask("cook", count, f"cooked_{candidate}", match=_names_matcher({f"cooked_{candidate}"}))
    return None


def _kill_task(phrase: str, count: int, names: WorldNames) -> CountableTask | None:
    mob = next((c for c in _candidates(phrase) if c in names.mob_drops), None)
    if mob is None:
        return None
    drops = set(names.mob_drops[mob])
    drops |= {COOKED[d] for d in drops if d in COOKED}  # a mob killed on fire drops cooked meat
    label = f"drops of {mob} ({', '.join(sorted(drops))})" if drops else f"drops of {mob}"
    return CountableTask("kill", count, label, match=_names_matcher(drops), mob=mob)
