'use strict'
// Container windows (crafting table, furnace, chest) with the clicks mineflayer can send besides
// plain pick-up/place: shift-click (mode 1), hotbar swap (mode 2) and drop (mode 4), following
// vanilla's quickMoveStack rules; closing a crafting table returns its grid and the cursor to the
// inventory. After every click the server's view of the window and inventory must equal the bot's.
const test = require('node:test')
const assert = require('node:assert')
const { useWorldAndBot, waitFor, command } = require('./helpers')
const { expectSameInventory, countIn, give, placeNear, botCount, watchDrops } = require('../lib/windows/debug_client')

let world
let bot

// The shift-click rules alone (no world): a server-side window as windows.js builds it.
test('vanilla shift-click rules: chests fill the inventory from the end, crafting tables try the grid first', () => {
  const registry = require('prismarine-registry')('1.19.2')
  const Item = require('prismarine-item')(registry)
  const windows = require('prismarine-windows')(registry)
  const { OpenWindow } = require('../lib/windows/open_window')
  const { applyClick } = require('../lib/windows/clicks')
  const item = (name, count) => new Item(registry.itemsByName[name].id, count)
  const shiftClick = (ow, slot) => applyClick(ow, { slot, mouseButton: 0, mode: 1 })
  const at = (ow, slot) => ow.slots[slot] ? [ow.slots[slot].name, ow.slots[slot].count] : null

  const chest = new OpenWindow({ player: {}, id: 1, pw: windows.createWindow(1, 'minecraft:generic_9x3', 'chest'), Item })
  chest.pw.updateSlot(0, item('stick', 64))
  chest.pw.updateSlot(1, item('stick', 10))
  chest.pw.updateSlot(30, item('stick', 60))
  shiftClick(chest, 1)
  assert.deepStrictEqual([at(chest, 1), at(chest, 30)], [null, ['stick', 64]], 'merged into the partial stack, the rest...')
  assert.deepStrictEqual(at(chest, 62), ['stick', 6], '...into the last hotbar slot')
  shiftClick(chest, 30)
  assert.deepStrictEqual([at(chest, 30), at(chest, 1)], [null, ['stick', 64]], 'inventory to the first free chest slot')

  const table = new OpenWindow({ player: {}, id: 2, pw: windows.createWindow(2, 'minecraft:crafting', 'table'), Item, hooks: { resultSlot: 0, mayPlace: slot => slot !== 0 } })
  table.pw.updateSlot(40, item('cobblestone', 5))
  shiftClick(table, 40)
  assert.deepStrictEqual([at(table, 0), at(table, 1), at(table, 40)], [null, ['cobblestone', 5], null], 'into the grid, never the result')
  for (let s = 2; s <= 9; s++) table.pw.updateSlot(s, item('dirt', 1))
  table.pw.updateSlot(41, item('stone', 3))
  shiftClick(table, 41)
  assert.deepStrictEqual([at(table, 0), at(table, 41), at(table, 10)], [null, null, ['stone', 3]], 'grid full: hotbar to main inventory')
  shiftClick(table, 10)
  assert.deepStrictEqual([at(table, 10), at(table, 37)], [null, ['stone', 3]], 'and main inventory to the hotbar')
  shiftClick(table, 1)
  assert.deepStrictEqual([at(table, 1), at(table, 10)], [null, ['cobblestone', 5]], 'grid to the inventory, first free slot')
})

useWorldAndBot(test, { inventoryDebug: true, furnaceCookTicks: 20, mobs: { naturalSpawning: false } }, (w, b) => { world = w; bot = b })

const id = name => bot.registry.itemsByName[name].id

// A test that failed with a window open must not break the next one.
test.beforeEach(() => {
  if (bot && bot.currentWindow) {
    bot.closeWindow(bot.currentWindow)
    bot.inventory.selectedItem = null
  }
})

/** Window slots (of the open window) holding `name`, in slot order. */
const slotsOf = (win, name) => win.slots.map((it, i) => it && it.name === name ? i : -1).filter(i => i >= 0)
/** Total of `name` in a server window dump's slots in [from, to). */
function countSlots (view, name, from, to) {
  let n = 0
  for (const [slot, [itemName, count]] of Object.entries(view.window.slots)) {
    if (Number(slot) >= from && Number(slot) < to && itemName === name) n += count
  }
  return n
}
/** An empty hotbar slot of the open window, as a 0-8 hotbar index. */
function emptyHotbar (win) {
  for (let k = 0; k < 9; k++) if (!win.slots[win.hotbarStart + k]) return k
  throw new Error('no empty hotbar slot')
}

