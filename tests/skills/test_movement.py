"""The primitives' shared movement helper (skills/_util.js `_goto`): pathfinding has a deadline
and never leaves a goal or a changed Movements behind."""

from __future__ import annotations

import json


def test_a_trip_that_takes_too_long_is_abandoned_cleanly(play):
    r = play("""
const movements = bot.pathfinder.movements;
const far = await _goto(bot, new GoalXZ(__p.x + 5000, __p.z), { timeout: 3 });
console.log(JSON.stringify({ far, goal: bot.pathfinder.goal === null, same: bot.pathfinder.movements === movements }));
""")
    data = json.loads(r.logs[-1])
    assert data == {"far": {"ok": False, "reason": "it took longer than 3 s"}, "goal": True, "same": True}, r.describe()


def test_a_walled_in_bot_gets_no_path_instead_of_hanging(play):
    r = play("""
await arena();
const p = __p;
await cmd(`/fill ${p.x - 1} ${p.y - 1} ${p.z - 1} ${p.x + 1} ${p.y + 2} ${p.z + 1} bedrock`, () => __is(1, 2, 1, "bedrock"));
await cmd(`/fill ${p.x} ${p.y} ${p.z} ${p.x} ${p.y + 1} ${p.z} air`, () => __is(0, 1, 0, "air"));
const out = await _goto(bot, new GoalNear(p.x + 6, p.y, p.z + 6, 1), { timeout: 20 });
console.log(JSON.stringify(out));
await cmd(`/fill ${p.x - 1} ${p.y - 1} ${p.z - 1} ${p.x + 1} ${p.y + 2} ${p.z + 1} air`, () => __is(1, 2, 1, "air"));
""")
    out = json.loads(r.logs[-1])
    assert out == {"ok": False, "reason": "there is no path there"}, r.describe()
