// /kill [targets] — players die through the survival plugin (death screen, drops, respawn);
// mobs through the mobs plugin when present; other entities are removed.
'use strict'
const { tokens, usage, resolveTargets, feedback, UserError } = require('./args')

function killEntity (serv, entity) {
  if (entity.type === 'player') {
    if (typeof serv.voyagerKillPlayer === 'function') serv.voyagerKillPlayer(entity, { cause: 'kill' })
    else entity.takeDamage({ damage: 1000 })
    return
  }
  if (entity.voyagerMob && serv.voyagerMobCombat && typeof serv.voyagerMobCombat.damageMob === 'function') {
    if (serv.voyagerMobCombat.damageMob(entity, 100000, null)) return
  }
  serv.destroyEntity(entity)
}

module.exports = ({ serv }) => [{
  base: 'kill',
  usage: '/kill [targets]',
  info: 'Kill entities',
  run (str, ctx) {
    const t = tokens(str)
    if (t.length > 1) throw usage(this.usage)
    if (t.length === 0 && !ctx.player) throw new UserError('Name a target from the console: /kill <targets>')
    const victims = t.length ? resolveTargets(serv, t[0], ctx) : [ctx.player]
    if (victims.length === 0) throw new UserError(`No entity matches '${t[0]}'`)
    for (const e of victims) killEntity(serv, e)
    feedback(serv, ctx, victims.length === 1 ? `Killed ${victims[0].username || victims[0].name}` : `Killed ${victims.length} entities`)
  }
}]

module.exports.killEntity = killEntity
