'use strict'
// Server-authoritative windows: the player inventory (window 0) and container windows that
// other plugins open (crafting table, furnace, chest). Every window_click is applied on the
// server, the client's claimed slots are recorded, and only real differences are sent back
// (set_slot with a per-window stateId), so the server and a mineflayer bot never drift.
//
// API for other plugins (use it inside serv.once('asap') or later: this file loads after them):
//   serv.voyagerWindows.open(player, { type, title, storage, hooks, data }) -> OpenWindow
//   serv.voyagerWindows.close(player, { notify })          close the open container window
//   serv.voyagerWindows.current(player)                    the open container window or null
//   serv.voyagerWindows.viewers(storage)                   open windows showing that storage
//   serv.voyagerWindows.setInventoryHooks(hooks)           special slots of window 0 (2x2 crafting)
//   serv.voyagerWindows.giveOrDrop(player, item)           put a stack in the inventory, drop the rest
//   serv.voyagerWindows.dropStack(player, item, opts)      throw a stack into the world
// hooks: { resultSlot, takeResult(ow), mayPlace(slot, item), afterClick(ow, packet, changed),
//          onChange(ow, changedSlots), onClose(ow), onOpen(ow), onSlotSet(ow, slot) (window 0:
//          a slot set by another plugin through player.inventory.updateSlot) }
const { OpenWindow, backedSlots } = require('../lib/windows/open_window')
const { applyClick } = require('../lib/windows/clicks')
const { mergeIntoInventory, dropStack } = require('../lib/windows/stacks')
const { snapshot, sameSnapshot } = require('../lib/windows/items')

// entity_equipment slot for window-0 slots (1.9+: 0 main hand, 1 off hand, 2 feet .. 5 head).
const ARMOR_EQUIPMENT = { 5: 5, 6: 4, 7: 3, 8: 2, 45: 1 }

