// /item replace entity <targets> <slot> with <item> [count] — sets equipment and inventory
// slots (missing from flying-squid). Slots: weapon.mainhand, weapon.offhand, armor.head|chest|
// legs|feet, hotbar.0-8, inventory.0-26, container.0-35. `with air` empties the slot.
'use strict'
const { tokens, usage, parseInteger, resolvePlayers, feedback, UserError } = require('./args')
const { setSlot, slotFromName, itemData } = require('../playerInventory')

module.exports = ({ serv, registry }) => [{
  base: 'item',
  usage: '/item replace entity <targets> <slot> with <item> [count]',
  info: 'Set an equipment or inventory slot',
  run (str, ctx) {
    const t = tokens(str)
    if (t.length < 6 || t.length > 7 || t[0] !== 'replace' || t[4] !== 'with') throw usage(this.usage)
    if (t[1] !== 'entity') throw new UserError('Only `/item replace entity` is supported (no block containers)')
    const players = resolvePlayers(serv, t[2], ctx)
    const name = t[5].replace(/^minecraft:/, '')
    if (name !== 'air' && !itemData(registry, name)) throw new UserError(`Unknown item '${t[5]}'`)
    const count = t[6] === undefined ? 1 : parseInteger(t[6], 'count', { min: 1, max: 64 })
    for (const player of players) {
      const slot = slotFromName(t[3], player.heldItemSlot)
      if (slot === null) throw new UserError(`Unknown slot '${t[3]}'`)
      setSlot(player, registry, slot, name === 'air' ? null : name, count)
      feedback(serv, ctx, `Replaced ${t[3]} of ${player.username} with ${name === 'air' ? 'nothing' : `${count} ${name}`}`)
    }
  }
}]
