"""`voyager learn` as a user runs it, killed with SIGKILL at several points and resumed.

Each resume must end with the same completed tasks and skills as an uninterrupted run, and a
skill library whose index agrees with its files."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from voyager.learner.checkpoint import load_state
from voyager.learner.rundir import RunDir
from voyager.library import SkillLibrary

pytestmark = [pytest.mark.integration, pytest.mark.slow]

TASKS = ["Greet the other players", "Report the time of day", "Look around slowly"]
NAMES = ["greetPlayers", "reportTime", "lookAround"]


def _code(name: str, ticks: int) -> str:
    return f"""Here is the program:
```javascript
async function {name}(bot) {{
  bot.chat("working on {name}");
  await bot.waitForTicks({ticks});
  bot.chat("{name} done");
}}
```"""


def _task_of(body: dict) -> str:
    user = next(m["content"] for m in reversed(body["messages"]) if m["role"] == "user")
    match = re.search(r"^Task: (.+)$", user, re.MULTILINE)
    return match.group(1).strip() if match else ""


class Scenario:
    """Scripts the endpoint; `hold` makes the next action call wait until `release`."""

    def __init__(self, llm, ticks: int = 20) -> None:
        self.hold = threading.Event()
        self.release = threading.Event()
        self.release.set()
        self.action_calls = 0
        llm.script("action", [self.action], repeat_last=True)
        llm.script("critic", ['{"reasoning": "the chat shows it", "success": true, "critique": ""}'],
                   repeat_last=True)
        llm.script("skill_description", [self.describe], repeat_last=True)
        self.ticks = ticks

    @staticmethod
    def describe(body: dict) -> str:
        text = str(body["messages"])
        return next(f"The skill for: {task}" for name, task in zip(NAMES, TASKS, strict=True) if name in text)

    def action(self, body: dict) -> str:
        self.action_calls += 1
        if self.hold.is_set():
            self.hold.clear()
            self.release.clear()
            self.release.wait(60)
        task = _task_of(body)
        return _code(NAMES[TASKS.index(task)], self.ticks)


def _learn(run_dir: Path, llm_url: str, *extra: str, env_extra: dict | None = None) -> subprocess.Popen:
    env = {**os.environ, "OPENAI_BASE_URL": llm_url, "OPENAI_API_KEY": "sk-test", **(env_extra or {})}
    args = [sys.executable, "-m", "voyager", "learn", *extra]
    return subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=run_dir.parent, start_new_session=True)


def _start_args(run_dir: Path, task_file: Path) -> list[str]:
    return ["--run-dir", str(run_dir), "--max-iterations", "3",
            "--set", "curriculum.mode=manual", "--set", f"curriculum.task_file={task_file}",
            "--set", "learner.progress=json", "--set", "llm.max_retries=1", "--set", "action.max_rounds=2",
            "--set", "bridge.step_timeout=30"]


def _kill(proc: subprocess.Popen) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(30)


def _wait_for(predicate, timeout: float = 120.0) -> None:
    end = time.time() + timeout
    while time.time() < end:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError("condition not met in time")


def _orphans(run_dir: Path) -> list[str]:
    """Node processes still serving this run (the world's command line names its save folder)."""
    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                cmd = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            if "node" in cmd and str(run_dir) in cmd:
                found.append(f"{proc.name}: {cmd[:120]}")
    return found


def _finish(run_dir: Path, url: str) -> subprocess.CompletedProcess:
    proc = _learn(run_dir, url, "--resume", str(run_dir))
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err[-3000:]
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def _assert_complete(run_dir: Path) -> None:
    state = load_state(RunDir.open(run_dir))
    assert state.iteration == 3 and state.completed_tasks == TASKS, state.to_dict()
    library = SkillLibrary.open(run_dir / "skill", readonly=True)
    try:
        assert sorted(s.name for s in library.latest()) == sorted(NAMES)
        assert all(len(library.versions(n)) == 1 for n in NAMES), "a skill was stored twice"
        for name, task in zip(NAMES, TASKS, strict=True):
            assert library.retrieve(task, 1)[0].name == name
    finally:
        library.close()


@pytest.fixture
def task_file(tmp_path: Path) -> Path:
    path = tmp_path / "tasks.txt"
    path.write_text("\n".join(TASKS) + "\n")
    return path


def test_kill_during_an_llm_call_then_resume(scripted_llm, tmp_path, task_file):
    scenario = Scenario(scripted_llm)
    run_dir = tmp_path / "run"
    proc = _learn(run_dir, scripted_llm.base_url, *_start_args(run_dir, task_file))
    _wait_for(lambda: scenario.action_calls >= 1 or proc.poll() is not None)
    # Let the first task finish, then hold the second task's action call and kill meanwhile.
    scenario.hold.set()
    _wait_for(lambda: not scenario.hold.is_set() or proc.poll() is not None)
    assert proc.poll() is None, proc.stderr.read()[-3000:]
    _kill(proc)
    scenario.release.set()
    _wait_for(lambda: not _orphans(run_dir), timeout=15)
    _finish(run_dir, scripted_llm.base_url)
    _assert_complete(run_dir)


def test_kill_during_a_step_then_resume(scripted_llm, tmp_path, task_file):
    scenario = Scenario(scripted_llm, ticks=200)  # each step waits 10 s in the world
    run_dir = tmp_path / "run"
    proc = _learn(run_dir, scripted_llm.base_url, *_start_args(run_dir, task_file))
    _wait_for(lambda: scenario.action_calls >= 2 or proc.poll() is not None, timeout=180)
    time.sleep(3)  # the second program is running in the bridge now
    assert proc.poll() is None, proc.stderr.read()[-3000:]
    _kill(proc)
    _wait_for(lambda: not _orphans(run_dir), timeout=15)
    scenario.ticks = 20
    _finish(run_dir, scripted_llm.base_url)
    _assert_complete(run_dir)


@pytest.mark.parametrize("nth", [2, 5])
def test_kill_during_a_checkpoint_write_then_resume(scripted_llm, tmp_path, task_file, nth):
    Scenario(scripted_llm)
    run_dir = tmp_path / "run"
    proc = _learn(run_dir, scripted_llm.base_url, *_start_args(run_dir, task_file),
                  env_extra={"VOYAGER_FAULT": f"write:state.json:{nth}"})
    _out, err = proc.communicate(timeout=300)
    assert proc.returncode == -signal.SIGKILL, err[-3000:]
    _wait_for(lambda: not _orphans(run_dir), timeout=15)
    _finish(run_dir, scripted_llm.base_url)
    _assert_complete(run_dir)


def test_resuming_a_finished_run_with_a_higher_limit_continues_it(scripted_llm, tmp_path, task_file):
    Scenario(scripted_llm)
    run_dir = tmp_path / "run"
    args = _start_args(run_dir, task_file)
    args[args.index("--max-iterations") + 1] = "2"
    proc = _learn(run_dir, scripted_llm.base_url, *args)
    _out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err[-3000:]
    assert load_state(RunDir.open(run_dir)).iteration == 2
    proc = _learn(run_dir, scripted_llm.base_url, "--resume", str(run_dir), "--max-iterations", "3")
    _out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err[-3000:]
    _assert_complete(run_dir)
