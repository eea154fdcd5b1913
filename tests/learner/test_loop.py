"""The loop's own logic, with in-process fakes for the world and the models."""

import pytest

from tests.learner.fakes import (
    FakeAction,
    FakeCritic,
    FakeCurriculum,
    FakeDescriber,
    FakeEnv,
    FakeLedger,
    FakeLibrary,
    Killed,
)
from voyager import atomic
from voyager.config import load_config
from voyager.learner.checkpoint import load_state
from voyager.learner.inference import solve_goal
from voyager.learner.loop import Components, Learner
from voyager.learner.rundir import RunDir

TASKS = ["Mine 1 oak_log", "Craft 1 oak_planks", "Craft 1 stick"]


def make(tmp_path, *, env=None, library=None, action=None, ledger=None, overrides=()):
    config = load_config(overrides=["action.max_rounds=3", *overrides])
    run = RunDir.open(tmp_path / "run") if (tmp_path / "run" / "config.yaml").exists() \
        else RunDir.create(config, tmp_path / "run")
    parts = Components(env=env or FakeEnv(), curriculum=FakeCurriculum(TASKS), action=action or FakeAction(),
                       critic=FakeCritic(), describer=FakeDescriber(), library=library or FakeLibrary(),
                       ledger=ledger or FakeLedger())
    return config, run, parts


def test_iterations_learn_skills_and_record_metrics(tmp_path):
    config, run, parts = make(tmp_path, action=FakeAction(succeed_on_round=2))
    state = Learner(config, run, parts).learn(3)
    assert state.iteration == 3 and state.finished_reason == "max_iterations"
    assert state.completed_tasks == TASKS and state.failed_tasks == []
    assert sorted(parts.library.skills) == ["getOakLog", "getOakPlanks", "getStick"]
    assert parts.env.resets[0]["mode"] == "hard"  # a new run starts with a hard reset
    metrics = atomic.read_jsonl(run.metrics_path)
    assert [m["rounds"] for m in metrics] == [2, 2, 2]
    assert metrics[-1]["unique_items"] == 4  # dirt, oak_log, oak_planks, stick
    # The second round's prompt carried the first round's code and critique.
    second = parts.action.calls[1]
    assert second["critique"] == "no new oak_log" and "dirt" in second["last_code"]
    assert load_state(run).iteration == 3


def test_failed_task_after_max_rounds(tmp_path):
    config, run, parts = make(tmp_path, action=FakeAction(succeed_on_round=99))
    state = Learner(config, run, parts).learn(1)
    assert state.failed_tasks == ["Mine 1 oak_log"] and not parts.library.skills
    assert len(parts.env.steps) == 3


def test_rollout_error_is_survived_with_a_hard_reset_restoring_inventory(tmp_path):
    env = FakeEnv()
    env.crash_on_step = 2
    config, run, parts = make(tmp_path, env=env)
    state = Learner(config, run, parts).learn(3)
    assert state.iteration == 3
    assert state.failed_tasks == ["Craft 1 oak_planks"]
    recovery = [reset for reset in env.resets if reset["mode"] == "hard"][-1]
    assert recovery["inventory"] == {"oak_log": 1}
    assert recovery["position"] == {"x": 1, "y": 64, "z": 2}
    assert "bridge died" in atomic.read_jsonl(run.metrics_path)[1]["error"]


def test_every_task_starts_with_a_soft_reset_and_time_of_day_follows_the_config(tmp_path):
    env = FakeEnv()
    config, run, parts = make(tmp_path, env=env)
    config.learner.reset_time_of_day = 1000
    Learner(config, run, parts).learn(3)
    assert env.resets[0]["mode"] == "hard"  # the new run's first reset
    assert env.resets[1:] == [{"mode": "soft", "time": 1000}] * 3  # one per task


def test_task_retries_try_a_failed_task_again_before_a_new_one(tmp_path):
    env = FakeEnv()
    env.crash_on_step = 2  # the second task's first round fails
    config, run, parts = make(tmp_path, env=env)
    config.learner.task_retries = 1
    state = Learner(config, run, parts).learn(4)
    tasks = [row["task"] for row in atomic.read_jsonl(run.metrics_path)]
    assert tasks[1] == tasks[2] == "Craft 1 oak_planks"  # failed once, retried at once
    assert [row["success"] for row in atomic.read_jsonl(run.metrics_path)][1:3] == [False, True]
    assert state.iteration == 4


