'use strict'
// The generated world as a bot sees it: a dry spawn with trees a short walk away, logs
// collected by hand (mineflayer-collectblock), the biome, and determinism (the bot sees the
// blocks the generator makes for the seed). Also checks that the session (digging, placing,
// picking up) produces no protocol errors on 1.19.2.
const test = require('node:test')
const assert = require('node:assert')
const { Vec3 } = require('vec3')
const { pathfinder, Movements } = require('mineflayer-pathfinder')
const collectBlock = require('mineflayer-collectblock').plugin
const toolPlugin = require('mineflayer-tool').plugin
const registry = require('prismarine-registry')('1.19.2')
const generator = require('../generator')
const { startWorld, connectBot, waitFor } = require('./helpers')

let world
let bot
const errors = []

test.before(async () => {
  world = await startWorld({ seed: 42 })
  bot = await connectBot(world)
  bot._client.on('error', err => errors.push(err))
  bot.on('error', err => errors.push(err))
  bot.loadPlugin(pathfinder)
  bot.loadPlugin(toolPlugin)
  bot.loadPlugin(collectBlock)
  bot.pathfinder.setMovements(new Movements(bot))
  await bot.waitForChunksToLoad()
})

test.after(async () => {
  if (bot) bot.quit()
  if (world) await world.stop()
})

test('the bot spawns on dry ground with trees within a short walk', () => {
  const feet = bot.entity.position.floored()
  const ground = bot.blockAt(feet.offset(0, -1, 0))
  assert.strictEqual(ground.name, 'grass_block')
  assert.strictEqual(bot.blockAt(feet).name, 'air')
  assert.strictEqual(bot.blockAt(feet.offset(0, 1, 0)).name, 'air')
  const logs = bot.findBlocks({ matching: b => b.name === 'oak_log' || b.name === 'birch_log', maxDistance: 24, count: 5 })
  assert.ok(logs.length >= 2, `logs near spawn: ${logs.length}`)
})

test('the biome is reported through the chunk data', () => {
  const block = bot.blockAt(bot.entity.position.floored())
  // mineflayer 4.25's prismarine-block cannot name biomes (it builds prismarine-biome from a
  // version object); the id resolves through the registry the server sent at login.
  const name = block.biome.name || bot.registry.biomes[block.biome.id]?.name
  assert.ok(['plains', 'forest'].includes(name), `spawn biome: ${name}`)
})

test('the world is the generator output for the seed', () => {
  const generate = generator({ registry, seed: 42 })
  const p = bot.entity.position.floored()
  let compared = 0
  for (let cx = Math.floor(p.x / 16) - 1; cx <= Math.floor(p.x / 16) + 1; cx++) {
    for (let cz = Math.floor(p.z / 16) - 1; cz <= Math.floor(p.z / 16) + 1; cz++) {
      const chunk = generate(cx, cz)
      for (let i = 0; i < 400; i++) {
        const x = (i * 7) & 15; const z = (i * 11) & 15; const y = -64 + ((i * 37) % 160)
        const local = new Vec3(x, y, z)
        const seen = bot.blockAt(new Vec3(cx * 16 + x, y, cz * 16 + z))
        if (!seen) continue
        assert.strictEqual(seen.name, chunk.getBlock(local).name, `block at ${cx * 16 + x},${y},${cz * 16 + z}`)
        compared++
      }
    }
  }
  assert.ok(compared > 3000, `compared ${compared} blocks`)
  // Another seed gives another world.
  const other = generator({ registry, seed: 43 })(Math.floor(p.x / 16), Math.floor(p.z / 16))
  const mine = generate(Math.floor(p.x / 16), Math.floor(p.z / 16))
  let differ = 0
  for (let y = 40; y < 90; y++) for (let x = 0; x < 16; x++) if (other.getBlockStateId(new Vec3(x, y, 5)) !== mine.getBlockStateId(new Vec3(x, y, 5))) differ++
  assert.ok(differ > 0)
})

