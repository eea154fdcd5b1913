"""`voyager eval` as a user runs it: a subprocess that starts one embedded world per seed (and task),
talks to the scripted LLM endpoint and prints the paper-style table of iterations to success.

- Zero-shot: a tiny suite of two chat tasks over seeds 1 and 2. The scripted critic decides how
  many rounds each task takes: "hello" succeeds in round 1 with seed 1 and in round 3 with seed 2
  ("2 ± 1 (2/2)"); "goodbye" never succeeds ("N/A (0/2)").
- Lifelong (tech tree): a learning run per seed on a suite with its own milestones; the wooden
  pickaxe arrives in iteration 1 with seed 1 and in iteration 3 with seed 2, no stone tool ever."""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path

import pytest

from tests.cli.proc import kill_group, node_processes_mentioning, voyager
from tests.learner.test_inference_e2e import FIXTURE, _task_of
from voyager.library import SkillLibrary
from voyager.library.transfer import import_into

pytestmark = pytest.mark.integration

HELLO, GOODBYE = "Say hello in the chat", "Say goodbye in the chat"
SUITE = f"""name: tiny
kind: zero_shot
max_iterations: 8
tasks:
  - task: {HELLO}
  - {GOODBYE}
"""
# Per task, the critic's verdicts in the order the rounds come (seed 1's rounds, then seed 2's).
VERDICTS = {HELLO: [True, False, False, True], GOODBYE: [False] * 6}


class Critic:
    """Answers each task's critic calls from VERDICTS in order."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.calls: dict[str, int] = {}

    def __call__(self, body: dict) -> str:
        task = _task_of(body)
        with self.lock:
            n = self.calls[task] = self.calls.get(task, 0) + 1
        success = VERDICTS[task][n - 1]
        return json.dumps({"reasoning": "read the chat", "success": success,
                           "critique": "" if success else "say it again, louder"})


def _table_rows(stdout: str) -> dict[str, list[str]]:
    """Rich's table as {first cell: other cells}."""
    lines = [line.strip("│┃ ") for line in stdout.splitlines() if "│" in line]
    return {cells[0]: cells[1:] for cells in ([c.strip() for c in line.split("│")] for line in lines)}


def _eval(tmp_path: Path, url: str, *args: str) -> tuple[str, str]:
    proc = voyager("eval", *args, "--set", "llm.max_retries=1", "--set", "bridge.step_timeout=20",
                   "--set", "world.difficulty=peaceful", "--set", "learner.progress=quiet", cwd=tmp_path,
                   env={"OPENAI_BASE_URL": url, "OPENAI_API_KEY": "sk-test", "COLUMNS": "120"})
    try:
        stdout, stderr = proc.communicate(timeout=240)
    finally:
        kill_group(proc)
    assert proc.returncode == 0, stderr[-3000:]
    assert "Traceback" not in stderr
    return stdout, stderr


def _decompose(body: dict) -> str:
    goal = re.search(r"^Final task: (.+)$", body["messages"][-1]["content"], re.MULTILINE).group(1).strip()
    return f"```json\n{json.dumps([goal])}\n```"


def _program(body: dict) -> str:
    word = "hello" if _task_of(body) == HELLO else "goodbye"
    return f'```javascript\nasync function say{word.title()}(bot) {{ bot.chat("{word}"); }}\n```'


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "lib"
    writer = SkillLibrary.open(folder)
    import_into(writer, FIXTURE)
    writer.close()
    return folder


def test_eval_reports_iterations_to_success_per_task_over_seeds(scripted_llm, tmp_path, library):
    critic = Critic()
    scripted_llm.script("curriculum", [_decompose], repeat_last=True)
    scripted_llm.script("action", [_program], repeat_last=True)
    scripted_llm.script("critic", [critic], repeat_last=True)
    suite = tmp_path / "tiny.yaml"
    suite.write_text(SUITE)
    out = tmp_path / "eval-out"
    stdout, stderr = _eval(tmp_path, scripted_llm.base_url, "--suite", str(suite), "--seeds", "1,2",
                           "--library", str(library), "--out", str(out), "--max-iterations", "3",
                           "--set", "action.max_rounds=3")
    assert f"voyager: results in {out / 'results.json'}" in stderr

    # Every seed ran every task: hello took 1 round then 3 (4 critic calls), goodbye 3 + 3.
    assert critic.calls == {HELLO: 4, GOODBYE: 6}
    results = json.loads((out / "results.json").read_text())
    assert results["suite"] == "tiny" and results["seeds"] == [1, 2]
    assert results["rows"] == {HELLO: [1, 3], GOODBYE: [None, None]}
    assert results["table"] == {HELLO: "2 ± 1 (2/2)", GOODBYE: "N/A (0/2)"}

    # The printed table: one row per task with each seed's iterations and the paper's cell.
    rows = _table_rows(stdout)
    assert rows[HELLO] == ["1", "3", "2 ± 1 (2/2)"], stdout
    assert rows[GOODBYE] == ["-", "-", "N/A (0/2)"], stdout
    header = next(line for line in stdout.splitlines() if "┃" in line)
    assert re.search(r"tiny \(zero_shot\)\s*┃\s*seed 1\s*┃\s*seed 2\s*┃\s*iterations", header), stdout

    # One run per seed and task, each with its own world, all stopped.
    for seed in (1, 2):
        for index in (0, 1):
            run = out / f"seed-{seed}" / f"task-{index}"
            assert (run / "config.yaml").is_file()
            assert f"seed: {seed}" in (run / "config.yaml").read_text()
            assert not node_processes_mentioning(str(run))


