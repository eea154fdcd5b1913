'use strict'
// Crafting: the 2x2 grid of the player inventory (window 0, slots 1-4) and the 3x3 grid of a
// crafting table (a `minecraft:crafting` window, slots 1-9; slots 10-45 mirror inventory 9-44).
// The result slot 0 is recomputed and sent after every click on the grid (mineflayer waits for
// that set_slot); taking the result consumes one of each ingredient.
const { skipsBlockUse } = require('../lib/playerInventory')
const { createRecipeMatcher } = require('../lib/recipes')

module.exports.server = function (serv) {
  const Item = require('prismarine-item')(serv.registry)
  const recipes = createRecipeMatcher(serv.registry)

  function craftingHooks (width) {
    const gridSlots = []
    for (let i = 1; i <= width * width; i++) gridSlots.push(i)
    const isGrid = slot => slot >= 1 && slot <= width * width

    function recompute (ow) {
      const ids = gridSlots.map(s => ow.slots[s] ? ow.slots[s].type : null)
      const result = recipes.match(ids, width)
      ow.slots[0] = result ? new Item(result.id, result.count) : null
      if (ow.slots[0]) ow.slots[0].slot = 0
      ow.forced.add(0)
    }

    function takeResult (ow) {
      const leftovers = []
      for (const s of gridSlots) {
        const item = ow.slots[s]
        if (!item) continue
        const rest = recipes.remainder(item.type)
        item.count -= 1
        if (item.count <= 0) ow.slots[s] = rest !== null ? new Item(rest, 1) : null
        else if (rest !== null) leftovers.push(new Item(rest, 1))
      }
      for (const item of leftovers) serv.voyagerWindows.giveOrDrop(ow.player, item)
      recompute(ow)
    }

    return {
      resultSlot: 0,
      takeResult,
      mayPlace: slot => slot !== 0,
      afterClick (ow, packet, changed) {
        if (isGrid(packet.slot) || changed.some(isGrid)) recompute(ow)
      },
      onSlotSet (ow, slot) {
        if (isGrid(slot)) recompute(ow)
      },
      onClose (ow) {
        // Vanilla returns the grid to the inventory (dropping what does not fit).
        for (const s of gridSlots) {
          const item = ow.slots[s]
          if (!item) continue
          ow.slots[s] = null
          serv.voyagerWindows.giveOrDrop(ow.player, item)
        }
        if (ow.id === 0) recompute(ow)
        else ow.slots[0] = null
      }
    }
  }

  serv.once('asap', () => {
    serv.voyagerWindows.setInventoryHooks(craftingHooks(2))
    serv.onBlockInteraction('crafting_table', ({ player }) => {
      if (skipsBlockUse(player)) return false
      serv.voyagerWindows.open(player, {
        type: 'minecraft:crafting',
        title: { translate: 'container.crafting' },
        storage: new Array(10).fill(null),
        hooks: craftingHooks(3)
      })
      return true
    })
  })
}