test('typical seeds spawn on dry grass with trees within 16 blocks', () => {
  for (let seed = 1; seed <= 12; seed++) {
    const generate = generator({ registry, seed: seed * 7919 })
    const spawn = generate.voyager.findSpawn()
    const chunk = generate(Math.floor(spawn.x / 16), Math.floor(spawn.z / 16))
    const local = (dx, dy, dz) => new Vec3(((spawn.x % 16) + 16 + dx) % 16, spawn.y + dy, ((spawn.z % 16) + 16 + dz) % 16)
    assert.strictEqual(chunk.getBlock(local(0, -1, 0)).name, 'grass_block', `seed ${seed * 7919}`)
    assert.ok(['air', 'grass', 'dandelion', 'poppy'].includes(chunk.getBlock(local(0, 0, 0)).name), `seed ${seed * 7919}`)
    assert.strictEqual(chunk.getBlock(local(0, 1, 0)).name, 'air')
    const trees = generate.voyager.model.treesIn(spawn.x - 16, spawn.z - 16, spawn.x + 16, spawn.z + 16)
    assert.ok(trees.length >= 2, `seed ${seed * 7919}: ${trees.length} trees`)
  }
})

test('the same seed generates the same chunks', () => {
  const a = generator({ registry, seed: 1234 })
  const b = generator({ registry, seed: 1234 })
  for (const [x, z] of [[0, 0], [-3, 5], [17, -9]]) {
    assert.deepStrictEqual(a(x, z).dump(), b(x, z).dump())
  }
})

test('the fast section fill stores the same blocks as per-block writes', () => {
  const sections = require('../generator/sections')
  const Chunk = require('prismarine-chunk')(registry)
  const generate = generator({ registry, seed: 99 })
  const fill = sections.fillSections
  for (const [x, z] of [[0, 0], [-7, 3]]) {
    const fast = new Chunk({ minY: -64, worldHeight: 384 })
    fast.load(generate(x, z).dump()) // through the wire format, as a client reads it
    sections.fillSections = sections.fillSlow
    let slow
    try {
      slow = generate(x, z)
    } finally {
      sections.fillSections = fill
    }
    const p = new Vec3(0, 0, 0)
    for (let i = 0; i < 16 * 16 * 384; i++) {
      p.x = i & 15; p.z = (i >> 4) & 15; p.y = (i >> 8) - 64
      if (fast.getBlockStateId(p) !== slow.getBlockStateId(p)) assert.fail(`block ${p} of chunk ${x},${z}`)
    }
    assert.deepStrictEqual(fast.sections.map(s => s.solidBlockCount), slow.sections.map(s => s.solidBlockCount))
  }
})

test('logs are collected by hand with mineflayer-collectblock', async () => {
  const count = () => bot.inventory.items().filter(i => i.name.endsWith('_log')).reduce((n, i) => n + i.count, 0)
  const before = count()
  const log = bot.findBlock({ matching: b => b.name === 'oak_log' || b.name === 'birch_log', maxDistance: 24 })
  assert.ok(log, 'a log nearby')
  await bot.collectBlock.collect(log)
  await waitFor(() => count() > before, 10000)
  assert.strictEqual(count(), before + 1)
})

test('placing a block works and the session had no protocol errors', async () => {
  const item = bot.inventory.items().find(i => i.name.endsWith('_log'))
  assert.ok(item)
  await bot.equip(item, 'hand')
  const p = bot.entity.position.floored()
  // Find a free spot next to the bot with solid ground under it.
  let target = null
  for (const [dx, dz] of [[1, 0], [-1, 0], [0, 1], [0, -1], [1, 1], [-1, -1]]) {
    const at = p.offset(dx, 0, dz)
    const below = bot.blockAt(at.offset(0, -1, 0))
    if (bot.blockAt(at).name === 'air' && below.boundingBox === 'block') { target = below; break }
  }
  assert.ok(target, 'a spot to place on')
  await bot.placeBlock(target, new Vec3(0, 1, 0))
  await waitFor(() => bot.blockAt(target.position.offset(0, 1, 0)).name === item.name, 5000)
  assert.deepStrictEqual(errors.map(e => e.message), [])
})
