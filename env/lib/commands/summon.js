// /summon <entity> [x y z] from a player or the console. The mobs plugin registers a richer
// one; this one is registered only when none is (see plugins/commands.js) and spawns through
// serv.voyagerSpawnMob when it exists (flying-squid's spawnMob no-ops for 1.17+ animals).
'use strict'
const { tokens, usage, parsePosition, feedback, UserError } = require('./args')

module.exports = ({ serv, registry }) => [{
  base: 'summon',
  usage: '/summon <entity> [x y z]',
  info: 'Summon an entity',
  fallback: true,
  run (str, ctx) {
    const t = tokens(str)
    if (t.length !== 1 && t.length !== 4) throw usage(this.usage)
    if (t.length === 1 && !ctx.player) throw new UserError('Give coordinates from the console: /summon <entity> <x> <y> <z>')
    const name = t[0].replace(/^minecraft:/, '')
    const def = registry.entitiesByName[name]
    if (!def) throw new UserError(`Unknown entity '${t[0]}'`)
    const pos = t.length === 4 ? parsePosition(t.slice(1), ctx.player ? ctx.player.position : null) : ctx.player.position.clone()
    const world = ctx.player ? ctx.player.world : serv.overworld
    let entity
    if (typeof serv.voyagerSpawnMob === 'function') {
      try {
        entity = serv.voyagerSpawnMob(name, pos, { world })
      } catch (err) {
        throw new UserError(err.message)
      }
      if (!entity) throw new UserError(`Cannot summon ${name} now (mob cap or peaceful difficulty)`)
    } else if (def.type === 'object' || name === 'item') {
      throw new UserError(`Cannot summon ${name}: only mobs are supported`)
    } else {
      entity = serv.spawnMob(def.id, world, pos)
    }
    feedback(serv, ctx, `Summoned new ${name}`)
  }
}]
