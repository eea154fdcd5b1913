"""The critic: did the program complete the task?

An execution error or a timeout is a failure without asking the LLM. Countable tasks
(tasks.py) are judged from the inventory (gains since the task started when
`inventory_before` is given) with a precise critique. Everything else goes to the LLM,
whose `{reasoning, success, critique}` JSON is parsed robustly and re-asked when unusable.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from voyager.agents.action import ChatModel
from voyager.agents.parsing import ParseError, extract_json
from voyager.agents.rendering import EventSummary, render_critic_message, split_events
from voyager.agents.tasks import CountableTask, WorldNames, parse_task, world_names
from voyager.agents.templates import Templates

log = logging.getLogger(__name__)

DEPOSIT_TARGET_SLOTS = 20  # Voyager's deposit tasks ask to get down to 20 used slots
# Chat lines of the primitives that explain a failure ("No oak_log within 32 blocks; explore first ...").
_HINT = re.compile(r"cannot|can't|could not|couldn't|need|\bno \w+ (?:nearby|within)|not found|fail|full", re.I)
VERB_WORD = {"mine": "mine", "craft": "craft", "smelt": "smelt", "cook": "cook", "kill": "kill"}


@dataclass
class Verdict:
    """`source`: "rule" (deterministic), "llm", or "error" (execution error / timeout)."""

    success: bool
    critique: str
    reasoning: str = ""
    source: str = "llm"


class Critic:
    """Judges a round from its events and final observation."""

    def __init__(self, llm: ChatModel, templates: Templates, *, max_json_retries: int = 2,
                 names: WorldNames | None = None) -> None:
        self.llm = llm
        self.templates = templates
        self.max_json_retries = max_json_retries
        self.names = names

    def judge(self, *, task: str, context: str | None, observation: dict[str, Any] | None,
              events: list[dict[str, Any]] | None, inventory_before: dict[str, int] | None = None) -> Verdict:
        summary = split_events(events)
        obs = observation or summary.observation or {}
        if summary.errors:
            return Verdict(False, f"The program stopped with an error: {summary.errors[-1]}. Fix the cause "
                                  "before doing anything else.", reasoning="execution error", source="error")
        if summary.timeouts:
            return Verdict(False, f"The program did not finish within {summary.timeouts[-1]:.0f} seconds. Avoid "
                                  "long loops and waits; explore at most 60 blocks at a time.",
                           reasoning="timeout", source="error")
        countable = parse_task(task, self.names or world_names())
        if countable is not None:
            verdict = check_countable(countable, obs, inventory_before, summary)
            if verdict is not None:
                return verdict
        return self._ask(task, context, obs, events)

    # ------------------------------------------------------------------- LLM
    def _ask(self, task: str, context: str | None, obs: dict[str, Any], events: list[dict[str, Any]] | None) -> Verdict:
        messages: list[dict[str, Any]] = [
            {"role": "system", "content": self.templates.render("critic")},
            {"role": "user", "content": render_critic_message(observation=obs, events=events, task=task,
                                                              context=context)},
        ]
        error = ""
        for _ in range(self.max_json_retries + 1):
            answer = self.llm.chat(messages, json_mode=True)
            try:
                return _verdict_from_json(extract_json(answer, expect=dict))
            except ParseError as exc:
                error = str(exc)
                messages = [*messages, {"role": "assistant", "content": answer},
                            {"role": "user", "content": self.templates.render("json_retry", error=error)}]
        log.warning("critic gave no usable JSON for %r: %s", task, error)
        return Verdict(False, "", reasoning=f"the critic gave no usable answer ({error})", source="llm")


def _verdict_from_json(data: dict[str, Any]) -> Verdict:
    success = data.get("success")
    if isinstance(success, str) and success.strip().lower() in ("true", "yes", "false", "no"):
        success = success.strip().lower() in ("true", "yes")
    if not isinstance(success, bool):
        raise ParseError('the JSON needs "success": true or false')
    return Verdict(success, str(data.get("critique") or ""), str(data.get("reasoning") or ""), source="llm")


# ------------------------------------------------------------ deterministic
def _count(inventory: dict[str, int], task: CountableTask) -> int:
    return sum(int(n) for name, n in (inventory or {}).items() if task.match(name))


def _equipped(obs: dict[str, Any]) -> list[str]:
    return [e for e in ((obs.get("status") or {}).get("equipment") or []) if e]


def _chat_hint(summary: EventSummary) -> str:
    hints = [line for line in summary.chat if _HINT.search(line)]
    return f" The chat log says: {' / '.join(hints[-2:])}" if hints else ""


def check_countable(task: CountableTask, obs: dict[str, Any], before: dict[str, int] | None,
                    summary: EventSummary) -> Verdict | None:
    """A rule verdict for a countable task, or None when the evidence is inconclusive (ask the LLM)."""
    inventory = obs.get("inventory") or {}
    if task.verb == "deposit":
        used = int(obs.get("inventoryUsed", len(inventory)))
        if used <= DEPOSIT_TARGET_SLOTS:
            return Verdict(True, "", f"{used} inventory slots used, at most {DEPOSIT_TARGET_SLOTS}", "rule")
        return Verdict(False, f"You still use {used} inventory slots; deposit items until at most "
                              f"{DEPOSIT_TARGET_SLOTS} are used.", f"{used} slots used", "rule")
    if task.verb == "place_chest":
        if "chest" in (obs.get("voxels") or []) or (isinstance(obs.get("nearbyChests"), dict) and obs["nearbyChests"]):
            return Verdict(True, "", "a chest is nearby", "rule")
        return None
    if task.verb == "equip":
        worn = _equipped(obs)
        if any(task.match(name) for name in worn):
            return Verdict(True, "", f"{task.label} is equipped", "rule")
        have = _count(inventory, task)
        advice = "equip it with bot.equip" if have else "obtain one first, then equip it"
        return Verdict(False, f"{task.label} is not equipped; {advice}.{_chat_hint(summary)}",
                       f"equipment: {worn or 'none'}", "rule")
    now = _count(inventory, task)
    if task.verb == "craft" or task.verb == "mine":
        now += sum(1 for name in _equipped(obs)[2:] if task.match(name))  # worn armour is not in the inventory
    if before is not None:
        gained = now - _count(before, task)
        ok = gained >= task.count
        state = f"You gained {max(gained, 0)} {task.label} during the task ({now} now) but need {task.count}"
        missing = task.count - max(gained, 0)
    else:
        gained = now
        ok = now >= task.count
        state = f"You have {now} {task.label} but need {task.count}"
        missing = task.count - now
    if ok:
        return Verdict(True, "", f"{task.label}: {'+' if before is not None else ''}{gained} of {task.count}", "rule")
    if task.verb == "kill":
        return None  # no drops is not proof: loot can be missed or absent; the LLM reads the chat log
    verb = VERB_WORD.get(task.verb, task.verb)
    return Verdict(False, f"{state}; {verb} {missing} more.{_chat_hint(summary)}",
                   f"{task.label}: {gained} of {task.count}", "rule")
