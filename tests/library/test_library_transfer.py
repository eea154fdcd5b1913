"""Import of a Voyager checkpoint, export/import round trips, the call scanner."""

import json
import tarfile
from pathlib import Path

import pytest

from tests.library.conftest import SKILLS, fill, write_voyager_checkpoint
from voyager.errors import LibraryError
from voyager.library import SkillLibrary
from voyager.library.calls import called_functions, defined_functions
from voyager.library.transfer import export_library, import_into


@pytest.mark.parametrize("which", ["checkpoint", "skill_folder"])
def test_import_a_voyager_checkpoint(tmp_path, which):
    ckpt = write_voyager_checkpoint(tmp_path / "ckpt")
    src = ckpt if which == "checkpoint" else ckpt / "skill"
    with SkillLibrary.open(tmp_path / "lib") as lib:
        report = import_into(lib, src)
        assert (report.skills, report.versions) == (2, 3)
        assert lib.get("mineWoodLog").version == 2 and "'oak_log', 3" in lib.get("mineWoodLog").code
        assert "'oak_log', 1" in lib.get("mineWoodLog", 1).code
        assert lib.get("craftWoodenPickaxe").calls == ["craftItem", "mineWoodLog"]
        assert lib.retrieve("make a wooden pickaxe", 1)[0].name == "craftWoodenPickaxe"
        assert import_into(lib, src).versions == 0  # importing twice adds nothing


def test_a_voyager_checkpoint_opens_directly_read_only(tmp_path):
    ckpt = write_voyager_checkpoint(tmp_path / "ckpt")
    with SkillLibrary.open(ckpt, readonly=True) as lib:
        assert sorted(lib.programs()) == ["craftWoodenPickaxe", "mineWoodLog"]
        assert lib.retrieve("mine logs", 1)[0].name == "mineWoodLog"
    assert not (ckpt / "skill" / "versions").exists()


@pytest.mark.parametrize("dest", ["out", "out.tar.gz"])
def test_export_import_round_trip(tmp_path, dest):
    with fill(SkillLibrary.open(tmp_path / "a")) as lib:
        lib.add("mineWoodLog", "async function mineWoodLog(bot) { await mineBlock(bot, 'oak_log', 9) }",
                "Mine nine logs.", task="Mine 9 logs")
        lib.record_use("mineWoodLog", success=True)
        export_library(lib, tmp_path / dest)
    if dest == "out":  # a Voyager-format folder
        data = json.loads((tmp_path / "out" / "skills.json").read_text())
        assert set(data) == set(SKILLS) and data["mineWoodLog"]["description"] == "Mine nine logs."
        assert (tmp_path / "out" / "code" / "smeltRawIron.js").read_text() == SKILLS["smeltRawIron"][0]
    else:
        with tarfile.open(tmp_path / dest) as archive:
            assert "skill/skills.json" in archive.getnames()
    with SkillLibrary.open(tmp_path / "b") as lib:
        import_into(lib, tmp_path / dest)
        assert sorted(lib.programs()) == sorted(SKILLS)
        versions = lib.versions("mineWoodLog")
        assert [(v.version, v.parent_version, v.task) for v in versions] == [
            (1, None, "task for mineWoodLog"), (2, 1, "Mine 9 logs")]
        assert (versions[-1].used, versions[-1].succeeded) == (1, 1)


def test_export_refuses_a_non_empty_folder_and_import_a_non_library(tmp_path):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("x")
    with fill(SkillLibrary.open(tmp_path / "a")) as lib:
        with pytest.raises(LibraryError, match="not an empty folder"):
            export_library(lib, tmp_path / "full")
        with pytest.raises(LibraryError, match="holds no skill library"):
            import_into(lib, tmp_path / "full")
        with pytest.raises(LibraryError, match="does not exist"):
            import_into(lib, tmp_path / "missing")


@pytest.mark.parametrize("parser", ["tree-sitter", "fallback scan"])
def test_call_scan_ignores_comments_strings_methods_and_own_helpers(parser, monkeypatch):
    if parser == "fallback scan":
        monkeypatch.setattr("voyager.library.calls._parse", lambda code: None)
    code = """async function buildHut(bot) {
  // mineBlock(bot, 'x') is only mentioned here
  const note = "craftItem(bot)"; const re = /placeItem\\(/
  const msg = `placed ${countPlanks(bot)} planks, then smeltItem(`
  const helper = async (n) => n * 2
  await helper(2); bot.chat('hi'); const p = new Vec3(0, 0, 0)
  if (await hasLogs(bot)) await craftCraftingTable(bot)
  await Promise.all([placeItem(bot, 'oak_planks', p)])
}"""
    assert called_functions(code) == ["countPlanks", "craftCraftingTable", "hasLogs", "placeItem"]
    assert defined_functions(code) == {"buildHut", "helper"}


def test_import_the_shared_voyager_fixture(tmp_path):
    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "voyager_library"
    if not fixture.is_dir():
        pytest.skip("tests/fixtures/voyager_library is not in this checkout")
    expected = json.loads((fixture / "skill" / "skills.json").read_text())
    with SkillLibrary.open(tmp_path / "lib") as lib:
        import_into(lib, fixture)
        assert lib.programs() == {name: entry["code"] for name, entry in expected.items()}
        # Each skill keeps its description (skills.json, as Voyager wrote it).
        assert {name: lib.get(name).description for name in expected} == \
            {name: entry["description"] for name, entry in expected.items()}
        pickaxe = lib.get("craftWoodenPickaxe")
        assert {"craftCraftingTable", "craftPlanksFromLogs"} <= set(pickaxe.calls)
        assert "craftWoodenPickaxe" in lib.called_by("craftCraftingTable")
        assert lib.retrieve("make a wooden pickaxe", 1)[0].name == "craftWoodenPickaxe"
