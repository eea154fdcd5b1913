// Creatures with an unmodified mineflayer bot (and mineflayer-pvp): natural spawning, /summon,
// movement, killing with loot pickup, a zombie fighting back at night, peaceful, the mob cap.
'use strict'
const test = require('node:test')
const assert = require('node:assert')
const { Vec3 } = require('vec3')
const { pathfinder, Movements, goals } = require('mineflayer-pathfinder')
const pvp = require('mineflayer-pvp').plugin
const { startWorld, connectBot, waitFor, sleep, command } = require('./helpers')
const { expectSameInventory } = require('../lib/windows/debug_client')
const { rollLoot } = require('../lib/mobs/loot')
const { weaponDamage } = require('../lib/mobs/combat')
const { wireVelocity, angleByte } = require('../lib/mobs/packets')
const { MOBS } = require('../lib/mobs/types')
const { createSummonCommand } = require('../lib/mobs/summon')

const MAX_MOBS = 16

test('loot rolls stay within vanilla ranges', () => {
  for (let i = 0; i < 200; i++) {
    const cow = Object.fromEntries(rollLoot(MOBS.cow).map(d => [d.item, d.count]))
    assert.ok(cow.beef >= 1 && cow.beef <= 3)
    assert.ok((cow.leather ?? 0) <= 2)
    const sheep = Object.fromEntries(rollLoot(MOBS.sheep).map(d => [d.item, d.count]))
    assert.strictEqual(sheep.white_wool, 1)
    assert.ok(!rollLoot(MOBS.sheep, Math.random, { sheared: true }).some(d => d.item === 'white_wool'))
  }
  assert.deepStrictEqual(rollLoot(MOBS.pig, () => 0.999), [{ item: 'porkchop', count: 3 }])
})

// Vanilla 1.19.2 loot tables (entities/*.json, no Looting), written out here independently of
// lib/mobs/types.js: item -> [min, max] per kill by a player.
const VANILLA_DROPS = {
  pig: { porkchop: [1, 3] },
  cow: { beef: [1, 3], leather: [0, 2] },
  sheep: { mutton: [1, 2], white_wool: [1, 1] },
  chicken: { chicken: [1, 1], feather: [0, 2] },
  zombie: { rotten_flesh: [0, 2], iron_ingot: [0, 1], carrot: [0, 1], potato: [0, 1] },
  skeleton: { bone: [0, 2], arrow: [0, 2] },
  spider: { string: [0, 2], spider_eye: [0, 1] },
  creeper: { gunpowder: [0, 2] }
}

