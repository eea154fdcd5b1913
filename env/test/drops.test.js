'use strict'
// Drops by vanilla rules, seen by an unmodified mineflayer bot: blocks that need a tool drop
// nothing without it (stone by hand), the right tool gives the item (cobblestone, raw_iron),
// grass blocks give dirt, and the dropped items are picked up by walking over them.
const test = require('node:test')
const assert = require('node:assert')
const { pathfinder, Movements, goals } = require('mineflayer-pathfinder')
const { startWorld, connectBot, command, countItem, waitFor } = require('./helpers')

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
