// Bows for players with an unmodified mineflayer bot: bot.activateItem() with a bow, wait,
// bot.deactivateItem() shoots an arrow the bot sees fly; it hurts and kills a pig (loot drops),
// stops at a wall, uses up one arrow per shot with the server's and the bot's inventories
// equal; a too-short draw or a draw without arrows shoots nothing.
'use strict'
const test = require('node:test')
const assert = require('node:assert')
const { Vec3 } = require('vec3')
const { startWorld, connectBot, waitFor, countItem } = require('./helpers')
const { expectSameInventory, serverInventory, countIn } = require('../lib/windows/debug_client')
const { drawPower, arrowDamage, lookDirection, segmentEntersBox, ammoSlots } = require('../lib/mobs/player_arrows')

const near = (a, b, eps = 1e-9) => Math.abs(a - b) < eps

test('vanilla bow figures: draw power, damage, look direction, hit boxes, arrow search order', () => {
  assert.strictEqual(drawPower(20), 1)
  assert.strictEqual(drawPower(40), 1)
  assert.ok(drawPower(2) < 0.1 && drawPower(3) >= 0.1) // vanilla: under 0.1 shoots nothing
  assert.ok(near(drawPower(10), (0.25 + 1) / 3))
  assert.strictEqual(arrowDamage(3, false), 6)
  assert.strictEqual(arrowDamage(2.9, false), 6)
  assert.strictEqual(arrowDamage(1, false), 2)
  assert.strictEqual(arrowDamage(3, true, () => 0), 6)
  assert.strictEqual(arrowDamage(3, true, () => 0.999), 10) // + nextInt(6 / 2 + 2)
  const south = lookDirection(0, 0)
  assert.ok(near(south.x, 0) && near(south.y, 0) && near(south.z, 1))
  const west = lookDirection(90, 0)
  assert.ok(near(west.x, -1) && near(west.z, 0))
  const up = lookDirection(0, -90)
  assert.ok(near(up.y, 1))
  const box = { min: new Vec3(4, 0, -1), max: new Vec3(5, 1, 1) }
  assert.ok(near(segmentEntersBox(new Vec3(0, 0.5, 0), new Vec3(8, 0.5, 0), box), 0.5))
  assert.strictEqual(segmentEntersBox(new Vec3(0, 2, 0), new Vec3(8, 2, 0), box), null)
  assert.strictEqual(segmentEntersBox(new Vec3(0, 0.5, 0), new Vec3(3, 0.5, 0), box), null)
  const order = ammoSlots(2)
  assert.deepStrictEqual(order.slice(0, 4), [45, 38, 36, 37])
  assert.strictEqual(order.length, 1 + 9 + 27)
})

