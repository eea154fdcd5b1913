'use strict'
// Drops by vanilla rules, seen by an unmodified mineflayer bot: blocks that need a tool drop
// nothing without it (stone by hand), the right tool gives the item (cobblestone, raw_iron),
// grass blocks give dirt, and the dropped items are picked up by walking over them.
const test = require('node:test')
const assert = require('node:assert')
const { pathfinder, Movements, goals } = require('mineflayer-pathfinder')
const { startWorld, connectBot, command, countItem, waitFor } = require('./helpers')
const registry = require('prismarine-registry')('1.19.2')
const { blockLoot, canHarvest } = require('../lib/loot')

let world
let bot
let spot // a block position next to the bot where test blocks are set

test.before(async () => {
  world = await startWorld({ seed: 42, mobs: { naturalSpawning: false } })
  bot = await connectBot(world)
  bot.loadPlugin(pathfinder)
  bot.pathfinder.setMovements(new Movements(bot))
  await bot.waitForChunksToLoad()
  spot = bot.entity.position.floored().offset(1, 0, 0)
})

test.after(async () => {
  if (bot) bot.quit()
  if (world) await world.stop()
})

// The item an item entity carries (flying-squid 1.12 puts the stack at metadata index 7,
// mineflayer 4.25 reads index 8, so look for it by shape).
function itemName (entity) {
  const slot = (entity.metadata || []).find(m => m && typeof m === 'object' && m.present && m.itemId !== undefined)
  return slot ? bot.registry.items[slot.itemId].name : null
}

// Sets `block` at the spot, digs it holding `tool` (null: empty hand) and returns the names of
// the items it dropped. Then digs an oak_planks marker: drops are spawned in order, so every
// item entity spawned before the marker's is the block's (no waiting for "nothing").
async function digAt (block, tool) {
  if (tool) {
    await command(bot, `/give tester ${tool} 1`, /Gave/)
    await waitFor(() => countItem(bot, tool) > 0)
    await bot.equip(bot.inventory.items().find(i => i.name === tool), 'hand')
  } else {
    await bot.unequip('hand')
  }
  const spawned = []
  const onSpawn = entity => { if (entity.name === 'item') spawned.push(entity) }
  bot.on('entitySpawn', onSpawn)
  try {
    for (const name of [block, 'oak_planks']) {
      await command(bot, `/setblock ${spot.x} ${spot.y} ${spot.z} ${name}`, /./)
      await waitFor(() => bot.blockAt(spot).name === name)
      await bot.dig(bot.blockAt(spot), true)
      // mineflayer marks the block air as soon as it sends "finish digging"; let the server
      // finish its (async) dig handling before the next command arrives.
      await bot.waitForTicks(2)
    }
    const marker = await waitFor(() => spawned.find(e => itemName(e) === 'oak_planks'), 5000)
    const before = spawned.filter(e => e.id < marker.id)
    await waitFor(() => before.every(e => itemName(e) !== null), 5000)
    return before.map(itemName)
  } finally {
    bot.off('entitySpawn', onSpawn)
  }
}

async function pickUp (name, atLeast) {
  const end = Date.now() + 15000
  while (countItem(bot, name) < atLeast && Date.now() < end) {
    const item = bot.nearestEntity(e => e.name === 'item' && e.position.distanceTo(bot.entity.position) < 8)
    if (item) await bot.pathfinder.goto(new goals.GoalNear(item.position.x, item.position.y, item.position.z, 0.5)).catch(() => {})
    await bot.waitForTicks(5)
  }
  return countItem(bot, name)
}

test('stone dug by hand drops nothing', async () => {
  assert.deepStrictEqual(await digAt('stone', null), [])
})

test('stone dug with a wooden pickaxe drops cobblestone the bot picks up', async () => {
  assert.deepStrictEqual(await digAt('stone', 'wooden_pickaxe'), ['cobblestone'])
  assert.ok(await pickUp('cobblestone', 1) >= 1)
  assert.ok(await pickUp('oak_planks', 2) >= 2, 'the markers are picked up too')
})

test('iron ore mined with a stone pickaxe drops raw_iron', async () => {
  assert.deepStrictEqual(await digAt('iron_ore', 'stone_pickaxe'), ['raw_iron'])
  assert.ok(await pickUp('raw_iron', 1) >= 1)
  assert.strictEqual(countItem(bot, 'iron_ore'), 0)
})

test('a grass block drops dirt, not itself', async () => {
  assert.deepStrictEqual(await digAt('grass_block', null), ['dirt'])
  assert.ok(await pickUp('dirt', 1) >= 1)
  assert.strictEqual(countItem(bot, 'grass_block'), 0)
})

// The loot table itself (no world): chances and counts over many seeded rolls.
function seeded (seed) {
  let a = seed
  return () => { a = (a * 1103515245 + 12345) % 2147483648; return a / 2147483648 }
}

test('leaves drop saplings, sticks and (oak) apples at vanilla rates, themselves with shears', () => {
  const random = seeded(7)
  const totals = {}
  const rolls = 20000
  for (let i = 0; i < rolls; i++) {
    for (const [item, count] of blockLoot(registry, 'oak_leaves', { random })) totals[item] = (totals[item] || 0) + count
  }
  assert.ok(Math.abs(totals.oak_sapling / rolls - 0.05) < 0.01, `saplings ${totals.oak_sapling}`)
  assert.ok(totals.stick / rolls > 0.02 && totals.stick / rolls < 0.04, `sticks ${totals.stick}`)
  assert.ok(Math.abs(totals.apple / rolls - 0.005) < 0.003, `apples ${totals.apple}`)
  assert.ok(!('oak_leaves' in totals))
  assert.ok(!blockLoot(registry, 'birch_leaves', { random: () => 0 }).some(([item]) => item === 'apple'))
  assert.deepStrictEqual(blockLoot(registry, 'birch_leaves', { toolName: 'shears' }), [['birch_leaves', 1]])
})

test('ores need their tier and drop vanilla counts; silk touch keeps the block', () => {
  const id = name => registry.itemsByName[name].id
  const block = name => registry.blocksByName[name]
  assert.strictEqual(canHarvest(block('diamond_ore'), id('stone_pickaxe')), false)
  assert.strictEqual(canHarvest(block('diamond_ore'), id('iron_pickaxe')), true)
  assert.strictEqual(canHarvest(block('coal_ore'), id('wooden_pickaxe')), true)
  assert.strictEqual(canHarvest(block('oak_log'), null), true)
  const random = seeded(3)
  for (let i = 0; i < 200; i++) {
    const [[item, count]] = blockLoot(registry, 'deepslate_lapis_ore', { random })
    assert.strictEqual(item, 'lapis_lazuli')
    assert.ok(count >= 4 && count <= 9)
    const [[copper, n]] = blockLoot(registry, 'copper_ore', { random })
    assert.ok(copper === 'raw_copper' && n >= 2 && n <= 5)
  }
  assert.deepStrictEqual(blockLoot(registry, 'diamond_ore', {}), [['diamond', 1]])
  assert.deepStrictEqual(blockLoot(registry, 'iron_ore', { silkTouch: true }), [['iron_ore', 1]])
  assert.deepStrictEqual(blockLoot(registry, 'stone', { canHarvest: false }), [])
  assert.deepStrictEqual(blockLoot(registry, 'deepslate', {}), [['cobbled_deepslate', 1]])
  const flint = Array.from({ length: 2000 }, () => blockLoot(registry, 'gravel', { random })[0][0]).filter(n => n === 'flint').length
  assert.ok(flint > 120 && flint < 280, `flint ${flint}/2000`)
})