module.exports.server = function (serv, settings) {
  const Item = require('prismarine-item')(serv.registry)
  const windows = require('prismarine-windows')(serv.registry)
  const settingsAll = settings.voyager || settings
  let inventoryHooks = {}
  const states = new Map() // player -> { inventory: OpenWindow, current: OpenWindow|null, nextId, suppress }

  function state (player) { return states.get(player) }

  function writeEquipment (player, slot, item) {
    player.equipment = player.equipment || new Array(6).fill(null)
    player.equipment[slot] = item
    player._writeOthersNearby('entity_equipment', { entityId: player.id, equipments: [{ slot, item: Item.toNotch(item) }] })
  }

  /** Fire player.inventory's updateSlot for the given window-0 slots without echoing them to the client. */
  function notifyInventory (player, slots) {
    const st = state(player)
    st.suppress++
    try {
      for (const s of slots) player.inventory.updateSlot(s, player.inventory.slots[s] ?? null)
    } finally {
      st.suppress--
    }
  }

  /** Send whatever the client sees wrongly, through the window it is looking at. */
  function sync (player) {
    const st = state(player)
    if (!st || player._client.ended) return
    if (st.current) st.current.broadcast()
    else st.inventory.broadcast()
  }

  function queueSync (player) {
    const st = state(player)
    if (!st || st.syncQueued) return
    st.syncQueued = true
    setImmediate(() => { st.syncQueued = false; sync(player) })
  }

  function giveOrDrop (player, item) {
    if (!item || item.count <= 0) return
    const rest = new Item(item.type, item.count, item.nbt)
    const changed = mergeIntoInventory(Item, player.inventory.slots, rest)
    notifyInventory(player, changed)
    if (rest.count > 0) dropStack(serv, player, rest, { toss: false })
    queueSync(player)
  }

  function runClick (player, packet) {
    const st = state(player)
    const ow = packet.windowId === 0 ? st.inventory : st.current
    if (!ow || ow.id !== packet.windowId || (packet.windowId === 0 && st.current)) return
    const invBefore = player.inventory.slots.map(snapshot)
    const { drops, valid, changed } = applyClick(ow, packet, player.gameMode)
    if (ow.hooks.afterClick) ow.hooks.afterClick(ow, packet, changed)
    if (changed.length && ow.hooks.onChange) ow.hooks.onChange(ow, changed)
    for (const item of drops) dropStack(serv, player, item, { toss: true })
    // Fire inventory events (held item, armour) for the inventory slots this click changed.
    const invChanged = []
    for (let s = 0; s < player.inventory.slots.length; s++) {
      if (!sameSnapshot(snapshot(player.inventory.slots[s]), invBefore[s])) invChanged.push(s)
    }
    notifyInventory(player, invChanged)
    ow.acceptClaims(packet.changedSlots, packet.cursorItem, packet.stateId)
    if (ow.cursor && !(packet.cursorItem && packet.cursorItem.present)) {
      // The client thinks its cursor is empty but we hold a stack there (a pickup raced its
      // click). mineflayer never reads cursor updates (set_slot window -1), so the stack goes
      // back into the inventory, where the client sees it, instead of hiding on the cursor.
      const carried = ow.cursor
      ow.cursor = null
      giveOrDrop(player, carried)
    }
    if (process.env.VOYAGER_WINDOWS_DEBUG) {
      const name = it => it ? `${serv.registry.items[it.type].name}x${it.count}` : '-'
      console.error('[windows] click', JSON.stringify({ w: packet.windowId, s: packet.stateId, slot: packet.slot, b: packet.mouseButton, m: packet.mode, claims: (packet.changedSlots || []).map(c => [c.location, c.item.present ? c.item.itemId + 'x' + c.item.itemCount : '-']), cur: packet.cursorItem.present ? packet.cursorItem.itemCount : '-' }),
        'server:', changed.map(i => i + '=' + name(ow.slots[i])).join(' '), 'cursor=' + name(ow.cursor), 'state', ow.stateId)
    }
    if (!valid || packet.stateId === -1) ow.sendAll()
    else ow.broadcast()
  }

  function open (player, { type, title, storage, hooks = {}, data = {} }) {
    const st = state(player)
    if (!st) throw new Error('player has no window state yet')
    if (st.current) close(player, { notify: true })
    st.nextId = st.nextId % 100 + 1
    const id = st.nextId
    const pw = windows.createWindow(id, type, typeof title === 'string' ? title : JSON.stringify(title))
    if (!pw) throw new Error('unknown window type ' + type)
    pw.slots = backedSlots(storage, player.inventory, pw.inventoryStart, pw.slots.length)
    const ow = new OpenWindow({ player, id, pw, Item, hooks, storage, data })
    const titleJson = JSON.stringify(typeof title === 'string' ? { text: title } : title)
    player._client.write('open_window', { windowId: id, inventoryType: windows.windows[type].type, windowTitle: titleJson })
    st.current = ow
    ow.sendAll()
    if (hooks.onOpen) hooks.onOpen(ow)
    return ow
  }

  function close (player, { notify = false } = {}) {
    const st = state(player)
    const ow = st && st.current
    if (!ow) return
    st.current = null
    ow.closed = true
    if (notify && !player._client.ended) player._client.write('close_window', { windowId: ow.id })
    // The client copies the window's inventory part into its inventory view when it closes.
    for (let i = ow.inventoryStart; i < ow.inventoryEnd; i++) st.inventory.remote[ow.inventorySlot(i)] = ow.remote[i]
    if (ow.hooks.onClose) ow.hooks.onClose(ow)
    const cursor = ow.cursor
    ow.cursor = null
    if (cursor) giveOrDrop(player, cursor)
    queueSync(player)
  }

  function closeInventory (player) {
    const st = state(player)
    const ow = st.inventory
    if (inventoryHooks.onClose) inventoryHooks.onClose(ow)
    const cursor = ow.cursor
    ow.cursor = null
    if (cursor) giveOrDrop(player, cursor)
    queueSync(player)
  }

  function setupPlayer (player) {
    const inventory = player.inventory
    const st = { inventory: null, current: null, nextId: 0, suppress: 0, syncQueued: false }
    st.inventory = new OpenWindow({ player, id: 0, pw: inventory, Item, hooks: proxyHooks() })
    states.set(player, st)

    // flying-squid 1.12's window_click listener feeds 1.17+ clicks to prismarine-windows without
    // click.item (so nothing happens) and computes no crafting result: replace it.
    player._client.removeAllListeners('window_click')
    player._client.on('window_click', packet => {
      try { runClick(player, packet) } catch (err) { serv.emit('error', err) }
    })
    player._client.on('close_window', ({ windowId }) => {
      try {
        if (windowId === 0) closeInventory(player)
        else if (st.current && st.current.id === windowId) close(player)
      } catch (err) { serv.emit('error', err) }
    })
    // Its updateSlot listener echoes every change as set_slot without a stateId and calls an
    // undefined player.setEquipment: replace it with equipment + diff-based sync.
    for (const fn of inventory.listeners('updateSlot')) {
      if (String(fn).includes("'set_slot'")) inventory.removeListener('updateSlot', fn)
    }
    if (typeof player.setEquipment !== 'function') {
      player.setEquipment = (slot, item) => {
        player.equipment = player.equipment || new Array(6).fill(null)
        player.equipment[slot] = item
      }
    }
    inventory.on('updateSlot', (slot, oldItem, newItem) => {
      // flying-squid's /give stores the count as a string ("3"), which later "+= 1"s into "31".
      if (newItem && typeof newItem.count !== 'number') newItem.count = parseInt(newItem.count, 10) || 1
      if (ARMOR_EQUIPMENT[slot] !== undefined) writeEquipment(player, ARMOR_EQUIPMENT[slot], newItem)
      else if (slot === 36 + player.heldItemSlot) writeEquipment(player, 0, newItem)
      if (!st.suppress) {
        // Another plugin changed a slot (e.g. /clear emptied the 2x2 grid): let crafting react.
        if (inventoryHooks.onSlotSet) inventoryHooks.onSlotSet(st.inventory, slot)
        queueSync(player)
      }
    })
    // The built-in collect() adds one item per entity whatever its itemCount: honour the count.
    if (String(player.collect).includes('new Item(collectEntity.itemId, 1')) {
      player.collect = collectEntity => collect(player, collectEntity)
    }
    if (process.env.VOYAGER_WINDOWS_DEBUG) {
      player._client.on('block_place', p => {
        const held = player.inventory.slots[36 + player.heldItemSlot]
        console.error('[windows] block_place', JSON.stringify(p.location), p.direction, 'held', player.heldItemSlot, held && held.name, 'pos', player.position.floored().toString(), player.crouching ? 'sneaking' : '')
      })
      player._client.on('held_item_slot', p => console.error('[windows] held_item_slot', JSON.stringify(p)))
    }
    // flying-squid's playerdata save writes every slot, the computed crafting result (slot 0)
    // too, which would come back as a real item in hotbar slot 0: hide it while saving.
    const save = player.save
    if (typeof save === 'function') {
      player.save = async (...args) => {
        if (!inventory.slots[0]) return save.apply(player, args)
        inventory.slots[0] = null
        try {
          return await save.apply(player, args)
        } finally {
          if (inventoryHooks.onSlotSet) inventoryHooks.onSlotSet(st.inventory, 1) // recompute the result
          queueSync(player)
        }
      }
    }
    player.on('disconnected', () => {
      try { close(player); closeInventory(player) } catch (err) { serv.emit('error', err) }
      states.delete(player)
    })
  }

  function collect (player, entity) {
    if (entity.voyagerCollected) return
    const item = new Item(entity.itemId, entity.itemCount || 1)
    const changed = mergeIntoInventory(Item, player.inventory.slots, item)
    if (changed.length === 0) return
    entity.voyagerCollected = true
    entity._writeOthersNearby('collect', { collectedEntityId: entity.id, collectorEntityId: player.id, pickupItemCount: (entity.itemCount || 1) - item.count })
    player._client.write('collect', { collectedEntityId: entity.id, collectorEntityId: player.id, pickupItemCount: (entity.itemCount || 1) - item.count })
    notifyInventory(player, changed)
    queueSync(player)
    if (item.count > 0) {
      dropStack(serv, player, item, { toss: false, position: entity.position.clone() })
    }
    entity.destroy()
  }

  // Window 0's special slots are defined by another plugin (crafting.js); look them up lazily.
  function proxyHooks () {
    return {
      get resultSlot () { return inventoryHooks.resultSlot ?? -1 },
      get takeResult () { return inventoryHooks.takeResult },
      get mayPlace () { return inventoryHooks.mayPlace },
      get afterClick () { return inventoryHooks.afterClick },
      get onChange () { return inventoryHooks.onChange }
    }
  }

  function viewers (storage) {
    const out = []
    for (const st of states.values()) if (st.current && st.current.storage === storage) out.push(st.current)
    return out
  }

  serv.voyagerWindows = {
    open,
    close,
    current: player => state(player)?.current ?? null,
    inventoryWindow: player => state(player)?.inventory ?? null,
    viewers,
    setInventoryHooks: hooks => { inventoryHooks = hooks || {} },
    giveOrDrop,
    dropStack: (player, item, opts) => dropStack(serv, player, item, opts),
    notifyInventory,
    sync
  }

  // Every mechanic plugin adds its own 'asap' and 'newPlayer' listeners; more than 10 is expected.
  if (serv.getMaxListeners() < 50) serv.setMaxListeners(50)
  serv.on('newPlayer', player => setupPlayer(player))
  // Vanilla broadcasts window changes every tick; this also catches in-place edits by other plugins.
  serv.on('tick', () => {
    for (const player of states.keys()) {
      try { sync(player) } catch (err) { serv.emit('error', err) }
    }
  })

  serv.once('asap', () => {
    if (!settingsAll.inventoryDebug) return
    // Test-only: reply with the server's view of the sender's inventory as one JSON line.
    serv.commands.add({
      base: 'voyager_inv',
      info: 'print the server-side inventory as JSON (tests)',
      usage: '/voyager_inv',
      onlyPlayer: true,
      action (params, ctx) {
        const player = ctx.player
        const st = state(player)
        sync(player) // flush pending slot updates so they reach the client before this reply
        const dump = (slotsArr, n) => {
          const out = {}
          for (let i = 0; i < n; i++) {
            const it = slotsArr[i]
            if (it) out[i] = [serv.registry.items[it.type].name, it.count]
          }
          return out
        }
        const cur = st.current
        const reply = {
          inventory: dump(player.inventory.slots, 46),
          cursor: st.inventory.cursor ? [serv.registry.items[st.inventory.cursor.type].name, st.inventory.cursor.count] : null,
          window: cur ? { id: cur.id, slots: dump(cur.slots, cur.size), cursor: cur.cursor ? [serv.registry.items[cur.cursor.type].name, cur.cursor.count] : null } : null,
          heldItemSlot: player.heldItemSlot
        }
        player.chat('VOYAGER_INV ' + JSON.stringify(reply))
      }
    })
  })
}