/** Drops seen until `want` has spawned; then they are removed before the bot picks them up again. */
async function dropsUntil (drops, want) {
  const seen = await drops.until(want)
  await command(bot, '/kill @e[type=item]', /Killed|No entity/)
  return seen
}

test('crafting table: hotbar swap into the grid, shift-click into and out of the grid, drops, grid and cursor back on close', async () => {
  await give(bot, 'crafting_table', 1)
  await give(bot, 'oak_log', 8)
  await give(bot, 'cobblestone', 20)
  const table = await placeNear(bot, 'crafting_table')
  const win = await bot.openBlock(table)
  assert.strictEqual(win.type, 'minecraft:crafting')
  await expectSameInventory(bot)

  // Mode 2: number key over grid slot 1 swaps in the hotbar stack; the result follows the grid.
  const logHotbar = slotsOf(win, 'oak_log')[0] - win.hotbarStart
  assert.ok(logHotbar >= 0 && logHotbar < 9, 'the logs are in the hotbar')
  await bot.clickWindow(1, logHotbar, 2)
  let { server } = await expectSameInventory(bot)
  assert.deepStrictEqual(server.window.slots[1], ['oak_log', 8])
  assert.deepStrictEqual(server.window.slots[0], ['oak_planks', 4], 'the result slot shows planks')

  // Mode 1 on a grid slot: the stack goes back into the inventory, the result clears.
  await bot.clickWindow(1, 0, 1)
  ;({ server } = await expectSameInventory(bot))
  assert.strictEqual(server.window.slots[1], undefined)
  assert.strictEqual(server.window.slots[0], undefined)
  assert.strictEqual(countSlots(server, 'oak_log', 10, 46), 8)

  // Mode 1 on a hotbar stack: vanilla tries the crafting grid first (never the result slot).
  const cobbleSlot = slotsOf(win, 'cobblestone').find(s => s >= win.hotbarStart)
  assert.ok(cobbleSlot !== undefined, 'the cobblestone is in the hotbar')
  await bot.clickWindow(cobbleSlot, 0, 1)
  ;({ server } = await expectSameInventory(bot))
  assert.deepStrictEqual(server.window.slots[1], ['cobblestone', 20], 'the stack went into the first grid slot')
  assert.strictEqual(server.window.slots[0], undefined, 'one cobblestone makes nothing')
  // ... and from the grid back into the inventory, main inventory first.
  await bot.clickWindow(1, 0, 1)
  ;({ server } = await expectSameInventory(bot))
  assert.strictEqual(countSlots(server, 'cobblestone', 0, 10), 0)
  assert.strictEqual(countSlots(server, 'cobblestone', 10, win.hotbarStart), 20, 'all of it is in the main inventory')

  // Mode 4 (Q) on a grid slot drops one; on the result slot it drops the crafted stack.
  const drops = watchDrops(bot)
  await bot.clickWindow(slotsOf(win, 'oak_log')[0], 0, 0) // all 8 logs on the cursor
  await bot.clickWindow(1, 1, 0) // one into the grid
  await bot.clickWindow(2, 1, 0) // one more
  await bot.clickWindow(slotsOf(win, 'oak_log').find(s => s >= 10) ?? 10 + 5, 0, 0) // the rest back down
  ;({ server } = await expectSameInventory(bot))
  assert.strictEqual(server.window.cursor, null)
  assert.strictEqual(server.window.slots[0], undefined, 'two logs side by side make nothing')
  await bot.clickWindow(2, 0, 4)
  ;({ server } = await expectSameInventory(bot))
  assert.strictEqual(server.window.slots[2], undefined)
  assert.deepStrictEqual(server.window.slots[0], ['oak_planks', 4])
  await bot.clickWindow(0, 0, 4)
  ;({ server } = await expectSameInventory(bot))
  assert.strictEqual(server.window.slots[1], undefined, 'dropping the result used the log')
  assert.strictEqual(server.window.slots[0], undefined)
  // Mode 4 with ctrl (button 1) on an inventory stack drops all of it.
  await bot.clickWindow(slotsOf(win, 'cobblestone')[0], 1, 4)
  ;({ server } = await expectSameInventory(bot))
  assert.strictEqual(countSlots(server, 'cobblestone', 0, 46), 0)
  const seen = await dropsUntil(drops, { oak_log: 1, oak_planks: 4, cobblestone: 20 })
  assert.deepStrictEqual([seen.oak_log, seen.oak_planks, seen.cobblestone], [1, 4, 20])

  // Closing with logs in the grid and on the cursor puts every one back into the inventory.
  const logs = slotsOf(win, 'oak_log').reduce((n, s) => n + win.slots[s].count, 0)
  assert.strictEqual(logs, 6, 'eight logs less the two dropped')
  await bot.clickWindow(slotsOf(win, 'oak_log')[0], 0, 0)
  await bot.clickWindow(1, 1, 0)
  await bot.clickWindow(5, 1, 0)
  ;({ server } = await expectSameInventory(bot))
  assert.deepStrictEqual(server.window.cursor, ['oak_log', logs - 2])
  bot.closeWindow(win)
  // A vanilla client empties its cursor on close; mineflayer 4.25 keeps it, so do it here.
  bot.inventory.selectedItem = null
  ;({ server } = await expectSameInventory(bot))
  assert.strictEqual(server.window, null)
  assert.strictEqual(server.cursor, null)
  assert.strictEqual(countIn(server, 'oak_log'), logs)
  assert.strictEqual(botCount(bot, 'oak_log'), logs)
})

