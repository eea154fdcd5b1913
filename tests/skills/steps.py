"""Run one step of JavaScript through the real bridge and read what happened.

SCENE is a JavaScript prelude for test steps: `cmd` runs a server command and waits for its
effect; `arena` clears a box around the bot and lays a floor; `tree` builds an oak tree.
Scenes are built inside the step under test because the bridge picks up utility blocks
(crafting tables, furnaces) placed during a step when the step ends.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SCENE = r"""
const __p = bot.entity.position.floored();
async function cmd(command, until) {
  bot.chat(command);
  for (let i = 0; i < 60; i++) { await bot.waitForTicks(2); if (!until || until()) return; }
  throw new Error(`setup command had no effect: ${command}`);
}
const __is = (dx, dy, dz, name) => { const b = bot.blockAt(__p.offset(dx, dy, dz)); return !!b && b.name === name; };
async function arena(floor = "grass_block") {
  const p = __p;
  // Items left on the ground by earlier tests would be picked up by this one.
  await cmd("/kill @e[type=item]", () => !Object.values(bot.entities).some(e => e.name === "item" && e.position.distanceTo(bot.entity.position) < 24));
  await cmd(`/fill ${p.x - 7} ${p.y} ${p.z - 7} ${p.x + 7} ${p.y + 7} ${p.z + 7} air`,
    () => __is(7, 7, 7, "air") && __is(-7, 0, -7, "air") && __is(3, 1, -3, "air"));
  await cmd(`/fill ${p.x - 7} ${p.y - 3} ${p.z - 7} ${p.x + 7} ${p.y - 1} ${p.z + 7} ${floor}`,
    () => __is(7, -1, 7, floor) && __is(-7, -3, -7, floor) && __is(0, -1, 0, floor));
}
async function tree(dx, dz, height = 4) {
  const p = __p.offset(dx, 0, dz);
  await cmd(`/fill ${p.x - 1} ${p.y + height - 1} ${p.z - 1} ${p.x + 1} ${p.y + height} ${p.z + 1} oak_leaves`,
    () => __is(dx + 1, height, dz + 1, "oak_leaves"));
  await cmd(`/fill ${p.x} ${p.y} ${p.z} ${p.x} ${p.y + height - 1} ${p.z} oak_log`,
    () => __is(dx, 0, dz, "oak_log") && __is(dx, height - 1, dz, "oak_log"));
}
async function place(dx, dy, dz, name) {
  const p = __p.offset(dx, dy, dz);
  await cmd(`/setblock ${p.x} ${p.y} ${p.z} ${name}`, () => __is(dx, dy, dz, name));
  return p;
}
"""


@dataclass
class StepResult:
    """Events of one step, with shortcuts for what tests look at."""

    events: list[dict[str, Any]]
    timed_out: bool

    @property
    def observation(self) -> dict[str, Any]:
        return self.events[-1]["observation"]

    @property
    def inventory(self) -> dict[str, int]:
        return self.observation["inventory"]

    @property
    def chats(self) -> list[str]:
        """Chat lines the bot itself sent (primitives report through bot.chat)."""
        return [e["message"] for e in self.events if e["type"] == "chat" and e.get("username")]

    @property
    def logs(self) -> list[str]:
        return [e["message"] for e in self.events if e["type"] == "log"]

    @property
    def errors(self) -> list[str]:
        return [e["message"] for e in self.events if e["type"] == "error"]

    def said(self, fragment: str) -> bool:
        return any(fragment in line for line in self.chats)

    def describe(self) -> str:
        """Everything that happened, for assertion messages."""
        lines = [f"{e['type']}: {e.get('message', e.get('seconds', ''))}" for e in self.events if e["type"] != "observe"]
        return "\n".join(lines) + f"\ninventory: {self.inventory}"


def run_step(env: Any, code: str, *, timeout: float = 60.0) -> StepResult:
    """Run `code` (with the SCENE prelude) as one bridge step with its own timeout."""
    events, timed_out = env.bridge.step(SCENE + "\n" + code, timeout=timeout)
    return StepResult(events, timed_out)
