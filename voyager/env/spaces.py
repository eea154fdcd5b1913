"""Gymnasium spaces of the Minecraft environment.

Actions are JavaScript source (`spaces.Text` over printable ASCII plus tab/newline; code
with other characters still runs, it is just outside the declared charset). Observations are
schema-1 dicts (docs/OBSERVATION.md) whose inventory/entity keys vary, which no built-in
space describes, so `ObservationSpace` checks the schema's shape instead.
"""

from __future__ import annotations

import string
from typing import Any

import numpy as np
from gymnasium import spaces

MAX_CODE_LENGTH = 100_000
CODE_CHARSET = "".join(sorted(set(string.printable) - {"\x0b", "\x0c"}))
SCHEMA = 1

_STATUS_KEYS = {"health", "food", "saturation", "oxygen", "position", "velocity", "yaw", "pitch",
                "onGround", "gameMode", "equipment"}
_TOP_KEYS = {"schema", "biome", "time", "timeOfDay", "elapsedTicks", "voxels", "blockRecords", "entities",
             "status", "inventory", "inventoryUsed", "nearbyChests"}


def action_space() -> spaces.Text:
    return spaces.Text(max_length=MAX_CODE_LENGTH, min_length=0, charset=CODE_CHARSET)


def _is_xyz(value: Any) -> bool:
    return isinstance(value, dict) and all(isinstance(value.get(k), (int, float)) for k in "xyz")


class ObservationSpace(spaces.Space[dict]):
    """The set of schema-1 observation dicts (see docs/OBSERVATION.md)."""

    def __init__(self, seed: int | None = None) -> None:
        super().__init__(shape=None, dtype=None, seed=seed)

    @property
    def is_np_flattenable(self) -> bool:
        return False

    def contains(self, x: Any) -> bool:
        if not isinstance(x, dict) or not x.keys() >= _TOP_KEYS or x.get("schema") != SCHEMA:
            return False
        status = x["status"]
        if not isinstance(status, dict) or not status.keys() >= _STATUS_KEYS:
            return False
        equipment = status["equipment"]
        return (
            isinstance(x["voxels"], list) and isinstance(x["blockRecords"], list)
            and isinstance(x["entities"], dict) and isinstance(x["inventory"], dict)
            and all(isinstance(v, int) for v in x["inventory"].values())
            and isinstance(x["inventoryUsed"], int) and 0 <= x["inventoryUsed"] <= 36
            and isinstance(x["nearbyChests"], dict)
            and _is_xyz(status["position"]) and _is_xyz(status["velocity"])
            and isinstance(equipment, list) and len(equipment) == 6
            and all(e is None or isinstance(e, str) for e in equipment)
        )

    def sample(self, mask: Any = None, probability: Any = None) -> dict[str, Any]:
        rng = self.np_random
        pos = {k: float(np.round(rng.uniform(-100, 100), 2)) for k in "xz"}
        count = int(rng.integers(1, 65))
        return {
            "schema": SCHEMA, "biome": "plains", "time": int(rng.integers(0, 24000)), "timeOfDay": "day",
            "elapsedTicks": 0, "voxels": ["grass_block", "dirt"], "blockRecords": ["grass_block", "dirt"],
            "entities": {"pig": float(np.round(rng.uniform(1, 32), 1))},
            "status": {"health": 20, "food": 20, "saturation": 5, "oxygen": 20,
                       "position": {"x": pos["x"], "y": 64.0, "z": pos["z"]},
                       "velocity": {"x": 0.0, "y": 0.0, "z": 0.0}, "yaw": 0.0, "pitch": 0.0, "onGround": True,
                       "gameMode": "survival", "equipment": [None] * 6},
            "inventory": {"oak_log": count}, "inventoryUsed": 1, "nearbyChests": {},
        }

    def __repr__(self) -> str:
        return "ObservationSpace(schema=1)"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ObservationSpace)

    __hash__ = object.__hash__
