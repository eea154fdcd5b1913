"""`voyager inference "GOAL" --library DIR` as a user runs it: a subprocess that starts its own
world and bridge, talks to the scripted LLM endpoint and prints one line per subgoal.

The replies and the prepared library are those of tests/learner/test_inference_e2e.py; the
first program builds its own scene (arena and two trees) because this world is the CLI's own."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.cli.proc import kill_group, node_processes_mentioning, voyager
from tests.learner.test_inference_e2e import FIXTURE, PROGRAMS, SUBGOALS, _task_of
from tests.skills.steps import SCENE
from voyager.library import SkillLibrary
from voyager.library.transfer import import_into

pytestmark = pytest.mark.integration

GOAL = "Craft a wooden pickaxe"
# The scene is built inside the program (generated code may run commands only with
# bridge.allow_commands, set below): a cleared arena and two oak trees next to the bot.
SCENE_PROGRAM = ("async function mineTwoLogs(bot) {\n" + SCENE
                 + "await arena(); await tree(3, 2, 5); await tree(-3, -3, 5);\n"
                 + 'await mineBlock(bot, "oak_log", 2);\n}')
CLI_PROGRAMS = {**PROGRAMS, "Mine 2 oak logs": SCENE_PROGRAM}
SETTINGS = ["--set", "bridge.allow_commands=true", "--set", "bridge.step_timeout=90", "--set", "llm.max_retries=1",
            "--set", "action.max_rounds=2", "--set", "inference.attempts_per_subgoal=2",
            "--set", "world.difficulty=peaceful"]


def _subgoals_reply(subgoals: list[str]) -> str:
    return f"Here are the subgoals:\n```json\n{json.dumps(subgoals)}\n```"


def _snapshot(folder: Path) -> list[tuple[str, float]]:
    return sorted((str(p.relative_to(folder)), p.stat().st_mtime) for p in folder.rglob("*") if "chroma" not in p.parts)


def _run(tmp_path: Path, url: str, *args: str, timeout: float = 300):
    proc = voyager("inference", *args, cwd=tmp_path, env={"OPENAI_BASE_URL": url, "OPENAI_API_KEY": "sk-test"})
    try:
        out, err = proc.communicate(timeout=timeout)
    finally:
        kill_group(proc)
    return proc.returncode, out, err


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("prepared") / "lib"
    writer = SkillLibrary.open(folder)
    import_into(writer, FIXTURE)
    writer.close()
    return folder


def test_inference_cli_reports_each_subgoal_and_exits_0_when_all_are_solved(scripted_llm, tmp_path, library):
    scripted_llm.script("curriculum", [_subgoals_reply(SUBGOALS)])
    scripted_llm.script("action", [lambda body: f"```javascript\n{CLI_PROGRAMS[_task_of(body)]}\n```"],
                        repeat_last=True)
    before = _snapshot(library)
    run_dir = tmp_path / "inference-run"
    code, out, err = _run(tmp_path, scripted_llm.base_url, GOAL, "--library", str(library),
                          "--run-dir", str(run_dir), *SETTINGS)
    assert code == 0, err[-3000:]
    lines = out.strip().splitlines()
    assert len(lines) == 4, out
    for line, subgoal in zip(lines, SUBGOALS, strict=False):
        assert re.fullmatch(rf"ok   {re.escape(subgoal)} \(1 attempts, 1 rounds\)", line), line
    assert lines[-1] == f"solved: {GOAL}"
    assert f"voyager: inference run in {run_dir}" in err
    assert "Traceback" not in err
    # The curriculum was asked once, the action agent once per subgoal, in order.
    assert len(scripted_llm.requests_for("curriculum")) == 1
    assert [_task_of(r.body) for r in scripted_llm.requests_for("action")] == SUBGOALS
    assert _snapshot(library) == before, "inference must not write to the library"
    assert not node_processes_mentioning(str(run_dir)), "world or bridge outlived the command"


def test_inference_cli_exits_1_and_marks_the_failed_subgoal(scripted_llm, tmp_path, library):
    """One subgoal the critic accepts, one it never does: `FAIL` with its attempts, exit 1."""
    subgoals = ["Say hello in the chat", "Say goodbye in the chat"]
    scripted_llm.script("curriculum", [_subgoals_reply(subgoals)])
    scripted_llm.script("action", ['```javascript\nasync function sayIt(bot) { bot.chat("hello"); }\n```'],
                        repeat_last=True)
    scripted_llm.script("critic", [lambda body: json.dumps(
        {"reasoning": "checked the chat", "success": "hello" in _task_of(body), "critique": "say goodbye"})],
        repeat_last=True)
    code, out, err = _run(tmp_path, scripted_llm.base_url, "Greet and leave", "--library", str(library),
                          "--run-dir", str(tmp_path / "run"), *SETTINGS,
                          "--set", "inference.attempts_per_subgoal=2", "--set", "action.max_rounds=1")
    assert code == 1, err[-3000:]
    assert out.strip().splitlines() == [
        "ok   Say hello in the chat (1 attempts, 1 rounds)",
        "FAIL Say goodbye in the chat (2 attempts, 2 rounds)",
        "not solved: Greet and leave",
    ], out + err[-2000:]


@pytest.mark.parametrize("kind", ["missing", "empty", "not a library"])
def test_a_bad_library_path_is_one_line_before_anything_starts(tmp_path, kind):
    target = tmp_path / "lib"
    if kind != "missing":
        target.mkdir()
    if kind == "not a library":
        (target / "notes.txt").write_text("hello")
    proc = voyager("inference", "Craft a wooden pickaxe", "--library", str(target), "--run-dir",
                   str(tmp_path / "run"), cwd=tmp_path, env={"OPENAI_BASE_URL": "http://127.0.0.1:9/v1"})
    try:
        out, err = proc.communicate(timeout=60)
    finally:
        kill_group(proc)
    assert proc.returncode == 2 and out == ""
    assert err == f"voyager: error: --library {target} has no skill library; pass a run directory or library folder\n"
    assert not (tmp_path / "run").exists(), "nothing may start for a bad --library"
