"""Checkpoint and resume figures: state write time, `voyager learn --resume` time, library reopen.

    .venv/bin/python bench/checkpoint.py [--writes 200] [--resumes 3] [--skills 1000] [--quick]

- write: `voyager.learner.checkpoint.save_state` (atomic write + fsync + directory fsync) of a
  realistic mid-run state (120 finished tasks, curriculum state, a task in progress with its
  last program, 40 events and a full observation), p50/p95 over --writes writes.
- resume: a run is learned for k iterations with the scripted LLM endpoint, then
  `voyager learn --resume` is started; reported are the time from the process start to the bot
  being ready (the first `task_proposed` progress event, which comes right after the restoring
  hard reset) and to the first new LLM request. A fresh `voyager learn` is timed the same way.
- reopen: SkillLibrary.open of a library of --skills skills whose index exists (readonly and
  read-write), p50 over 5 opens, after a first open that builds the index (also printed).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from faults import NAMES, TASKS, learn_args, script_learner, spawn_learn  # noqa: E402

from tests.agents.helpers import observation  # noqa: E402
from tests.scripted_llm import ScriptedLLM  # noqa: E402
from voyager.learner.checkpoint import LearnerState, TaskInProgress, save_state  # noqa: E402
from voyager.learner.rundir import RunDir  # noqa: E402


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def realistic_state() -> LearnerState:
    obs = observation()
    events: list[dict[str, Any]] = [{"type": "chat", "message": f"collected {i} oak_log", "username": "bot"}
                                    for i in range(38)]
    events += [{"type": "error", "message": "Error: No crafting table nearby", "line": 4, "source": "await x"},
               {"type": "observe", "observation": obs}]
    code = "\n".join(f"async function step{i}(bot) {{\n  await mineBlock(bot, 'oak_log', {i})\n}}" for i in range(20))
    tasks = [f"Mine {i % 7 + 1} {name}" for i, name in enumerate(["oak log", "coal", "iron ore", "cobblestone"] * 30)]
    return LearnerState(
        iteration=150, completed_tasks=tasks, failed_tasks=tasks[:30],
        curriculum={"qa_cache": {f"How to obtain item {i}?": "Mine it with a pickaxe. " * 4 for i in range(60)},
                    "warm_up": {"context": 15, "biome": 10}},
        last_observation=obs,
        current=TaskInProgress(task="Craft a stone pickaxe", context="You need 3 cobblestone and 2 sticks", round=2,
                               last_code=code, critique="You need a crafting table nearby.", events=events,
                               inventory_before={"cobblestone": 3, "stick": 2}, program={"code": code}),
        world_initialized=True)


def bench_writes(n: int, workdir: Path) -> dict[str, float]:
    from voyager.config import load_config

    run = RunDir.create(load_config(), workdir / "write-run")
    state = realistic_state()
    samples = []
    for _ in range(n):
        started = time.perf_counter()
        save_state(run, state)
        samples.append(time.perf_counter() - started)
    size = run.state_path.stat().st_size
    return {"bytes": size, "p50_ms": statistics.median(samples) * 1000, "p95_ms": percentile(samples, 0.95) * 1000}


def _timed_learn(llm: ScriptedLLM, times: list[float], run_dir: Path, args: list[str],
                 log: Path) -> dict[str, float]:
    """Start `voyager learn`, wait for it; seconds to the first task_proposed event and LLM request."""
    before = len(times)
    out = run_dir.parent / f"{run_dir.name}-{time.time():.0f}.jsonl"
    started = time.time()
    proc = spawn_learn(run_dir, llm.base_url, args, out)
    code = proc.wait(600)
    with open(log, "ab") as sink:
        sink.write(out.read_bytes())
    if code != 0:
        raise SystemExit(f"voyager learn exited with {code}; see {log}")
    ready = None
    for line in out.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if record.get("event") in ("task_proposed", "round"):
            ready = float(record["time"])
            break
    first = times[before] if len(times) > before else None
    return {"ready_s": (ready - started) if ready else float("nan"),
            "first_llm_s": (first - started) if first else float("nan")}


def bench_resume(n: int, workdir: Path) -> dict[str, Any]:
    llm = ScriptedLLM().start()
    script_learner(llm)
    times: list[float] = []
    # A matcher that never matches but sees every request first: the arrival times.
    llm.script(lambda body: times.append(time.time()) is not None, [])
    task_file = workdir / "tasks.txt"
    task_file.write_text("\n".join(TASKS) + "\n")
    log = workdir / "learn.log"
    run_dir = workdir / "resume-run"
    try:
        args = learn_args(run_dir, task_file)
        args[args.index("--max-iterations") + 1] = "1"
        fresh = _timed_learn(llm, times, run_dir, args, log)
        resumes = []
        for k in range(2, min(n, len(NAMES) - 1) + 2):
            resumes.append(_timed_learn(llm, times, run_dir, ["--resume", str(run_dir), "--max-iterations", str(k)], log))
    finally:
        llm.stop()
    return {"fresh": fresh, "resumes": resumes}


def bench_reopen(n: int, workdir: Path) -> dict[str, float]:
    import library as bench_library  # bench/library.py: synthetic skills and their folder layout

    from voyager.library import SkillLibrary

    folder = workdir / "library"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    bench_library.write_library(folder, bench_library.synthetic(n))
    started = time.perf_counter()
    SkillLibrary.open(folder).close()
    first = time.perf_counter() - started
    figures = {"first_open_s": first}
    for readonly in (True, False):
        samples = []
        for _ in range(5):
            started = time.perf_counter()
            library = SkillLibrary.open(folder, readonly=readonly)
            samples.append(time.perf_counter() - started)
            library.close()
        figures["readonly_p50_s" if readonly else "readwrite_p50_s"] = statistics.median(samples)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--writes", type=int, default=200)
    parser.add_argument("--resumes", type=int, default=3)
    parser.add_argument("--skills", type=int, default=1000)
    parser.add_argument("--quick", action="store_true", help="50 writes, 1 resume, 200 skills")
    args = parser.parse_args()
    if args.quick:
        args.writes, args.resumes, args.skills = 50, 1, 200
    workdir = Path(tempfile.mkdtemp(prefix="voyager-bench-checkpoint-"))
    try:
        w = bench_writes(args.writes, workdir)
        print(f"checkpoint write ({w['bytes'] / 1024:.0f} KB state.json, {args.writes} writes): "
              f"p50 {w['p50_ms']:.2f} ms, p95 {w['p95_ms']:.2f} ms", flush=True)
        r = bench_reopen(args.skills, workdir)
        print(f"library reopen ({args.skills} skills): first open (index build) {r['first_open_s']:.2f} s; "
              f"reopen p50 readonly {r['readonly_p50_s'] * 1000:.0f} ms, "
              f"read-write {r['readwrite_p50_s'] * 1000:.0f} ms", flush=True)
        res = bench_resume(args.resumes, workdir)
        f = res["fresh"]
        print(f"fresh `voyager learn`: bot ready {f['ready_s']:.2f} s, first LLM request {f['first_llm_s']:.2f} s")
        for i, one in enumerate(res["resumes"], 1):
            print(f"`voyager learn --resume` #{i}: bot ready {one['ready_s']:.2f} s, "
                  f"first new LLM request {one['first_llm_s']:.2f} s")
        ready = [one["ready_s"] for one in res["resumes"]]
        first = [one["first_llm_s"] for one in res["resumes"]]
        print(f"resume (median of {len(ready)}): bot ready {statistics.median(ready):.2f} s, "
              f"first new LLM request {statistics.median(first):.2f} s")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
