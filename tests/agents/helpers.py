"""Shared test data: a typical mid-run observation, events, a fake chat model and a tiny embedder."""

from __future__ import annotations

import copy
import hashlib
import math
from typing import Any

OBSERVATION: dict[str, Any] = {
    "schema": 1, "biome": "forest", "time": 6000, "timeOfDay": "day", "elapsedTicks": 24000,
    "voxels": ["grass_block", "dirt", "oak_log", "oak_leaves", "stone", "coal_ore", "short_grass"],
    "blockRecords": ["grass_block", "dirt", "oak_log", "birch_log", "iron_ore", "sand"],
    "entities": {"zombie": 14.0, "pig": 6.2, "sheep": 9.5},
    "status": {"health": 18.5, "food": 16, "saturation": 3, "oxygen": 20,
               "position": {"x": 12.34, "y": 64.0, "z": -7.89}, "velocity": {"x": 0, "y": 0, "z": 0},
               "yaw": 0, "pitch": 0, "onGround": True, "gameMode": "survival",
               "equipment": ["stone_pickaxe", None, None, "iron_chestplate", None, None]},
    "inventory": {"oak_log": 3, "oak_planks": 5, "stick": 4, "cobblestone": 12, "stone_pickaxe": 1,
                  "wooden_pickaxe": 1, "crafting_table": 1, "coal": 2, "dandelion": 1, "wheat_seeds": 3},
    "inventoryUsed": 10,
    "nearbyChests": {"(10, 64, 3)": {"cobblestone": 12}, "(20, 63, -4)": "Unknown"},
}


def observation(**changes: Any) -> dict[str, Any]:
    obs = copy.deepcopy(OBSERVATION)
    obs.update(changes)
    return obs


def observe_event(obs: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"type": "observe", "observation": obs or observation()}


class FakeLLM:
    """Answers from a list, records every call's messages."""

    def __init__(self, answers: list[str]) -> None:
        self.answers = list(answers)
        self.calls: list[list[dict[str, Any]]] = []
        self.json_modes: list[bool] = []

    def chat(self, messages: list[dict[str, Any]], *, json_mode: bool = False) -> str:
        self.calls.append([dict(m) for m in messages])
        self.json_modes.append(json_mode)
        if not self.answers:
            raise AssertionError("FakeLLM: no answer left")
        return self.answers.pop(0)


def tiny_embed(texts: list[str]) -> list[list[float]]:
    """A deterministic bag-of-words embedder (hashed words into 64 dims, L2-normalised)."""
    out = []
    for text in texts:
        vec = [0.0] * 64
        for word in text.lower().replace("?", " ").split():
            vec[int(hashlib.md5(word.encode()).hexdigest(), 16) % 64] += 1.0
        norm = math.sqrt(sum(v * v for v in vec)) or 1.0
        out.append([v / norm for v in vec])
    return out