test('furnace: shift-click sorts input and fuel, takes the output; hotbar swap respects the fuel slot; drops', async () => {
  await give(bot, 'furnace', 1)
  await give(bot, 'raw_iron', 5)
  await give(bot, 'coal', 4)
  await give(bot, 'dirt', 10)
  const block = await placeNear(bot, 'furnace')
  const furnace = await bot.openFurnace(block)
  const win = bot.currentWindow
  assert.strictEqual(win.type, 'minecraft:furnace')
  await expectSameInventory(bot)

  // Mode 1 from the inventory: what smelts goes to the input, fuel to the fuel slot.
  await bot.clickWindow(slotsOf(win, 'coal')[0], 0, 1)
  let { server } = await expectSameInventory(bot)
  assert.deepStrictEqual(server.window.slots[1], ['coal', 4], 'coal went to the fuel slot')
  assert.strictEqual(server.window.slots[0], undefined)
  await bot.clickWindow(slotsOf(win, 'dirt').find(s => s >= win.hotbarStart), 0, 1)
  ;({ server } = await expectSameInventory(bot))
  assert.strictEqual(countSlots(server, 'dirt', 0, 3), 0, 'dirt neither smelts nor burns: it stays in the inventory')
  assert.strictEqual(countSlots(server, 'dirt', 3, win.hotbarStart), 10, 'it moved from the hotbar to the main inventory')

  // Mode 2: dirt from the hotbar into the fuel slot is refused (the bot is corrected).
  const dirtSlot = slotsOf(win, 'dirt')[0]
  const k = emptyHotbar(win)
  await bot.clickWindow(dirtSlot, k, 2) // dirt to hotbar k
  ;({ server } = await expectSameInventory(bot))
  assert.deepStrictEqual(server.window.slots[win.hotbarStart + k], ['dirt', 10])
  await bot.clickWindow(1, k, 2)
  ;({ server } = await expectSameInventory(bot))
  assert.deepStrictEqual(server.window.slots[1], ['coal', 4], 'the fuel slot still holds the coal')
  assert.deepStrictEqual(server.window.slots[win.hotbarStart + k], ['dirt', 10])

  // Mode 1 raw iron into the input; the furnace lights and cooks.
  await bot.clickWindow(slotsOf(win, 'raw_iron')[0], 0, 1)
  ;({ server } = await expectSameInventory(bot))
  assert.deepStrictEqual(server.window.slots[0], ['raw_iron', 5])
  await waitFor(() => furnace.outputItem() && furnace.outputItem().count >= 2, 20000)
  // Mode 1 on the output: the ingots go into the inventory.
  await bot.clickWindow(2, 0, 1)
  ;({ server } = await expectSameInventory(bot))
  const ingots = countSlots(server, 'iron_ingot', 3, 39)
  assert.ok(ingots >= 2, `${ingots} ingots in the inventory`)
  assert.ok(!server.window.slots[2] || server.window.slots[2][1] < 2, 'the output was emptied (one more may have cooked)')

  // Mode 2 between the input and an empty hotbar slot takes the raw iron out.
  const k2 = emptyHotbar(win)
  await bot.clickWindow(0, k2, 2)
  ;({ server } = await expectSameInventory(bot))
  assert.strictEqual(server.window.slots[0], undefined)
  const rawLeft = server.window.slots[win.hotbarStart + k2][1]
  // Mode 4: Q on the fuel slot drops one coal, ctrl-Q on the raw iron drops the stack.
  const drops = watchDrops(bot)
  const coalBefore = server.window.slots[1][1]
  await bot.clickWindow(1, 0, 4)
  ;({ server } = await expectSameInventory(bot))
  assert.strictEqual(server.window.slots[1] ? server.window.slots[1][1] : 0, coalBefore - 1)
  await bot.clickWindow(win.hotbarStart + k2, 1, 4)
  ;({ server } = await expectSameInventory(bot))
  assert.strictEqual(server.window.slots[win.hotbarStart + k2], undefined)
  const seen = await dropsUntil(drops, { coal: 1, raw_iron: rawLeft })
  assert.deepStrictEqual([seen.coal, seen.raw_iron], [1, rawLeft])
  furnace.close()
  await expectSameInventory(bot)
})