TOOL_SUITE = """name: first_tools
kind: lifelong
max_iterations: 3
milestones:
  wooden tool: [wooden_pickaxe, wooden_axe]
  stone tool: [stone_pickaxe]
"""
ASK = "Ask the server for a wooden pickaxe"
GIVE = """```javascript
async function askForPickaxe(bot) {
  bot.chat("/give bot wooden_pickaxe 1");
  for (let i = 0; i < 50 && !bot.inventory.items().some(it => it.name === "wooden_pickaxe"); i++) {
    await bot.waitForTicks(2);
  }
}
```"""
WAIT = '```javascript\nasync function waitPolitely(bot) { bot.chat("please?"); }\n```'


def test_eval_lifelong_suite_reports_when_each_milestone_is_reached(scripted_llm, tmp_path):
    # Seed 1's run asks three times and gets it at once; seed 2's run only asks in its third iteration.
    scripted_llm.script("action", [GIVE, GIVE, GIVE, WAIT, WAIT, GIVE], repeat_last=True)
    scripted_llm.script("critic", [lambda body: json.dumps({
        "reasoning": "looked at the inventory", "success": "wooden_pickaxe" in body["messages"][-1]["content"],
        "critique": "ask with a command"})], repeat_last=True)
    scripted_llm.script("skill_description", ["Ask the server for a wooden pickaxe with /give."], repeat_last=True)
    suite = tmp_path / "first_tools.yaml"
    suite.write_text(TOOL_SUITE)
    tasks = tmp_path / "tasks.txt"
    tasks.write_text(f"{ASK}\n" * 3)
    out = tmp_path / "eval-out"
    stdout, _stderr = _eval(tmp_path, scripted_llm.base_url, "--suite", str(suite), "--seeds", "1,2",
                            "--out", str(out), "--set", "action.max_rounds=1", "--set", "curriculum.mode=manual",
                            "--set", f"curriculum.task_file={tasks}", "--set", "bridge.allow_commands=true")

    assert len(scripted_llm.requests_for("action")) == 6  # 3 iterations per seed
    results = json.loads((out / "results.json").read_text())
    assert results["rows"] == {"wooden tool": [1, 3], "stone tool": [None, None]}
    assert results["table"] == {"wooden tool": "2 ± 1 (2/2)", "stone tool": "N/A (0/2)"}
    rows = _table_rows(stdout)
    assert rows == {"wooden tool": ["1", "3", "2 ± 1 (2/2)"], "stone tool": ["-", "-", "N/A (0/2)"]}, stdout
    for seed in (1, 2):
        run = out / f"seed-{seed}"
        state = json.loads((run / "checkpoint" / "state.json").read_text())
        assert state["iteration"] == 3 and state["finished_reason"] == "max_iterations"
        assert not node_processes_mentioning(str(run))


def test_a_suite_whose_milestones_are_not_item_lists_is_one_line(tmp_path):
    suite = tmp_path / "bad.yaml"
    suite.write_text("name: bad\nkind: lifelong\nmilestones:\n  wooden tool: wooden_pickaxe\n")
    proc = voyager("eval", "--suite", str(suite), "--seeds", "1", "--out", str(tmp_path / "out"), cwd=tmp_path,
                   env={"OPENAI_BASE_URL": "http://127.0.0.1:9/v1"})
    try:
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        kill_group(proc)
    assert proc.returncode == 2 and stdout == ""
    assert stderr == (f"voyager: error: task suite {suite}: milestones must map each name to a list of item names, "
                      "e.g. 'wooden tool: [wooden_pickaxe]'\n")
    assert not (tmp_path / "out").exists()
