"""`voyager eval`: fixed task suites over several seeds, reported as iterations to success.

A suite is a YAML file in `curriculum/suites/`:

    name: techtree
    kind: lifelong        # a learning run per seed; report the iteration each milestone is reached
    max_iterations: 80
    milestones:           # optional: row -> items; default: the four tool tiers of report.MILESTONES
      wooden tool: [wooden_pickaxe, wooden_axe]
    ---
    name: zero_shot
    kind: zero_shot       # solve each task with a learned library; report prompting iterations used
    tasks: ["Craft 1 diamond pickaxe", "Craft 1 golden sword", ...]

This matches the Voyager paper's tables: tech-tree milestones in prompting iterations
(mean ± std over seeds, with how many seeds reached them), and zero-shot tasks solved
within a budget of iterations.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from voyager import atomic
from voyager.config import Config
from voyager.errors import ConfigError
from voyager.learner.report import MILESTONES
from voyager.paths import curriculum_dir


@dataclass
class Suite:
    name: str
    kind: str
    tasks: list[str] = field(default_factory=list)
    max_iterations: int = 50
    # lifelong suites: row name -> items whose first appearance reaches it
    milestones: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(MILESTONES))


@dataclass
class SuiteResult:
    suite: str
    seeds: list[int]
    # row (milestone or task) -> iterations to success per seed (None: not reached)
    rows: dict[str, list[int | None]] = field(default_factory=dict)

    def table(self) -> list[tuple[str, str]]:
        return [(name, format_cell(values)) for name, values in self.rows.items()]

    def to_dict(self) -> dict[str, Any]:
        return {"suite": self.suite, "seeds": self.seeds, "rows": self.rows,
                "table": dict(self.table())}


def format_cell(values: list[int | None]) -> str:
    """`6 ± 2 (3/3)` as in the paper; `N/A (0/3)` when no seed reached it."""
    reached = [v for v in values if v is not None]
    if not reached:
        return f"N/A (0/{len(values)})"
    mean = statistics.mean(reached)
    spread = statistics.pstdev(reached) if len(reached) > 1 else 0.0
    return f"{mean:.0f} ± {spread:.0f} ({len(reached)}/{len(values)})"


def load_suite(name_or_path: str) -> Suite:
    path = Path(name_or_path)
    if not path.is_file():
        path = curriculum_dir() / "suites" / f"{name_or_path}.yaml"
    if not path.is_file():
        available = sorted(p.stem for p in (curriculum_dir() / "suites").glob("*.yaml"))
        raise ConfigError(f"no task suite {name_or_path!r}; available: {', '.join(available) or 'none'}")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"task suite {path} is not valid YAML ({exc})") from None
    kind = data.get("kind", "lifelong" if not data.get("tasks") else "zero_shot")
    if kind not in ("lifelong", "zero_shot"):
        raise ConfigError(f"task suite {path}: kind must be lifelong or zero_shot, not {kind!r}")
    tasks = [t if isinstance(t, str) else str(t.get("task", "")) for t in data.get("tasks", [])]
    return Suite(name=str(data.get("name", path.stem)), kind=kind, tasks=tasks,
                 max_iterations=int(data.get("max_iterations", 50)), milestones=_milestones(data, path))


def _milestones(data: dict[str, Any], path: Path) -> dict[str, tuple[str, ...]]:
    raw = data.get("milestones")
    if raw is None:
        return dict(MILESTONES)
    if not isinstance(raw, dict) or not raw or not all(
            isinstance(items, list) and items and all(isinstance(i, str) for i in items) for items in raw.values()):
        raise ConfigError(f"task suite {path}: milestones must map each name to a list of item names, "
                          "e.g. 'wooden tool: [wooden_pickaxe]'")
    return {str(name): tuple(items) for name, items in raw.items()}


def milestone_iterations(metrics: list[dict[str, Any]],
                         milestones: dict[str, tuple[str, ...]] = MILESTONES) -> dict[str, int | None]:
    """The first iteration at which any item of each milestone was in the inventory (None: never)."""
    reached: dict[str, int | None] = dict.fromkeys(milestones)
    for record in metrics:
        seen = set(record.get("items_seen", [])) | set(record.get("inventory", {}))
        for name, items in milestones.items():
            if reached[name] is None and seen.intersection(items):
                reached[name] = int(record["iteration"])
    return reached


def run_suite(
    suite: Suite,
    seeds: list[int],
    out_dir: Path,
    *,
    learn_one: Callable[[int, Path, int], list[dict[str, Any]]],
    solve_one: Callable[[int, str, Path, int], int | None],
) -> SuiteResult:
    """Run `suite` for every seed. `learn_one(seed, run_dir, max_iterations)` returns the run's
    metrics; `solve_one(seed, task, run_dir, max_iterations)` returns iterations to success."""
    result = SuiteResult(suite=suite.name, seeds=seeds)
    for seed in seeds:
        if suite.kind == "lifelong":
            metrics = learn_one(seed, out_dir / f"seed-{seed}", suite.max_iterations)
            for name, it in milestone_iterations(metrics, suite.milestones).items():
                result.rows.setdefault(name, []).append(it)
        else:
            for index, task in enumerate(suite.tasks):
                it = solve_one(seed, task, out_dir / f"seed-{seed}" / f"task-{index}", suite.max_iterations)
                result.rows.setdefault(task, []).append(it)
        atomic.write_json(out_dir / "results.json", result.to_dict())
    return result


def seeded(config: Config, seed: int) -> Config:
    data = config.model_dump(mode="json")
    data["world"]["seed"] = seed
    return Config.model_validate(data)
