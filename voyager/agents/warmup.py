"""Voyager's warm-up schedule (`curriculum/warm_up.yaml`): which observation fields the
curriculum prompt shows after how many completed tasks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from voyager.errors import ConfigError
from voyager.paths import curriculum_dir

FIELDS = ("context", "biome", "time", "nearby_blocks", "other_blocks", "nearby_entities", "health", "hunger",
          "position", "equipment", "inventory", "chests", "completed_tasks", "failed_tasks")
ALWAYS = ("nearby_blocks", "inventory", "completed_tasks", "failed_tasks")  # Voyager never hides these


@dataclass
class WarmUp:
    fields: dict[str, int] = field(default_factory=dict)
    optional_inventory_items: int = 0
    core_inventory_items: re.Pattern[str] = field(default_factory=lambda: re.compile(".*"))
    show_probability: float = 1.0

    def threshold(self, name: str) -> int:
        return 0 if name in ALWAYS else int(self.fields.get(name, 0))


def load_warm_up(name_or_path: str | Path = "warm_up.yaml") -> WarmUp:
    """Load a schedule by file name in `curriculum/` or by path."""
    path = Path(name_or_path)
    if not path.is_file():
        path = curriculum_dir() / str(name_or_path)
    if not path.is_file():
        raise ConfigError(f"curriculum.warm_up: {name_or_path} not found in {curriculum_dir()}")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    raw = dict(data.get("fields") or {})
    unknown = set(raw) - set(FIELDS) - {"optional_inventory_items"}
    if unknown:
        raise ConfigError(f"{path}: unknown warm-up fields {', '.join(sorted(unknown))}; known: {', '.join(FIELDS)}")
    try:
        core = re.compile(str(data.get("core_inventory_items", ".*")))
    except re.error as exc:
        raise ConfigError(f"{path}: core_inventory_items is not a valid regex ({exc})") from None
    return WarmUp(
        fields={k: int(v) for k, v in raw.items() if k in FIELDS},
        optional_inventory_items=int(raw.get("optional_inventory_items", 0)),
        core_inventory_items=core,
        show_probability=float(data.get("show_probability", 1.0)),
    )
