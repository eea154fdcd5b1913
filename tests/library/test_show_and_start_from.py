"""`voyager skills show` on a terminal (highlighted code, calls both ways) and `voyager learn`
starting from another run's library, copied or read-only (issue 8).

The learn tests run the real CLI, config, run directory, learner and skill library in-process;
only the world and the LLM-backed agents are the fakes of tests/learner/fakes.py."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.learner.fakes import FakeAction, FakeCritic, FakeCurriculum, FakeDescriber, FakeEnv
from tests.library.conftest import SKILLS, fill
from voyager.cli import main
from voyager.library import SkillLibrary

ANSI = re.compile(r"\x1b\[[0-9;]*m")
TASKS = ["Mine 1 oak_log", "Craft 1 stick"]
LEARNED = ["getOakLog", "getStick"]  # the names FakeAction gives those tasks' programs


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A finished run's directory whose library holds the five skills of SKILLS."""
    run = tmp_path_factory.mktemp("source") / "run"
    with fill(SkillLibrary.open(run / "skill")):
        pass
    return run


def _show(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, library: Path, name: str,
          *, terminal: bool) -> str:
    monkeypatch.setenv("COLUMNS", "160")
    monkeypatch.delenv("NO_COLOR", raising=False)
    if terminal:
        monkeypatch.setenv("FORCE_COLOR", "1")  # what rich sees on a terminal; capsys is not one
    else:
        monkeypatch.delenv("FORCE_COLOR", raising=False)
    assert main(["skills", "show", name, "--library", str(library)]) == 0
    return capsys.readouterr().out


def _style_of(line: str, token: str) -> str | None:
    """The escape code right before `token` in a rendered line (None when it has none)."""
    match = re.search(r"(\x1b\[[0-9;]*m)" + re.escape(token), line)
    return match.group(1) if match else None


# ------------------------------------------------------------------ 7. skills show
def test_show_highlights_the_code_on_a_terminal(source: Path, capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    out = _show(capsys, monkeypatch, source, "craftCraftingTable", terminal=True)
    line = next(line for line in out.splitlines() if "'crafting_table'" in ANSI.sub("", line))
    # Syntax highlighting: the keyword, the function called and the string literal each get
    # their own colour code (rich's Syntax, pygments' JavaScript lexer).
    styles = [_style_of(line, token) for token in ("await", "craftItem", "'crafting_table'")]
    assert all(styles) and len(set(styles)) == 3, repr(line)
    plain = ANSI.sub("", out)
    assert "await craftItem(bot, 'crafting_table', 1)" in plain


def test_show_prints_plain_text_when_not_on_a_terminal(source: Path, capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    out = _show(capsys, monkeypatch, source, "craftCraftingTable", terminal=False)
    assert "\x1b[" not in out  # a pipe or a file gets no escape codes
    assert "await craftItem(bot, 'crafting_table', 1)" in out


def test_show_lists_the_skills_it_calls_and_those_calling_it(source: Path, capsys: pytest.CaptureFixture[str],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    caller = _show(capsys, monkeypatch, source, "craftCraftingTable", terminal=False)
    assert re.search(r"^calls skills: mineWoodLog$", caller, re.MULTILINE), caller
    assert re.search(r"^calls primitives/other: craftItem$", caller, re.MULTILINE), caller
    assert re.search(r"^called by: -$", caller, re.MULTILINE), caller
    callee = _show(capsys, monkeypatch, source, "mineWoodLog", terminal=False)
    assert re.search(r"^calls skills: -$", callee, re.MULTILINE), callee
    assert re.search(r"^calls primitives/other: mineBlock$", callee, re.MULTILINE), callee
    assert re.search(r"^called by: craftCraftingTable$", callee, re.MULTILINE), callee


# ------------------------------------------------------------------ 8. learn --set library.start_from
def _tree(root: Path) -> dict[str, str]:
    """Relative path -> content hash of every file under `root` (directories as 'dir')."""
    out = {}
    for path in sorted(root.rglob("*")):
        rel = str(path.relative_to(root))
        out[rel] = "dir" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
    return out


class RecordingEnv(FakeEnv):
    """FakeEnv that keeps every skill set the learner loads into it."""

    loaded: list[dict[str, str]]

    def set_skills(self, skills: dict[str, str]) -> None:
        self.loaded.append(dict(skills))
        super().set_skills(skills)

    def close(self) -> None:
        pass


@pytest.fixture
def fake_world_and_agents(monkeypatch: pytest.MonkeyPatch) -> list[RecordingEnv]:
    """Patches the world and the LLM agents that build_components makes; returns the envs made."""
    envs: list[RecordingEnv] = []

    def make_env(config, *, run_dir):
        env = RecordingEnv()
        env.loaded = []
        envs.append(env)
        return env

    def make_agents(config, clients, **kwargs):
        return SimpleNamespace(curriculum=FakeCurriculum(TASKS), action=FakeAction(), critic=FakeCritic(),
                               describer=FakeDescriber())

    monkeypatch.setattr("voyager.env.MinecraftEnv", make_env)
    monkeypatch.setattr("voyager.agents.build_agents", make_agents)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")  # checked before start; no request is made
    return envs


def _learn(run: Path, source: Path, mode: str) -> int:
    return main(["learn", "--run-dir", str(run), "--max-iterations", "2",
                 "--set", f"library.start_from={source}", "--set", f"library.start_mode={mode}",
                 "--set", "learner.progress=quiet"])


def test_learn_from_a_copy_leaves_the_source_unchanged(tmp_path: Path, source: Path,
                                                       fake_world_and_agents: list[RecordingEnv]) -> None:
    before = _tree(source)
    assert _learn(tmp_path / "run", source, "copy") == 0
    assert _tree(source) == before  # not a byte changed, nothing added
    env = fake_world_and_agents[0]
    # The run's library started with the source's skills: the first set loaded into the world has them.
    assert sorted(env.loaded[0]) == sorted(SKILLS)
    with SkillLibrary.open(tmp_path / "run", readonly=True) as run_lib:
        assert sorted(s.name for s in run_lib.latest()) == sorted([*SKILLS, *LEARNED])
        assert run_lib.search("Smelt raw iron into an ingot", 1)[0][0].name == "smeltRawIron"  # its index works
    with SkillLibrary.open(source, readonly=True) as source_lib:
        assert sorted(s.name for s in source_lib.latest()) == sorted(SKILLS)


def test_learn_from_a_readonly_library_writes_nothing_to_it(tmp_path: Path, source: Path,
                                                            fake_world_and_agents: list[RecordingEnv]) -> None:
    before = _tree(source)
    assert _learn(tmp_path / "run", source, "readonly") == 0
    assert _tree(source) == before  # no skill, counter, index or lock file written
    env = fake_world_and_agents[0]
    assert sorted(env.loaded[0]) == sorted(SKILLS)  # its skills were used
    # The tasks were still done (the library only takes nothing new).
    assert [m["success"] for m in _metrics(tmp_path / "run")] == [True, True]
    run_skills = tmp_path / "run" / "skill"
    assert not run_skills.exists() or not any((run_skills / m).exists() for m in ("skills.json", "code", "versions"))


def test_learn_from_a_folder_without_a_library_is_one_line(tmp_path: Path, fake_world_and_agents,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "nothing"
    empty.mkdir()
    assert _learn(tmp_path / "run", empty, "copy") != 0
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "no skill library" in err, err
    assert fake_world_and_agents == []  # refused before the world started


def _metrics(run: Path) -> list[dict]:
    from voyager import atomic
    from voyager.learner.rundir import RunDir

    return atomic.read_jsonl(RunDir.open(run).metrics_path)
