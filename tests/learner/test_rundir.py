import os
import subprocess
import sys

import pytest

from voyager import atomic
from voyager.config import load_config
from voyager.errors import RunDirError
from voyager.learner.checkpoint import LearnerState, TaskInProgress, load_state, save_state
from voyager.learner.rundir import RunDir, RunLock


def test_create_writes_resolved_config_and_refuses_reuse(tmp_path):
    config = load_config(overrides=["world.seed=7"])
    run = RunDir.create(config, tmp_path / "r1")
    assert run.load_config().world.seed == 7
    assert "api_key" not in run.config_path.read_text().replace("api_key_env", "")
    with pytest.raises(RunDirError, match="--resume"):
        RunDir.create(config, tmp_path / "r1")
    with pytest.raises(RunDirError, match="not a run directory"):
        RunDir.open(tmp_path / "nothing")


def test_default_run_dir_is_timestamped_under_run_root(tmp_path):
    config = load_config(overrides=[f"learner.run_root={tmp_path}", "learner.name=my run"])
    run = RunDir.create(config)
    assert run.root.parent == tmp_path and run.root.name.endswith("-my-run")


def test_state_round_trips_with_task_in_progress(tmp_path):
    run = RunDir.create(load_config(), tmp_path / "r")
    assert load_state(run).iteration == 0
    state = LearnerState(iteration=3, completed_tasks=["Mine 1 wood log"], failed_tasks=["Craft 1 bed"])
    state.current = TaskInProgress(task="Craft 1 crafting table", round=2, critique="need planks",
                                   phase="verified", program={"code": "async function f(bot){}", "main_function": "f"})
    save_state(run, state)
    loaded = load_state(run)
    assert loaded == state


def test_corrupt_state_is_a_clear_error(tmp_path):
    run = RunDir.create(load_config(), tmp_path / "r")
    run.state_path.write_text("{ truncated")
    with pytest.raises(RunDirError, match="unreadable"):
        load_state(run)


def test_lock_refuses_a_second_live_owner_and_takes_over_a_stale_one(tmp_path):
    run = RunDir.create(load_config(), tmp_path / "r")
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        atomic.write_text(run.root / "run.lock", f"{other.pid}\n")
        with pytest.raises(RunDirError, match="in use by process"):
            RunLock(run).acquire()
    finally:
        other.kill()
        other.wait()
    with RunLock(run) as lock:
        assert lock.path.read_text().strip() == str(os.getpid())
    assert not lock.path.exists()


def test_jsonl_reader_skips_a_torn_last_line(tmp_path):
    path = tmp_path / "m.jsonl"
    atomic.append_jsonl(path, {"iteration": 1})
    atomic.append_jsonl(path, {"iteration": 2})
    with open(path, "a") as handle:
        handle.write('{"iteration": 3, "ta')
    assert [r["iteration"] for r in atomic.read_jsonl(path)] == [1, 2]
