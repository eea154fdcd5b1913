'use strict'
// Furnaces: using a placed furnace opens a `minecraft:furnace` window (0 input, 1 fuel,
// 2 output). Furnaces cook on the server tick whether or not anyone looks, report progress with
// craft_progress_bar (0 fuel left, 1 fuel total, 2 cook progress, 3 cook total) as mineflayer's
// openFurnace reads it, persist through serv.voyagerStore and drop their contents when broken.
// Setting furnaceCookTicks (default 200, vanilla) shortens cooking for tests.
const { skipsBlockUse } = require('../lib/playerInventory')
const { createSmelting, tickFurnace } = require('../lib/smelting')
const { Vec3 } = require('vec3')
const { blockStore, blockKey, itemToJSON, itemFromJSON } = require('../lib/windows/store')
const { stateWith } = require('../lib/blockstates')

const INDEX_KEY = 'furnaces'

module.exports.server = function (serv, settings) {
  const cfg = settings.voyager || settings
  const cookTicks = Math.max(1, Number(cfg.furnaceCookTicks) || 200)
  const Item = require('prismarine-item')(serv.registry)
  const registry = serv.registry
  const rules = createSmelting(registry)
  const store = blockStore(serv)
  const furnaces = new Map() // key -> furnace state
  let loaded = false

  function serialize (f) {
    return { pos: f.pos, dim: f.dim, slots: f.slots.map(it => itemToJSON(registry, it)), burn: f.burn, burnTotal: f.burnTotal, cook: f.cook, cookTotal: f.cookTotal }
  }

  function save (f) {
    store.set(f.key, serialize(f))
    f.dirty = false
  }

  function saveIndex (removed = null) {
    const keys = new Set([...(store.get(INDEX_KEY) || []), ...furnaces.keys()])
    if (removed) keys.delete(removed)
    store.set(INDEX_KEY, [...keys])
  }

  function fromJSON (key, json) {
    return {
      key,
      pos: json.pos,
      dim: json.dim || 'overworld',
      slots: (json.slots || [null, null, null]).map(j => itemFromJSON(Item, registry, j)),
      burn: json.burn || 0,
      burnTotal: json.burnTotal || 0,
      cook: json.cook || 0,
      cookTotal: json.cookTotal || cookTicks,
      sent: null,
      dirty: false
    }
  }

  // Load every saved furnace so it cooks without anyone nearby. Idempotent: called at start and
  // again when a player joins, in case the store loads after this plugin starts.
  function loadAll () {
    loaded = true
    for (const key of store.get(INDEX_KEY) || []) {
      const json = store.get(key)
      if (json && !furnaces.has(key)) furnaces.set(key, fromJSON(key, json))
    }
  }

  function furnaceAt (world, pos, create) {
    const key = blockKey(serv, 'furnace', world, pos)
    let f = furnaces.get(key)
    if (!f && store.get(key)) {
      f = fromJSON(key, store.get(key))
      furnaces.set(key, f)
    }
    if (!f && create) {
      f = fromJSON(key, { pos: { x: pos.x, y: pos.y, z: pos.z }, dim: key.split(':')[1] })
      furnaces.set(key, f)
      save(f)
      saveIndex()
    }
    return f || null
  }

  // Show the fire: the block's `lit` state follows whether fuel is burning, as in vanilla.
  async function showLit (f, lit) {
    const world = f.dim === 'nether' ? serv.netherworld : serv.overworld
    if (!world) return
    const pos = new Vec3(f.pos.x, f.pos.y, f.pos.z)
    const stateId = await world.getBlockStateId(pos)
    const block = registry.blocksByStateId[stateId]
    if (!block || block.name !== 'furnace') return
    const next = stateWith(block, { lit }, stateId)
    if (next !== stateId) await serv.setBlock(world, pos, next)
  }

  function properties (f) {
    return [f.burnTotal, f.burn, f.cookTotal || cookTicks, f.cook]
  }

  // Property order 1, 0, 3, 2: mineflayer derives fuel/progress fractions from the totals.
  function sendProperties (ow, f, force) {
    const [burnTotal, burn, cookTotal, cook] = properties(f)
    const last = ow.data.sent || []
    if (force || last[0] !== burnTotal) ow.sendProperty(1, burnTotal)
    if (force || last[1] !== burn) ow.sendProperty(0, burn)
    if (force || last[2] !== cookTotal) ow.sendProperty(3, cookTotal)
    if (force || last[3] !== cook) ow.sendProperty(2, cook)
    ow.data.sent = [burnTotal, burn, cookTotal, cook]
  }

  function hooksFor (f) {
    return {
      mayPlace: (slot, item) => slot === 0 || slot > 2 || (slot === 1 && (rules.burnTicks(item.type) > 0 || item.name === 'bucket')),
      // Shift-click as vanilla's AbstractFurnaceMenu: output to the inventory from the end, input
      // and fuel back to it; from the inventory what smelts goes to the input, else fuel to the
      // fuel slot, else between main inventory and hotbar.
      quickMove (slot, item) {
        if (slot === 2) return [[3, 39, true]]
        if (slot < 2) return [[3, 39, false]]
        if (rules.resultOf(item.type) !== null) return [[0, 1, false]]
        if (rules.burnTicks(item.type) > 0) return [[1, 2, false]]
        return ['toggle']
      },
      // mineflayer listens for properties only once openFurnace has resolved (after
      // window_items), so properties sent with the window can be missed: send them again 2 ticks on.
      onOpen: ow => { ow.data.resendAt = serv.tickCount + 2 },
      onChange (ow, changed) {
        if (changed.some(s => s <= 2)) {
          if (changed.includes(0)) f.cook = 0
          save(f)
        }
      }
    }
  }

  serv.once('asap', () => {
    loadAll()
    // The dirty furnaces are stored once a second; a world save (periodic or on stop) must
    // write their exact state, or up to a second of cook progress and burn time is lost.
    const saveWorld = serv.voyagerSave
    if (typeof saveWorld === 'function') {
      serv.voyagerSave = (...args) => {
        for (const f of furnaces.values()) if (f.dirty) save(f)
        return saveWorld(...args)
      }
    }
    serv.onBlockInteraction('furnace', ({ block, player }) => {
      if (skipsBlockUse(player)) return false
      const f = furnaceAt(player.world, block.position, true)
      serv.voyagerWindows.open(player, {
        type: 'minecraft:furnace',
        title: { translate: 'container.furnace' },
        storage: f.slots,
        hooks: hooksFor(f),
        data: { furnace: f }
      })
      return true
    })
  })

  serv.on('tick', () => {
    if (!loaded) return
    for (const f of furnaces.values()) {
      for (const ow of serv.voyagerWindows ? serv.voyagerWindows.viewers(f.slots) : []) {
        if (ow.data.resendAt !== undefined && serv.tickCount >= ow.data.resendAt) {
          ow.data.resendAt = undefined
          sendProperties(ow, f, true)
        }
      }
      if (f.burn <= 0 && f.cook <= 0 && (!f.slots[0] || !f.slots[1])) continue
      const slotsChanged = tickFurnace(f, rules, Item, cookTicks)
      f.dirty = true
      if ((f.burn > 0) !== !!f.lit) {
        f.lit = f.burn > 0
        showLit(f, f.lit).catch(err => serv.emit('error', err))
      }
      if (slotsChanged) save(f)
      const viewers = serv.voyagerWindows ? serv.voyagerWindows.viewers(f.slots) : []
      for (const ow of viewers) sendProperties(ow, f, false)
    }
    if (serv.tickCount % 20 === 0) {
      for (const f of furnaces.values()) if (f.dirty) save(f)
    }
  })

  serv.on('newPlayer', player => {
    loadAll()
    // Breaking a furnace drops what it holds and forgets its state.
    player.on('dug_done', (data, cancelled) => {
      if (cancelled || !data.block || data.block.name !== 'furnace') return
      const f = furnaceAt(player.world, data.position, false)
      if (!f) return
      for (const ow of serv.voyagerWindows.viewers(f.slots)) serv.voyagerWindows.close(ow.player, { notify: true })
      for (const item of f.slots) {
        if (item) serv.voyagerWindows.dropStack(player, item, { toss: false, position: data.position.offset(0.5, 0.5, 0.5) })
      }
      furnaces.delete(f.key)
      store.set(f.key, null)
      saveIndex(f.key)
    })
  })
}
