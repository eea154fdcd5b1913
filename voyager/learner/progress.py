"""What a user sees while the learner runs: a live rich panel, JSON lines, or nothing.

The learner calls `update(**fields)` with whatever changed and `event(kind, **data)` for
things worth a line of their own (a task proposed, a round judged, a skill learned).
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any, Protocol

from rich.console import Console
from rich.live import Live
from rich.table import Table


class Progress(Protocol):
    def update(self, **fields: Any) -> None: ...
    def event(self, kind: str, **data: Any) -> None: ...
    def close(self) -> None: ...


class QuietProgress:
    """No output while running (for scripts); the CLI prints the summary at the end."""

    def update(self, **fields: Any) -> None:
        pass

    def event(self, kind: str, **data: Any) -> None:
        pass

    def close(self) -> None:
        pass


class JsonProgress:
    """One JSON object per line on stdout, for scripts and log collectors.

    Every line is `{"time": <unix seconds>, "event": <kind>, ...}` with these fields per kind
    (tests/cli/test_learn.py holds them to it):

    - `voyager learn`: `task_proposed` (iteration, task); `round` (task, round, success,
      truncated); `skill_added` (skill, version); `task_done` (iteration, task, success,
      rounds); `rollout_error` (task, error); `stopped` (reason: max_iterations, interrupted,
      "budget: ...", curriculum exhausted; iteration), the last line of a session.
    - `voyager inference`: `decomposed` (goal, subgoals); `subgoal_done` (subgoal, success, attempts).
    """

    def __init__(self, stream: Any = None) -> None:
        self.stream = stream or sys.stdout

    def update(self, **fields: Any) -> None:
        pass

    def event(self, kind: str, **data: Any) -> None:
        record = {"time": round(time.time(), 3), "event": kind, **data}
        self.stream.write(json.dumps(record, default=str) + "\n")
        self.stream.flush()

    def close(self) -> None:
        pass


class RichProgress:
    """A live panel: task, round, last critique, counts, tokens and cost."""

    FIELDS = ("run", "iteration", "task", "round", "critique", "completed", "failed", "skills", "tokens", "cost")

    def __init__(self, console: Console | None = None) -> None:
        self.console = console or Console(stderr=True)
        self.fields: dict[str, Any] = {}
        self.live = Live(self._render(), console=self.console, refresh_per_second=4, transient=False)
        self.live.start()

    def _render(self) -> Table:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold cyan", justify="right")
        table.add_column()
        for name in self.FIELDS:
            if name in self.fields:
                value = self.fields[name]
                if name == "cost":
                    value = f"${value:.4f}"
                text = str(value)
                table.add_row(name, text if len(text) < 300 else text[:297] + "...")
        return table

    def update(self, **fields: Any) -> None:
        self.fields.update(fields)
        self.live.update(self._render())

    def event(self, kind: str, **data: Any) -> None:
        if kind in ("task_done", "skill_added", "rollout_error", "stopped"):
            summary = " ".join(f"{k}={v}" for k, v in data.items())
            self.live.console.print(f"[dim]{time.strftime('%H:%M:%S')}[/] {kind} {summary}")

    def close(self) -> None:
        self.live.stop()


def make_progress(mode: str) -> Progress:
    if mode == "json":
        return JsonProgress()
    if mode == "quiet" or not sys.stderr.isatty():
        return QuietProgress() if mode == "quiet" else JsonProgress(sys.stderr)
    return RichProgress()
