// /voyagerreset <player> <json> — not vanilla: calls serv.voyagerReset (see lib/reset.js),
// e.g. /voyagerreset bot {"inventory":{"oak_log":4},"position":{"x":0,"y":70,"z":0}}
'use strict'
const { usage, resolvePlayers, feedback, UserError } = require('./args')

module.exports = ({ serv }) => [{
  base: 'voyagerreset',
  usage: '/voyagerreset <player> <json options>',
  info: 'Reset a player (inventory, equipment, position, vitals)',
  async run (str, ctx) {
    const m = /^\s*(\S+)\s+(\{.*\})\s*$/.exec(String(str || ''))
    if (!m) throw usage(this.usage)
    let opts
    try {
      opts = JSON.parse(m[2])
    } catch (err) {
      throw new UserError('Options are not valid JSON: ' + err.message)
    }
    for (const p of resolvePlayers(serv, m[1], ctx)) {
      try {
        await serv.voyagerReset(p, opts)
      } catch (err) {
        throw new UserError(err.message)
      }
      feedback(serv, ctx, `Reset ${p.username}`)
    }
  }
}]
