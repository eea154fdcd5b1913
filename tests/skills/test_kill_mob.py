"""killMob and waitForMobRemoved through the real bridge (mobs from the world's /summon)."""

from __future__ import annotations


def test_kills_a_pig_and_collects_its_drops(play):
    r = play("""
await arena();
await cmd("/summon pig ~4 ~ ~2", () => bot.nearestEntity(e => e.name === "pig" && e.position.distanceTo(bot.entity.position) < 8));
const before = [bot.listenerCount("entityGone"), bot.listenerCount("itemDrop"), bot.listenerCount("stoppedAttacking")];
const ok = await killMob(bot, "pig", 60);
const after = [bot.listenerCount("entityGone"), bot.listenerCount("itemDrop"), bot.listenerCount("stoppedAttacking")];
console.log("killed " + ok + " listeners " + (before.join() === after.join()) + " pvp " + !bot.pvp.target);
""", inventory={"stone_sword": 1}, timeout=90)
    assert r.said("Killed pig!"), r.describe()
    assert "killed true listeners true pvp true" in r.logs, r.describe()
    assert r.inventory.get("porkchop", 0) >= 1, r.describe()


def test_without_the_mob_nearby_it_says_to_explore(play):
    r = play('await killMob(bot, "mooshroom");')
    assert r.said("No mooshroom within 48 blocks; explore first with exploreUntil to find one."), r.describe()
    r = play('await killMob(bot, "dragon");', reset=False)
    assert any("No mob named dragon; did you mean ender_dragon" in e for e in r.errors), r.describe()


def test_wait_for_mob_removed_resolves_on_kill_and_rejects_on_timeout(play):
    r = play("""
await arena();
await cmd("/summon pig ~3 ~ ~3", () => bot.nearestEntity(e => e.name === "pig" && e.position.distanceTo(bot.entity.position) < 8));
const pig = bot.nearestEntity(e => e.name === "pig");
try { await waitForMobRemoved(bot, pig, 1); } catch (err) { console.log("rejected: " + err.message); }
bot.pvp.attack(pig);
await waitForMobRemoved(bot, pig, 60);
console.log("removed");
""", timeout=90)
    assert "rejected: Failed to kill pig within 1 s." in r.logs, r.describe()
    assert "removed" in r.logs and r.said("Killed pig!"), r.describe()
