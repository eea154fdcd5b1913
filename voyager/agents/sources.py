"""Fixed task sources for the curriculum: manual (a file or stdin) and suites (curriculum/suites/*.yaml)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, TextIO

import yaml

from voyager.errors import ConfigError, VoyagerError
from voyager.paths import curriculum_dir


class CurriculumExhausted(VoyagerError):
    """A manual task list or a task suite has no task left."""

    exit_code = 0


class TaskList:
    """Tasks in order; `position` is checkpointed so a resumed run continues where it was."""

    def __init__(self, tasks: list[tuple[str, str]], origin: str) -> None:
        self.tasks = tasks
        self.origin = origin
        self.position = 0

    def next(self) -> tuple[str, str]:
        if self.position >= len(self.tasks):
            raise CurriculumExhausted(f"all {len(self.tasks)} tasks of {self.origin} are done; "
                                      "add tasks or switch curriculum.mode to auto")
        task = self.tasks[self.position]
        self.position += 1
        return task


def _split(line: str) -> tuple[str, str]:
    """`task | context` -> (task, context)."""
    task, _, context = line.partition("|")
    return task.strip(), context.strip()


def manual_tasks(path: str | Path) -> TaskList:
    """One task per line (`task` or `task | context`); blank lines and `#` comments skipped."""
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"curriculum.task_file {path} does not exist; give a file with one task per line")
    lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()]
    tasks = [_split(ln) for ln in lines if ln and not ln.startswith("#")]
    if not tasks:
        raise ConfigError(f"curriculum.task_file {path} holds no task")
    return TaskList(tasks, str(path))


class StdinTasks:
    """Asks for each task on the terminal (curriculum.task_file: "-")."""

    origin = "stdin"

    def __init__(self, stream: TextIO | None = None, out: TextIO | None = None) -> None:
        self.stream = stream or sys.stdin
        self.out = out or sys.stderr
        self.position = 0

    def next(self) -> tuple[str, str]:
        self.out.write("Next task (`task | context`, empty line to stop): ")
        self.out.flush()
        line = self.stream.readline()
        if not line.strip():
            raise CurriculumExhausted("no task given on stdin; stopping")
        self.position += 1
        return _split(line)


def suite_path(name_or_path: str) -> Path:
    path = Path(name_or_path)
    if path.is_file():
        return path
    path = curriculum_dir() / "suites" / f"{name_or_path.removesuffix('.yaml')}.yaml"
    if not path.is_file():
        available = sorted(p.stem for p in (curriculum_dir() / "suites").glob("*.yaml"))
        raise ConfigError(f"no task suite {name_or_path!r}; available: {', '.join(available) or 'none'}")
    return path


def suite_tasks(name_or_path: str) -> TaskList:
    """The `tasks` of a suite file: strings or {task, context} mappings."""
    path = suite_path(name_or_path)
    try:
        data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"task suite {path} is not valid YAML ({exc})") from None
    tasks = []
    for entry in data.get("tasks") or []:
        if isinstance(entry, str):
            tasks.append((entry, ""))
        elif isinstance(entry, dict) and entry.get("task"):
            tasks.append((str(entry["task"]), str(entry.get("context") or "")))
    if not tasks:
        raise ConfigError(f"task suite {path} lists no tasks")
    return TaskList(tasks, f"suite {data.get('name', path.stem)}")
