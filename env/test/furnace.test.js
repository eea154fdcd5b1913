'use strict'
// Furnaces with unmodified mineflayer (bot.openFurnace, putFuel, putInput, takeOutput): cooking,
// cooking while nobody looks, progress reported to the client, contents dropped when broken;
// plus the smelting rules themselves (no world needed). The world cooks in 40 ticks per item
// (furnaceCookTicks); techtree.test.js smelts at the vanilla default of 200.
const test = require('node:test')
const assert = require('node:assert')
const registry = require('prismarine-registry')('1.19.2')
const Item = require('prismarine-item')(registry)
const { startWorld, connectBot } = require('./helpers')
const { exitSoon, expectSameInventory, countIn, give, placeNear } = require('../lib/windows/debug_client')
const { createSmelting, tickFurnace } = require('../lib/smelting')

const id = name => registry.itemsByName[name].id
const COOK_TICKS = 40

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
  const world = await startWorld({ inventoryDebug: true, furnaceCookTicks: COOK_TICKS })
  const bot = await connectBot(world)
  t.after(async () => {
    bot.quit()
    await world.stop()
    exitSoon()
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
})
