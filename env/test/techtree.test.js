'use strict'
// The Voyager tech tree, scripted with unmodified mineflayer + pathfinder + collectblock + tool,
// from an empty inventory on seed 42: logs -> planks, sticks, crafting table -> place it ->
// wooden pickaxe -> cobblestone -> stone pickaxe + furnace -> coal + iron ore -> smelt raw iron
// -> iron pickaxe. Server and client inventories are compared after every step. Prints the wall
// time of the whole sequence (a figure, not an assertion).
//
// With env/generator/index.js (world-terrain) the materials come from the real terrain; before
// it exists the world is flying-squid's grass_field (no trees, no ores), so the needed logs,
// stone and ores are put next to the bot with /setblock and mined the same way.
const test = require('node:test')
const assert = require('node:assert')
const fs = require('fs')
const path = require('path')
const { pathfinder, Movements, goals } = require('mineflayer-pathfinder')
const collectBlock = require('mineflayer-collectblock').plugin
const toolPlugin = require('mineflayer-tool').plugin
const { guardToolRecursion } = require('../../bridge/lib/tool_guard')
const { startWorld, connectBot } = require('./helpers')
const { exitSoon, expectSameInventory, countIn, placeNear, botCount } = require('../lib/windows/debug_client')

const realTerrain = fs.existsSync(path.join(__dirname, '..', 'generator', 'index.js'))
let world
let bot

test.before(async () => {
  // Peaceful: no hostile mob may end the run in a cave (mobs are tested by mobs.test.js).
  world = await startWorld({ inventoryDebug: true, seed: 42, difficulty: 0 })
  bot = await connectBot(world)
  bot.loadPlugin(pathfinder)
  bot.loadPlugin(toolPlugin)
  bot.loadPlugin(collectBlock)
  // collectblock asks mineflayer-tool to fetch a tool from a chest; with none, the plugin recursed
  // forever on microtasks and the process ran out of heap (1 run in 3): the bridge's guard.
  guardToolRecursion(bot)
  const movements = new Movements(bot)
  movements.canOpenDoors = false
  bot.pathfinder.setMovements(movements)
  // Bounded searches: a goal that cannot be reached costs seconds, not minutes.
  bot.pathfinder.thinkTimeout = 2000
  bot.pathfinder.searchRadius = 48
  await bot.waitForChunksToLoad()
  if (process.env.VOYAGER_WINDOWS_DEBUG) {
    setInterval(() => console.log('techtree state heap', Math.round(process.memoryUsage().heapUsed / 1e6), bot.entity.position.toString(), 'held', bot.heldItem && bot.heldItem.name, 'moving', bot.pathfinder.isMoving(), 'digging', !!bot.targetDigBlock, bot.targetDigBlock && bot.targetDigBlock.name), 3000).unref()
  }
})

test.after(async () => {
  if (process.env.VOYAGER_WINDOWS_DEBUG && world) console.error(world.log().slice(-40000))
  if (bot) bot.quit()
  if (world) await world.stop()
  exitSoon()
})

const id = name => bot.registry.itemsByName[name].id
const blockIds = names => names.filter(n => bot.registry.blocksByName[n]).map(n => bot.registry.blocksByName[n].id)

/** Resolve/reject with `promise`, or reject after `ms` (calling `onTimeout` to stop the work). */
function withTimeLimit (promise, ms, onTimeout) {
  let timer
  const limit = new Promise((resolve, reject) => {
    timer = setTimeout(() => { Promise.resolve(onTimeout()).catch(() => {}); reject(new Error(`gave up after ${ms / 1000} s`)) }, ms)
  })
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer))
}

/** Collect `count` items named by `itemNames` by mining `blockNames` (digging down if none is near). */
async function mine (blockNames, itemNames, count, underground) {
  const have = () => itemNames.reduce((n, name) => n + botCount(bot, name), 0)
  for (let attempt = 0; attempt < 6 && have() < count; attempt++) {
    const found = bot.findBlocks({ matching: blockIds(blockNames), maxDistance: 48, count: count - have() })
    if (found.length === 0) {
      // Nothing in sight: ores and stone are below (dig a staircase 12 blocks down), trees are
      // elsewhere on the surface (walk 40 blocks on).
      const p = bot.entity.position.floored()
      const goal = underground ? new goals.GoalNear(p.x, Math.max(p.y - 12, -56), p.z, 1) : new goals.GoalNear(p.x + 40, p.y, p.z + 10 * attempt, 3)
      await bot.pathfinder.goto(goal).catch(err => console.log('techtree: could not move on:', err.message))
      continue
    }
    const targets = found.map(p => bot.blockAt(p)).filter(Boolean)
    if (process.env.VOYAGER_WINDOWS_DEBUG) console.log('techtree mine', blockNames[0], 'have', have(), 'targets', targets.map(b => b.position.toString()).join(' '), 'bot', bot.entity.position.floored().toString())
    await withTimeLimit(bot.collectBlock.collect(targets, { ignoreNoPath: true }), 60000, () => bot.collectBlock.cancelTask())
      .catch(err => console.log('techtree: collect failed:', err.message))
  }
  assert.ok(have() >= count, `collected ${count} ${itemNames.join('/')} (have ${have()})`)
}

// Without the terrain generator: put the blocks into the flat world with /setblock a few
// blocks away, then mine them the same way (collectblock, tool, drops, pickup).
let nextColumn = 0
async function plant (blockName, count) {
  const base = bot.entity.position.floored()
  for (let i = 0; i < count; i++) {
    const n = nextColumn++
    const x = base.x + 4 + (n % 6)
    const z = base.z - 3 + Math.floor(n / 6)
    bot.chat(`/setblock ${x} ${base.y} ${z} ${blockName}`)
  }
  await bot.waitForTicks(10)
}

