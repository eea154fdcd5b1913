"""Action rounds for one task: retrieve skills, write code, run it, judge it, repeat.

Shared by the learner (which checkpoints after every round) and inference (which does not
store skills). `on_round` is called after each judged round with the updated task state.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from voyager.agents.action import ProgramParseError
from voyager.agents.rendering import split_events
from voyager.config import Config
from voyager.learner.checkpoint import TaskInProgress

# Voyager retrieves with the task, its context and the last round's chat; bounded so a chatty
# program cannot drown the task in the query (the embedder truncates at 256 tokens anyway).
QUERY_CHAT_LINES = 10
QUERY_CHAT_CHARS = 1000


def run_rounds(
    parts: Any,
    config: Config,
    current: TaskInProgress,
    observation: dict[str, Any],
    *,
    on_round: Callable[[TaskInProgress, dict[str, Any], list[dict[str, Any]], bool], None] | None = None,
    before_round: Callable[[], None] | None = None,
) -> tuple[bool, dict[str, Any]]:
    """Run rounds until the critic says success or `config.action.max_rounds` is reached.

    Returns (success, last observation). On success `current.phase` is "verified" and
    `current.program` holds the program's fields.
    """
    while current.round < config.action.max_rounds:
        if before_round:
            before_round()
        retrieved = parts.library.retrieve(retrieval_query(current), config.library.retrieval_k)
        try:
            program = parts.action.propose(
                task=current.task, context=current.context, observation=observation,
                events=current.events, last_code=current.last_code, critique=current.critique,
                retrieved_skills=retrieved,
            )
        except ProgramParseError as exc:
            # No runnable program even after re-asking: a lost round, not a broken world.
            current.round += 1
            current.critique = f"Your last answer held no valid program ({exc}). Reply with one complete async function."
            if on_round:
                on_round(current, observation, [{"type": "error", "message": str(exc), "line": None, "source": None}],
                         False)
            continue
        observation, _reward, _terminated, truncated, info = parts.env.step(f"{program.code}\n{program.exec_code}")
        events = info.get("events", [])
        verdict = parts.critic.judge(
            task=current.task, context=current.context, observation=observation,
            events=events, inventory_before=current.inventory_before,
        )
        if not getattr(parts.library, "readonly", False):
            for skill in retrieved:
                parts.library.record_use(skill.name, success=bool(verdict.success))
        current.round += 1
        current.last_code = program.code
        current.critique = verdict.critique
        current.events = compact_events(events)
        if verdict.success:
            current.phase = "verified"
            current.program = {k: v for k, v in asdict(program).items() if isinstance(v, str)}
        if on_round:
            on_round(current, observation, events, truncated)
        if verdict.success:
            return True, observation
    return False, observation


def retrieval_query(current: TaskInProgress) -> str:
    """Task, context and the last round's chat/log lines (the last 10, at most 1,000 chars)."""
    chat = split_events(current.events).chat[-QUERY_CHAT_LINES:]  # lines are clipped to 300 chars
    while chat and len("\n".join(chat)) > QUERY_CHAT_CHARS:
        chat = chat[1:]  # drop the oldest: the end of a round says how it went
    return "\n".join(part for part in (current.task, current.context, *chat) if part)


def compact_events(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The events kept for the next round's prompt: the last 50 messages and the final observation."""
    others = [e for e in events if e.get("type") != "observe"][-50:]
    return others + [e for e in events if e.get("type") == "observe"][-1:]