def test_budget_stops_cleanly_and_resume_continues(tmp_path):
    config, run, parts = make(tmp_path, ledger=FakeLedger(stop_after_checks=2))
    state = Learner(config, run, parts).learn(10)
    assert state.finished_reason.startswith("budget")
    done = state.iteration
    assert 0 < done < 10
    config, run, parts = make(tmp_path, library=parts.library)
    state = Learner(config, run, parts).learn(done + 1)
    assert state.iteration == done + 1


@pytest.mark.parametrize("kill_on_step", [1, 2, 3, 4])
def test_a_kill_at_any_step_resumes_with_nothing_lost(tmp_path, kill_on_step):
    library = FakeLibrary()
    env = FakeEnv()
    env.kill_on_step = kill_on_step
    config, run, parts = make(tmp_path, env=env, library=library, action=FakeAction(succeed_on_round=2))
    with pytest.raises(Killed):
        Learner(config, run, parts).learn(3)
    before = load_state(run)
    # Resume in a "new process": same run dir and library files, fresh env.
    config, run, parts = make(tmp_path, library=library, action=FakeAction(succeed_on_round=2))
    resumed = Learner(config, run, parts)
    assert resumed.state.iteration == before.iteration
    state = resumed.learn(3)
    assert state.completed_tasks == TASKS
    assert all(len(v) == 1 for v in library.skills.values()), "no skill stored twice"
    # The resumed run restored the last observed inventory with a hard reset.
    assert parts.env.resets[0]["mode"] == "hard"
    assert parts.env.resets[0]["inventory"] == (before.last_observation or {}).get("inventory", {})


def test_kill_between_verification_and_storing_the_skill(tmp_path, monkeypatch):
    library = FakeLibrary()
    config, run, parts = make(tmp_path, library=library)
    original_add = library.add

    def add_then_die(*args, **kwargs):
        original_add(*args, **kwargs)
        raise Killed()

    library.add = add_then_die
    with pytest.raises(Killed):
        Learner(config, run, parts).learn(1)
    assert load_state(run).current.phase == "verified"
    library.add = original_add
    config, run, parts = make(tmp_path, library=library)
    state = Learner(config, run, parts).learn(1)
    assert state.completed_tasks == ["Mine 1 oak_log"]
    assert len(library.skills["getOakLog"]) == 1
    assert parts.describer.calls == 0  # already stored: not described again


def test_inference_solves_subgoals_in_order_with_a_readonly_library(tmp_path):
    config, _run, parts = make(tmp_path, library=FakeLibrary(readonly=True))
    result = solve_goal("Mine 1 oak_log; Craft 1 stick", parts, config)
    assert [s.subgoal for s in result.subgoals] == ["Mine 1 oak_log", "Craft 1 stick"]
    assert result.success and result.rounds == 2
    assert parts.library.uses == []  # read-only: nothing recorded


def test_an_unparseable_answer_costs_a_round_not_the_task(tmp_path):
    from voyager.agents.action import ProgramParseError

    class FlakyAction(FakeAction):
        def propose(self, **kwargs):
            if not self.calls:
                self.calls.append({**kwargs, "critique": "reset"})
                raise ProgramParseError("no code block in the answer")
            return super().propose(**kwargs)

    config, run, parts = make(tmp_path, action=FlakyAction())
    state = Learner(config, run, parts).learn(1)
    assert state.completed_tasks == ["Mine 1 oak_log"]
    assert atomic.read_jsonl(run.metrics_path)[0]["rounds"] == 2
    assert [reset["mode"] for reset in parts.env.resets] == ["hard", "soft"]  # no recovery reset: the world was fine


def test_an_exhausted_task_list_ends_the_run_normally(tmp_path):
    from voyager.agents.sources import CurriculumExhausted

    class ShortList(FakeCurriculum):
        def propose_next_task(self, **kwargs):
            if kwargs["iteration"] >= 2:
                raise CurriculumExhausted("no task left")
            return super().propose_next_task(**kwargs)

    config, run, parts = make(tmp_path)
    parts.curriculum = ShortList(TASKS)
    state = Learner(config, run, parts).learn(10)
    assert state.iteration == 2 and state.finished_reason == "curriculum exhausted"
