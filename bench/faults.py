"""Fault injection: kill the learner, the bridge and the world, and feed hostile code to the bridge.

    .venv/bin/python bench/faults.py [--learner-kills 20] [--bridge-kills 10] [--world-kills 10]
                                     [--seed 1] [--quick] [--only learner,env,hostile]

Prints one summary line per fault class, `<class>: tried N, survived N, lost N`, after the details:
- learner-kill: `voyager learn` (scripted LLM endpoint, a manual task file, critic always
  satisfied) is SIGKILLed at random moments, and some kills come from VOYAGER_FAULT
  (`write:state.json:k` / `write:skills.json:k`: the process kills itself between writing a temp
  file and renaming it); it is resumed until the run finishes. A kill is lost when the resume
  fails, a skill stored before the kill is missing at the end, or the finished run's state or
  index is inconsistent (tasks, one version per skill, each task retrieves its skill).
- bridge-kill / world-kill: a MinecraftEnv gets an inventory by hard reset, a step that waits
  3 s runs and a timer SIGKILLs the bridge's (or the world's) Node process mid-step. A kill
  is lost unless the step returns, its observation shows the inventory given, and the next step
  works with the same inventory.
- hostile: every program in bench/hostile/ runs as a step; lost when a Python exception escapes or
  the next step fails. Its header says what the step itself must return (`expect: error` = an
  error or timeout event; `bounded` = at most 1 MB of events however much it printed), markers
  that must not leak into the next step (`leak:`), and an expression the next step must find
  true (`check:`). Escapes from the sandbox are reported.
--quick (CI): 3 learner kills, 2 bridge kills, 1 world kill, the whole hostile corpus, the learner
kills in parallel with the rest.
Exit code 1 when anything was lost.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.* helpers

from tests.fixtures.bridge import env_config  # noqa: E402
from tests.learner.test_resume_cli import _orphans, _task_of  # noqa: E402
from tests.scripted_llm import ScriptedLLM  # noqa: E402

HOSTILE_DIR = Path(__file__).resolve().parent / "hostile"
TASKS = ["Greet the other players", "Report the time of day", "Look around slowly",
         "Count to three in chat", "Wave at the sky"]
NAMES = ["greetPlayers", "reportTime", "lookAround", "countToThree", "waveAtSky"]
INVENTORIES = [{"oak_log": 5, "stick": 2}, {"cobblestone": 12, "coal": 3}, {"bread": 4},
               {"iron_ingot": 3, "stick": 4, "crafting_table": 1}, {"torch": 16, "dirt": 32}]
BOUNDED_BYTES = 1 << 20  # `expect: bounded`: a flood of output must come back as at most 1 MB of events
STEP_TIMEOUT = 5  # s; the mid-step kill targets a 3 s step, hostile hangs cost ~this + grace


@dataclass
class Tally:
    """Counts for one fault class plus free-text details."""

    name: str
    tried: int = 0
    survived: int = 0
    lost: int = 0
    details: list[str] = field(default_factory=list)

    def record(self, ok: bool, detail: str) -> None:
        self.tried += 1
        if ok:
            self.survived += 1
        else:
            self.lost += 1
        self.note(("ok    " if ok else "LOST  ") + detail)

    def note(self, detail: str) -> None:
        self.details.append(detail)
        print(f"  [{self.name}] {detail}", flush=True)

    def line(self) -> str:
        return f"{self.name}: tried {self.tried}, survived {self.survived}, lost {self.lost}"


# ====================================================================== learner kills
def _program(name: str) -> str:
    return f"""```javascript
async function {name}(bot) {{
  bot.chat("working on {name}");
  await bot.waitForTicks(30);
  bot.chat("{name} done");
}}
```"""


def script_learner(llm: ScriptedLLM) -> None:
    """Action: the task's program; critic: success; describer: 'The skill for: <task>'."""
    llm.script("action", [lambda body: _program(NAMES[TASKS.index(_task_of(body))])], repeat_last=True)
    llm.script("critic", ['{"reasoning": "the chat shows it", "success": true, "critique": ""}'], repeat_last=True)

    def describe(body: dict[str, Any]) -> str:
        text = str(body["messages"])
        return next(f"The skill for: {task}" for name, task in zip(NAMES, TASKS, strict=True) if name in text)

    llm.script("skill_description", [describe], repeat_last=True)


