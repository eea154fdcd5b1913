"""Stops and faults end to end on the embedded world, with the scripted LLM endpoint.

- A token budget: `voyager learn` stops cleanly when the budget is spent (between tasks, and
  in the middle of a task when a call would go over), says so in one line, and `--resume` with
  a bigger budget continues the same run without redoing finished tasks.
- A rollout fault under the real Learner: the bridge's Node process is killed with SIGKILL
  during a step. Once the bridge absorbs it (restart + restore inside the step), once the
  restart fails so the exception reaches the Learner, which hard-resets with the last
  inventory and goes on. Either way the task is recorded as failed, retried, and the run goes on.
"""

from __future__ import annotations

import json
import os
import re
import signal
import threading
from pathlib import Path

import pytest

from tests.cli.proc import kill_group, node_processes_mentioning, voyager
from tests.learner.test_resume_cli import NAMES, TASKS, _task_of
from tests.scripted_llm import Reply
from voyager import atomic
from voyager.config import apply_overrides
from voyager.learner.checkpoint import LearnerState, load_state, save_state
from voyager.learner.loop import Learner
from voyager.learner.progress import QuietProgress
from voyager.learner.rundir import RunDir
from voyager.learner.wiring import build_components
from voyager.library import SkillLibrary

pytestmark = pytest.mark.integration

# Every scripted answer reports 100 tokens, so a task (action + critic + skill description) costs 300.
USAGE = {"prompt_tokens": 90, "completion_tokens": 10, "total_tokens": 100}
PER_TASK = 300


def _program(body: dict) -> Reply:
    name = NAMES[TASKS.index(_task_of(body))]
    return Reply(f'```javascript\nasync function {name}(bot) {{\n  bot.chat("{name} done");\n}}\n```', usage=USAGE)


def _describe(body: dict) -> Reply:
    text = str(body["messages"])
    return Reply(next(f"The skill for: {task}" for name, task in zip(NAMES, TASKS, strict=True) if name in text),
                 usage=USAGE)


def _script_budget_run(llm) -> None:
    llm.script("action", [_program], repeat_last=True)
    llm.script("critic", [Reply('{"reasoning": "the chat shows it", "success": true, "critique": ""}', usage=USAGE)],
               repeat_last=True)
    llm.script("skill_description", [_describe], repeat_last=True)


def _learn(run_dir: Path, url: str, *args: str) -> tuple[int, list[dict], str]:
    proc = voyager("learn", *args, cwd=run_dir.parent, env={"OPENAI_BASE_URL": url, "OPENAI_API_KEY": "sk-test"})
    try:
        out, err = proc.communicate(timeout=240)
    finally:
        kill_group(proc)
    assert "Traceback" not in err, err[-3000:]
    assert not node_processes_mentioning(str(run_dir)), "world or bridge outlived the run"
    return proc.returncode, [json.loads(line) for line in out.splitlines()], err


def _summary_line(err: str) -> str:
    lines = [line for line in err.splitlines() if re.match(r"voyager: \d+ iterations", line)]
    assert len(lines) == 1, err[-3000:]
    return lines[0]


