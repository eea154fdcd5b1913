"""Fixtures for the skill library tests: small skill sets, a fake Voyager checkpoint, embedders."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from voyager.library import FunctionEmbedder, SkillLibrary

SKILLS = {
    "mineWoodLog": ("async function mineWoodLog(bot) {\n  await mineBlock(bot, 'oak_log', 1)\n}\n",
                    "Mine one oak log by chopping a nearby tree."),
    "craftCraftingTable": ("async function craftCraftingTable(bot) {\n  await mineWoodLog(bot)\n"
                           "  await craftItem(bot, 'oak_planks', 1)\n  await craftItem(bot, 'crafting_table', 1)\n}\n",
                           "Craft a crafting table from oak planks."),
    "smeltRawIron": ("async function smeltRawIron(bot) {\n  await smeltItem(bot, 'raw_iron', 'coal', 1)\n}\n",
                     "Smelt raw iron into an iron ingot in a furnace."),
    "killZombie": ("async function killZombie(bot) {\n  await killMob(bot, 'zombie', 300)\n}\n",
                   "Attack and kill a nearby zombie with a sword."),
    "catchFish": ("async function catchFish(bot) {\n  await bot.fish()\n}\n",
                  "Fish in water with a fishing rod to catch a fish."),
}


def fill(library: SkillLibrary) -> SkillLibrary:
    for name, (code, description) in SKILLS.items():
        library.add(name, code, description, task=f"task for {name}", model="gpt-test", iteration=1,
                    verdict="success")
    return library


def hash_embedder(dim: int = 16, id: str = "test:hash16") -> FunctionEmbedder:
    """A tiny deterministic bag-of-words embedder (no model): for tests of re-indexing."""

    def embed(texts: list[str]) -> list[list[float]]:
        out = []
        for text in texts:
            vec = [0.0] * dim
            for word in text.lower().split():
                vec[int(hashlib.sha256(word.encode()).hexdigest(), 16) % dim] += 1.0
            norm = sum(v * v for v in vec) ** 0.5 or 1.0
            out.append([v / norm for v in vec])
        return out

    return FunctionEmbedder(embed, id=id)


@pytest.fixture
def library(tmp_path: Path):
    lib = fill(SkillLibrary.open(tmp_path / "lib"))
    yield lib
    lib.close()


def write_voyager_checkpoint(root: Path) -> Path:
    """A checkpoint as MineDojo/Voyager writes it: skill/{code,description}/ and skills.json; a
    re-learned skill's newer code is dumped as <name>V2.js while skills.json holds the newest."""
    skill = root / "skill"
    (skill / "code").mkdir(parents=True)
    (skill / "description").mkdir()
    (skill / "vectordb").mkdir()  # Voyager's own Chroma folder: ignored on import
    entries = {
        "mineWoodLog": ["async function mineWoodLog(bot) {\n  await mineBlock(bot, 'oak_log', 1);\n}",
                        "async function mineWoodLog(bot) {\n  await mineBlock(bot, 'oak_log', 3);\n}"],
        "craftWoodenPickaxe": ["async function craftWoodenPickaxe(bot) {\n  await mineWoodLog(bot);\n"
                               "  await craftItem(bot, 'wooden_pickaxe', 1);\n}"],
    }
    skills_json = {}
    for name, versions in entries.items():
        for i, code in enumerate(versions):
            stem = name if i == 0 else f"{name}V{i + 1}"
            description = f"async function {name}(bot) {{\n    // The function {stem} mines or crafts: version {i + 1}.\n}}"
            (skill / "code" / f"{stem}.js").write_text(code)
            (skill / "description" / f"{stem}.txt").write_text(description)
            skills_json[name] = {"code": code, "description": description}
    (skill / "skills.json").write_text(json.dumps(skills_json, indent=4))
    return root
