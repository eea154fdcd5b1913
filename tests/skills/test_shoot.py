"""shoot through the real bridge: the bot draws and releases a bow at a summoned pig (its two
"still alive" failures: out of arrows, and a target no arrow can reach, given up after 30 s).

The embedded world shoots players' arrows (env/lib/mobs/player_arrows.js: draw, release,
flight, hit, one arrow used up), so the success path below runs against it as on vanilla.
"""

from __future__ import annotations

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


def test_a_target_behind_a_wall_is_given_up_after_30_s(play):
    # A pig shut in a bedrock box: no arrow can reach it on any server, so shoot keeps trying
    # for its 30 s and then says so.
    r = play(CLEAN + """
await arena();
const p = __p;
await cmd(`/fill ${p.x + 6} ${p.y} ${p.z - 1} ${p.x + 8} ${p.y + 2} ${p.z + 1} bedrock`, () => __is(8, 2, 1, "bedrock"));
await cmd(`/fill ${p.x + 7} ${p.y} ${p.z} ${p.x + 7} ${p.y + 1} ${p.z} air`, () => __is(7, 1, 0, "air"));
// Absolute coordinates: "~7.5" is relative to the bot's unfloored position and could put the
// pig in the bedrock (it then climbs on top, where arrows reach it).
await cmd(`/summon pig ${p.x + 7.5} ${p.y} ${p.z + 0.5}`, () => bot.nearestEntity(e => e.name === "pig" && e.position.distanceTo(bot.entity.position) < 10));
const ok = await shoot(bot, "bow", "pig");
console.log("shot " + ok + " using " + bot.usingHeldItem + " alive " + !!bot.nearestEntity(e => e.name === "pig"));
await clean("pig");
await cmd(`/fill ${p.x + 6} ${p.y} ${p.z - 1} ${p.x + 8} ${p.y + 2} ${p.z + 1} air`, () => __is(8, 2, 1, "air"));
""", inventory={"bow": 1, "arrow": 64}, timeout=60)
    assert any(line.startswith("I shot at the pig ") and line.endswith(
        " times but it is still alive; try killMob to fight it in melee.") for line in r.chats), r.describe()
    assert "shot null using false alive true" in r.logs, r.describe()


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
