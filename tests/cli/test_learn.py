"""`voyager learn` as a user runs it, with `--set learner.progress=json` and the scripted LLM:
Ctrl-C in the middle of a run, then `--resume`, then `voyager report` on the finished run.

One learning session is interrupted and resumed once for the whole module (the world and the
bridge start ~2 s each, per session); the tests below each check one promise about it:
- Ctrl-C stops cleanly: exit 130, one line saying how to resume, no world or bridge left running;
- every stdout line of both sessions is a JSON object with the fields JsonProgress documents;
- `--resume` continues the same run: the finished task is not redone, the skills are stored once;
- `voyager report` on that real run writes its plots and summary.
A second, shorter session is interrupted while the bot runs a program, and resumed.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.cli.proc import ctrl_c, kill_group, node_processes_mentioning, voyager, wait_for
from tests.cli.test_report import assert_report, report
from tests.learner.test_resume_cli import NAMES, TASKS, Scenario, _assert_complete, _start_args, _task_of
from voyager.learner.checkpoint import load_state
from voyager.learner.rundir import RunDir

pytestmark = [pytest.mark.integration, pytest.mark.slow]

# event -> {field: type} (voyager/learner/progress.py, JsonProgress)
EVENT_FIELDS: dict[str, dict[str, type | tuple[type, ...]]] = {
    "task_proposed": {"iteration": int, "task": str},
    "round": {"task": str, "round": int, "success": bool, "truncated": bool},
    "skill_added": {"skill": str, "version": int},
    "task_done": {"iteration": int, "task": str, "success": bool, "rounds": int},
    "rollout_error": {"task": str, "error": str},
    "stopped": {"reason": str, "iteration": int},
}


class HoldSecondTask(Scenario):
    """The first action call for the second task waits until `release`: Ctrl-C comes meanwhile."""

    def __init__(self, llm) -> None:
        super().__init__(llm)
        self.held = threading.Event()

    def action(self, body: dict) -> str:
        if _task_of(body) == TASKS[1] and not self.held.is_set():
            self.held.set()
            self.release.clear()
            self.release.wait(60)
        return super().action(body)


@dataclass
class Session:
    proc: object
    stdout: list[str] = field(default_factory=list)
    stderr: list[str] = field(default_factory=list)
    code: int | None = None
    left_running: list[str] = field(default_factory=list)
    readers: list[threading.Thread] = field(default_factory=list)

    def events(self) -> list[dict]:
        return [json.loads(line) for line in self.stdout]


def _start(run_dir: Path, url: str, *args: str) -> Session:
    proc = voyager("learn", *args, cwd=run_dir.parent, env={"OPENAI_BASE_URL": url, "OPENAI_API_KEY": "sk-test"})
    session = Session(proc)
    for stream, sink in ((proc.stdout, session.stdout), (proc.stderr, session.stderr)):
        reader = threading.Thread(target=lambda s=stream, k=sink: k.extend(line.rstrip("\n") for line in s),
                                  daemon=True)
        reader.start()
        session.readers.append(reader)
    return session


def _start_one_task(url: str, tmp_path: Path) -> tuple[Path, Session]:
    """Start `voyager learn` on a one-line task file for one iteration."""
    task_file = tmp_path / "tasks.txt"
    task_file.write_text(TASKS[0] + "\n")
    run_dir = tmp_path / "run"
    args = _start_args(run_dir, task_file)
    args[args.index("--max-iterations") + 1] = "1"
    return run_dir, _start(run_dir, url, *args)


def _end(session: Session, run_dir: Path, timeout: float = 300) -> Session:
    try:
        session.code = session.proc.wait(timeout)
    finally:
        kill_group(session.proc)
    for reader in session.readers:
        reader.join(10)
    session.left_running = node_processes_mentioning(str(run_dir))
    return session


@dataclass
class Story:
    run_dir: Path
    interrupted: Session
    resumed: Session
    action_tasks: list[str]


@pytest.fixture(scope="module")
def story(scripted_llm_server, tmp_path_factory) -> Story:
    llm = scripted_llm_server
    llm.reset()
    scenario = HoldSecondTask(llm)
    root = tmp_path_factory.mktemp("learn-cli")
    task_file = root / "tasks.txt"
    task_file.write_text("\n".join(TASKS) + "\n")
    run_dir = root / "run"
    first = _start(run_dir, llm.base_url, *_start_args(run_dir, task_file))
    try:
        wait_for(lambda: scenario.held.is_set() or first.proc.poll() is not None, 180, "the second task's LLM call")
        assert first.proc.poll() is None, "\n".join(first.stderr[-30:])
        ctrl_c(first.proc)
        _end(first, run_dir, timeout=60)
    finally:
        scenario.release.set()
        kill_group(first.proc)
    resumed = _end(_start(run_dir, llm.base_url, "--resume", str(run_dir)), run_dir)
    story = Story(run_dir, first, resumed, [_task_of(r.body) for r in llm.requests_for("action")])
    llm.reset()
    return story


def test_ctrl_c_stops_learn_with_exit_130_and_says_how_to_resume(story):
    first = story.interrupted
    assert first.code == 130, "\n".join(first.stderr[-30:])
    assert f"voyager: stopped; resume with `voyager learn --resume {story.run_dir}`" in first.stderr
    assert not [line for line in first.stderr if "Traceback" in line], "\n".join(first.stderr)
    assert first.left_running == [], "world or bridge outlived the interrupted run"


def test_an_interrupted_run_is_left_resumable(story):
    first = story.interrupted
    stopped = first.events()[-1]
    assert stopped["event"] == "stopped" and stopped["reason"] == "interrupted" and stopped["iteration"] == 1
    done = [e for e in first.events() if e["event"] == "task_done"]
    assert [(e["iteration"], e["task"], e["success"]) for e in done] == [(1, TASKS[0], True)]


def test_progress_json_lines_have_the_documented_fields(story):
    for session in (story.interrupted, story.resumed):
        assert session.stdout, "no progress lines"
        for record in session.events():
            assert isinstance(record["time"], float | int)
            expected = EVENT_FIELDS[record["event"]]
            assert set(record) == {"time", "event", *expected}, record
            for name, kind in expected.items():
                assert isinstance(record[name], kind), (name, record)
    kinds = [e["event"] for e in story.resumed.events()]
    assert kinds[-1] == "stopped" and kinds.count("stopped") == 1
    assert kinds.count("task_done") == 2 and kinds.count("skill_added") == 2


def test_resume_continues_the_interrupted_run_to_the_same_end(story):
    resumed = story.resumed
    assert resumed.code == 0, "\n".join(resumed.stderr[-30:])
    assert resumed.left_running == []
    assert resumed.events()[-1] == {**resumed.events()[-1], "event": "stopped", "reason": "max_iterations",
                                    "iteration": 3}
    # The first task, finished before Ctrl-C, is not done again; the held one is asked again.
    assert story.action_tasks == [TASKS[0], TASKS[1], TASKS[1], TASKS[2]]
    assert [e["skill"] for e in resumed.events() if e["event"] == "skill_added"] == NAMES[1:]
    _assert_complete(story.run_dir)
    assert load_state(RunDir.open(story.run_dir)).finished_reason == "max_iterations"


def test_report_on_the_finished_run(story):
    text = assert_report(report(str(story.run_dir)), story.run_dir / "report")
    assert "- iterations: 3" in text and "- successful tasks: 3 (100%)" in text and "- skills learned: 3" in text
    for i, task in enumerate(TASKS, start=1):
        assert f"| {i} | {task} | success |" in text



def test_ctrl_c_during_a_step_then_resume(scripted_llm, tmp_path):
    """Ctrl-C while the bot runs a program (a 10 s step): the round is redone on resume."""
    scenario = Scenario(scripted_llm, ticks=200)
    run_dir, first = _start_one_task(scripted_llm.base_url, tmp_path)
    try:
        wait_for(lambda: scenario.action_calls >= 1 or first.proc.poll() is not None, 120, "the first program")
        # The program goes to the bridge right after the answer and runs for 10 s: interrupt it midway.
        time.sleep(2)
        assert first.proc.poll() is None, "\n".join(first.stderr[-30:])
        ctrl_c(first.proc)
        _end(first, run_dir, timeout=60)
    finally:
        kill_group(first.proc)
    assert first.code == 130, "\n".join(first.stderr[-30:])
    assert first.left_running == []
    assert [e["event"] for e in first.events()] == ["task_proposed", "stopped"], first.stdout
    state = load_state(RunDir.open(run_dir))
    assert state.iteration == 0 and state.current is not None and state.current.task == TASKS[0]

    scenario.ticks = 20
    resumed = _end(_start(run_dir, scripted_llm.base_url, "--resume", str(run_dir)), run_dir)
    assert resumed.code == 0, "\n".join(resumed.stderr[-30:])
    assert resumed.left_running == []
    assert scenario.action_calls == 2
    assert [(e["skill"], e["version"]) for e in resumed.events() if e["event"] == "skill_added"] == [(NAMES[0], 1)]
    state = load_state(RunDir.open(run_dir))
    assert state.iteration == 1 and state.completed_tasks == [TASKS[0]] and state.current is None


def test_ctrl_c_while_the_world_starts_still_says_how_to_resume(scripted_llm, tmp_path):
    """The run directory exists from the first line on: a Ctrl-C at any later moment leaves a run
    that `--resume` continues, and the message says so."""
    Scenario(scripted_llm)
    run_dir, first = _start_one_task(scripted_llm.base_url, tmp_path)
    try:
        wait_for(lambda: any("run directory" in line for line in first.stderr) or first.proc.poll() is not None,
                 60, "the run directory line")
        ctrl_c(first.proc)  # the world and the bridge take seconds to start: this lands meanwhile
        _end(first, run_dir, timeout=60)
    finally:
        kill_group(first.proc)
    assert first.code == 130, "\n".join(first.stderr[-30:])
    assert first.stderr[-1] == f"voyager: stopped; resume with `voyager learn --resume {run_dir}`", first.stderr
    assert first.left_running == []
    resumed = _end(_start(run_dir, scripted_llm.base_url, "--resume", str(run_dir)), run_dir)
    assert resumed.code == 0, "\n".join(resumed.stderr[-30:])
    assert load_state(RunDir.open(run_dir)).completed_tasks == [TASKS[0]]
