"""shoot through the real bridge: the bot draws and releases a bow at a summoned pig.

The embedded world does not simulate projectiles shot by players: flying-squid 1.12 ignores the
bow release (its digging.js has `// TODO: Shoot arrow` for block_dig status 5) and the world's
own projectiles (env/lib/mobs/projectiles.js) are skeleton arrows that only hit players. So a
released bow neither spawns an arrow nor uses one up, and the success path below is a strict
xfail: it starts passing (and must be unmarked) once the world shoots players' arrows.
"""

from __future__ import annotations

import pytest

from tests.skills.test_failure_messages import CLEAN

PIG = """
await arena();
await cmd("/summon pig ~7 ~ ~1", () => bot.nearestEntity(e => e.name === "pig" && e.position.distanceTo(bot.entity.position) < 10));
const pig = bot.nearestEntity(e => e.name === "pig");
"""


def test_running_out_of_arrows_leaves_the_target_alive(play):
    # The arrows are taken away while the bot draws its first shot (the release then shoots
    # nothing, on any server), so shoot stops at once with the target still alive.
    r = play(CLEAN + PIG + """
const shooting = shoot(bot, "bow", "pig");
for (let i = 0; i < 40 && !bot.usingHeldItem; i++) await bot.waitForTicks(1);
console.log("drawing " + bot.usingHeldItem + " holding " + (bot.heldItem && bot.heldItem.name));
await cmd("/clear @s arrow", () => bot.inventory.count(mcData.itemsByName.arrow.id) === 0);
const ok = await shooting;
console.log("shot " + ok + " alive " + !!bot.entities[pig.id] + " released " + !bot.usingHeldItem);
await clean("pig");
""", inventory={"bow": 1, "arrow": 8}, timeout=60)
    assert "drawing true holding bow" in r.logs, r.describe()
    assert r.said("I shot at the pig 1 time but it is still alive and I am out of arrows."), r.describe()
    assert "shot null alive true released true" in r.logs, r.describe()


@pytest.mark.xfail(strict=True, reason="the embedded world does not simulate arrows shot by players "
                   "(flying-squid's block_dig status 5 is a TODO; env/lib/mobs/projectiles.js only has skeleton arrows)")
def test_shoots_a_pig_with_a_bow(play):
    r = play(PIG + """
let hurt = 0;
const onHurt = e => { if (e === pig) hurt++; };
bot.on("entityHurt", onHurt);
const ok = await shoot(bot, "bow", "pig");
bot.removeListener("entityHurt", onHurt);
console.log("shot " + ok + " hurt " + hurt + " arrows " + bot.inventory.count(mcData.itemsByName.arrow.id));
""", inventory={"bow": 1, "arrow": 16}, timeout=15)
    # The pig and its drops must not stay around for later tests, whatever happened.
    play(CLEAN + 'await clean("pig");', reset=False)
    assert not r.timed_out, r.describe()
    assert r.said("Shot the pig") and r.said("; it is gone."), r.describe()
    log = next(line for line in r.logs if line.startswith("shot "))
    assert log.startswith("shot true hurt ") and int(log.split()[3]) >= 1, r.describe()
    assert int(log.split()[5]) < 16, r.describe()  # arrows were used up
