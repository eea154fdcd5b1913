'use strict'
// Furnaces with unmodified mineflayer (bot.openFurnace, putFuel, putInput, takeOutput): cooking,
// cooking while nobody looks, progress reported to the client, contents dropped when broken;
// plus the smelting rules themselves (no world needed). The world cooks in 40 ticks per item
// (furnaceCookTicks); techtree.test.js smelts at the vanilla default of 200. A furnace that is
// cooking survives a world restart (a saved world) and goes on cooking with the fuel it had lit.
const test = require('node:test')
const assert = require('node:assert')
const fs = require('fs')
const os = require('os')
const path = require('path')
const registry = require('prismarine-registry')('1.19.2')
const Item = require('prismarine-item')(registry)
const { pathfinder, Movements, goals } = require('mineflayer-pathfinder')
const { startWorld, connectBot, waitFor, countItem, command } = require('./helpers')
const { exitSoon, expectSameInventory, countIn, give, placeNear } = require('../lib/windows/debug_client')
const { createSmelting, tickFurnace } = require('../lib/smelting')

const id = name => registry.itemsByName[name].id
const COOK_TICKS = 40

// mineflayer leaves timers behind: leave once every test of this file is done.
test.after(() => exitSoon())

// flying-squid 1.12 puts an item entity's stack at metadata index 7 where mineflayer's
// getDroppedItem reads index 8 on 1.17+, so look for the slot value wherever it is.
function droppedItem (entity) {
  const slot = (entity.metadata || []).find(m => m && typeof m === 'object' && m.present && m.itemId !== undefined)
  return slot ? { name: registry.items[slot.itemId].name, count: slot.itemCount } : null
}

test('smelting rules: ores, sand, cobblestone, logs, meat; vanilla fuel ticks', () => {
  const rules = createSmelting(registry)
  const pairs = [['raw_iron', 'iron_ingot'], ['raw_gold', 'gold_ingot'], ['raw_copper', 'copper_ingot'], ['cobblestone', 'stone'],
    ['sand', 'glass'], ['oak_log', 'charcoal'], ['birch_log', 'charcoal'], ['porkchop', 'cooked_porkchop'], ['beef', 'cooked_beef'],
    ['mutton', 'cooked_mutton'], ['chicken', 'cooked_chicken'], ['cod', 'cooked_cod'], ['salmon', 'cooked_salmon'], ['potato', 'baked_potato']]
  for (const [a, b] of pairs) assert.strictEqual(rules.resultOf(id(a)), id(b), `${a} smelts into ${b}`)
  assert.strictEqual(rules.resultOf(id('dirt')), null)
  const fuels = { coal: 1600, charcoal: 1600, oak_planks: 300, spruce_log: 300, stick: 100, coal_block: 16000, lava_bucket: 20000, wooden_pickaxe: 200 }
  for (const [name, ticks] of Object.entries(fuels)) assert.strictEqual(rules.burnTicks(id(name)), ticks, `${name} burns ${ticks} ticks`)
  assert.strictEqual(rules.burnTicks(id('cobblestone')), 0)
})

test('one furnace tick at a time: fuel is consumed once, one item per cook time, output stacks', () => {
  const rules = createSmelting(registry)
  const f = { slots: [new Item(id('sand'), 3), new Item(id('stick'), 2), null], burn: 0, burnTotal: 0, cook: 0, cookTotal: 0 }
  let ticks = 0
  while ((!f.slots[2] || f.slots[2].count < 2) && ticks < 1000) { tickFurnace(f, rules, Item, 40); ticks++ }
  assert.strictEqual(ticks, 80, 'two items at 40 ticks each')
  assert.strictEqual(f.slots[2].name, 'glass')
  assert.strictEqual(f.slots[0].count, 1)
  assert.strictEqual(f.slots[1].count, 1, 'a stick burns 100 ticks: only the first one is lit')
  for (let i = 0; i < 200; i++) tickFurnace(f, rules, Item, 40)
  assert.strictEqual(f.slots[2].count, 3)
  assert.strictEqual(f.slots[0], null)
  assert.strictEqual(f.burn, 0, 'fire went out')
})