test('chest: shift-click in and out, hotbar swap with a chest slot, drops from a chest slot, cursor back on close', async () => {
  await give(bot, 'chest', 1)
  await give(bot, 'stick', 30)
  await give(bot, 'oak_planks', 12)
  assert.strictEqual(botCount(bot, 'oak_planks'), 12)
  const chestBlock = await placeNear(bot, 'chest')
  const chest = await bot.openContainer(chestBlock)
  const win = bot.currentWindow
  assert.strictEqual(win.inventoryStart, 27)
  await expectSameInventory(bot)

  // Mode 1 from the inventory: into the first free chest slot.
  await bot.clickWindow(slotsOf(win, 'stick')[0], 0, 1)
  let { server } = await expectSameInventory(bot)
  assert.deepStrictEqual(server.window.slots[0], ['stick', 30])
  assert.strictEqual(countSlots(server, 'stick', 27, 63), 0)
  // Mode 1 from the chest: back into the inventory (vanilla fills from the last hotbar slot).
  await bot.clickWindow(0, 0, 1)
  ;({ server } = await expectSameInventory(bot))
  assert.strictEqual(server.window.slots[0], undefined)
  assert.strictEqual(countSlots(server, 'stick', 27, 63), 30)

  // Mode 2: the hotbar planks into chest slot 5, and the chest slot back into an empty hotbar slot.
  const planksHotbar = slotsOf(win, 'oak_planks').find(s => s >= win.hotbarStart) - win.hotbarStart
  await bot.clickWindow(5, planksHotbar, 2)
  ;({ server } = await expectSameInventory(bot))
  assert.deepStrictEqual(server.window.slots[5], ['oak_planks', 12])
  assert.strictEqual(countSlots(server, 'oak_planks', 27, 63), 0)

  // Mode 4: Q drops one plank from the chest slot, ctrl-Q the rest.
  const drops = watchDrops(bot)
  await bot.clickWindow(5, 0, 4)
  ;({ server } = await expectSameInventory(bot))
  assert.deepStrictEqual(server.window.slots[5], ['oak_planks', 11])
  await bot.clickWindow(5, 1, 4)
  ;({ server } = await expectSameInventory(bot))
  assert.strictEqual(server.window.slots[5], undefined)
  const seen = await dropsUntil(drops, { oak_planks: 12 })
  assert.strictEqual(seen.oak_planks, 12)
  assert.strictEqual(chest.containerItems().length, 0)

  // Closing with sticks on the cursor puts them back into the inventory, none into the chest.
  await bot.clickWindow(slotsOf(win, 'stick')[0], 0, 0)
  ;({ server } = await expectSameInventory(bot))
  assert.deepStrictEqual(server.window.cursor, ['stick', 30])
  chest.close()
  bot.inventory.selectedItem = null // as a vanilla client does on close (mineflayer 4.25 does not)
  ;({ server } = await expectSameInventory(bot))
  assert.strictEqual(server.cursor, null)
  assert.strictEqual(countIn(server, 'stick'), 30)
  const again = await bot.openContainer(bot.blockAt(chestBlock.position))
  assert.strictEqual(again.containerItems().length, 0)
  again.close()
})
