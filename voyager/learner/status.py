"""A run's progress as numbers: iterations, tasks, skills, tokens and cost per role."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from voyager import atomic
from voyager.learner.checkpoint import load_state
from voyager.learner.rundir import RunDir, RunLock, _alive


def run_status(run: RunDir) -> dict[str, Any]:
    state = load_state(run)
    roles: dict[str, dict[str, float]] = defaultdict(lambda: {"calls": 0, "tokens": 0, "cost": 0.0})
    for call in atomic.read_jsonl(run.llm_log):
        role = roles[str(call.get("role", "?"))]
        role["calls"] += 1
        role["tokens"] += int(call.get("prompt_tokens", 0) or 0) + int(call.get("completion_tokens", 0) or 0)
        role["cost"] += float(call.get("cost", 0.0) or 0.0)
    lock = RunLock(run).path
    pid = int(lock.read_text().strip() or 0) if lock.is_file() else 0
    skills = sorted(p.stem for p in (run.library_dir / "code").glob("*.js"))
    return {
        "run_dir": str(run.root),
        "running": bool(pid and _alive(pid)),
        "iteration": state.iteration,
        "completed": len(state.completed_tasks),
        "failed": len(state.failed_tasks),
        "current_task": state.current.task if state.current else None,
        "current_round": state.current.round if state.current else None,
        "finished_reason": state.finished_reason,
        "skills": skills,
        "tokens": sum(int(r["tokens"]) for r in roles.values()),
        "cost": round(sum(r["cost"] for r in roles.values()), 6),
        "by_role": {name: dict(v) for name, v in sorted(roles.items())},
    }