test('in a world: smelt, cook while closed, break and drop', async (t) => {
  const world = await startWorld({ inventoryDebug: true, furnaceCookTicks: COOK_TICKS, mobs: { naturalSpawning: false } })
  const bot = await connectBot(world)
  bot.loadPlugin(pathfinder)
  t.after(async () => {
    bot.quit()
    await world.stop()
  })

  await give(bot, 'furnace', 1)
  await give(bot, 'coal', 2)
  await give(bot, 'raw_iron', 1)
  await give(bot, 'beef', 1)
  await give(bot, 'wooden_pickaxe', 1)
  const block = await placeNear(bot, 'furnace')
  assert.strictEqual(block.name, 'furnace')
  assert.ok(['north', 'south', 'east', 'west'].includes(block.getProperties().facing))
  await expectSameInventory(bot)

  await t.test('bot.openFurnace: put fuel and input, progress updates, take the output', async () => {
    const furnace = await bot.openFurnace(block)
    await furnace.putFuel(id('coal'), null, 1)
    await furnace.putInput(id('raw_iron'), null, 1)
    await expectSameInventory(bot)
    let sawProgress = false
    while (!furnace.outputItem()) {
      await new Promise(resolve => furnace.once('update', resolve))
      if (process.env.VOYAGER_WINDOWS_DEBUG) console.error('furnace update', furnace.fuel, furnace.progress, furnace.totalProgress, furnace.totalFuel)
      if (furnace.progress > 0 && furnace.progress < 1) sawProgress = true
    }
    assert.ok(sawProgress, 'the client saw partial progress')
    assert.strictEqual(String(bot.blockAt(block.position).getProperties().lit), 'true', 'a burning furnace is lit')
    assert.strictEqual(furnace.totalProgress, COOK_TICKS, 'the cook time set for this world')
    assert.strictEqual(furnace.totalFuel, 1600, 'coal burns 1600 ticks')
    assert.ok(furnace.fuel > 0 && furnace.fuel < 1)
    const out = await furnace.takeOutput()
    assert.strictEqual(out.name, 'iron_ingot')
    const { server } = await expectSameInventory(bot)
    assert.strictEqual(server.window.slots[2], undefined)
    furnace.close()
    const after = await expectSameInventory(bot)
    assert.strictEqual(countIn(after.server, 'iron_ingot'), 1)
  })

  await t.test('the furnace keeps cooking with nobody looking', async () => {
    let furnace = await bot.openFurnace(block)
    await furnace.putInput(id('beef'), null, 1)
    furnace.close()
    await expectSameInventory(bot)
    // Generous: on a busy machine the server's tick can lag the client's.
    await bot.waitForTicks(COOK_TICKS * 3)
    furnace = await bot.openFurnace(block)
    assert.ok(furnace.outputItem(), 'cooked while closed')
    assert.strictEqual(furnace.outputItem().name, 'cooked_beef')
    assert.strictEqual(furnace.inputItem(), null)
    furnace.close()
  })

  await t.test('breaking a furnace drops what it holds', async () => {
    let furnace = await bot.openFurnace(block)
    await furnace.putFuel(id('coal'), null, 1)
    furnace.close()
    await expectSameInventory(bot)
    const seen = new Map()
    const onSpawn = entity => {
      if (entity.name !== 'item') return
      // The item's metadata arrives just after the spawn packet.
      setTimeout(() => {
        const item = droppedItem(entity)
        if (item) seen.set(item.name, (seen.get(item.name) || 0) + item.count)
      }, 200)
    }
    bot.on('entitySpawn', onSpawn)
    await bot.equip(id('wooden_pickaxe'), 'hand')
    await bot.dig(block)
    const end = Date.now() + 5000
    while (!(seen.get('coal') && seen.get('cooked_beef')) && Date.now() < end) await new Promise(resolve => setTimeout(resolve, 100))
    bot.removeListener('entitySpawn', onSpawn)
    if (process.env.VOYAGER_WINDOWS_DEBUG) console.error('seen drops', [...seen])
    assert.strictEqual(seen.get('coal'), 1, 'the fuel dropped')
    assert.strictEqual(seen.get('cooked_beef'), 1, 'the output dropped')
    furnace = null
  })

  await t.test('kill a pig with bot.attack, pick up its porkchop (server = client), cook it', async () => {
    await give(bot, 'iron_sword', 1)
    await bot.equip(id('iron_sword'), 'hand')
    const before = new Set(Object.keys(bot.entities))
    bot.chat('/summon pig ~3 ~ ~')
    const pig = await waitFor(() => Object.values(bot.entities).find(e => e.name === 'pig' && !before.has(String(e.id))))
    // A hurt pig flees: follow it (the server ignores hits from farther than 6 blocks).
    bot.pathfinder.setMovements(new Movements(bot))
    bot.pathfinder.setGoal(new goals.GoalFollow(pig, 1.5), true)
    await waitFor(async () => {
      if (!pig.isValid) return true
      await bot.lookAt(pig.position.offset(0, 0.5, 0), true)
      bot.attack(pig)
      await bot.waitForTicks(12)
      return !pig.isValid
    }, 20000, 0)
    bot.pathfinder.setGoal(null)
    // Walk over the dropped porkchops until none is left near by.
    await waitFor(async () => {
      const item = bot.nearestEntity(e => e.name === 'item' && e.position.distanceTo(bot.entity.position) < 8)
      if (!item) return countItem(bot, 'porkchop') > 0
      await bot.pathfinder.goto(new goals.GoalNear(item.position.x, item.position.y, item.position.z, 0.5)).catch(() => {})
      return false
    }, 20000, 100)
    const meat = countItem(bot, 'porkchop')
    assert.ok(meat >= 1 && meat <= 3, `a pig drops 1-3 porkchops, picked up ${meat}`)
    let { server } = await expectSameInventory(bot)
    assert.strictEqual(countIn(server, 'porkchop'), meat)

    await give(bot, 'furnace', 1)
    await give(bot, 'coal', 1)
    const placed = await placeNear(bot, 'furnace')
    const furnace = await bot.openFurnace(placed)
    await furnace.putFuel(id('coal'), null, 1)
    await furnace.putInput(id('porkchop'), null, meat)
    await untilFurnace(furnace, f => countOf(f.outputItem()) === meat)
    const cooked = await furnace.takeOutput()
    assert.strictEqual(cooked.name, 'cooked_porkchop')
    furnace.close()
    ;({ server } = await expectSameInventory(bot))
    assert.strictEqual(countIn(server, 'cooked_porkchop'), meat)
    assert.strictEqual(countIn(server, 'porkchop'), 0)
  })
})

