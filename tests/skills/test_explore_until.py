"""exploreUntil through the real bridge."""

from __future__ import annotations


def test_finds_a_block_placed_out_of_sight(play):
    r = play("""
await arena();
const target = await place(40, 2, 0, "gold_block");
const found = await exploreUntil(bot, new Vec3(1, 0, 0), 60, () => {
  return bot.findBlock({ matching: mcData.blocksByName.gold_block.id, maxDistance: 20 });
});
console.log("found " + (found ? found.name : null));
""", timeout=90)
    assert "found gold_block" in r.logs, r.describe()
    assert r.said("Explore success."), r.describe()


def test_returns_null_when_time_runs_out(play):
    r = play('const r = await exploreUntil(bot, new Vec3(-1, 0, 1), 3, () => null); console.log("got " + r);')
    assert "got null" in r.logs, r.describe()
    assert r.said("Max exploration time reached: I explored toward (-1, 0, 1) for 3 s"), r.describe()


def test_a_bad_direction_is_an_error(play):
    r = play('await exploreUntil(bot, new Vec3(2, 0, 0), 5, () => null);', reset=False)
    assert any("direction must be a Vec3 only with value of -1, 0 or 1" in e for e in r.errors), r.describe()
    r = play('await exploreUntil(bot, new Vec3(0, 0, 0), 5, () => null);', reset=False)
    assert any("direction cannot be 0, 0, 0" in e for e in r.errors), r.describe()
