"""The run directory: one folder per learning run, everything needed to inspect or resume it.

    runs/<timestamp>-<name>/
      config.yaml        the resolved configuration (no secrets)
      checkpoint/        state.json (the learner's state, written atomically)
      skill/             the skill library (plain files + derived Chroma index)
      events/            one JSONL file per iteration: every step's events
      llm_calls.jsonl    every LLM call: role, model, tokens, latency, cost
      metrics.jsonl      one line per finished iteration
      logs/              world.log, bridge.log, learner.log
      world/             the embedded world's save
      run.lock           present while a learner owns the run
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

from voyager import atomic
from voyager.config import Config, load_config_file
from voyager.errors import RunDirError


@dataclass(frozen=True)
class RunDir:
    root: Path

    @property
    def config_path(self) -> Path:
        return self.root / "config.yaml"

    @property
    def checkpoint_dir(self) -> Path:
        return self.root / "checkpoint"

    @property
    def state_path(self) -> Path:
        return self.checkpoint_dir / "state.json"

    @property
    def library_dir(self) -> Path:
        return self.root / "skill"

    @property
    def events_dir(self) -> Path:
        return self.root / "events"

    @property
    def llm_log(self) -> Path:
        return self.root / "llm_calls.jsonl"

    @property
    def metrics_path(self) -> Path:
        return self.root / "metrics.jsonl"

    @property
    def logs_dir(self) -> Path:
        return self.root / "logs"

    @property
    def world_dir(self) -> Path:
        return self.root / "world"

    @property
    def qa_dir(self) -> Path:
        return self.checkpoint_dir / "qa"

    def events_path(self, iteration: int) -> Path:
        return self.events_dir / f"{iteration:05d}.jsonl"

    @classmethod
    def create(cls, config: Config, run_dir: str | Path | None = None) -> RunDir:
        """A new run directory holding the resolved config; refuses a folder already in use."""
        if run_dir is None:
            stamp = time.strftime("%Y%m%d-%H%M%S")
            name = re.sub(r"[^A-Za-z0-9_.-]+", "-", config.learner.name) or "run"
            run_dir = Path(config.learner.run_root) / f"{stamp}-{name}"
        root = Path(run_dir)
        if (root / "config.yaml").exists():
            raise RunDirError(
                f"{root} already holds a run; continue it with `voyager learn --resume {root}` "
                "or choose another --run-dir"
            )
        for folder in ("checkpoint", "skill", "events", "logs", "world"):
            (root / folder).mkdir(parents=True, exist_ok=True)
        atomic.write_text(root / "config.yaml", config.to_yaml())
        return cls(root)

    @classmethod
    def open(cls, run_dir: str | Path) -> RunDir:
        root = Path(run_dir)
        if not (root / "config.yaml").is_file():
            raise RunDirError(f"{root} is not a run directory (no config.yaml); check the path")
        return cls(root)

    def load_config(self) -> Config:
        return load_config_file(self.config_path)

    def save_config(self, config: Config) -> None:
        atomic.write_text(self.config_path, config.to_yaml())


class RunLock:
    """One learner per run directory. A stale lock (its process is gone) is taken over."""

    def __init__(self, run: RunDir) -> None:
        self.path = run.root / "run.lock"
        self._held = False

    def acquire(self) -> RunLock:
        if self.path.exists():
            try:
                pid = int(self.path.read_text().strip() or "0")
            except (OSError, ValueError):
                pid = 0
            if pid and pid != os.getpid() and _alive(pid):
                raise RunDirError(
                    f"{self.path.parent} is in use by process {pid}; stop it first "
                    "(two learners would corrupt the run)"
                )
        atomic.write_text(self.path, f"{os.getpid()}\n")
        self._held = True
        return self

    def release(self) -> None:
        if self._held:
            self.path.unlink(missing_ok=True)
            self._held = False

    def __enter__(self) -> RunLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie still answers kill(0); treat it as gone.
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return True
