// /gamerule <rule> [true|false] — stored in serv.gamerules (missing from flying-squid).
'use strict'
const { tokens, usage, feedback, UserError } = require('./args')
const { setGamerule, DEFAULTS } = require('../gamerules')

module.exports = ({ serv }) => [{
  base: 'gamerule',
  usage: `/gamerule <${Object.keys(DEFAULTS).join('|')}> [true|false]`,
  info: 'Set or query a game rule',
  run (str, ctx) {
    const t = tokens(str)
    if (t.length < 1 || t.length > 2) throw usage(this.usage)
    const rule = t[0]
    if (!(rule in DEFAULTS)) throw new UserError(`Unknown game rule '${rule}' (${Object.keys(DEFAULTS).join(', ')})`)
    if (t.length === 1) return feedback(serv, ctx, `Gamerule ${rule} is currently set to: ${serv.gamerules[rule]}`)
    try {
      setGamerule(serv, rule, t[1])
    } catch (err) {
      throw new UserError(err.message)
    }
    feedback(serv, ctx, `Gamerule ${rule} is now set to: ${serv.gamerules[rule]}`)
  }
}]
