// Natural mob spawning as a player sees it (unmodified mineflayer bot): the doMobSpawning game
// rule (from the settings and by /gamerule), the mob cap, and hostile spawning in the dark
// underground by day versus under the open sky. Spawn cycles are counted in server ticks
// (the world age the bot receives), not in wall-clock time.
'use strict'
const test = require('node:test')
const assert = require('node:assert')
const { startWorld, connectBot, command, waitFor } = require('./helpers')
const { createBlocks } = require('../lib/mobs/blocks')

const INTERVAL = 2 // ticks between natural spawn attempts (mobs.spawnIntervalTicks)
const CYCLES = 30 // spawn cycles a "nothing spawns" check watches
const CAP = 5 // mobs.maxMobs
const MOB_TYPES = new Set(['animal', 'hostile', 'mob', 'water_creature', 'ambient'])

test('block light for spawning: sources light their surroundings by distance, unlit ones do not', () => {
  const registry = require('prismarine-registry')('1.19.2')
  const Block = require('prismarine-block')(registry)
  const states = new Map()
  const world = {
    sync: {
      getBlockStateId: p => states.get(`${p.x},${p.y},${p.z}`) ?? registry.blocksByName.stone.defaultState,
      getBlockLight: () => 0,
      getSkyLight: () => 0
    }
  }
  const blocks = createBlocks(registry)
  states.set('0,0,0', registry.blocksByName.torch.defaultState)
  assert.deepStrictEqual([1, 5, 13, 14].map(d => blocks.light(world, d, 0, 0).block), [13, 9, 1, 0])
  assert.strictEqual(blocks.light(world, 3, -4, 5).block, 2)
  for (const name of ['redstone_torch', 'campfire']) { // lit or not, by block state
    const b = registry.blocksByName[name]
    for (let id = b.minStateId; id <= b.maxStateId; id++) {
      states.set('0,0,0', id)
      const lit = Block.fromStateId(id, 0).getProperties().lit
      assert.strictEqual(blocks.light(world, 1, 0, 0).block > 0, lit === true || lit === 'true', `${name} state ${id}`)
    }
  }
  states.set('0,0,0', registry.blocksByName.stone.defaultState)
  assert.strictEqual(blocks.light(world, 1, 0, 0).block, 0)
})

