// Server-side edits of a player's inventory window (window 0 on the wire: 0 craft result,
// 1-4 craft grid, 5-8 armor head..feet, 9-35 main, 36-44 hotbar, 45 offhand).
// Every edit goes through player.inventory.updateSlot so the client gets a set_slot.
'use strict'

const HOTBAR = [36, 37, 38, 39, 40, 41, 42, 43, 44]
const MAIN = Array.from({ length: 27 }, (_, i) => 9 + i)
const FILL_ORDER = [...HOTBAR, ...MAIN] // vanilla fills the hotbar first
const ALL_SLOTS = Array.from({ length: 45 }, (_, i) => i + 1) // everything but the craft result

function itemData (registry, name) {
  if (typeof name === 'number') return registry.items[name] || null
  const key = String(name).replace(/^minecraft:/, '')
  return registry.itemsByName[key] || null
}

// Adds `count` of an item, topping up existing stacks then empty slots. Returns what did not fit.
function addItem (player, registry, name, count) {
  const Item = require('prismarine-item')(registry)
  const data = itemData(registry, name)
  if (!data) throw new Error(`Unknown item '${name}'`)
  let left = count
  const slots = player.inventory.slots
  for (const slot of FILL_ORDER) {
    if (left <= 0) break
    const it = slots[slot]
    if (it && it.type === data.id && !it.nbt && it.count < data.stackSize) {
      const add = Math.min(left, data.stackSize - it.count)
      it.count += add
      left -= add
      player.inventory.updateSlot(slot, it)
    }
  }
  for (const slot of FILL_ORDER) {
    if (left <= 0) break
    if (!slots[slot]) {
      const add = Math.min(left, data.stackSize)
      player.inventory.updateSlot(slot, new Item(data.id, add))
      left -= add
    }
  }
  return left
}

// Sets one window slot to `count` of an item, or empties it when name is null/'air'.
function setSlot (player, registry, slot, name, count = 1) {
  const Item = require('prismarine-item')(registry)
  if (name === null || name === undefined || String(name).replace(/^minecraft:/, '') === 'air' || count <= 0) {
    player.inventory.updateSlot(slot, null)
    return null
  }
  const data = itemData(registry, name)
  if (!data) throw new Error(`Unknown item '${name}'`)
  const item = new Item(data.id, Math.min(count, data.stackSize))
  player.inventory.updateSlot(slot, item)
  return item
}

// Removes up to maxCount (Infinity: all) of an item (null: every item). Returns the number removed.
function clearItems (player, registry, { name = null, maxCount = Infinity } = {}) {
  const data = name === null ? null : itemData(registry, name)
  if (name !== null && !data) throw new Error(`Unknown item '${name}'`)
  let removed = 0
  for (const slot of ALL_SLOTS) {
    if (removed >= maxCount) break
    const it = player.inventory.slots[slot]
    if (!it || (data && it.type !== data.id)) continue
    const take = Math.min(it.count, maxCount - removed)
    removed += take
    if (take >= it.count) player.inventory.updateSlot(slot, null)
    else {
      it.count -= take
      player.inventory.updateSlot(slot, it)
    }
  }
  return removed
}

// Vanilla slot names (/item replace entity ...) to window slots.
function slotFromName (name, heldItemSlot = 0) {
  const fixed = {
    'weapon.mainhand': 36 + heldItemSlot,
    weapon: 36 + heldItemSlot,
    'weapon.offhand': 45,
    'armor.head': 5,
    'armor.chest': 6,
    'armor.legs': 7,
    'armor.feet': 8
  }
  if (name in fixed) return fixed[name]
  const m = /^(hotbar|inventory|container)\.(\d+)$/.exec(name)
  if (!m) return null
  const n = Number(m[2])
  if (m[1] === 'hotbar') return n <= 8 ? 36 + n : null
  if (m[1] === 'inventory') return n <= 26 ? 9 + n : null
  if (n <= 8) return 36 + n // container.0-8: hotbar, 9-35: main inventory
  return n <= 35 ? n : null
}

// Non-empty slots as [{ slot, item }].
function occupiedSlots (player) {
  const out = []
  for (const slot of ALL_SLOTS) {
    const it = player.inventory.slots[slot]
    if (it) out.push({ slot, item: it })
  }
  return out
}

/**
 * Vanilla's rule for using a block (table, furnace, chest): sneaking skips it only while either
 * hand holds something (then the held item is used or placed instead).
 */
function skipsBlockUse (player) {
  if (!player.crouching) return false
  const slots = player.inventory.slots
  return Boolean(slots[36 + (player.heldItemSlot || 0)] || slots[45])
}

module.exports = { HOTBAR, MAIN, FILL_ORDER, ALL_SLOTS, itemData, addItem, setSlot, clearItems, slotFromName, occupiedSlots, skipsBlockUse }