/** Resolve when `furnace` (a mineflayer furnace window) satisfies `predicate`, checked on every update. */
async function untilFurnace (furnace, predicate, timeoutMs = 30000) {
  const end = Date.now() + timeoutMs
  while (!predicate(furnace)) {
    if (Date.now() > end) throw new Error('furnace condition not met in ' + timeoutMs + ' ms')
    await new Promise(resolve => {
      const timer = setTimeout(resolve, 500)
      furnace.once('update', () => { clearTimeout(timer); resolve() })
    })
  }
}

const countOf = item => item ? item.count : 0

test('a cooking furnace survives a world restart and keeps cooking', async (t) => {
  const worldFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'voyager-furnace-'))
  // 60 ticks per item: the save lands mid-item; saveInterval 1 saves the store every second.
  const T = 60
  const RAW = 5
  const settings = { inventoryDebug: true, furnaceCookTicks: T, worldFolder, saveInterval: 1, mobs: { naturalSpawning: false } }
  let world = await startWorld(settings)
  let bot = await connectBot(world)
  t.after(async () => {
    if (bot) bot.quit()
    if (world) await world.stop()
    fs.rmSync(worldFolder, { recursive: true, force: true })
  })

  await give(bot, 'furnace', 1)
  await give(bot, 'coal', 1)
  await give(bot, 'raw_iron', RAW)
  const placed = await placeNear(bot, 'furnace')
  const pos = placed.position
  let furnace = await bot.openFurnace(placed)
  await furnace.putFuel(id('coal'), null, 1)
  await furnace.putInput(id('raw_iron'), null, RAW)
  // One ingot out and the second under way: input, lit fuel, output and progress all partial.
  await untilFurnace(furnace, f => countOf(f.outputItem()) === 1 && f.progress > 0.05 && f.progress < 0.5)
  furnace.close()
  await expectSameInventory(bot)
  bot.quit()
  bot = null
  await world.stop()
  world = null

  // What the stopped world saved for this furnace (persistence.js's voyager.json).
  const saved = JSON.parse(fs.readFileSync(path.join(worldFolder, 'voyager.json'), 'utf8')).entries
  const key = `furnace:overworld:${pos.x},${pos.y},${pos.z}`
  assert.ok(saved.furnaces.includes(key), 'the furnace is in the saved index')
  const state = saved[key]
  assert.ok(state, 'the furnace state was saved')
  const [input, fuel, output] = state.slots
  assert.strictEqual(fuel, null, 'the coal was lit, none left in the fuel slot')
  assert.strictEqual(output.name, 'iron_ingot')
  assert.ok(output.count >= 1 && output.count <= 2, `saved output ${output.count}`)
  assert.strictEqual(input.name, 'raw_iron')
  assert.strictEqual(input.count + output.count, RAW, 'nothing lost or made up')
  assert.strictEqual(state.burnTotal, 1600)
  assert.ok(state.burn > 0 && state.burn < 1600, `saved burn time left ${state.burn}`)
  assert.ok(state.cook > 0 && state.cook < T, `saved cook progress ${state.cook}`)
  const savedProgress = output.count * T + state.cook // cook ticks done, all items together

  world = await startWorld(settings)
  bot = await connectBot(world)
  await bot.waitForChunksToLoad()
  const block = bot.blockAt(pos)
  assert.strictEqual(block && block.name, 'furnace', 'the furnace block was saved')
  // The restarted world has run `age` ticks so far, and the furnace has cooked in every one of
  // them: it must show at least the saved progress plus that (less if the cook progress or the
  // burn time had been lost on the way).
  const age = Number((await command(bot, '/time query gametime', /The time is \d+/)).match(/\d+/)[0])
  furnace = await bot.openFurnace(block)
  await untilFurnace(furnace, f => f.progress !== null && f.totalProgress === T)
  const shown = countOf(furnace.outputItem()) * T + Math.round(furnace.progress * T)
  assert.ok(shown < RAW * T, 'still cooking when opened')
  assert.ok(shown >= savedProgress + age, `progress ${shown} ticks, saved ${savedProgress} + ${age} since the restart`)
  assert.strictEqual(furnace.fuelItem(), null)
  assert.strictEqual(countOf(furnace.inputItem()) + countOf(furnace.outputItem()), RAW)
  // No new fuel: only the burn time saved with the world can finish the rest.
  await untilFurnace(furnace, f => countOf(f.outputItem()) === RAW)
  assert.strictEqual(furnace.inputItem(), null)
  const ingots = await furnace.takeOutput()
  assert.strictEqual(ingots.count, RAW)
  furnace.close()
  const { server } = await expectSameInventory(bot)
  assert.strictEqual(countIn(server, 'iron_ingot'), RAW)
})