def learn_args(run_dir: Path, task_file: Path) -> list[str]:
    return ["--run-dir", str(run_dir), "--max-iterations", str(len(TASKS)),
            "--set", "curriculum.mode=manual", "--set", f"curriculum.task_file={task_file}",
            "--set", "learner.progress=json", "--set", "llm.max_retries=1", "--set", "action.max_rounds=2",
            "--set", "bridge.step_timeout=30"]


def spawn_learn(run_dir: Path, llm_url: str, args: list[str], log: Path, fault: str | None = None) -> subprocess.Popen:
    """`voyager learn` as a user runs it; stdout+stderr appended to `log`."""
    env = {**os.environ, "OPENAI_BASE_URL": llm_url, "OPENAI_API_KEY": "sk-bench"}
    env.pop("VOYAGER_FAULT", None)
    if fault:
        env["VOYAGER_FAULT"] = fault
    with open(log, "ab") as out:
        out.write(f"\n--- voyager learn {' '.join(args)} fault={fault}\n".encode())
        out.flush()
        return subprocess.Popen([sys.executable, "-m", "voyager", "learn", *args], env=env, stdout=out,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=run_dir.parent,
                                start_new_session=True)


def stored_skills(run_dir: Path) -> set[str]:
    """Skill names in the Voyager-facing skills.json (written last, atomically)."""
    try:
        return set(json.loads((run_dir / "skill" / "skills.json").read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return set()


def _reap_orphans(run_dir: Path, timeout: float = 20.0) -> list[str]:
    """Wait for the killed learner's Node children to exit; kill (by pid) and report any left."""
    end = time.time() + timeout
    while time.time() < end:
        left = _orphans(run_dir)
        if not left:
            return []
        time.sleep(0.2)
    left = _orphans(run_dir)
    for entry in left:
        with contextlib.suppress(ProcessLookupError, ValueError):
            os.kill(int(entry.split(":", 1)[0]), signal.SIGKILL)
    return left


def check_finished_run(run_dir: Path) -> list[str]:
    """Problems with a finished run: tasks, skills, versions, retrieval. Empty when consistent."""
    from voyager.learner.checkpoint import load_state
    from voyager.learner.rundir import RunDir
    from voyager.library import SkillLibrary

    problems = []
    try:
        state = load_state(RunDir.open(run_dir))
    except Exception as exc:
        return [f"state unreadable: {exc}"]
    if state.iteration != len(TASKS) or state.completed_tasks != TASKS:
        problems.append(f"state: iteration {state.iteration}, completed {state.completed_tasks}")
    try:
        library = SkillLibrary.open(run_dir / "skill", readonly=True)
    except Exception as exc:
        return [*problems, f"library does not open: {exc}"]
    try:
        names = sorted(s.name for s in library.latest())
        if names != sorted(NAMES):
            problems.append(f"skills {names}")
        for name, task in zip(NAMES, TASKS, strict=True):
            if name not in names:
                continue
            versions = len(library.versions(name))
            if versions != 1:
                problems.append(f"{name} has {versions} versions")
            found = [s.name for s in library.retrieve(task, 1)]
            if found != [name]:
                problems.append(f"retrieve({task!r}) -> {found}")
    finally:
        library.close()
    return problems


@dataclass
class _Kill:
    how: str
    before: set[str]
    resumed: bool = True


def _wait_for_progress(proc: subprocess.Popen, log: Path, offset: int, timeout: float = 180.0) -> None:
    """Until the process wrote its first progress event (the bot is ready), or exited."""
    end = time.time() + timeout
    while time.time() < end and proc.poll() is None:
        with open(log, "rb") as handle:
            handle.seek(offset)
            if b'"event": "' in handle.read():
                return
        time.sleep(0.05)


def learner_kills(n: int, rng: random.Random, workdir: Path, *, startup_delay: float = 8.0,
                  work_delay: float = 8.0, fault_every: int = 3) -> Tally:
    """SIGKILL `voyager learn` n times (every `fault_every`-th kill via VOYAGER_FAULT), resume each time."""
    tally = Tally("learner-kill")
    llm = ScriptedLLM().start()
    script_learner(llm)
    task_file = workdir / "tasks.txt"
    task_file.write_text("\n".join(TASKS) + "\n")
    log = workdir / "learn.log"
    kills_left, run_no, resumes_ok, resumes = n, 0, 0, 0
    try:
        while kills_left > 0:
            run_no += 1
            run_dir = workdir / f"learn-{run_no}"
            kills: list[_Kill] = []
            started = time.time()
            args = learn_args(run_dir, task_file)
            finished_ok = False
            while True:
                by_fault = kills_left > 0 and (n - kills_left) % fault_every == fault_every - 1
                before = stored_skills(run_dir)
                # k within the writes this process will still make (2 state writes at start-up,
                # about 2 per remaining task; one skills.json write per remaining task).
                remaining = max(1, len(TASKS) - len(before))
                point, most = rng.choice([("state.json", 2 + 2 * remaining), ("skills.json", remaining)])
                fault = f"write:{point}:{rng.randint(1, most)}" if by_fault else None
                offset = log.stat().st_size if log.exists() else 0
                proc = spawn_learn(run_dir, llm.base_url, args, log, fault)
                if kills:
                    resumes += 1
                args = ["--resume", str(run_dir)]
                if kills_left == 0:
                    code = proc.wait(600)
                    finished_ok = code == 0
                    if kills:
                        resumes_ok += finished_ok
                        kills[-1].resumed = finished_ok
                    break
                if by_fault:
                    code = proc.wait(600)
                    how = f"VOYAGER_FAULT={fault}"
                else:
                    # A quarter of the kills land in start-up (world, bridge, library), the rest
                    # while tasks run (LLM calls, steps, skill and checkpoint writes).
                    if rng.random() < 0.25:
                        delay, phase = rng.uniform(0.5, startup_delay), "start-up"
                    else:
                        _wait_for_progress(proc, log, offset)
                        delay, phase = rng.uniform(0.0, work_delay), "after the first task started"
                    try:
                        code = proc.wait(delay)
                    except subprocess.TimeoutExpired:
                        before = stored_skills(run_dir)
                        os.kill(proc.pid, signal.SIGKILL)
                        code = proc.wait(30)
                    how = f"SIGKILL {delay:.1f} s {'into start-up' if phase == 'start-up' else phase}"
                if code == -signal.SIGKILL:
                    if kills:
                        resumes_ok += 1
                    if by_fault:
                        before = stored_skills(run_dir)
                    kills.append(_Kill(how, before))
                    kills_left -= 1
                    left = _reap_orphans(run_dir)
                    if left:
                        tally.note(f"run {run_no}: Node processes outlived the killed learner: {left}")
                    continue
                # Finished before the kill (or failed): this run is done.
                finished_ok = code == 0
                if kills:
                    resumes_ok += finished_ok
                    kills[-1].resumed = finished_ok
                if code != 0:
                    tally.note(f"run {run_no}: voyager learn exited with {code} (see {log})")
                break
            problems = check_finished_run(run_dir) if finished_ok else ["the run did not finish"]
            final = stored_skills(run_dir)
            tally.note(f"run {run_no}: {len(kills)} kills, {time.time() - started:.0f} s, "
                       f"{'consistent' if not problems else 'INCONSISTENT: ' + '; '.join(problems)}")
            for kill in kills:
                missing = kill.before - final
                ok = kill.resumed and not missing and not problems
                why = "" if ok else f" (resumed={kill.resumed}, missing={sorted(missing)}, problems={len(problems)})"
                tally.record(ok, f"run {run_no}: {kill.how}, {len(kill.before)} skills stored before{why}")
        tally.note(f"successful resumes {resumes_ok}/{resumes}; learn log {log}")
    finally:
        llm.stop()
    return tally


# ====================================================================== bridge / world kills
def world_pid(env: Any) -> int | None:
    """The embedded world's Node pid, from the env's world object (or its command line)."""
    world = env.world
    for attr in ("pid",):
        value = getattr(world, attr, None)
        if isinstance(value, int):
            return value
    for attr in ("_proc", "proc", "process", "_process"):
        proc = getattr(world, attr, None)
        if proc is not None and isinstance(getattr(proc, "pid", None), int):
            return proc.pid
    found = [int(e.split(":", 1)[0]) for e in _orphans(env.run_dir) if "server.js" in e]
    return found[0] if found else None


def make_env(workdir: Path) -> Any:
    from voyager.env import MinecraftEnv

    # Commands off, as for generated code (the test fixtures turn them on for scene set-ups).
    env = MinecraftEnv(env_config(None, f"bridge.step_timeout={STEP_TIMEOUT}", "bridge.allow_commands=false"),
                       run_dir=workdir)
    env.spawn = env.observe()["status"]["position"]
    return env


def _messages(events: list[dict[str, Any]]) -> list[str]:
    return [str(e.get("message", "")) for e in events if e.get("type") in ("chat", "log", "error")]


def _next_step_ok(env: Any, inventory: dict[str, int], check: str = "true") -> tuple[bool, bool, list[str], str]:
    """(works, inventory restored, messages, verdict of `check`) for a probe step."""
    obs, _, _, truncated, info = env.step(f"await bot.waitForTicks(10)\nbot.chat('probe ' + !!({check}))")
    events = info["events"]
    chats = [e["message"] for e in events if e.get("type") == "chat" and str(e.get("message", "")).startswith("probe ")]
    errors = [e["message"] for e in events if e.get("type") == "error"]
    works = bool(chats) and not errors and not truncated
    verdict = chats[0].split(" ", 1)[1] if chats else "?"
    return works, obs.get("inventory") == inventory, _messages(events), verdict


def env_kills(n_bridge: int, n_world: int, rng: random.Random, workdir: Path,
              env_holder: dict[str, Any]) -> tuple[Tally, Tally]:
    """Kill the bridge / world process mid-step; the env is kept in env_holder['env'] for reuse."""
    tallies = {"bridge": Tally("bridge-kill"), "world": Tally("world-kill")}
    order = ["bridge"] * n_bridge + ["world"] * n_world
    rng.shuffle(order)
    for i, target in enumerate(order):
        tally = tallies[target]
        env = env_holder.get("env")
        try:
            if env is None:
                env = env_holder["env"] = make_env(workdir / f"env-{i}")
            inventory = dict(rng.choice(INVENTORIES))
            env.reset(options={"mode": "hard", "inventory": inventory, "position": env.spawn})
            pid = env.bridge.process.pid if target == "bridge" else world_pid(env)
            if pid is None:
                tally.record(False, f"#{i}: no {target} pid found")
                continue
            # The step runs in this (main) thread and a timer kills: a world restarted from a
            # short-lived thread would get PR_SET_PDEATHSIG when that thread ends.
            delay = rng.uniform(0.3, 2.0)
            fired: list[float] = []

            def kill(pid: int = pid, fired: list[float] = fired) -> None:
                os.kill(pid, signal.SIGKILL)
                fired.append(time.time())

            killer = threading.Timer(delay, kill)
            killer.start()
            try:
                obs, _, _, _, info = env.step("bot.chat('busy')\nawait bot.waitForTicks(60)\nbot.chat('done')")
            finally:
                killer.cancel()
            if not fired:
                tally.note(f"#{i}: the step ended before the kill; not counted")
                continue
            first = _messages(info["events"])[:1]
            returned = time.time() - fired[0]
            restored = obs.get("inventory") == inventory
            works, still, next_messages, _ = _next_step_ok(env, inventory)
            ok = restored and works and still
            if not works:
                tally.note(f"#{i}: next step said {[m[:150] for m in next_messages]}")
            tally.record(ok, f"#{i}: kill {target} pid {pid} {delay:.1f} s into the step; step returned "
                             f"{returned:.1f} s later ({first[0][:90] if first else 'no message'}); "
                             f"inventory restored={restored}, next step works={works}, inventory kept={still}")
        except Exception as exc:
            tally.record(False, f"#{i}: {type(exc).__name__} escaped: {str(exc)[:200]}")
            _close(env_holder)
    return tallies["bridge"], tallies["world"]


def _close(env_holder: dict[str, Any]) -> None:
    env = env_holder.pop("env", None)
    if env is not None:
        with contextlib.suppress(Exception):
            env.close()


# ====================================================================== hostile corpus
@dataclass
class Hostile:
    name: str
    code: str
    expect: str = "any"
    leaks: list[str] = field(default_factory=list)
    check: str = "true"


def load_corpus(folder: Path = HOSTILE_DIR) -> list[Hostile]:
    corpus = []
    for path in sorted(folder.glob("*.js")):
        code = path.read_text(encoding="utf-8")
        item = Hostile(path.stem, code)
        for key, value in re.findall(r"^// (expect|leak|check): (.+)$", code, re.MULTILINE):
            if key == "expect":
                item.expect = value.split()[0]
            elif key == "leak":
                item.leaks.append(value.strip())
            else:
                item.check = value.strip()
        corpus.append(item)
    return corpus


def _reset_patiently(env: Any, inventory: dict[str, int], tally: Tally, tries: int = 8) -> None:
    """Hard reset, retried for a while: a failed reset was already counted against the item
    that caused it, so the next item starts from a recovered env (or fails on its own)."""
    started = time.time()
    for attempt in range(tries):
        try:
            env.reset(options={"mode": "hard", "inventory": inventory, "position": env.spawn})
        except Exception:
            if attempt == tries - 1:
                raise
            time.sleep(4)
            continue
        if attempt:
            tally.note(f"the env accepted a hard reset again after {time.time() - started:.0f} s")
        return


def hostile_corpus(rng: random.Random, workdir: Path, env_holder: dict[str, Any],
                   names: list[str] | None = None) -> Tally:
    tally = Tally("hostile")
    escapes, leaks = [], []
    inventory: dict[str, int] | None = None  # given by the previous item's closing reset
    for item in load_corpus():
        if names and item.name not in names:
            continue
        env = env_holder.get("env")
        try:
            if env is None:
                env = env_holder["env"] = make_env(workdir / f"env-hostile-{item.name}")
                inventory = None
            if inventory is None:
                inventory = dict(rng.choice(INVENTORIES))
                _reset_patiently(env, inventory, tally)
            restarts = env.bridge.restarts
            started = time.time()
            _, _, _, truncated, info = env.step(item.code)
            seconds = time.time() - started
            events = info["events"]
            errors = [e["message"] for e in events if e.get("type") == "error"]
            clear = bool(errors) or truncated
            said = (errors[0] if errors else "timeout" if truncated else "no error")[:110].replace("\n", " ")
            if any("HOSTILE_ESCAPED" in m for m in _messages(events)):
                escapes.append(item.name)
            works, restored, next_messages, verdict = _next_step_ok(env, inventory, item.check)
            # The learner's next move is a reset: it must work too (a flooded server may refuse it).
            again = dict(rng.choice(INVENTORIES))
            try:
                reset_ok = env.reset(options={"mode": "hard", "inventory": again, "position": env.spawn}
                                     )[0].get("inventory") == again
                inventory = again if reset_ok else None
            except Exception as exc:
                reset_ok, inventory = False, None
                said += f"; next reset raised {type(exc).__name__}: {str(exc)[:120]}"
            leaked = [m for m in item.leaks if any(m in text for text in next_messages)]
            if verdict == "false":
                leaked.append(f"check {item.check!r} false")
            if leaked:
                leaks.append(f"{item.name}: {leaked}")
            size = len(json.dumps(events, default=str).encode())
            if item.expect == "bounded":
                said += f"; events {size / 1024:.0f} KB"
            expectation_met = {"error": clear, "bounded": size <= BOUNDED_BYTES}.get(item.expect, True)
            ok = works and restored and expectation_met and reset_ok
            tally.record(ok, f"{item.name}: {seconds:.1f} s, restarts +{env.bridge.restarts - restarts}, "
                             f"{said!r}; next step works={works}, inventory restored={restored}, "
                             f"next reset works={reset_ok}"
                             + ("" if expectation_met else f", NOT met: expect {item.expect}")
                             + (f", leaked {leaked}" if leaked else ""))
        except Exception as exc:
            tally.record(False, f"{item.name}: {type(exc).__name__} escaped: {str(exc)[:200]}")
            inventory = None
            _close(env_holder)
    tally.note(f"sandbox escapes: {escapes or 'none'}; effects leaking into the next step: {leaks or 'none'}")
    return tally


# ====================================================================== driver
def run(*, learner: int = 20, bridge: int = 10, world: int = 10, seed: int = 1, hostile: bool = True,
        only: set[str] | None = None, workdir: Path | None = None, parallel: bool = False,
        hostile_names: list[str] | None = None,
        out: Callable[[str], None] = print) -> list[Tally]:
    """Run the fault classes and return their tallies (the CI test calls this).

    `parallel` runs the learner kills (their own processes) alongside the bridge/world kills and
    the hostile corpus (this process's MinecraftEnv), which roughly halves the wall time.
    """
    base = Path(tempfile.mkdtemp(prefix="voyager-faults-")) if workdir is None else workdir
    base.mkdir(parents=True, exist_ok=True)
    wanted = only or {"learner", "env", "hostile"}
    started = time.time()
    learner_out: dict[str, Tally] = {}

    def learner_part() -> None:
        (base / "learner").mkdir(exist_ok=True)
        try:
            learner_out["tally"] = learner_kills(learner, random.Random(seed), base / "learner")
        except Exception as exc:
            tally = learner_out["tally"] = Tally("learner-kill", tried=learner, lost=learner)
            tally.note(f"the learner part crashed: {type(exc).__name__}: {exc}")

    thread = None
    if "learner" in wanted and learner:
        out(f"== learner kills ({learner})")
        if parallel:
            thread = threading.Thread(target=learner_part, name="learner-kills", daemon=True)
            thread.start()
        else:
            learner_part()
    rng = random.Random(seed + 1)
    env_holder: dict[str, Any] = {}
    tallies: list[Tally] = []
    try:
        if "env" in wanted and (bridge or world):
            out(f"== bridge kills ({bridge}) and world kills ({world}) mid-step")
            tallies.extend(env_kills(bridge, world, rng, base, env_holder))
        if "hostile" in wanted and hostile:
            out(f"== hostile corpus ({len(load_corpus())} programs)")
            tallies.append(hostile_corpus(rng, base, env_holder, hostile_names))
    finally:
        _close(env_holder)
        if thread is not None:
            thread.join()
    if "tally" in learner_out:
        tallies.insert(0, learner_out["tally"])
    out(f"== summary ({time.time() - started:.0f} s, work dir {base})")
    for tally in tallies:
        out(tally.line())
    return tallies


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learner-kills", type=int, default=20)
    parser.add_argument("--bridge-kills", type=int, default=10)
    parser.add_argument("--world-kills", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--quick", action="store_true", help="3 learner, 2 bridge, 1 world kill, the corpus")
    parser.add_argument("--only", help="comma list of learner, env, hostile")
    parser.add_argument("--workdir", type=Path, help="keep run dirs and logs here (default: a temp dir)")
    parser.add_argument("--hostile", help="comma list of corpus programs to run (default: all)")
    parser.add_argument("--parallel", action="store_true", help="learner kills alongside the rest (--quick sets it)")
    args = parser.parse_args()
    if args.quick:
        args.learner_kills, args.bridge_kills, args.world_kills, args.parallel = 3, 2, 1, True
    only = set(args.only.split(",")) if args.only else None
    tallies = run(learner=args.learner_kills, bridge=args.bridge_kills, world=args.world_kills, seed=args.seed,
                  only=only, workdir=args.workdir, parallel=args.parallel,
                  hostile_names=args.hostile.split(",") if args.hostile else None)
    return 1 if any(t.lost for t in tallies) else 0


if __name__ == "__main__":
    sys.exit(main())
