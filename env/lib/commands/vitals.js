// /vitals <targets> <health|food|saturation|exhaustion|air> <value> — not vanilla: sets a player's
// vitals directly (episode resets and tests), through the survival plugin.
'use strict'
const { tokens, usage, parseNumber, resolvePlayers, feedback, UserError } = require('./args')

const FIELDS = ['health', 'food', 'saturation', 'exhaustion', 'air']

module.exports = ({ serv }) => [{
  base: 'vitals',
  usage: '/vitals <targets> <health|food|saturation|exhaustion|air> <value>',
  info: 'Set health, food, saturation or air',
  run (str, ctx) {
    const t = tokens(str)
    if (t.length !== 3) throw usage(this.usage)
    if (!FIELDS.includes(t[1])) throw new UserError(`Unknown vital '${t[1]}' (${FIELDS.join(', ')})`)
    if (typeof serv.voyagerSetVitals !== 'function') throw new UserError('The survival plugin is not loaded')
    const value = parseNumber(t[2], t[1])
    if (value < 0) throw new UserError(`${t[1]} must be >= 0`)
    for (const p of resolvePlayers(serv, t[0], ctx)) {
      serv.voyagerSetVitals(p, { [t[1]]: value })
      feedback(serv, ctx, `Set ${p.username}'s ${t[1]} to ${value}`)
    }
  }
}]
