// /clear [targets] [item] [maxCount] — missing from flying-squid.
'use strict'
const { tokens, usage, parseInteger, resolvePlayers, feedback, UserError } = require('./args')
const { clearItems, itemData } = require('../playerInventory')

module.exports = ({ serv, registry }) => [{
  base: 'clear',
  usage: '/clear [targets] [item] [maxCount]',
  info: 'Remove items from player inventories',
  run (str, ctx) {
    const t = tokens(str)
    if (t.length > 3) throw usage(this.usage)
    if (t.length === 0 && !ctx.player) throw new UserError('Name a player from the console: /clear <targets> [item] [maxCount]')
    const players = t.length ? resolvePlayers(serv, t[0], ctx) : [ctx.player]
    let name = null
    if (t[1] !== undefined) {
      const data = itemData(serv.registry, t[1].replace(/^minecraft:/, ''))
      if (!data) throw new UserError(`Unknown item '${t[1]}'`)
      name = data.name
    }
    const maxCount = t[2] === undefined ? Infinity : parseInteger(t[2], 'maxCount', { min: 0 })
    let total = 0
    for (const player of players) {
      const removed = clearItems(player, registry, { name, maxCount })
      total += removed
      feedback(serv, ctx, `Removed ${removed} item(s) from player ${player.username}`)
    }
    if (total === 0 && maxCount !== 0) throw new UserError(`No items were found on ${players.map(p => p.username).join(', ')}`)
  }
}]