test('natural spawning: doMobSpawning, the mob cap, darkness underground by day', async t => {
  const world = await startWorld({
    difficulty: 1,
    startTime: 1000, // morning, and it stays day: the cycle is off
    gamerules: { doMobSpawning: false, doDaylightCycle: false },
    mobs: {
      maxMobs: CAP,
      spawnIntervalTicks: INTERVAL,
      passivePerPlayer: 2, // surface animals never fill the cap by themselves
      hostilePerPlayer: 50, // so that the cap, not the per-player count, stops hostiles
      hostileRadius: [2, 5], // inside the dark box below
      hostileTypes: ['zombie']
    }
  })
  let bot
  try {
    bot = await connectBot(world)
    // Creative: mobs leave the bot alone (their AI skips creative players); spawning does not.
    await command(bot, '/gamemode creative', /game mode to creative/)

    // Every mob the bot has seen appear (in order), and the ones alive now (spawned, not yet
    // dead or gone), with the most that were ever alive at once since `peak` was reset.
    const seen = []
    const live = new Set()
    let peak = 0
    bot.on('entitySpawn', e => {
      if (!MOB_TYPES.has(e.type)) return
      seen.push({ entity: e, position: e.position.clone() })
      live.add(e)
      peak = Math.max(peak, live.size)
    })
    bot.on('entityDead', e => live.delete(e))
    bot.on('entityGone', e => live.delete(e))

    // Wait until the world has run `ticks` more ticks (its age reaches the bot once a second,
    // so the age seen now may be up to 20 ticks old), then make sure every packet sent before
    // that has arrived with a command round trip.
    async function waitTicks (ticks) {
      const from = bot.time.age
      await waitFor(() => bot.time.age >= from + ticks + 20, 60000)
      await command(bot, '/gamerule doMobSpawning', /Gamerule doMobSpawning is currently set to/)
    }
    const since = mark => seen.slice(mark).map(s => `${s.entity.name} at ${s.position}`)

    async function killAll (type) {
      if (![...live].some(e => e.name === type)) return
      await command(bot, `/kill @e[type=${type}]`, /^Killed /)
      await waitFor(() => ![...live].some(e => e.name === type))
    }

    await t.test('gamerules.doMobSpawning=false in the settings: no mob appears over many spawn cycles', async () => {
      await waitTicks(CYCLES * INTERVAL)
      assert.deepStrictEqual(since(0), [])
    })

    // A closed stone room deep below spawn: 13x4x13 blocks of air, the rock above it made solid
    // up to 20 blocks (so no cave above can take the spawn), never lit.
    const spawn = bot.entity.position.clone()
    const sx = Math.floor(bot.entity.position.x)
    const sz = Math.floor(bot.entity.position.z)
    const room = { x: [sx - 6, sx + 6], y: [-30, -27], z: [sz - 6, sz + 6] }
    const inRoom = p => p.x >= room.x[0] && p.x < room.x[1] + 1 && p.y >= room.y[0] && p.y < room.y[1] + 1 &&
      p.z >= room.z[0] && p.z < room.z[1] + 1

    await t.test('with /gamerule doMobSpawning true a zombie spawns in a dark room underground by day', async () => {
      await command(bot, `/fill ${sx - 7} -31 ${sz - 7} ${sx + 7} -10 ${sz + 7} stone`, /Successfully filled/)
      await command(bot, `/fill ${sx - 6} -30 ${sz - 6} ${sx + 6} -27 ${sz + 6} air`, /Successfully filled/)
      await command(bot, `/tp tester ${sx + 0.5} -30 ${sz + 0.5}`, /Teleported/)
      await waitFor(() => bot.entity.position.y < -29 && bot.entity.onGround)
      const mark = seen.length
      await command(bot, '/gamerule doMobSpawning true', /doMobSpawning is now set to: true/)
      const zombie = await waitFor(() => seen.slice(mark).find(s => s.entity.name === 'zombie'), 30000)
      assert.strictEqual(zombie.entity.type, 'hostile')
      assert.ok(inRoom(zombie.position), `the zombie spawned in the room, not at ${zombie.position}`)
      assert.ok(bot.time.timeOfDay >= 0 && bot.time.timeOfDay < 12000, `day (time ${bot.time.timeOfDay})`)
      assert.deepStrictEqual(since(mark).filter(s => !s.startsWith('zombie')), []) // no animal down here
    })

    await t.test('/gamerule doMobSpawning false stops it: no new mob over many spawn cycles', async () => {
      await command(bot, '/gamerule doMobSpawning false', /doMobSpawning is now set to: false/)
      await killAll('zombie') // the room is empty again: every cycle would spawn one here
      const mark = seen.length
      await waitTicks(CYCLES * INTERVAL)
      assert.deepStrictEqual(since(mark), [])
    })

    await t.test(`the mob cap holds: never more than ${CAP} mobs alive, and a killed one is replaced`, async () => {
      peak = live.size
      await command(bot, '/gamerule doMobSpawning true', /doMobSpawning is now set to: true/)
      await waitFor(() => live.size >= CAP, 30000)
      const full = seen.length
      await waitTicks(CYCLES * INTERVAL)
      assert.deepStrictEqual(since(full), [], 'no spawn while the cap is reached')
      // Spawning still runs: one death frees one place, and only one.
      await command(bot, '/kill @e[type=zombie,limit=1,sort=nearest]', /^Killed /)
      await waitFor(() => live.size === CAP - 1)
      const before = seen.length
      await waitFor(() => live.size === CAP, 30000)
      assert.strictEqual(seen.length - before, 1)
      await waitTicks(CYCLES * INTERVAL)
      assert.ok(peak <= CAP, `${peak} mobs were alive at once (cap ${CAP})`)
      assert.strictEqual(live.size, CAP)
    })

    await t.test('a torch in the dark room stops hostile spawning there; without it they spawn again', async () => {
      await command(bot, '/gamerule doMobSpawning false', /doMobSpawning is now set to: false/)
      await killAll('zombie')
      // Every spawn spot (2-5 blocks from the bot) is within the torch's reach (light 14 - distance).
      await command(bot, `/setblock ${sx + 1} -30 ${sz} torch`, /Changed the block/)
      const mark = seen.length
      await command(bot, '/gamerule doMobSpawning true', /doMobSpawning is now set to: true/)
      await waitTicks(CYCLES * INTERVAL)
      assert.deepStrictEqual(since(mark), [])
      await command(bot, `/setblock ${sx + 1} -30 ${sz} air`, /Changed the block/)
      const zombie = await waitFor(() => seen.slice(mark).find(s => s.entity.name === 'zombie'), 30000)
      assert.ok(inRoom(zombie.position), `${zombie.position}`)
    })

    await t.test('under the open sky by day no hostile spawns; at night one does', async () => {
      await command(bot, '/gamerule doMobSpawning false', /doMobSpawning is now set to: false/)
      await killAll('zombie')
      await command(bot, `/tp tester ${spawn.x} ${spawn.y} ${spawn.z}`, /Teleported/)
      await waitFor(() => bot.entity.position.y > spawn.y - 1 && bot.entity.onGround, 20000)
      const mark = seen.length
      await command(bot, '/gamerule doMobSpawning true', /doMobSpawning is now set to: true/)
      await waitTicks(CYCLES * INTERVAL)
      assert.deepStrictEqual(since(mark).filter(s => s.startsWith('zombie')), [])
      assert.ok(live.size < CAP, 'the cap did not stop them: there was room')
      await command(bot, '/time set 18000', /Set the time/)
      const zombie = await waitFor(() => seen.slice(mark).find(s => s.entity.name === 'zombie'), 30000)
      assert.ok(zombie.position.y > spawn.y - 20, `the night zombie spawned on the surface (${zombie.position})`)
    })
  } finally {
    if (process.env.GAMERULES_TEST_DEBUG) console.error(world.log().slice(-3000))
    if (bot) bot.quit()
    await world.stop()
  }
})