def test_budget_stop_then_resume_with_a_bigger_budget(scripted_llm, tmp_path):
    _script_budget_run(scripted_llm)
    task_file = tmp_path / "tasks.txt"
    task_file.write_text("\n".join(TASKS) + "\n")
    run_dir = tmp_path / "run"
    run = RunDir(run_dir)

    # 1. The budget is spent by the first task: the run stops before the second one.
    code, events, err = _learn(
        run_dir, scripted_llm.base_url, "--run-dir", str(run_dir), "--max-iterations", "3",
        "--set", "curriculum.mode=manual", "--set", f"curriculum.task_file={task_file}",
        "--set", "learner.progress=json", "--set", "llm.max_retries=1", "--set", "action.max_rounds=2",
        "--set", "bridge.step_timeout=30", "--set", f"llm.budget.max_tokens={PER_TASK}")
    assert code == 0, err[-3000:]
    reason = f"budget: token budget spent: {PER_TASK} of llm.budget.max_tokens={PER_TASK}"
    assert events[-1]["event"] == "stopped" and events[-1]["reason"].startswith(reason), events[-1]
    assert re.fullmatch(rf"voyager: 1 iterations, 1 completed, 0 failed; {PER_TASK} tokens, \$\d+\.\d{{4}}; "
                        rf"stopped: {re.escape(events[-1]['reason'])}", _summary_line(err)), err[-2000:]
    assert "resume" in events[-1]["reason"], "the stop must say how to continue"
    state = load_state(run)
    assert state.finished_reason == events[-1]["reason"]
    assert (state.iteration, state.completed_tasks, state.current) == (1, TASKS[:1], None)
    assert [_task_of(r.body) for r in scripted_llm.requests_for("action")] == TASKS[:1]

    # 2. Resumed with room for one more task and a bit: the third task's action call fits, its
    # critic call would go over, so the run stops in the middle of that task.
    bigger = 2 * PER_TASK + 50
    code, events, err = _learn(run_dir, scripted_llm.base_url, "--resume", str(run_dir),
                               "--set", f"llm.budget.max_tokens={bigger}")
    assert code == 0, err[-3000:]
    assert events[-1]["event"] == "stopped", events[-1]
    assert events[-1]["reason"].startswith(f"budget: token budget spent: {2 * PER_TASK + 100} of "
                                           f"llm.budget.max_tokens={bigger}"), events[-1]
    assert [e["task"] for e in events if e["event"] == "task_done"] == TASKS[1:2]
    state = load_state(run)
    assert state.finished_reason.startswith("budget") and state.iteration == 2
    assert state.completed_tasks == TASKS[:2] and state.current is not None and state.current.task == TASKS[2]
    # No call was made past the budget: the critic's call was refused before it was sent.
    assert len(scripted_llm.requests_for("critic")) == 2

    # 3. Resumed with no budget: the interrupted task is done again from its first round.
    code, events, err = _learn(run_dir, scripted_llm.base_url, "--resume", str(run_dir),
                               "--set", "llm.budget.max_tokens=null")
    assert code == 0, err[-3000:]
    assert events[-1] == {**events[-1], "event": "stopped", "reason": "max_iterations", "iteration": 3}
    assert [_task_of(r.body) for r in scripted_llm.requests_for("action")] == [*TASKS, TASKS[2]]
    state = load_state(run)
    assert state.completed_tasks == TASKS and state.failed_tasks == [] and state.finished_reason == "max_iterations"
    library = SkillLibrary.open(run.library_dir, readonly=True)
    try:
        assert sorted(s.name for s in library.latest()) == sorted(NAMES)
        assert all(len(library.versions(n)) == 1 for n in NAMES), "a skill was stored twice"
    finally:
        library.close()
    # The ledger spans the sessions: every call of the run is in its log, the budget counted them all.
    calls = [json.loads(line) for line in run.llm_log.read_text().splitlines()]
    assert sum(c["prompt_tokens"] + c["completion_tokens"] for c in calls) == 3 * PER_TASK + 100  # + the action call of the stopped task



# ------------------------------------------------------------------ a rollout fault
PLANKS, STICKS = "Craft 4 oak planks", "Craft 4 sticks"
CRAFT = {PLANKS: 'await craftItem(bot, "oak_planks", 1);', STICKS: 'await craftItem(bot, "stick", 1);'}
FUNCTIONS = {PLANKS: "craftPlanks", STICKS: "craftSticks"}
KILL_AFTER = 3.0  # seconds after the action answer: the program is in its 10 s wait by then


