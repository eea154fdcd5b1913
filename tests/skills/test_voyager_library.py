"""A Voyager-format skill library (tests/fixtures/voyager_library, written like GPT-4's skills)
runs unchanged on our primitives: loaded into the bridge by function name, one skill calling
others."""

from __future__ import annotations

import json
from pathlib import Path

LIBRARY = Path(__file__).resolve().parents[1] / "fixtures" / "voyager_library" / "skill"


def load_voyager_library(folder: Path) -> dict[str, str]:
    """name -> code from a Voyager skill folder (skills.json, checked against code/*.js)."""
    skills = json.loads((folder / "skills.json").read_text())
    programs = {name: entry["code"] for name, entry in skills.items()}
    for name in programs:
        assert (folder / "code" / f"{name}.js").read_text() == programs[name]
        assert (folder / "description" / f"{name}.txt").read_text() == skills[name]["description"]
    return programs


def test_the_fixture_is_in_voyager_layout():
    programs = load_voyager_library(LIBRARY)
    assert set(programs) == {"craftPlanksFromLogs", "craftCraftingTable", "craftWoodenPickaxe", "killOnePig"}
    for name, code in programs.items():
        assert code.startswith(f"async function {name}(bot")


def test_a_skill_calling_other_skills_runs_through_the_bridge(minecraft_env, play):
    minecraft_env.set_skills(load_voyager_library(LIBRARY))
    try:
        r = play("await arena();\nawait craftWoodenPickaxe(bot);", inventory={"oak_log": 3})
    finally:
        minecraft_env.set_skills({})
    assert not r.errors, r.describe()
    # craftWoodenPickaxe -> craftCraftingTable -> craftPlanksFromLogs, then the primitives.
    assert r.said("Crafted a crafting table."), r.describe()
    assert r.said("Crafted oak planks."), r.describe()
    assert r.said("Crafted a wooden pickaxe."), r.describe()
    assert r.inventory.get("wooden_pickaxe") == 1, r.describe()
