"""Observations and events (bridge schema 1, see docs/OBSERVATION.md) rendered as prompt text.

Each `render_*` helper returns labelled lines ("Biome: plains"); the agents pick the fields
their prompts describe. Missing fields render as "None" or "Unknown": an observation from an
older or external bridge must never crash a prompt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

EQUIPMENT_SLOTS = ("mainhand", "offhand", "head", "chest", "legs", "feet")
MAX_CHAT_LINES = 30  # keep the chat log from flooding the prompt
MAX_LINE_CHARS = 300


@dataclass
class EventSummary:
    """The parts of a step's events that prompts use."""

    chat: list[str] = field(default_factory=list)  # bot.chat lines and console.log lines, in order
    errors: list[str] = field(default_factory=list)
    timeouts: list[float] = field(default_factory=list)
    observation: dict[str, Any] | None = None


def _clip(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= MAX_LINE_CHARS else text[: MAX_LINE_CHARS - 1] + "…"


def format_error(event: dict[str, Any]) -> str:
    """An error event as one line: message, and the line of the submitted code when known."""
    message = _clip(event.get("message") or "unknown error")
    line, source = event.get("line"), event.get("source")
    if line is not None and source:
        return f"{message} (at line {line}: {_clip(source)})"
    if line is not None:
        return f"{message} (at line {line})"
    return message


def split_events(events: list[dict[str, Any]] | None) -> EventSummary:
    summary = EventSummary()
    for event in events or []:
        kind = event.get("type")
        if kind in ("chat", "log"):
            summary.chat.append(_clip(event.get("message", "")))
        elif kind == "error":
            summary.errors.append(format_error(event))
        elif kind == "timeout":
            summary.timeouts.append(float(event.get("seconds") or 0))
        elif kind == "observe":
            summary.observation = event.get("observation")
    summary.chat = summary.chat[-MAX_CHAT_LINES:]
    return summary


def _status(obs: dict[str, Any]) -> dict[str, Any]:
    return obs.get("status") or {}


def format_inventory(obs: dict[str, Any], inventory: dict[str, int] | None = None) -> str:
    inv = (obs.get("inventory") or {}) if inventory is None else inventory
    used = obs.get("inventoryUsed", len(inv))
    return f"Inventory ({used}/36): {dict(inv) if inv else 'Empty'}"


def format_equipment(obs: dict[str, Any]) -> str:
    equipment = _status(obs).get("equipment") or []
    worn = [f"{slot}={name}" for slot, name in zip(EQUIPMENT_SLOTS, equipment, strict=False) if name]
    return f"Equipment: {', '.join(worn) if worn else 'None'}"


def format_position(obs: dict[str, Any]) -> str:
    pos = _status(obs).get("position") or {}
    try:
        return f"Position: x={float(pos['x']):.1f}, y={float(pos['y']):.1f}, z={float(pos['z']):.1f}"
    except (KeyError, TypeError, ValueError):
        return "Position: Unknown"


def format_entities(obs: dict[str, Any]) -> str:
    entities = obs.get("entities") or {}
    names = [name for name, _ in sorted(entities.items(), key=lambda kv: float(kv[1]))]
    return f"Nearby entities (nearest to farthest): {', '.join(names) if names else 'None'}"


def format_chests(obs: dict[str, Any]) -> str:
    chests = obs.get("nearbyChests") or {}
    if not isinstance(chests, dict) or not chests:
        return "Chests: None"
    lines = []
    for position, content in chests.items():
        if isinstance(content, dict):
            lines.append(f"{position}: {dict(content) if content else 'Empty'}")
        else:
            lines.append(f"{position}: Unknown items inside")
    return "Chests:\n" + "\n".join(lines)


def _number(value: Any) -> str:
    try:
        return f"{float(value):.1f}"
    except (TypeError, ValueError):
        return "Unknown"


def observation_fields(obs: dict[str, Any]) -> dict[str, str]:
    """Every observation field as a labelled line, keyed by field name."""
    status = _status(obs)
    voxels = list(obs.get("voxels") or [])
    records = list(obs.get("blockRecords") or [])
    inventory = obs.get("inventory") or {}
    others = [b for b in dict.fromkeys(records) if b not in set(voxels) | set(inventory)]
    return {
        "biome": f"Biome: {obs.get('biome') or status.get('biome') or 'Unknown'}",
        "time": f"Time: {obs.get('timeOfDay') or status.get('timeOfDay') or 'Unknown'}",
        "nearby_blocks": f"Nearby blocks: {', '.join(voxels) if voxels else 'None'}",
        "other_blocks": f"Other blocks that are recently seen: {', '.join(others) if others else 'None'}",
        "nearby_entities": format_entities(obs),
        "health": f"Health: {_number(status.get('health'))}/20",
        "hunger": f"Hunger: {_number(status.get('food'))}/20",
        "position": format_position(obs),
        "equipment": format_equipment(obs),
        "inventory": format_inventory(obs),
        "chests": format_chests(obs),
    }


def render_action_message(*, observation: dict[str, Any], events: list[dict[str, Any]] | None, task: str,
                          context: str | None, last_code: str | None, critique: str | None,
                          chat_log: bool = True, execution_error: bool = True) -> str:
    """The action agent's user message (the fields its system prompt lists, in that order)."""
    summary = split_events(events)
    f = observation_fields(observation)
    parts = [f"Code from the last round:\n{last_code}" if last_code else "Code from the last round: No code in the first round"]
    if execution_error:
        errors = summary.errors + [f"the program timed out after {s:.0f} s" for s in summary.timeouts]
        parts.append("Execution error:\n" + "\n".join(errors) if errors else "Execution error: No error")
    if chat_log:
        parts.append("Chat log: " + "\n".join(summary.chat) if summary.chat else "Chat log: None")
    parts += [f["biome"], f["time"], f["nearby_blocks"], f["nearby_entities"], f["health"], f["hunger"],
              f["position"], f["equipment"], f["inventory"], f["chests"],
              f"Task: {task}", f"Context: {context or 'None'}", f"Critique: {critique or 'None'}"]
    return "\n\n".join(parts) + "\n"


def render_critic_message(*, observation: dict[str, Any], events: list[dict[str, Any]] | None, task: str,
                          context: str | None) -> str:
    """The critic's user message: the final state, the chat log, the task and its context."""
    summary = split_events(events)
    f = observation_fields(observation)
    parts = [f["biome"], f["time"], f["nearby_blocks"], f["health"], f["hunger"], f["position"], f["equipment"],
             f["inventory"], f["chests"],
             "Chat log: " + "\n".join(summary.chat) if summary.chat else "Chat log: None",
             f"Task: {task}", f"Context: {context or 'None'}"]
    return "\n\n".join(parts) + "\n"
