"""Steps against the real embedded world: events, mapped errors, sandbox limits, cleanup."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.integration

# Place a dirt block next to the bot on solid ground, mine it, walk over to pick it up.
PLACE_AND_MINE = """
bot.chat('placing dirt')
const me = bot.entity.position.floored()
let ground = null
for (const [dx, dz] of [[1, 0], [-1, 0], [0, 1], [0, -1]]) {
  const b = bot.blockAt(me.offset(dx, -1, dz))
  const above = bot.blockAt(me.offset(dx, 0, dz))
  if (b && b.boundingBox === 'block' && above && above.name === 'air') { ground = b; break }
}
if (!ground) throw new Error('no solid ground next to the bot')
await bot.equip(mcData.itemsByName.dirt.id, 'hand')
await bot.placeBlock(ground, new Vec3(0, 1, 0))
const placed = bot.blockAt(ground.position.offset(0, 1, 0))
bot.chat(`mining ${placed.name}`)
await bot.dig(placed)
console.log('after digging:', bot.blockAt(placed.position).name)
await bot.pathfinder.goto(new GoalBlock(placed.position.x, placed.position.y, placed.position.z))
for (let i = 0; i < 40 && !bot.inventory.items().some(i => i.name === 'dirt'); i++) await bot.waitForTicks(1)
bot.chat('done')
"""


def _types(info: dict[str, Any]) -> list[str]:
    return [e["type"] for e in info["events"]]


def _errors(info: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for e in info["events"] if e["type"] == "error"]


def _next_step_works(env: Any) -> None:
    _, _, _, truncated, info = env.step("bot.chat('still alive')")
    assert not truncated
    assert [e for e in info["events"] if e["type"] == "chat"] == [
        {"type": "chat", "message": "still alive", "username": env.config.world.username}]


def test_step_that_chats_and_mines_a_block_returns_its_events(env: Any) -> None:
    env.reset(options={"mode": "hard", "inventory": {"dirt": 1}, "position": env.spawn})
    obs, reward, terminated, truncated, info = env.step(PLACE_AND_MINE)
    assert not _errors(info), _errors(info)
    chats = [e["message"] for e in info["events"] if e["type"] == "chat"]
    assert chats == ["placing dirt", "mining dirt", "done"]
    assert {"type": "log", "message": "after digging: air"} in info["events"]
    assert info["events"][-1] == {"type": "observe", "observation": obs}
    assert obs["inventory"] == {"dirt": 1}
    assert obs["elapsedTicks"] > 0
    assert (reward, terminated, truncated) == (0.0, False, False)


def test_syntax_error_reports_its_line_and_nothing_runs(env: Any) -> None:
    _, _, _, truncated, info = env.step("bot.chat('must not run')\nconst x = ;\n")
    assert _types(info) == ["error", "observe"]
    error = _errors(info)[0]
    assert error["message"].startswith("SyntaxError")
    assert (error["line"], error["source"]) == (2, "const x = ;")
    assert not truncated
    _next_step_works(env)


def test_thrown_error_is_mapped_to_the_submitted_line(env: Any) -> None:
    code = "async function helper(bot) {\n  await bot.waitForTicks(1)\n  throw new Error('boom')\n}\nawait helper(bot)\n"
    _, _, _, _, info = env.step(code)
    error = _errors(info)[0]
    assert error["message"].startswith("Error: boom")
    assert (error["line"], error["source"]) == (3, "throw new Error('boom')")
    _next_step_works(env)


@pytest.mark.parametrize("code, expected", [
    ("process.exit()", "ReferenceError: process is not defined"),
    ("require('fs').readFileSync('/etc/passwd')", "ReferenceError: require is not defined"),
    ("this.constructor.constructor('return process')().exit()", "EvalError"),
    ("bot.constructor.constructor('return process')().exit()", "EvalError"),
    ("bot.chat.constructor('return process')().exit()", "EvalError"),
    ("await import('fs')", "TypeError"),
])
def test_host_access_is_refused(env: Any, code: str, expected: str) -> None:
    _, _, _, _, info = env.step(code)
    errors = _errors(info)
    assert errors and errors[0]["message"].startswith(expected), errors
    _next_step_works(env)


def test_synchronous_endless_loop_is_stopped(env: Any) -> None:
    _, _, _, _, info = env.step("let n = 0\nwhile (true) { n++ }")
    assert "endless loop" in _errors(info)[0]["message"]
    assert info["restarts"] == env.bridge.restarts
    _next_step_works(env)


def test_unresolved_promise_times_out(env: Any) -> None:
    _, _, _, truncated, info = env.step("bot.chat('waiting')\nawait new Promise(() => {})")
    assert truncated
    assert {"type": "timeout", "seconds": env.config.bridge.step_timeout} in info["events"]
    _next_step_works(env)


def test_what_a_step_leaves_behind_is_cleared(env: Any) -> None:
    x, z = env.spawn["x"], env.spawn["z"]
    _, _, _, _, info = env.step(
        f"bot.pathfinder.setGoal(new GoalXZ({x + 40}, {z}))\n"
        "bot.setControlState('forward', true)\n"
        "bot.on('physicsTick', () => bot.chat('leaked listener'))\n"
        "setInterval(() => bot.chat('leaked timer'), 50)\n"
        "await bot.waitForTicks(2)\n")
    assert not _errors(info)
    _, _, _, _, info = env.step(
        "await bot.waitForTicks(10)\n"
        "console.log(JSON.stringify({goal: bot.pathfinder.goal, moving: bot.pathfinder.isMoving(),"
        " controls: Object.values(bot.controlState).some(Boolean)}))\n")
    messages = [e["message"] for e in info["events"] if e["type"] in ("chat", "log")]
    assert messages == ['{"goal":null,"moving":false,"controls":false}']


def test_code_left_running_after_a_timeout_is_stopped(env: Any) -> None:
    # The loop outlives its step (timeout); its next use of bot throws, so it never chats again.
    _, _, _, truncated, _ = env.step("(async () => { while (true) { await bot.waitForTicks(5); bot.chat('ghost') } })()\n"
                                     "await new Promise(() => {})")
    assert truncated
    _, _, _, _, info = env.step("await bot.waitForTicks(20)")
    assert not [e for e in info["events"] if e["type"] == "chat"]


def test_functions_declared_by_a_step_and_primitives_are_callable(env: Any) -> None:
    _, _, _, _, info = env.step("function twice(n) { return 2 * n }\n"
                                "console.log(twice(21), typeof mineBlock, typeof GoalNear, typeof require)")
    assert {"type": "log", "message": "42 function function undefined"} in info["events"]
