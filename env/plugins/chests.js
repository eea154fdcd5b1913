'use strict'
// Single chests: using a placed chest opens a 27-slot `minecraft:generic_9x3` window whose
// window_items include the player-inventory part (flying-squid's built-in chest.js sends only
// the 27 empty container slots and keeps no contents, so this replaces its handler). Contents
// persist through serv.voyagerStore and are dropped when the chest is broken.
const { skipsBlockUse } = require('../lib/playerInventory')
const { blockStore, blockKey, itemToJSON, itemFromJSON } = require('../lib/windows/store')

const SIZE = 27

module.exports.server = function (serv) {
  const Item = require('prismarine-item')(serv.registry)
  const registry = serv.registry
  const store = blockStore(serv)
  const open = new Map() // key -> storage array shared by everyone viewing that chest

  function load (key) {
    let slots = open.get(key)
    if (slots) return slots
    const json = store.get(key)
    slots = new Array(SIZE).fill(null)
    if (json && Array.isArray(json.slots)) json.slots.forEach((j, i) => { if (i < SIZE) slots[i] = itemFromJSON(Item, registry, j) })
    open.set(key, slots)
    return slots
  }

  function save (key, slots) {
    store.set(key, { slots: slots.map(it => itemToJSON(registry, it)) })
  }

  function blockAction (player, pos, viewers) {
    // Lid animation: block_action 1 = number of players looking inside.
    try {
      player._writeNearby('block_action', { location: pos, byte1: 1, byte2: viewers, blockId: registry.blocksByName.chest.id })
    } catch (err) { /* cosmetic only */ }
  }

  // A chest placed where another one stood (removed by /setblock or /fill, which drop nothing)
  // starts empty, as in vanilla: utility_blocks.js calls this when a chest is placed.
  serv.voyagerChestPlaced = (world, position) => {
    const key = blockKey(serv, 'chest', world, position)
    open.delete(key)
    if (store.get(key)) store.set(key, null)
  }

  serv.once('asap', () => {
    serv.onBlockInteraction('chest', ({ block, player }) => {
      if (skipsBlockUse(player)) return false
      const key = blockKey(serv, 'chest', player.world, block.position)
      const slots = load(key)
      const pos = block.position.clone()
      serv.voyagerWindows.open(player, {
        type: 'minecraft:generic_9x3',
        title: { translate: 'container.chest' },
        storage: slots,
        data: { chestKey: key },
        hooks: {
          onOpen: () => blockAction(player, pos, serv.voyagerWindows.viewers(slots).length),
          onChange: (ow, changed) => { if (changed.some(s => s < SIZE)) save(key, slots) },
          onClose: () => {
            save(key, slots)
            const left = serv.voyagerWindows.viewers(slots).length
            blockAction(player, pos, left)
            if (left === 0) open.delete(key)
          }
        }
      })
      return true
    })
  })

  serv.on('newPlayer', player => {
    // Breaking a chest drops what it holds.
    player.on('dug_done', (data, cancelled) => {
      if (cancelled || !data.block || data.block.name !== 'chest') return
      const key = blockKey(serv, 'chest', player.world, data.position)
      const slots = load(key)
      for (const ow of serv.voyagerWindows.viewers(slots)) serv.voyagerWindows.close(ow.player, { notify: true })
      for (const item of slots) {
        if (item) serv.voyagerWindows.dropStack(player, item, { toss: false, position: data.position.offset(0.5, 0.5, 0.5) })
      }
      open.delete(key)
      store.set(key, null)
    })
  })
}
