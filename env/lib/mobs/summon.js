// `/summon <mob> [x y z]` (coordinates may be relative with ~), from a player's chat or the
// console. Replaces flying-squid's built-in summon, which is player-only and no-ops on 1.17+.
'use strict'
const { difficultyOf } = require('./types')

function parseCoord (token, base) {
  if (token === undefined) return base
  if (token.startsWith('~')) return base + (token.length > 1 ? Number(token.slice(1)) : 0)
  return Number(token)
}

function createSummonCommand (ctx) {
  const { serv } = ctx
  return {
    base: 'summon',
    info: 'Summon a mob',
    usage: '/summon <mob> [x y z]',
    tab: ['entity'],
    op: true,
    voyager: true, // marks our registration so other plugins can tell it from the built-in
    parse (str) {
      const args = str.trim().split(/\s+/).filter(Boolean)
      if (args.length !== 1 && args.length !== 4) return false
      return args
    },
    action (args, cmdCtx) {
      const [name, ...coords] = args
      const player = cmdCtx && cmdCtx.player
      if (!player && coords.length === 0) return 'Give coordinates from the console: /summon <mob> <x> <y> <z>'
      const base = player ? player.position : { x: 0, y: 0, z: 0 }
      const position = {
        x: parseCoord(coords[0], base.x),
        y: parseCoord(coords[1], base.y),
        z: parseCoord(coords[2], base.z)
      }
      if (![position.x, position.y, position.z].every(Number.isFinite)) return 'Bad coordinates: /summon <mob> [x y z]'
      const mobName = name.replace(/^minecraft:/, '')
      if (!ctx.spawning.definition(mobName)) return `Unknown mob '${name}'`
      if (ctx.spawning.definition(mobName).hostile && difficultyOf(serv) === 0) return `Cannot summon ${mobName}: the difficulty is peaceful`
      const mob = ctx.spawning.spawnMob(mobName, position, { world: player ? player.world : serv.overworld })
      if (!mob) return `Cannot summon ${mobName}: too many mobs (max ${ctx.config.maxMobs})`
      const text = `Summoned new ${mobName}`
      if (player) player.chat(text)
      else serv.info(text)
    }
  }
}

// Register unless a voyager plugin (e.g. commands.js) already replaced the built-in summon.
function registerSummon (ctx) {
  const existing = ctx.serv.commands.hash && ctx.serv.commands.hash.summon
  if (existing && existing.params && existing.params.voyager) return false
  ctx.serv.commands.add(createSummonCommand(ctx))
  return true
}

module.exports = { registerSummon, createSummonCommand, parseCoord }