class Events(QuietProgress):
    """Records the learner's events; calls `on_rollout_error` when the learner catches one."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, dict]] = []
        self.on_rollout_error = lambda: None

    def event(self, kind: str, **data) -> None:
        self.seen.append((kind, data))
        if kind == "rollout_error":
            self.on_rollout_error()


class KillDuringStep:
    """The first answer for each task is a program that crafts, then waits 10 s; the bridge's Node
    process is SIGKILLed meanwhile. For STICKS the bridge may not restart (restart_retries 0), so
    the step raises into the Learner. Later answers just craft."""

    def __init__(self, bridge, events: Events) -> None:
        self.bridge = bridge
        self.asked: dict[str, int] = {}
        self.killed: list[int] = []
        self.timers: list[threading.Timer] = []
        self.retries = bridge.restart_retries
        events.on_rollout_error = self.allow_restarts

    def allow_restarts(self) -> None:
        self.bridge.restart_retries = self.retries

    def _kill(self, pid: int) -> None:
        os.kill(pid, signal.SIGKILL)
        self.killed.append(pid)

    def __call__(self, body: dict) -> str:
        task = _task_of(body)
        self.asked[task] = self.asked.get(task, 0) + 1
        body_js = CRAFT[task]
        if self.asked[task] == 1:
            if task == STICKS:
                self.bridge.restart_retries = 0
            timer = threading.Timer(KILL_AFTER, self._kill, args=(self.bridge.process.pid,))
            timer.start()
            self.timers.append(timer)
            body_js += '\n  bot.chat("crafted, now waiting");\n  await bot.waitForTicks(200);'
        return f"```javascript\nasync function {FUNCTIONS[task]}(bot) {{\n  {body_js}\n}}\n```"


def test_a_killed_bridge_during_a_step_is_survived_by_the_learner(scripted_llm, minecraft_env, tmp_path, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    task_file = tmp_path / "tasks.txt"
    task_file.write_text(f"{PLANKS}\n{STICKS}\n")
    config = apply_overrides(minecraft_env.config, [
        f"llm.base_url={scripted_llm.base_url}", "llm.max_retries=1", "llm.timeout=10", "action.max_rounds=1",
        "learner.task_retries=1", "curriculum.mode=manual", f"curriculum.task_file={task_file}",
    ])
    bridge = minecraft_env.bridge
    events = Events()
    program = KillDuringStep(bridge, events)
    scripted_llm.script("action", [program], repeat_last=True)
    scripted_llm.script("skill_description", [lambda body: "Craft from what the inventory holds."], repeat_last=True)

    run = RunDir.create(config, tmp_path / "run")
    parts = build_components(config, run, env=minecraft_env)
    library = parts.library
    start, _ = minecraft_env.reset(options={"mode": "hard", "inventory": {"oak_log": 5},
                                            "position": minecraft_env.spawn})
    saved_timeout = bridge.settings["stepTimeout"]
    bridge.settings["stepTimeout"] = 30  # the session's 6 s would end the 10 s wait before the kill
    pids = [bridge.process.pid]
    try:
        # As a resumed run: the first reset restores the inventory given above.
        save_state(run, LearnerState(world_initialized=True, last_observation=start))
        state = Learner(config, run, parts, events).learn(4)
        pids.append(bridge.process.pid)
    finally:
        for timer in program.timers:
            timer.cancel()
        bridge.settings["stepTimeout"] = saved_timeout
        program.allow_restarts()
        library.close()

    # Both kills hit the process that was running the step; the bridge runs again.
    assert len(program.killed) == 2 and program.killed[0] == pids[0] and pids[-1] not in program.killed
    assert minecraft_env.step('bot.chat("still here")')[4]["events"][0]["message"] == "still here"

    # Each task failed once (the kill), was retried at once and then succeeded; the run went on.
    assert state.finished_reason == "max_iterations" and state.iteration == 4
    assert state.failed_tasks == [PLANKS, STICKS] and state.completed_tasks == [PLANKS, STICKS], \
        atomic.read_jsonl(run.metrics_path)
    assert sorted(s.name for s in library.latest()) == ["craftPlanks", "craftSticks"]
    assert program.asked == {PLANKS: 2, STICKS: 2}
    assert scripted_llm.requests_for("critic") == [], "crafting tasks are judged from the inventory"
    kinds = [kind for kind, _ in events.seen]
    assert kinds.count("task_retried") == 2 and kinds.count("rollout_error") == 1

    rows = atomic.read_jsonl(run.metrics_path)
    assert [(r["task"], r["success"]) for r in rows] == [(PLANKS, False), (PLANKS, True), (STICKS, False),
                                                         (STICKS, True)]
    # 1. The bridge absorbed the kill: restarted inside the step, which reports it as an error event.
    step_errors = [e["message"] for e in atomic.read_jsonl(run.events_path(1)) if e["type"] == "error"]
    assert len(step_errors) == 1 and "the bridge process died during the step" in step_errors[0], step_errors
    assert rows[0]["error"] is None
    # 2. The bridge could not restart: the exception reached the Learner, which reset the world.
    assert rows[2]["error"].startswith("BridgeError: ") and "died during the step" in rows[2]["error"], rows[2]
    error_event = next(data for kind, data in events.seen if kind == "rollout_error")
    assert error_event["task"] == STICKS

    # After each fault the inventory is the one from before the step (the crafted items are gone,
    # the spent logs/planks are back), and the retry starts from it.
    assert rows[0]["inventory"] == {"oak_log": 5}
    assert rows[1]["inventory"] == {"oak_log": 4, "oak_planks": 4}
    assert rows[2]["inventory"] == {"oak_log": 4, "oak_planks": 4}
    assert rows[3]["inventory"] == {"oak_log": 4, "oak_planks": 2, "stick": 4}
    assert minecraft_env.observe()["inventory"] == {"oak_log": 4, "oak_planks": 2, "stick": 4}
    for row in (rows[0], rows[2]):
        assert all(abs(row["position"][k] - start["status"]["position"][k]) < 1.5 for k in "xyz"), row["position"]