async function obtain (blockNames, itemNames, count) {
  if (!realTerrain) await plant(blockNames[0], count)
  return mine(blockNames, itemNames, count, !blockNames[0].endsWith('_log'))
}

/** Take the crafting table along (mine it and pick it up) instead of walking back to it. */
async function pickUp (block) {
  const before = botCount(bot, block.name)
  await bot.collectBlock.collect(bot.blockAt(block.position))
  assert.strictEqual(botCount(bot, block.name), before + 1, `picked the ${block.name} up`)
}

function recipeFor (name, table) {
  const r = bot.recipesFor(id(name), null, 1, table || null)[0]
  assert.ok(r, `a recipe for ${name} with the current inventory`)
  return r
}

test('tech tree: empty inventory to iron pickaxe', { timeout: 6 * 60 * 1000 }, techTree)

async function techTree () {
  const t0 = Date.now()
  const laps = []
  const lap = label => {
    laps.push(`${label} ${((Date.now() - t0) / 1000).toFixed(1)}s`)
    if (process.env.VOYAGER_WINDOWS_DEBUG) console.log('techtree lap', laps[laps.length - 1], 'heap MB', Math.round(process.memoryUsage().heapUsed / 1e6))
  }
  let { server } = await expectSameInventory(bot)
  assert.deepStrictEqual(server.inventory, {}, 'starts with an empty inventory')

  // Logs of any kind -> planks -> sticks, crafting table.
  const logs = ['oak_log', 'birch_log', 'spruce_log', 'jungle_log', 'acacia_log', 'dark_oak_log', 'mangrove_log']
  await obtain(logs, logs, 4)
  lap('logs')
  for (const log of logs) {
    const n = botCount(bot, log)
    if (n > 0) await bot.craft(bot.recipesFor(id(log.replace('_log', '_planks')), null, 1, null)[0], n, null)
  }
  const planks = logs.map(l => l.replace('_log', '_planks'))
  assert.ok(planks.reduce((n, p) => n + botCount(bot, p), 0) >= 16)
  await expectSameInventory(bot)
  const stickRecipe = bot.recipesFor(id('stick'), null, 1, null)[0]
  await bot.craft(stickRecipe, 2, null)
  await bot.craft(bot.recipesFor(id('crafting_table'), null, 1, null)[0], 1, null)
  ;({ server } = await expectSameInventory(bot))
  assert.strictEqual(countIn(server, 'stick'), 8)
  assert.strictEqual(countIn(server, 'crafting_table'), 1)
  lap('planks+sticks+table')

  // Place the table and make a wooden pickaxe.
  let table = await placeNear(bot, 'crafting_table')
  assert.strictEqual(table.name, 'crafting_table')
  await bot.craft(recipeFor('wooden_pickaxe', table), 1, table)
  ;({ server } = await expectSameInventory(bot))
  assert.strictEqual(countIn(server, 'wooden_pickaxe'), 1)
  await pickUp(table)
  lap('wooden pickaxe')

  // Cobblestone -> stone pickaxe and furnace.
  await obtain(['stone'], ['cobblestone'], 11)
  await expectSameInventory(bot)
  lap('cobblestone')
  table = await placeNear(bot, 'crafting_table')
  await bot.craft(recipeFor('stone_pickaxe', table), 1, table)
  await bot.craft(recipeFor('furnace', table), 1, table)
  ;({ server } = await expectSameInventory(bot))
  assert.strictEqual(countIn(server, 'stone_pickaxe'), 1)
  assert.strictEqual(countIn(server, 'furnace'), 1)
  await pickUp(table)
  lap('stone pickaxe + furnace')

  // Coal and iron ore.
  await obtain(['coal_ore', 'deepslate_coal_ore'], ['coal'], 1)
  await obtain(['iron_ore', 'deepslate_iron_ore'], ['raw_iron'], 3)
  ;({ server } = await expectSameInventory(bot))
  assert.ok(countIn(server, 'raw_iron') >= 3)
  lap('coal + iron ore')

  // Smelt three raw iron (vanilla 200 ticks each).
  const furnaceBlock = await placeNear(bot, 'furnace')
  const furnace = await bot.openFurnace(furnaceBlock)
  await furnace.putFuel(id('coal'), null, 1)
  await furnace.putInput(id('raw_iron'), null, 3)
  await expectSameInventory(bot)
  while (!furnace.outputItem() || furnace.outputItem().count < 3) await new Promise(resolve => furnace.once('update', resolve))
  assert.strictEqual(furnace.totalProgress, 200, 'the vanilla cook time (this world uses the default)')
  await furnace.takeOutput()
  furnace.close()
  ;({ server } = await expectSameInventory(bot))
  assert.ok(countIn(server, 'iron_ingot') >= 3)
  lap('smelting')

  // Iron pickaxe at the table.
  table = await placeNear(bot, 'crafting_table')
  await bot.craft(recipeFor('iron_pickaxe', table), 1, table)
  ;({ server } = await expectSameInventory(bot))
  assert.strictEqual(countIn(server, 'iron_pickaxe'), 1)
  lap('iron pickaxe')
  console.log(`TECHTREE wall time ${((Date.now() - t0) / 1000).toFixed(1)} s (${realTerrain ? 'real terrain' : 'blocks placed by /setblock in a flat world'}): ${laps.join(', ')}`)
}
