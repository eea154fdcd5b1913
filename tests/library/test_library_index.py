"""The Chroma index is derived from the files: damaged or stale, it is rebuilt on open."""

import json
import shutil
import subprocess
import sys

import pytest

from tests.library.conftest import fill, hash_embedder
from voyager.errors import LibraryError
from voyager.library import SkillLibrary

QUERIES = ["smelt iron ore", "chop a tree for wood", "kill a hostile mob", "make a crafting table"]


def top_k(lib):
    return [[s.name for s in lib.retrieve(q, 3)] for q in QUERIES]


@pytest.fixture
def built(tmp_path):
    with fill(SkillLibrary.open(tmp_path / "lib")) as lib:
        expected = top_k(lib)
    with SkillLibrary.open(tmp_path / "lib") as lib:
        assert lib.index_status == "ok"
    return tmp_path / "lib", expected


def test_deleted_index_folder_is_rebuilt(built):
    root, expected = built
    shutil.rmtree(root / "chroma")
    with SkillLibrary.open(root) as lib:
        assert lib.index_status.startswith("rebuilt")
        assert top_k(lib) == expected


@pytest.mark.parametrize("damage", ["empty", "truncated", "garbage"])
def test_corrupt_sqlite_is_rebuilt(built, damage):
    root, expected = built
    db = root / "chroma" / "chroma.sqlite3"
    data = db.read_bytes()
    db.write_bytes({"empty": b"", "truncated": data[: len(data) // 3], "garbage": b"not a database" * 100}[damage])
    with SkillLibrary.open(root) as lib:
        assert lib.index_status.startswith("rebuilt")
        assert top_k(lib) == expected
    with SkillLibrary.open(root) as lib:  # and the rebuilt index is good on disk
        assert lib.index_status == "ok"


def test_files_changed_behind_the_index_are_repaired(built):
    root, _ = built
    shutil.rmtree(root / "versions" / "killZombie")
    (root / "code" / "killZombie.js").unlink()
    data = json.loads((root / "skills.json").read_text())
    del data["killZombie"]
    (root / "skills.json").write_text(json.dumps(data))
    with SkillLibrary.open(root) as lib:
        assert lib.index_status == "repaired (1 changed)"  # only the difference is re-embedded
        repaired = top_k(lib)
        assert "killZombie" not in {name for names in repaired for name in names}
    shutil.rmtree(root / "chroma")
    with SkillLibrary.open(root) as lib:
        assert lib.index_status.startswith("rebuilt") and top_k(lib) == repaired


def test_changing_the_embedding_model_reindexes(built):
    root, expected = built
    with SkillLibrary.open(root, embedding=hash_embedder(16)) as lib:  # 384 -> 16 dimensions
        assert lib.index_status == "rebuilt (embedding model changed)"
        assert lib.retrieve("smelt raw iron into an iron ingot", 1)[0].name == "smeltRawIron"
        lib.add("digDirt", "async function digDirt(bot) {}", "Dig a dirt block.", task="t")
    with SkillLibrary.open(root, embedding=hash_embedder(32, id="test:hash32")) as lib:
        assert lib.index_status.startswith("rebuilt")
        assert lib.retrieve("dig a dirt block", 1)[0].name == "digDirt"
    with SkillLibrary.open(root) as lib:  # back to MiniLM
        assert lib.index_status.startswith("rebuilt")
        assert top_k(lib)[0][0] == expected[0][0] == "smeltRawIron"


def test_second_writer_is_refused(built):
    root, _ = built
    with SkillLibrary.open(root):
        with pytest.raises(LibraryError, match=r"already open for writing by pid \d+"):
            SkillLibrary.open(root)
        code = ("import sys\nfrom voyager.library import SkillLibrary\nfrom voyager.errors import LibraryError\n"
                f"try:\n    SkillLibrary.open({str(root)!r})\nexcept LibraryError as e:\n    print(e); sys.exit(7)\n")
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
        assert out.returncode == 7 and "already open for writing" in out.stdout
        with SkillLibrary.open(root, readonly=True) as reader:  # readers are fine
            assert len(reader) == 5
    with SkillLibrary.open(root):  # released on close
        pass


def test_openai_provider_embeddings_then_back_to_local(tmp_path, scripted_llm, monkeypatch):
    from voyager.config import EmbeddingConfig

    monkeypatch.setenv("VOYAGER_TEST_EMBED_KEY", "sk-test")
    remote = EmbeddingConfig(kind="openai", model="text-embedding-3-small", base_url=scripted_llm.base_url,
                             api_key_env="VOYAGER_TEST_EMBED_KEY")
    with fill(SkillLibrary.open(tmp_path / "lib", embedding=remote)) as lib:
        assert lib.embedder.id == "openai:text-embedding-3-small"
        assert len(lib.retrieve("smelt iron", 2)) == 2
    assert any(r.path.rstrip("/").endswith("/embeddings") for r in scripted_llm.requests)
    with SkillLibrary.open(tmp_path / "lib") as lib:  # 16-dim toy vectors -> 384-dim MiniLM
        assert lib.index_status == "rebuilt (embedding model changed)"
        assert lib.retrieve("smelt raw iron in a furnace", 1)[0].name == "smeltRawIron"
    monkeypatch.delenv("VOYAGER_TEST_EMBED_KEY")
    with pytest.raises(LibraryError, match=r"needs an API key in \$VOYAGER_TEST_EMBED_KEY"):
        SkillLibrary.open(tmp_path / "lib", embedding=remote)
