'use strict'
// Crafting with unmodified mineflayer: bot.craft in the 2x2 inventory grid and at a placed
// crafting table, shift-click crafting, mirrored shapes, and the server's inventory equal to
// the bot's after every step (one world for the whole file).
const test = require('node:test')
const assert = require('node:assert')
const { useWorldAndBot } = require('./helpers')
const { expectSameInventory, countIn, give, placeNear } = require('../lib/windows/debug_client')

let world
let bot
let table

useWorldAndBot(test, { inventoryDebug: true }, (w, b) => { world = w; bot = b })

function recipe (name, withTable) {
  const r = bot.recipesFor(bot.registry.itemsByName[name].id, null, 1, withTable || null)[0]
  assert.ok(r, `mineflayer finds a recipe for ${name} with the current inventory`)
  return r
}

test('bot.craft in the 2x2 grid: planks, sticks, crafting table', async () => {
  await give(bot, 'oak_log', 3)
  await bot.craft(recipe('oak_planks'), 3, null)
  let { server } = await expectSameInventory(bot)
  assert.strictEqual(countIn(server, 'oak_planks'), 12)
  assert.strictEqual(countIn(server, 'oak_log'), 0)

  await bot.craft(recipe('stick'), 2, null)
  ;({ server } = await expectSameInventory(bot))
  assert.strictEqual(countIn(server, 'stick'), 8)
  assert.strictEqual(countIn(server, 'oak_planks'), 8)

  await bot.craft(recipe('crafting_table'), 1, null)
  ;({ server } = await expectSameInventory(bot))
  assert.strictEqual(countIn(server, 'crafting_table'), 1)
  assert.strictEqual(countIn(server, 'oak_planks'), 4)
  for (let s = 0; s <= 4; s++) assert.strictEqual(server.inventory[s], undefined, `grid slot ${s} is empty`)
})

test('a placed crafting table opens a 3x3 window and bot.craft makes tools, furnace, chest, torch', async () => {
  table = await placeNear(bot, 'crafting_table')
  assert.strictEqual(table.name, 'crafting_table')
  await expectSameInventory(bot)

  await bot.craft(recipe('wooden_pickaxe', table), 1, table)
  let { server } = await expectSameInventory(bot)
  assert.strictEqual(countIn(server, 'wooden_pickaxe'), 1)
  assert.strictEqual(countIn(server, 'oak_planks'), 1)

  await give(bot, 'cobblestone', 11)
  await bot.craft(recipe('stone_pickaxe', table), 1, table)
  await bot.craft(recipe('furnace', table), 1, table)
  ;({ server } = await expectSameInventory(bot))
  assert.strictEqual(countIn(server, 'stone_pickaxe'), 1)
  assert.strictEqual(countIn(server, 'furnace'), 1)
  assert.strictEqual(countIn(server, 'cobblestone'), 0)
  assert.strictEqual(countIn(server, 'stick'), 4)

  await give(bot, 'iron_ingot', 3)
  await give(bot, 'oak_planks', 8)
  await give(bot, 'coal', 1)
  await bot.craft(recipe('iron_pickaxe', table), 1, table)
  await bot.craft(recipe('chest', table), 1, table)
  await bot.craft(recipe('torch', table), 1, table)
  ;({ server } = await expectSameInventory(bot))
  assert.strictEqual(countIn(server, 'iron_pickaxe'), 1)
  assert.strictEqual(countIn(server, 'chest'), 1)
  assert.strictEqual(countIn(server, 'torch'), 4)
  assert.strictEqual(countIn(server, 'iron_ingot'), 0)
  assert.strictEqual(countIn(server, 'coal'), 0)
  assert.strictEqual(bot.currentWindow, null, 'bot.craft closed the table window')
})

test('the result slot follows the grid, mirrored shapes match, closing returns the grid', async () => {
  if (!table) { await give(bot, 'crafting_table', 1); table = await placeNear(bot, 'crafting_table') }
  await give(bot, 'oak_planks', 3)
  await give(bot, 'stick', 2)
  const window = await bot.openBlock(table)
  assert.strictEqual(window.type, 'minecraft:crafting')
  const planks = () => window.findInventoryItem(bot.registry.itemsByName.oak_planks.id)
  const sticks = () => window.findInventoryItem(bot.registry.itemsByName.stick.id)
  // Mirrored axe:   . P P / . S P / . S .   (vanilla's axe is P P . / P S . / . S .)
  await bot.clickWindow(planks().slot, 0, 0)
  for (const s of [2, 3, 6]) await bot.clickWindow(s, 1, 0)
  await bot.putSelectedItemRange(window.inventoryStart, window.inventoryEnd, window, null)
  await bot.clickWindow(sticks().slot, 0, 0)
  await bot.clickWindow(5, 1, 0)
  await bot.clickWindow(8, 1, 0)
  await bot.putSelectedItemRange(window.inventoryStart, window.inventoryEnd, window, null)
  assert.ok(window.slots[0], 'the server sent a result for the grid')
  assert.strictEqual(window.slots[0].name, 'wooden_axe')
  await expectSameInventory(bot)

  // Taking one stick out changes the result to nothing.
  await bot.clickWindow(8, 0, 0)
  assert.strictEqual(window.slots[0], null)
  await bot.putSelectedItemRange(window.inventoryStart, window.inventoryEnd, window, null)
  await expectSameInventory(bot)

  // Closing the window gives the grid back.
  const planksBefore = window.count(bot.registry.itemsByName.oak_planks.id)
  const sticksBefore = window.count(bot.registry.itemsByName.stick.id)
  bot.closeWindow(window)
  const { server } = await expectSameInventory(bot)
  assert.strictEqual(countIn(server, 'oak_planks'), planksBefore + 3)
  assert.strictEqual(countIn(server, 'stick'), sticksBefore + 1)
})

