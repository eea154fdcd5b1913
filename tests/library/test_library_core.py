"""Adding, versioning, retrieving and counting skills; the files on disk stay the truth."""

import json

import pytest

from tests.library.conftest import SKILLS, fill
from voyager.errors import LibraryError
from voyager.library import SkillLibrary


def test_add_writes_voyager_files_and_versions(library):
    root = library.root
    assert json.loads((root / "skills.json").read_text())["smeltRawIron"] == {
        "code": SKILLS["smeltRawIron"][0], "description": SKILLS["smeltRawIron"][1]}
    assert (root / "code" / "smeltRawIron.js").read_text() == SKILLS["smeltRawIron"][0]
    assert (root / "description" / "smeltRawIron.txt").read_text() == SKILLS["smeltRawIron"][1]
    meta = json.loads((root / "versions" / "smeltRawIron" / "v1.json").read_text())
    assert meta["task"] == "task for smeltRawIron" and meta["model"] == "gpt-test" and meta["verdict"] == "success"
    assert meta["calls"] == ["smeltItem"] and meta["created_at"]


def test_same_name_makes_a_new_version_and_keeps_the_old(library):
    new_code = "async function mineWoodLog(bot) {\n  await mineBlock(bot, 'oak_log', 5)\n}\n"
    skill = library.add("mineWoodLog", new_code, "Mine five oak logs from trees.", task="Mine 5 logs")
    assert (skill.version, skill.parent_version) == (2, 1)
    assert library.get("mineWoodLog").code == new_code
    assert library.get("mineWoodLog", 1).code == SKILLS["mineWoodLog"][0]
    assert library.programs()["mineWoodLog"] == new_code
    assert [s.version for s in library.versions("mineWoodLog")] == [1, 2]
    assert library.root.joinpath("code", "mineWoodLog.js").read_text() == new_code
    hit = library.retrieve("chop trees for logs", 1)[0]
    assert (hit.name, hit.version) == ("mineWoodLog", 2)


def test_retrieve_returns_the_relevant_skills_first(library):
    assert library.retrieve("smelt iron ore into ingots", 2)[0].name == "smeltRawIron"
    assert library.retrieve("fight a zombie", 1)[0].name == "killZombie"
    assert len(library.retrieve("anything", 3)) == 3
    assert len(library.retrieve("anything", 50)) == len(SKILLS)
    assert library.retrieve("anything", 0) == []


def test_retrieve_on_an_empty_library(tmp_path):
    with SkillLibrary.open(tmp_path / "empty") as lib:
        assert lib.retrieve("mine wood", 5) == [] and lib.latest() == [] and lib.programs() == {}


def test_counters_persist(tmp_path):
    with fill(SkillLibrary.open(tmp_path / "lib")) as lib:
        lib.retrieve("smelt iron", 1)
        lib.record_use("smeltRawIron", success=True)
        lib.record_use("smeltRawIron", success=False)
    with SkillLibrary.open(tmp_path / "lib", readonly=True) as lib:
        skill = lib.get("smeltRawIron")
        assert (skill.retrieved, skill.used, skill.succeeded, skill.success_rate) == (1, 2, 1, 0.5)


def test_missing_skill_and_bad_names_are_clear_errors(library):
    with pytest.raises(LibraryError, match="no skill named 'nope'"):
        library.get("nope")
    with pytest.raises(LibraryError, match="no version 7"):
        library.get("mineWoodLog", 7)
    with pytest.raises(LibraryError, match="not a JavaScript function name"):
        library.add("../evil", "x", "y", task="t")


def test_calls_and_called_by(library):
    assert library.get("craftCraftingTable").calls == ["craftItem", "mineWoodLog"]
    assert library.called_by("mineWoodLog") == ["craftCraftingTable"]


def test_open_accepts_a_run_directory(tmp_path):
    run = tmp_path / "runs" / "r1"
    (run / "skill").mkdir(parents=True)
    with fill(SkillLibrary.open(run)) as lib:
        assert lib.root == run / "skill"
    assert (run / "skill" / "skills.json").is_file()


def test_readonly_never_writes_and_still_retrieves(tmp_path):
    with fill(SkillLibrary.open(tmp_path / "lib")):
        pass
    (tmp_path / "lib" / "chroma").rename(tmp_path / "old-index")  # stale: must rebuild, but not on disk

    def snapshot():
        return {p.relative_to(tmp_path / "lib"): p.stat().st_mtime_ns for p in (tmp_path / "lib").rglob("*")}

    before = snapshot()
    with SkillLibrary.open(tmp_path / "lib", readonly=True) as lib:
        assert lib.retrieve("smelt iron", 1)[0].name == "smeltRawIron"
        lib.record_use("smeltRawIron", success=True)  # ignored: the counters belong to the writer
        with pytest.raises(LibraryError, match="read-only"):
            lib.add("x", "async function x(bot) {}", "x", task="t")
    assert snapshot() == before


def test_readonly_missing_library_is_an_error(tmp_path):
    with pytest.raises(LibraryError, match="does not exist"):
        SkillLibrary.open(tmp_path / "nope", readonly=True)


def test_crash_between_version_and_skills_json_is_repaired(tmp_path):
    with fill(SkillLibrary.open(tmp_path / "lib")) as lib:
        pass
    # Simulate a kill after the version files were committed, before skills.json was updated.
    folder = tmp_path / "lib" / "versions" / "catchFish"
    folder.joinpath("v2.js").write_text("async function catchFish(bot) { await bot.fish(); await bot.fish() }")
    meta = json.loads(folder.joinpath("v1.json").read_text())
    folder.joinpath("v2.json").write_text(json.dumps({**meta, "version": 2, "parent_version": 1,
                                                      "description": "Fish twice."}))
    folder.joinpath("v3.js").write_text("never committed: no v3.json")
    with SkillLibrary.open(tmp_path / "lib") as lib:
        assert lib.get("catchFish").version == 2
        assert lib.index_status == "repaired (1 changed)"
        assert lib.retrieve("fish twice", 1)[0].version == 2
    assert json.loads((tmp_path / "lib" / "skills.json").read_text())["catchFish"]["description"] == "Fish twice."


def test_copy_from_starts_a_new_library(tmp_path):
    with fill(SkillLibrary.open(tmp_path / "src")):
        pass
    dest = SkillLibrary.copy_from(tmp_path / "src", tmp_path / "run2" / "skill")
    with SkillLibrary.open(dest) as lib:
        assert lib.index_status == "ok"  # the copied index is current
        lib.add("newSkill", "async function newSkill(bot) {}", "A new skill.", task="t")
    with SkillLibrary.open(tmp_path / "src", readonly=True) as src:
        assert "newSkill" not in src and len(src) == len(SKILLS)
    with pytest.raises(LibraryError, match="already holds"):
        SkillLibrary.copy_from(tmp_path / "src", dest)


def test_a_reader_refreshes_while_a_writer_adds(tmp_path):
    with fill(SkillLibrary.open(tmp_path / "lib")) as writer, \
            SkillLibrary.open(tmp_path / "lib", readonly=True) as reader:
        assert reader.retrieve("smelt iron", 1)[0].name == "smeltRawIron"
        assert reader.refresh() is False
        writer.add("plantWheat", "async function plantWheat(bot) {}", "Plant wheat seeds on farmland.", task="t")
        assert reader.refresh() is True
        assert "plantWheat" in reader and reader.retrieve("farm some wheat", 1)[0].name == "plantWheat"
