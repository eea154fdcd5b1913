'use strict'
// Applying one window_click to an OpenWindow. Ordinary slots follow prismarine-windows'
// acceptClick, the same code mineflayer uses to predict the click, so a bot and the server
// agree slot by slot and cursor by cursor; result slots (crafting output) and shift-clicks in
// container windows follow vanilla (the server then corrects the bot's prediction).
const { snapshot, stackable, copyItem } = require('./items')

/** Slots a click from `slot` with shift moves a crafting result into, in vanilla order. */
function resultTargets (ow) {
  const out = []
  const end = ow.id === 0 ? 44 : ow.inventoryEnd - 1
  for (let s = end; s >= ow.inventoryStart; s--) out.push(s)
  return out
}

/** Move all of `item` into `targets` (merge first, then empty slots) or nothing if it does not fit. */
function moveAllOrNothing (ow, item, targets) {
  let room = 0
  for (const s of targets) {
    const here = ow.slots[s]
    if (!here) room += item.stackSize
    else if (stackable(here, item)) room += here.stackSize - here.count
  }
  if (room < item.count) return false
  let left = item.count
  for (const s of targets) {
    const here = ow.slots[s]
    if (left > 0 && here && stackable(here, item) && here.count < here.stackSize) {
      const moved = Math.min(here.stackSize - here.count, left)
      here.count += moved
      left -= moved
    }
  }
  for (const s of targets) {
    if (left > 0 && !ow.slots[s]) {
      const moved = Math.min(item.stackSize, left)
      ow.pw.updateSlot(s, copyItem(ow.Item, item, moved))
      left -= moved
    }
  }
  return true
}

/** A click on a result slot (crafting output): taking it consumes the ingredients via hooks.takeResult. */
function clickResult (ow, { mode, mouseButton }, drops) {
  const take = () => ow.hooks.takeResult(ow)
  const result = ow.slots[ow.resultSlot]
  if (!result) return
  if (mode === 0) {
    const cursor = ow.cursor
    if (!cursor) {
      ow.cursor = copyItem(ow.Item, result)
      take()
    } else if (stackable(cursor, result) && cursor.count + result.count <= cursor.stackSize) {
      cursor.count += result.count
      take()
    }
  } else if (mode === 1) {
    // Shift-click crafts as many times as the grid and the inventory allow.
    const first = result.type
    for (let guard = 0; guard < 64 * 9; guard++) {
      const r = ow.slots[ow.resultSlot]
      if (!r || r.type !== first) break
      if (!moveAllOrNothing(ow, copyItem(ow.Item, r), resultTargets(ow))) break
      take()
    }
  } else if (mode === 2 && mouseButton >= 0 && mouseButton <= 8) {
    const hotbar = ow.pw.hotbarStart + mouseButton
    const here = ow.slots[hotbar]
    if (!here) {
      ow.pw.updateSlot(hotbar, copyItem(ow.Item, result))
      take()
    } else if (stackable(here, result) && here.count + result.count <= here.stackSize) {
      here.count += result.count
      take()
    }
  } else if (mode === 4 && !ow.cursor) {
    drops.push(copyItem(ow.Item, result))
    take()
  }
}

const mayPlaceIn = (ow, slot, item) => slot >= ow.inventoryStart || !ow.hooks.mayPlace || ow.hooks.mayPlace(slot, item)

/**
 * Vanilla's AbstractContainerMenu.moveItemStackTo: merge the stack in slot `from` into stacks of
 * the same item in [start, end), then put the rest into the first empty slot that accepts it.
 * Returns true when anything moved.
 */
function moveItemStackTo (ow, from, start, end, reverse = false) {
  const item = ow.slots[from]
  const order = []
  for (let s = start; s < end; s++) if (s !== from) order.push(s)
  if (reverse) order.reverse()
  let moved = false
  for (const s of order) {
    const here = ow.slots[s]
    if (item.count > 0 && here && stackable(here, item) && here.count < here.stackSize) {
      const n = Math.min(here.stackSize - here.count, item.count)
      here.count += n
      item.count -= n
      moved = true
    }
  }
  if (item.count > 0) {
    const s = order.find(s => !ow.slots[s] && mayPlaceIn(ow, s, item))
    if (s !== undefined) {
      ow.pw.updateSlot(s, copyItem(ow.Item, item))
      item.count = 0
      moved = true
    }
  }
  if (item.count <= 0) ow.pw.updateSlot(from, null)
  return moved
}

