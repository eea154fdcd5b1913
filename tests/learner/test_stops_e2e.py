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
import re
from pathlib import Path

import pytest

from tests.cli.proc import kill_group, node_processes_mentioning, voyager
from tests.learner.test_resume_cli import NAMES, TASKS, _task_of
from tests.scripted_llm import Reply
from voyager.learner.checkpoint import load_state
from voyager.learner.rundir import RunDir
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

