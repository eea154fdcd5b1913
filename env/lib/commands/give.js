// /give <targets> <item> [count] — replaces flying-squid's, which stacks past the stack size
// and stores the count as a string.
'use strict'
const { tokens, usage, parseInteger, resolvePlayers, feedback, UserError } = require('./args')
const { addItem, itemData } = require('../playerInventory')

module.exports = ({ serv, registry }) => [{
  base: 'give',
  usage: '/give <targets> <item> [count]',
  info: 'Give items to players',
  run (str, ctx) {
    const t = tokens(str)
    if (t.length < 2 || t.length > 3) throw usage(this.usage)
    const players = resolvePlayers(serv, t[0], ctx)
    const name = t[1].replace(/^minecraft:/, '')
    const data = itemData(registry, name)
    if (!data) throw new UserError(`Unknown item '${t[1]}'`)
    const count = t[2] === undefined ? 1 : parseInteger(t[2], 'count', { min: 1, max: 6400 })
    for (const player of players) {
      const left = addItem(player, registry, data.name, count)
      feedback(serv, ctx, `Gave ${count - left} [${data.displayName}] to ${player.username}` + (left ? ` (${left} did not fit)` : ''))
    }
  }
}]