test('players shoot bows in the world', async t => {
  const world = await startWorld({
    difficulty: 1,
    inventoryDebug: true, // /voyager_inv: the server's view of the bot's inventory
    mobs: { naturalSpawning: false }
  })
  let bot
  try {
    bot = await connectBot(world)
    await bot.waitForChunksToLoad()
    const p = bot.entity.position.floored()
    const blockIs = (dx, dy, dz, name) => bot.blockAt(p.offset(dx, dy, dz))?.name === name
    // A flat stone floor walled in two high (the pig cannot wander off), air above.
    const fill = async (x1, y1, z1, x2, y2, z2, name) => {
      bot.chat(`/fill ${p.x + x1} ${p.y + y1} ${p.z + z1} ${p.x + x2} ${p.y + y2} ${p.z + z2} ${name}`)
      await waitFor(() => blockIs(x1, y1, z1, name) && blockIs(x2, y2, z2, name))
    }
    await fill(-3, -1, -4, 11, -1, 4, 'stone')
    await fill(-3, 0, -4, 11, 5, 4, 'air')
    await fill(-3, 0, -4, -3, 1, 4, 'stone')
    await fill(11, 0, -4, 11, 1, 4, 'stone')
    await fill(-3, 0, -4, 11, 1, -4, 'stone')
    await fill(-3, 0, 4, 11, 1, 4, 'stone')
    await waitFor(() => bot.entity.onGround)

    const arrowsSeen = []
    const spawnedAt = new Map() // arrow entity -> where the bot first saw it
    bot.on('entitySpawn', e => {
      if (e.name !== 'arrow') return
      arrowsSeen.push(e)
      spawnedAt.set(e, e.position.clone())
    })

    bot.chat('/give tester bow 1')
    const bow = await waitFor(() => bot.inventory.items().find(i => i.name === 'bow'))
    await bot.equip(bow, 'hand')

    async function summonPig () {
      bot.chat('/summon pig ~7 ~ ~')
      return waitFor(() => bot.nearestEntity(e => e.name === 'pig' && e.position.distanceTo(bot.entity.position) < 9))
    }

    // Draw for `ticks`, aim at the pig's body (a little high for the drop) and release once the
    // look has gone out (mineflayer sends it with its next physics tick).
    // ticks 0: release at once.
    async function shoot (mob, ticks = 22) {
      const aim = () => bot.lookAt(mob.position.offset(0, mob.height * 0.6 + 0.2, 0), true)
      await aim()
      bot.activateItem()
      if (ticks === 0) return bot.deactivateItem()
      await bot.waitForTicks(ticks)
      await aim()
      await bot.waitForTicks(2)
      bot.deactivateItem()
    }

    // Resolves with 'hurt' or 'dead' for the first of those events on `mob`, or 'gone' when the
    // arrow `arrowIndex` was removed without either (it missed or stuck in a block).
    function outcome (mob, arrowIndex) {
      return new Promise(resolve => {
        const done = value => {
          bot.removeListener('entityHurt', onHurt)
          bot.removeListener('entityDead', onDead)
          clearInterval(timer)
          resolve(value)
        }
        const onHurt = e => { if (e === mob) done('hurt') }
        const onDead = e => { if (e === mob) done('dead') }
        bot.on('entityHurt', onHurt)
        bot.on('entityDead', onDead)
        const timer = setInterval(() => {
          const arrow = arrowsSeen[arrowIndex]
          if (arrow && !bot.entities[arrow.id]) setTimeout(() => done('gone'), 300) // hurt status may trail
        }, 50)
      })
    }

    await t.test('a released bow shoots an arrow the bot sees; it hurts the pig and uses up one arrow', async () => {
      bot.chat('/give tester arrow 16')
      await waitFor(() => countItem(bot, 'arrow') === 16)
      const pig = await summonPig()
      const spawnedBefore = arrowsSeen.length
      const result = outcome(pig, spawnedBefore)
      await shoot(pig)
      const arrow = await waitFor(() => arrowsSeen[spawnedBefore])
      assert.strictEqual(arrow.name, 'arrow')
      assert.ok(spawnedAt.get(arrow).distanceTo(bot.entity.position.offset(0, 1.52, 0)) < 0.5, 'the arrow starts at the bot\'s eyes')
      assert.ok(['hurt', 'dead'].includes(await result), 'the arrow hit the pig')
      // Vanilla damage for a full draw is 6..10: a pig (10 health) is hurt or killed.
      await waitFor(() => !pig.isValid || pig.metadata?.[9] <= 10 - 6, 3000)
      await waitFor(() => !bot.entities[arrow.id], 3000) // removed after the hit
      await waitFor(() => countItem(bot, 'arrow') === 15)
      const { server } = await expectSameInventory(bot)
      assert.strictEqual(countIn(server, 'arrow'), 15)
      assert.strictEqual(countIn(server, 'bow'), 1)
      bot.chat('/kill @e[type=pig]')
      await waitFor(() => !bot.nearestEntity(e => e.name === 'pig' && e.isValid))
    })

    await t.test('an arrow stops at a wall and vanishes; the pig behind it is not hurt', async () => {
      bot.chat(`/fill ${p.x + 4} ${p.y} ${p.z - 3} ${p.x + 4} ${p.y + 5} ${p.z + 3} stone`)
      await waitFor(() => blockIs(4, 0, 0, 'stone') && blockIs(4, 5, 3, 'stone'))
      const pig = await summonPig()
      const spawnedBefore = arrowsSeen.length
      const result = outcome(pig, spawnedBefore)
      await shoot(pig)
      const arrow = await waitFor(() => arrowsSeen[spawnedBefore])
      let last = arrow.position.clone()
      const track = setInterval(() => { last = arrow.position.clone() }, 20)
      assert.strictEqual(await result, 'gone')
      clearInterval(track)
      assert.ok(last.x < p.x + 4.1, `the arrow stopped in front of the wall (x ${last.x.toFixed(2)}, wall at ${p.x + 4})`)
      assert.ok(pig.isValid)
      await waitFor(() => countItem(bot, 'arrow') === 14)
      await expectSameInventory(bot)
      bot.chat(`/fill ${p.x + 4} ${p.y} ${p.z - 3} ${p.x + 4} ${p.y + 5} ${p.z + 3} air`)
      await waitFor(() => blockIs(4, 0, 0, 'air') && blockIs(4, 5, 3, 'air'))
    })

    await t.test('the bot kills the pig with arrows and it drops porkchop', async () => {
      const pig = bot.nearestEntity(e => e.name === 'pig')
      const drops = []
      const onSpawn = e => { if (e.name === 'item') drops.push(e) }
      bot.on('entitySpawn', onSpawn)
      const before = countItem(bot, 'arrow')
      let shots = 0
      let dead = false
      const onDead = e => { if (e === pig) dead = true }
      bot.on('entityDead', onDead)
      while (!dead && shots < 10) {
        const result = outcome(pig, arrowsSeen.length)
        await shoot(pig)
        shots++
        await result
        await bot.waitForTicks(4) // a death status follows the hurt one
      }
      bot.removeListener('entityDead', onDead)
      assert.ok(dead, `the pig died within ${shots} shots`)
      await waitFor(() => countItem(bot, 'arrow') === before - shots)
      await waitFor(() => drops.some(e => e.position.distanceTo(pig.position) < 3), 3000)
      bot.removeListener('entitySpawn', onSpawn)
      await expectSameInventory(bot)
      bot.chat('/kill @e[type=item]')
      await waitFor(() => !pig.isValid, 3000) // the body goes after its death animation
    })

    await t.test('a too-short draw and a draw without arrows shoot nothing and use nothing', async () => {
      const pig = await summonPig()
      const arrows = countItem(bot, 'arrow')
      const spawnedBefore = arrowsSeen.length
      await shoot(pig, 0) // power 0: under vanilla's 0.1
      bot.chat('/clear @s arrow')
      await waitFor(() => countItem(bot, 'arrow') === 0)
      await shoot(pig) // nothing to shoot
      bot.chat('/give tester arrow 1')
      await waitFor(() => countItem(bot, 'arrow') === 1)
      // Packets are handled in order: a shot from either attempt would spawn before this one's.
      await shoot(pig)
      await waitFor(() => arrowsSeen.length > spawnedBefore)
      await waitFor(() => countItem(bot, 'arrow') === 0)
      assert.strictEqual(arrowsSeen.length, spawnedBefore + 1)
      assert.ok(arrows > 1, 'there were arrows for the short draw')
      const server = await serverInventory(bot)
      assert.strictEqual(countIn(server, 'arrow'), 0)
      await expectSameInventory(bot)
      bot.chat('/kill @e[type=pig]')
    })
  } finally {
    if (bot) bot.end()
    await world.stop()
  }
})
