// /damage <targets> <amount> [cause] — as in vanilla 1.19.4+ (absent on 1.19.2): hurts players
// through the survival plugin, so armour, death and drops apply. Causes: generic (default),
// mob, fall, drown, starve, lava; fall/drown/starve ignore armour.
'use strict'
const { tokens, usage, parseNumber, resolvePlayers, feedback, UserError } = require('./args')

const CAUSES = ['generic', 'mob', 'fall', 'drown', 'starve', 'lava']

module.exports = ({ serv }) => [{
  base: 'damage',
  usage: `/damage <targets> <amount> [${CAUSES.join('|')}]`,
  info: 'Hurt players',
  run (str, ctx) {
    const t = tokens(str)
    if (t.length < 2 || t.length > 3) throw usage(this.usage)
    const amount = parseNumber(t[1], 'amount')
    if (amount < 0) throw new UserError('amount must be >= 0')
    const cause = (t[2] || 'generic').replace(/^minecraft:/, '')
    if (!CAUSES.includes(cause)) throw new UserError(`Unknown damage cause '${t[2]}' (${CAUSES.join(', ')})`)
    if (typeof serv.voyagerDamagePlayer !== 'function') throw new UserError('The survival plugin is not loaded')
    for (const p of resolvePlayers(serv, t[0], ctx)) {
      serv.voyagerDamagePlayer(p, amount, { cause })
      feedback(serv, ctx, `Applied ${amount} damage to ${p.username}`)
    }
  }
}]
