'use strict'
// One window as the server sees it: its slots (a prismarine-windows Window whose slots may be
// backed by the player's inventory and a container's storage), the cursor, the stateId, and what
// the client believes every slot holds ("remote"), so only real differences are sent back.
const { snapshot, sameSnapshot } = require('./items')

/**
 * A prismarine-windows `slots` array whose first `storage.length` slots live in `storage`
 * (a chest's contents, a furnace's three slots, a crafting grid) and whose remaining 36 slots
 * are the player's inventory slots 9-44, so every click reads and writes the real stores.
 */
function backedSlots (storage, inventoryWindow, inventoryStart, size) {
  const target = new Array(size).fill(null)
  const where = i => i < inventoryStart ? [storage, i] : [inventoryWindow.slots, i - inventoryStart + 9]
  return new Proxy(target, {
    get (t, prop) {
      if (typeof prop === 'string' && /^\d+$/.test(prop)) {
        const i = Number(prop)
        if (i >= size) return undefined
        const [store, j] = where(i)
        return store[j] ?? null
      }
      return t[prop]
    },
    set (t, prop, value) {
      if (typeof prop === 'string' && /^\d+$/.test(prop)) {
        const i = Number(prop)
        if (i < size) {
          const [store, j] = where(i)
          store[j] = value
        }
        return true
      }
      t[prop] = value
      return true
    }
  })
}

/** Whether a send with stateId `sent` came after the client's `seen` (15-bit, wrapping). */
function sentAfter (sent, seen) {
  if (sent < 0 || seen === undefined || seen < 0) return false
  const ahead = (sent - seen) & 32767
  return ahead > 0 && ahead < 16384
}

class OpenWindow {
  /**
   * @param {object} o
   * @param {object} o.player flying-squid player
   * @param {number} o.id window id on the wire (0 = player inventory)
   * @param {object} o.pw prismarine-windows Window holding slots and the cursor (selectedItem)
   * @param {object} o.Item prismarine-item class
   * @param {object} [o.hooks] behaviour of special slots (see windows.js)
   * @param {Array} [o.storage] container storage backing slots below pw.inventoryStart
   */
  constructor ({ player, id, pw, Item, hooks = {}, storage = null, data = {} }) {
    this.player = player
    this.id = id
    this.pw = pw
    this.Item = Item
    this.hooks = hooks
    this.storage = storage
    this.data = data
    this.stateId = 0
    this.size = pw.slots.length
    this.remote = new Array(this.size).fill(null)
    this.remoteCursor = null
    // The stateId each slot (and the cursor) was last sent with: a click made before the client
    // received a send cannot claim that slot (see acceptClaims).
    this.sentAt = new Array(this.size).fill(-1)
    this.cursorSentAt = -1
    this.forceCursor = false
    this.forced = new Set()
    this.closed = false
  }

  get slots () { return this.pw.slots }
  get cursor () { return this.pw.selectedItem }
  set cursor (item) { this.pw.selectedItem = item }
  get resultSlot () { return this.hooks.resultSlot ?? -1 }
  get inventoryStart () { return this.pw.inventoryStart }
  get inventoryEnd () { return this.pw.inventoryEnd }

  /** The player-inventory slot (window 0 numbering) behind window slot `i`, or -1. */
  inventorySlot (i) {
    if (this.id === 0) return i
    return i >= this.inventoryStart && i < this.inventoryEnd ? i - this.inventoryStart + 9 : -1
  }

  nextStateId () {
    this.stateId = (this.stateId + 1) & 32767
    return this.stateId
  }

  sendSlot (slot) {
    const item = this.slots[slot]
    this.player._client.write('set_slot', { windowId: this.id, stateId: this.nextStateId(), slot, item: this.Item.toNotch(item) })
    this.remote[slot] = snapshot(item)
    this.sentAt[slot] = this.stateId
  }

  /** Send every slot and the cursor (window_items), e.g. on open or when the client asks to resync. */
  sendAll () {
    const items = []
    for (let i = 0; i < this.size; i++) {
      items.push(this.Item.toNotch(this.slots[i]))
      this.remote[i] = snapshot(this.slots[i])
    }
    this.remoteCursor = snapshot(this.cursor)
    this.forced.clear()
    this.player._client.write('window_items', {
      windowId: this.id, stateId: this.nextStateId(), items, carriedItem: this.Item.toNotch(this.cursor)
    })
    this.sentAt.fill(this.stateId)
    this.cursorSentAt = this.stateId
  }

  /** Like vanilla's broadcastChanges: send set_slot for every slot the client sees wrongly. */
  broadcast () {
    if (this.closed) return
    for (let i = 0; i < this.size; i++) {
      if (this.forced.has(i) || !sameSnapshot(snapshot(this.slots[i]), this.remote[i])) this.sendSlot(i)
    }
    this.forced.clear()
    const cursor = snapshot(this.cursor)
    if (this.forceCursor || !sameSnapshot(cursor, this.remoteCursor)) {
      this.forceCursor = false
      this.player._client.write('set_slot', { windowId: -1, stateId: this.nextStateId(), slot: -1, item: this.Item.toNotch(this.cursor) })
      this.remoteCursor = cursor
      this.cursorSentAt = this.stateId
    }
  }

  /**
   * Record what the client claims after its own prediction of a click (1.17+ window_click).
   * A slot we sent after the state the client clicked on (`clickStateId`) is sent again: our
   * set_slot reached the client after its prediction and overwrote it, so its claim is not what
   * it sees (a pickup landing in the hotbar slot the bot was clicking made it lose the stack it
   * placed there). Sending once more is harmless when the claim was right after all.
   */
  acceptClaims (changedSlots, cursorItem, clickStateId) {
    for (const { location, item } of changedSlots || []) {
      if (location < 0 || location >= this.size) continue
      this.remote[location] = snapshot(this.Item.fromNotch(item))
      if (sentAfter(this.sentAt[location], clickStateId)) this.forced.add(location)
    }
    this.remoteCursor = snapshot(cursorItem ? this.Item.fromNotch(cursorItem) : null)
    if (sentAfter(this.cursorSentAt, clickStateId)) this.forceCursor = true
  }

  /** Snapshots of every slot, to find what a click changed. */
  snapshotSlots () {
    const out = new Array(this.size)
    for (let i = 0; i < this.size; i++) out[i] = snapshot(this.slots[i])
    return out
  }

  sendProperty (property, value) {
    this.player._client.write('craft_progress_bar', { windowId: this.id, property, value })
  }
}

module.exports = { OpenWindow, backedSlots }
