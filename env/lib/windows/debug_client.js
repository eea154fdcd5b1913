'use strict'
// Test-side client of the world's `/voyager_inv` command (enabled by the inventoryDebug
// setting): fetch the server's view of a bot's inventory and compare it with mineflayer's.

/** Ask the server for its view: { inventory: {slot: [name, count]}, cursor, window, heldItemSlot }. */
function serverInventory (bot, timeoutMs = 5000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { bot.removeListener('messagestr', onMessage); reject(new Error('no /voyager_inv reply (is inventoryDebug set?)')) }, timeoutMs)
    function onMessage (msg) {
      const i = msg.indexOf('VOYAGER_INV ')
      if (i < 0) return
      clearTimeout(timer)
      bot.removeListener('messagestr', onMessage)
      resolve(JSON.parse(msg.slice(i + 'VOYAGER_INV '.length)))
    }
    bot.on('messagestr', onMessage)
    bot.chat('/voyager_inv')
  })
}

function dumpSlots (slots, n) {
  const out = {}
  for (let i = 0; i < n; i++) {
    const it = slots[i]
    if (it) out[i] = [it.name, it.count]
  }
  return out
}

function stackOf (item) {
  return item ? [item.name, item.count] : null
}

/** mineflayer's view in the same shape as serverInventory() (window part only when one is open). */
function clientInventory (bot) {
  const win = bot.currentWindow
  return {
    inventory: dumpSlots(bot.inventory.slots, 46),
    cursor: stackOf(bot.inventory.selectedItem),
    window: win ? { id: win.id, slots: dumpSlots(win.slots, win.slots.length), cursor: stackOf(win.selectedItem) } : null,
    heldItemSlot: bot.quickBarSlot
  }
}

/**
 * Resolve with both views once they agree; reject with both when they still differ after
 * `timeoutMs` (the bot may still be applying packets that were in flight).
 */
async function expectSameInventory (bot, timeoutMs = 3000) {
  const end = Date.now() + timeoutMs
  let server
  let client
  for (;;) {
    server = await serverInventory(bot)
    client = clientInventory(bot)
    // While a container is open mineflayer only updates the window, not bot.inventory.
    const same = JSON.stringify(client.window) === JSON.stringify(server.window) &&
      (client.window || (JSON.stringify(client.inventory) === JSON.stringify(server.inventory) &&
        JSON.stringify(client.cursor) === JSON.stringify(server.cursor)))
    if (same) return { server, client }
    if (Date.now() > end) {
      const err = new Error('server and client inventories differ:\nserver ' + JSON.stringify(server) + '\nclient ' + JSON.stringify(client))
      err.server = server
      err.client = client
      throw err
    }
    await new Promise(resolve => setTimeout(resolve, 100))
  }
}

/** Count of an item by name in the server's inventory view (window 0 slots 9-45 + grid excluded). */
function countIn (view, name) {
  let n = 0
  for (const [slot, [itemName, count]] of Object.entries(view.inventory)) {
    if (Number(slot) >= 9 && itemName === name) n += count
  }
  return n
}

/** Total count of `name` in mineflayer's inventory view. */
function botCount (bot, name) {
  return bot.inventory.items().filter(i => i.name === name).reduce((n, i) => n + i.count, 0)
}

/** /give the bot `count` of `name` and wait until its inventory shows them. */
async function give (bot, name, count, timeoutMs = 5000) {
  const want = botCount(bot, name) + count
  bot.chat(`/give ${bot.username} ${name} ${count}`)
  const end = Date.now() + timeoutMs
  while (botCount(bot, name) < want) {
    if (Date.now() > end) throw new Error(`/give ${name} ${count} did not arrive`)
    await new Promise(resolve => setTimeout(resolve, 50))
  }
}

const INTERACTIVE = new Set(['crafting_table', 'furnace', 'chest'])
// Columns around the bot, nearest first, never its own (two blocks away first: out of the way).
const AROUND = []
for (let dx = -3; dx <= 3; dx++) for (let dz = -3; dz <= 3; dz++) if (dx || dz) AROUND.push([dx, dz])
AROUND.sort((a, b) => Math.abs(Math.hypot(...a) - 2) - Math.abs(Math.hypot(...b) - 2))

/**
 * Place the item `name` (from the inventory) on top of a solid block next to the bot and
 * return the placed block. `offset` picks the column relative to the bot.
 */
async function placeNear (bot, name, offset) {
  const { Vec3 } = require('vec3')
  const base = bot.entity.position.floored()
  const candidates = offset ? [offset] : AROUND
  for (const [dx, dz] of candidates) {
    for (const dy of [-1, 0, -2, 1]) {
      const below = bot.blockAt(base.offset(dx, dy, dz))
      const at = bot.blockAt(base.offset(dx, dy + 1, dz))
      // Using a table, furnace or chest opens it instead of placing against it (as in vanilla).
      if (!below || !at || below.boundingBox !== 'block' || at.name !== 'air' || INTERACTIVE.has(below.name)) continue
      await bot.equip(bot.registry.itemsByName[name].id, 'hand')
      await bot.placeBlock(below, new Vec3(0, 1, 0))
      return bot.blockAt(at.position)
    }
  }
  if (!offset) {
    // Walled in (a tunnel): clear the block beside the bot's feet and place it there.
    for (const [dx, dz] of [[1, 0], [-1, 0], [0, 1], [0, -1]]) {
      const below = bot.blockAt(base.offset(dx, -1, dz))
      const at = bot.blockAt(base.offset(dx, 0, dz))
      if (!below || !at || below.boundingBox !== 'block' || INTERACTIVE.has(below.name) || (at.name !== 'air' && !at.diggable)) continue
      if (at.name !== 'air') await bot.dig(at)
      await bot.equip(bot.registry.itemsByName[name].id, 'hand')
      await bot.placeBlock(below, new Vec3(0, 1, 0))
      return bot.blockAt(at.position)
    }
  }
  throw new Error('no place for ' + name + ' near the bot')
}

/**
 * mineflayer's once() helpers leave 20 s timers behind, which keep a test file's process alive
 * long after its last test; call this when the world and bot are stopped.
 */
function exitSoon (ms = 1000) {
  setTimeout(() => process.exit(), ms).unref()
}

// Count the item entities that spawn from now on, by item name. until({name: count}) waits
// (at most timeoutMs) until that many have spawned, stops watching and returns all counts.
function watchDrops (bot) {
  const seen = new Map()
  const onSpawn = entity => {
    if (entity.name !== 'item') return
    setTimeout(() => {
      // flying-squid 1.12 stores the stack at metadata index 7 (mineflayer reads 8 on 1.17+).
      const slot = (entity.metadata || []).find(m => m && typeof m === 'object' && m.present && m.itemId !== undefined)
      if (!slot) return
      const name = bot.registry.items[slot.itemId].name
      seen.set(name, (seen.get(name) || 0) + slot.itemCount)
    }, 200)
  }
  bot.on('entitySpawn', onSpawn)
  return {
    seen,
    async until (want, timeoutMs = 5000) {
      const end = Date.now() + timeoutMs
      const done = () => Object.entries(want).every(([name, n]) => (seen.get(name) || 0) >= n)
      while (!done() && Date.now() < end) await new Promise(resolve => setTimeout(resolve, 50))
      bot.removeListener('entitySpawn', onSpawn)
      return Object.fromEntries(seen)
    }
  }
}

module.exports = { exitSoon, serverInventory, clientInventory, expectSameInventory, countIn, botCount, give, placeNear, watchDrops }