/**
 * Where a shift-click (mode 1) on `slot` of a container window tries to move the stack, as
 * vanilla's quickMoveStack: a list of [start, end, reverse] ranges tried in order until one
 * takes something, 'toggle' meaning main inventory <-> hotbar. A window's hooks.quickMove(slot,
 * item) decides (the furnace sorts by smeltable/fuel); crafting tables try the grid first;
 * chests and other plain containers move between the container and the inventory.
 */
function quickMoveRanges (ow, slot, item) {
  if (ow.hooks.quickMove) return ow.hooks.quickMove(slot, item)
  const inv = ow.inventoryStart
  const end = ow.inventoryEnd
  if (ow.pw.type === 'minecraft:crafting') return slot < inv ? [[inv, end, false]] : [[1, inv, false], 'toggle']
  return slot < inv ? [[inv, end, true]] : [[0, inv, false]]
}

function quickMove (ow, slot) {
  const item = ow.slots[slot]
  if (!item) return
  const hotbar = ow.pw.hotbarStart
  for (const range of quickMoveRanges(ow, slot, item)) {
    const [start, end, reverse] = range === 'toggle' ? (slot < hotbar ? [hotbar, ow.inventoryEnd, false] : [ow.inventoryStart, hotbar, false]) : range
    if (moveItemStackTo(ow, slot, start, end, reverse)) return
  }
}

/** True when the click would put an item into a slot its window does not accept. */
function violatesMayPlace (ow, { slot, mode, mouseButton }) {
  const mayPlace = ow.hooks.mayPlace
  if (!mayPlace || slot < 0 || slot >= ow.inventoryStart) return false
  if (mode === 0 && ow.cursor) return !mayPlace(slot, ow.cursor)
  if (mode === 2 && mouseButton >= 0 && mouseButton <= 8) {
    const hotbarItem = ow.slots[ow.pw.hotbarStart + mouseButton]
    return !!hotbarItem && !mayPlace(slot, hotbarItem)
  }
  return false
}

function numberSlots (ow, slotOf) {
  for (let i = 0; i < ow.size; i++) {
    const item = ow.slots[i]
    if (item) item.slot = slotOf(i)
  }
}

/**
 * Apply a 1.17+ window_click packet to `ow`. Returns { drops, valid, changed } where drops are
 * stacks to throw into the world and changed lists the window slots whose contents changed.
 */
function applyClick (ow, packet, gameMode = 0) {
  const { slot, mouseButton, mode } = packet
  // prismarine-windows finds stacks by item.slot: number them as this window does while clicking.
  numberSlots(ow, i => i)
  const before = ow.snapshotSlots()
  const cursorBefore = snapshot(ow.cursor)
  const drops = []
  let valid = true
  const inRange = (slot >= 0 && slot < ow.size) || slot === -999
  if (!inRange) {
    valid = false
  } else if (slot === ow.resultSlot && ow.hooks.takeResult) {
    clickResult(ow, packet, drops)
  } else if (violatesMayPlace(ow, packet)) {
    valid = false
  } else if (mode === 1 && ow.id !== 0 && slot >= 0) {
    // prismarine-windows shift-clicks into the result slot (where a crafting table's stack was
    // then overwritten) and ignores furnace slot rules: apply vanilla's rules instead.
    quickMove(ow, slot)
  } else if (mode === 5 || mode === 6) {
    // Drag and double-click are not modelled (mineflayer never sends them): resync instead.
    valid = false
  } else {
    const item = slot >= 0 ? ow.slots[slot] : null
    try {
      ow.pw.acceptClick({ slot, mouseButton, mode, item }, gameMode)
    } catch (err) {
      valid = false
    }
    if (mode === 0 && slot === -999 && cursorBefore) {
      const left = ow.cursor ? ow.cursor.count : 0
      if (cursorBefore.count > left) drops.push(new ow.Item(cursorBefore.type, cursorBefore.count - left, cursorBefore.nbt ? JSON.parse(cursorBefore.nbt) : null))
    } else if (mode === 4 && slot >= 0 && before[slot]) {
      const now = ow.slots[slot]
      const left = now ? now.count : 0
      if (before[slot].count > left) drops.push(new ow.Item(before[slot].type, before[slot].count - left, before[slot].nbt ? JSON.parse(before[slot].nbt) : null))
    }
  }
  numberSlots(ow, i => ow.inventorySlot(i) >= 0 ? ow.inventorySlot(i) : i)
  const changed = []
  for (let i = 0; i < ow.size; i++) {
    const now = snapshot(ow.slots[i])
    const was = before[i]
    if ((now === null) !== (was === null) || (now && (now.type !== was.type || now.count !== was.count || now.nbt !== was.nbt))) changed.push(i)
  }
  return { drops, valid, changed }
}

module.exports = { applyClick, moveAllOrNothing, moveItemStackTo, quickMove }