// A seeded generator (mulberry32) so the rates below are the same on every run.
function seeded (seed) {
  return () => {
    seed = (seed + 0x6D2B79F5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

test('every mob drops exactly its vanilla items, each count in range and every count possible', () => {
  const random = seeded(7)
  const ROLLS = 3000
  for (const [mob, table] of Object.entries(VANILLA_DROPS)) {
    const seen = Object.fromEntries(Object.keys(table).map(item => [item, new Set()]))
    const totals = Object.fromEntries(Object.keys(table).map(item => [item, 0]))
    for (let i = 0; i < ROLLS; i++) {
      const drops = rollLoot(MOBS[mob], random, { byPlayer: true })
      const byItem = {}
      for (const { item, count } of drops) {
        assert.ok(item in table, `${mob} dropped ${item}`)
        byItem[item] = (byItem[item] || 0) + count
      }
      for (const item of Object.keys(table)) {
        const n = byItem[item] || 0
        const [lo, hi] = table[item]
        assert.ok(n >= lo && n <= hi, `${mob}: ${n} ${item} (vanilla ${lo}-${hi})`)
        seen[item].add(n)
        totals[item] += n
      }
    }
    for (const [item, [lo, hi]] of Object.entries(table)) {
      for (let n = lo; n <= hi; n++) assert.ok(seen[item].has(n), `${mob} sometimes drops ${n} ${item}`)
    }
    if (mob === 'spider') {
      const rate = totals.spider_eye / ROLLS
      assert.ok(rate > 0.28 && rate < 0.39, `spider eye rate ${rate} (vanilla 1/3)`)
    }
    if (mob === 'zombie') {
      const rate = (totals.iron_ingot + totals.carrot + totals.potato) / ROLLS
      assert.ok(rate > 0.012 && rate < 0.04, `zombie rare drop rate ${rate} (vanilla 2.5%)`)
    }
  }
  // Player-only drops: none when sunlight or /kill does it.
  for (let i = 0; i < 500; i++) {
    assert.ok(!rollLoot(MOBS.spider, random).some(d => d.item === 'spider_eye'))
    assert.deepStrictEqual(rollLoot(MOBS.zombie, random).filter(d => d.item !== 'rotten_flesh'), [])
  }
})

test('weapon damage and wire encodings', () => {
  assert.strictEqual(weaponDamage(null), 1)
  assert.strictEqual(weaponDamage({ name: 'wooden_sword' }), 4)
  assert.strictEqual(weaponDamage({ name: 'stone_axe' }), 9)
  assert.strictEqual(weaponDamage({ name: 'dirt' }), 1)
  assert.deepStrictEqual(wireVelocity(new Vec3(1000, -1000, 1)), { x: 32767, y: -32768, z: 400 })
  assert.strictEqual(angleByte(0), 0)
  assert.strictEqual(angleByte(180), -128)
  assert.strictEqual(angleByte(-90), -64)
})

test('/summon parses mob names and absolute or relative coordinates, also from the console', () => {
  const calls = []
  const ctx = {
    serv: { difficulty: 1, overworld: 'overworld', info () {} },
    config: { maxMobs: 20 },
    spawning: {
      definition: name => MOBS[name],
      spawnMob: (name, position, opts) => { calls.push({ name, position, world: opts.world }); return {} }
    }
  }
  const summon = createSummonCommand(ctx)
  assert.match(summon.action(summon.parse('pig'), {}), /console/)
  assert.strictEqual(summon.action(summon.parse('minecraft:cow 1 64 -2'), {}), undefined)
  assert.deepStrictEqual(calls.pop(), { name: 'cow', position: { x: 1, y: 64, z: -2 }, world: 'overworld' })
  const player = { position: new Vec3(10, 70, 10), world: 'w', chat () {} }
  summon.action(summon.parse('zombie ~1 ~ ~-3'), { player })
  assert.deepStrictEqual(calls.pop(), { name: 'zombie', position: { x: 11, y: 70, z: 7 }, world: 'w' })
  assert.match(summon.action(summon.parse('dragonfly'), { player }), /Unknown mob/)
  assert.strictEqual(summon.parse('pig 1 2'), false)
  ctx.serv.difficulty = 0
  assert.match(summon.action(summon.parse('zombie'), { player }), /peaceful/)
})

test('creatures in a world', async t => {
  const world = await startWorld({
    difficulty: 1,
    inventoryDebug: true, // /voyager_inv: the server's view of the bot's inventory
    mobs: { maxMobs: MAX_MOBS, spawnIntervalTicks: 10, passivePerPlayer: 4, hostilePerPlayer: 3, hostileTypes: ['zombie'] }
  })
  let bot
  const chat = []
  try {
    bot = await connectBot(world)
    bot.loadPlugin(pathfinder)
    bot.loadPlugin(pvp)
    bot.on('messagestr', m => chat.push(m))
    const spawned = []
    bot.on('entitySpawn', e => { if (e.type !== 'player') spawned.push({ entity: e, position: e.position.clone() }) })
    const nearby = () => Object.values(bot.entities).filter(e => e !== bot.entity && e.type !== 'player')

    // Summons `offset` blocks along +x, or along `dir` ([dx, dz], a unit axis) when given.
    async function summon (name, offset, dir = [1, 0]) {
      const before = new Set(spawned.map(s => s.entity))
      bot.chat(`/summon ${name} ~${offset * dir[0]} ~ ~${offset * dir[1]}`)
      const s = await waitFor(() => spawned.find(s => !before.has(s.entity) && s.entity.name === name &&
        s.position.distanceTo(bot.entity.position) < offset + 2))
      return s.entity
    }

    async function collectDrops (itemName) {
      bot.pathfinder.setMovements(new Movements(bot))
      const has = () => bot.inventory.items().some(i => i.name === itemName)
      await waitFor(async () => {
        if (has()) return true
        const item = bot.nearestEntity(e => e.name === 'item')
        if (item) {
          await bot.pathfinder.goto(new goals.GoalNear(item.position.x, item.position.y, item.position.z, 0.5)).catch(() => {})
        }
        return has()
      }, 20000, 100)
      // What the bot picked up is what the server gave it.
      await expectSameInventory(bot)
    }

    // flying-squid 1.12 puts an item entity's stack at metadata index 7 (mineflayer reads 8).
    const droppedStack = entity => {
      const slot = (entity.metadata || []).find(m => m && typeof m === 'object' && m.present && m.itemId !== undefined)
      return slot ? { name: bot.registry.items[slot.itemId].name, count: slot.itemCount } : null
    }

    // Kill `mob` with bot.attack (following it) and return the stacks dropped where it died.
    async function killAndWatchDrops (mob) {
      const spawns = []
      const onSpawn = e => { if (e.name === 'item') spawns.push({ entity: e, at: Date.now() }) }
      bot.on('entitySpawn', onSpawn)
      let death = null
      const onDead = e => { if (e === mob) death = { position: mob.position.clone(), at: Date.now() } }
      bot.on('entityDead', onDead)
      bot.pathfinder.setMovements(new Movements(bot))
      bot.pathfinder.setGoal(new goals.GoalFollow(mob, 1.5), true)
      await waitFor(async () => {
        if (death || !mob.isValid) return true
        await bot.lookAt(mob.position.offset(0, mob.height * 0.8, 0), true)
        bot.attack(mob)
        await bot.waitForTicks(12)
        return !!death || !mob.isValid
      }, 30000, 0)
      bot.pathfinder.setGoal(null)
      assert.ok(death, `the bot saw the ${mob.name} die`)
      // Loot spawns with the death; its stack metadata follows the spawn packet.
      await bot.waitForTicks(20)
      bot.removeListener('entitySpawn', onSpawn)
      bot.removeListener('entityDead', onDead)
      const drops = {}
      for (const { entity, at } of spawns) {
        if (at < death.at - 100 || entity.position.distanceTo(death.position) > 4) continue
        const stack = droppedStack(entity)
        assert.ok(stack, 'a dropped item carries its stack')
        drops[stack.name] = (drops[stack.name] || 0) + stack.count
      }
      return drops
    }

    async function giveSword () {
      bot.chat('/give tester iron_sword')
      const sword = await waitFor(() => bot.inventory.items().find(i => i.name === 'iron_sword'))
      await bot.equip(sword, 'hand')
    }

    await t.test('passive mobs spawn naturally on grass near the player by day', async () => {
      const s = await waitFor(() => spawned.find(s => s.entity.type === 'animal'), 20000)
      assert.ok(['pig', 'cow', 'sheep', 'chicken'].includes(s.entity.name))
      assert.ok(s.position.distanceTo(bot.entity.position) < 64)
      const below = bot.blockAt(s.position.offset(0, -1, 0))
      assert.strictEqual(below && below.name, 'grass_block')
    })

    await t.test('/summon pig: the bot sees a pig near it that moves', async () => {
      const pig = await summon('pig', 3)
      assert.strictEqual(pig.type, 'animal')
      const start = pig.position.clone()
      await waitFor(() => pig.position.distanceTo(start) > 0.3, 20000)
      assert.ok(pig.isValid)
    })

    await t.test('the bot kills a pig with mineflayer-pvp, the body disappears and it collects porkchop', async () => {
      await giveSword()
      const pig = await summon('pig', 3)
      const gone = new Promise(resolve => bot.on('entityGone', e => { if (e === pig) resolve() }))
      const dead = new Promise(resolve => bot.on('entityDead', e => { if (e === pig) resolve() }))
      bot.pvp.attack(pig)
      await dead
      await gone
      assert.strictEqual(bot.entities[pig.id], undefined)
      await collectDrops('porkchop')
      assert.ok(bot.inventory.items().find(i => i.name === 'porkchop').count >= 1)
    })

    await t.test('the bot kills a cow with bot.attack and collects beef', async () => {
      const cow = await summon('cow', 2)
      let hurt = 0
      bot.on('entityHurt', e => { if (e === cow) hurt++ })
      // A hurt cow flees: follow it (the server ignores hits from farther than 6 blocks).
      bot.pathfinder.setMovements(new Movements(bot))
      bot.pathfinder.setGoal(new goals.GoalFollow(cow, 1.5), true)
      await waitFor(async () => {
        if (!cow.isValid) return true
        await bot.lookAt(cow.position.offset(0, 1, 0), true)
        bot.attack(cow)
        await bot.waitForTicks(12)
        return !cow.isValid
      }, 20000, 0)
      bot.pathfinder.setGoal(null)
      assert.ok(hurt >= 1)
      assert.strictEqual(bot.entities[cow.id], undefined)
      await collectDrops('beef')
    })

    await t.test('the bot shears a sheep (wool drops) and milks a cow with a bucket', async () => {
      bot.chat('/give tester shears')
      bot.chat('/give tester bucket')
      const shears = await waitFor(() => bot.inventory.items().find(i => i.name === 'shears'))
      await waitFor(() => bot.inventory.items().find(i => i.name === 'bucket'))
      await bot.equip(shears, 'hand')
      const sheep = await summon('sheep', 2)
      await bot.activateEntity(sheep)
      await collectDrops('white_wool')
      await bot.equip(bot.inventory.items().find(i => i.name === 'bucket'), 'hand')
      const cow = await summon('cow', 2)
      await bot.activateEntity(cow)
      await waitFor(() => bot.inventory.items().find(i => i.name === 'milk_bucket'))
      assert.ok(!bot.inventory.items().some(i => i.name === 'bucket'))
    })

    await t.test('a zombie at night damages and knocks back the bot, is knocked back by its hit, and the bot kills it', async () => {
      await bot.equip(bot.inventory.items().find(i => i.name === 'iron_sword'), 'hand')
      const t0 = Date.now()
      bot.chat('/time set 14000')
      await waitFor(() => bot.time.timeOfDay >= 13000)
      // Summon it on the side opposite open ground, so that nothing stops the push.
      const free = (dx, dz) => [1, 2].every(k => [0, 1].every(dy => {
        const b = bot.blockAt(bot.entity.position.offset(-dx * k, dy, -dz * k))
        return b && b.boundingBox === 'empty' && b.name !== 'water'
      }))
      const dir = [[1, 0], [-1, 0], [0, 1], [0, -1]].find(([dx, dz]) => free(dx, dz)) || [1, 0]
      const zombie = await summon('zombie', 4, dir)
      assert.strictEqual(zombie.type, 'hostile')
      // Where the bot and the zombie stood when the first hit landed.
      const hit = await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the zombie did not hit the bot in 20 s')), 20000)
        const onHealth = () => {
          if (bot.health >= 20) return
          clearTimeout(timer)
          bot.removeListener('health', onHealth)
          resolve({ bot: bot.entity.position.clone(), zombie: zombie.position.clone() })
        }
        bot.on('health', onHealth)
      })
      if (process.env.MOBS_TEST_DEBUG) console.error('zombie hit the bot', Date.now() - t0, 'ms')
      // The bot stands still (no controls): any move away from the zombie is the knockback.
      const away = (from, to, pos) => {
        const d = to.minus(from)
        const len = Math.hypot(d.x, d.z) || 1
        return ((pos.x - to.x) * d.x + (pos.z - to.z) * d.z) / len
      }
      await waitFor(() => away(hit.zombie, hit.bot, bot.entity.position) > 0.5, 5000)
      assert.ok(Number.isFinite(bot.entity.position.x) && Number.isFinite(bot.entity.velocity.x), 'the bot\'s physics survived the push')
      // The bot hits back once: the chasing zombie is pushed away from it all the same.
      const from = bot.entity.position.clone()
      const start = zombie.position.clone()
      let hurt = false
      const onHurt = e => { if (e === zombie) hurt = true }
      bot.on('entityHurt', onHurt)
      await bot.lookAt(zombie.position.offset(0, 1.6, 0), true)
      bot.attack(zombie)
      await waitFor(() => hurt && away(from, start, zombie.position) > 0.3, 5000)
      bot.removeListener('entityHurt', onHurt)
      const gone = new Promise(resolve => bot.on('entityGone', e => { if (e === zombie) resolve() }))
      bot.pvp.attack(zombie)
      await gone
      if (process.env.MOBS_TEST_DEBUG) console.error('zombie killed', Date.now() - t0, 'ms')
      assert.ok(bot.health > 0, 'the bot survived')
      assert.strictEqual(bot.entities[zombie.id], undefined)
    })

    await t.test('a skeleton at night shoots arrows that hurt the bot, and the bot kills it', async () => {
      let drops = 0
      let last = bot.health
      const onHealth = () => { if (bot.health < last) drops++; last = bot.health }
      bot.on('health', onHealth)
      const skeleton = await summon('skeleton', 10)
      const arrow = await waitFor(() => bot.nearestEntity(e => e.name === 'arrow'), 15000)
      assert.strictEqual(arrow.type, 'projectile')
      await waitFor(() => drops > 0, 15000)
      bot.removeListener('health', onHealth)
      // A skeleton that keeps its distance can shoot for a while: the bot must not die (and drop
      // the sword the next test fights with), so top its health up during the fight.
      const heal = () => { if (bot.health > 0 && bot.health < 10) bot.chat('/vitals tester health 20') }
      bot.on('health', heal)
      const gone = new Promise(resolve => bot.on('entityGone', e => { if (e === skeleton) resolve() }))
      bot.pvp.attack(skeleton)
      await gone
      bot.removeListener('health', heal)
      assert.ok(bot.health > 0, 'the bot survived')
      assert.strictEqual(bot.entities[skeleton.id], undefined)
    })

    await t.test('killed by the bot, sheep, chicken, zombie, skeleton and spider drop their vanilla loot', async () => {
      // In creative mode the hostile ones leave the bot alone while it fights them one by one.
      // (mineflayer 4.25 misses the 1.19.2 game mode change itself: its reason is now a string.)
      await command(bot, '/gamemode creative', /game mode to creative/)
      await bot.equip(bot.inventory.items().find(i => i.name === 'iron_sword'), 'hand')
      const required = { sheep: ['mutton', 'white_wool'], chicken: ['chicken'] }
      for (const name of ['sheep', 'chicken', 'zombie', 'skeleton', 'spider']) {
        const mob = await summon(name, 2)
        const drops = await killAndWatchDrops(mob)
        if (process.env.MOBS_TEST_DEBUG) console.error(name, 'dropped', drops)
        for (const [item, count] of Object.entries(drops)) {
          assert.ok(item in VANILLA_DROPS[name], `${name} dropped ${item}`)
          assert.ok(count <= VANILLA_DROPS[name][item][1], `${name} dropped ${count} ${item}`)
        }
        for (const item of required[name] || []) {
          assert.ok(drops[item] >= VANILLA_DROPS[name][item][0], `${name} dropped ${item}: ${JSON.stringify(drops)}`)
        }
      }
      await command(bot, '/gamemode survival', /game mode to survival/)
    })

    await t.test('hostile mobs spawn naturally near the player at night', async () => {
      const s = await waitFor(() => spawned.find(s => s.entity.name === 'zombie' && s.position.distanceTo(bot.entity.position) >= 20), 20000)
      assert.strictEqual(s.entity.type, 'hostile')
    })

    await t.test('peaceful removes hostiles, refuses to summon them and spawns none', async () => {
      const zombie = await summon('zombie', 8)
      const gone = new Promise(resolve => bot.on('entityGone', e => { if (e === zombie) resolve() }))
      bot.chat('/difficulty 0')
      await gone
      bot.chat('/summon zombie ~3 ~ ~')
      await waitFor(() => chat.some(m => m.includes('Cannot summon zombie') && m.includes('peaceful')))
      // A few natural spawn rounds (every 10 ticks) at night must bring no hostile.
      await sleep(2000)
      assert.deepStrictEqual(nearby().filter(e => e.type === 'hostile').map(e => e.name), [])
    })

    await t.test('the mob cap refuses summons beyond maxMobs', async () => {
      bot.chat('/time set 1000')
      for (let i = 0; i < MAX_MOBS + 1; i++) bot.chat('/summon chicken ~2 ~ ~')
      await waitFor(() => chat.some(m => m.includes('too many mobs')))
      const living = nearby().filter(e => ['animal', 'hostile'].includes(e.type))
      assert.ok(living.length <= MAX_MOBS, `${living.length} mobs visible`)
    })
  } finally {
    if (process.env.MOBS_TEST_DEBUG) console.error(chat.join('\n'), '\n', world.log().slice(-3000))
    if (bot) bot.quit()
    await world.stop()
  }
})