test('shift-clicking the result crafts as many as the grid allows', async () => {
  await give(bot, 'birch_log', 5)
  const log = bot.inventory.findInventoryItem(bot.registry.itemsByName.birch_log.id)
  await bot.clickWindow(log.slot, 0, 0) // pick up all 5 logs
  await bot.clickWindow(1, 0, 0) // put them into the 2x2 grid
  assert.strictEqual(bot.inventory.slots[0].name, 'birch_planks')
  await bot.clickWindow(0, 0, 1) // shift-click the result
  const { server } = await expectSameInventory(bot)
  assert.strictEqual(countIn(server, 'birch_planks'), 20)
  assert.strictEqual(countIn(server, 'birch_log'), 0)
  assert.strictEqual(server.inventory[1], undefined)
  assert.strictEqual(server.inventory[0], undefined)
})

test('utility blocks are placed with valid states: wall torch, standing torch, furnace and chest facing the player', async () => {
  const { Vec3 } = require('vec3')
  await give(bot, 'cobblestone', 1)
  await give(bot, 'torch', 2)
  await give(bot, 'furnace', 1)
  await give(bot, 'chest', 1)
  const stone = await placeNear(bot, 'cobblestone', [0, 3])
  const sides = [[new Vec3(1, 0, 0), 'east'], [new Vec3(-1, 0, 0), 'west'], [new Vec3(0, 0, 1), 'south'], [new Vec3(0, 0, -1), 'north']]
  const [face, facing] = sides.find(([v]) => bot.blockAt(stone.position.plus(v)).name === 'air')
  await bot.equip(bot.registry.itemsByName.torch.id, 'hand')
  await bot.placeBlock(stone, face)
  const wallTorch = bot.blockAt(stone.position.plus(face))
  assert.strictEqual(wallTorch.name, 'wall_torch')
  assert.strictEqual(wallTorch.getProperties().facing, facing)
  const torch = await placeNear(bot, 'torch', [0, -3])
  assert.strictEqual(torch.name, 'torch')
  // Furnaces and chests face the player who placed them.
  const towardsBot = block => {
    const dx = bot.entity.position.x - (block.position.x + 0.5)
    const dz = bot.entity.position.z - (block.position.z + 0.5)
    if (Math.abs(dx) > Math.abs(dz)) return dx > 0 ? 'east' : 'west'
    return dz > 0 ? 'south' : 'north'
  }
  const furnace = await placeNear(bot, 'furnace')
  assert.strictEqual(furnace.getProperties().facing, towardsBot(furnace))
  const chest = await placeNear(bot, 'chest')
  assert.strictEqual(chest.getProperties().facing, towardsBot(chest))
  assert.strictEqual(chest.getProperties().type, 'single')
  await expectSameInventory(bot)
})

test('sneaking opens the table with empty hands, and not with an item in hand (vanilla)', async () => {
  assert.ok(table && bot.blockAt(table.position).name === 'crafting_table', 'the table placed above')
  const opens = async () => {
    const opened = new Promise(resolve => {
      const timer = setTimeout(() => { bot.removeListener('windowOpen', onOpen); resolve(null) }, 1500)
      function onOpen (window) { clearTimeout(timer); resolve(window) }
      bot.once('windowOpen', onOpen)
    })
    await bot.activateBlock(bot.blockAt(table.position))
    return opened
  }
  bot.setControlState('sneak', true)
  try {
    await bot.waitForTicks(2)
    const empty = bot.inventory.slots.findIndex((item, slot) => slot >= 36 && slot <= 44 && !item)
    assert.ok(empty >= 36, 'an empty hotbar slot')
    bot.setQuickBarSlot(empty - 36)
    await bot.waitForTicks(2)
    const window = await opens()
    assert.ok(window, 'a sneaking player with empty hands uses the table')
    bot.closeWindow(window)

    await give(bot, 'stick', 1)
    await bot.equip(bot.registry.itemsByName.stick.id, 'hand')
    await bot.waitForTicks(2)
    assert.strictEqual(await opens(), null, 'with a stick in hand, sneaking skips the table')
  } finally {
    bot.setControlState('sneak', false)
  }
  await expectSameInventory(bot)
})
