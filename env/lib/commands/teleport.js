// /tp and /teleport in the vanilla forms, from a player or the console (flying-squid's is
// player-only): /tp <destination>, /tp <x y z>, /tp <targets> <destination>, /tp <targets> <x y z>.
// ~ is relative to the sender; from the console, to each target's own position.
// Whole-number x/z go to the block centre, as in vanilla.
'use strict'
const { Vec3 } = require('vec3')
const { tokens, usage, parseCoord, resolveTargets, feedback, UserError } = require('./args')

const LIMIT = 30000000

function target (serv, toks, ctx, origin) {
  const pos = new Vec3(
    parseCoord(toks[0], origin ? origin.x : null, 'x'),
    parseCoord(toks[1], origin ? origin.y : null, 'y'),
    parseCoord(toks[2], origin ? origin.z : null, 'z'))
  if (!toks[0].startsWith('~') && !toks[0].includes('.')) pos.x += 0.5
  if (!toks[2].startsWith('~') && !toks[2].includes('.')) pos.z += 0.5
  if (Math.abs(pos.x) > LIMIT || Math.abs(pos.z) > LIMIT || pos.y < -20000000 || pos.y > 20000000) throw new UserError('Position out of the world')
  return pos
}

// Awaited so the client has its new position before it reads the feedback line.
async function move (entity, pos) {
  await entity.teleport(pos)
}

module.exports = ({ serv }) => [{
  base: 'teleport',
  aliases: ['tp'],
  usage: '/tp [targets] <destination entity | x y z>',
  info: 'Teleport entities',
  async run (str, ctx) {
    const t = tokens(str)
    const sender = ctx.player
    const name = e => e.username || e.name
    if (t.length === 1 || t.length === 2) {
      const movers = t.length === 1 ? (sender ? [sender] : null) : resolveTargets(serv, t[0], ctx)
      if (!movers) throw new UserError('Name who to teleport from the console: /tp <targets> <destination>')
      const dest = resolveTargets(serv, t[t.length - 1], ctx)
      if (dest.length !== 1) throw new UserError(`The destination '${t[t.length - 1]}' must be exactly one entity`)
      for (const e of movers) await move(e, dest[0].position.clone())
      feedback(serv, ctx, `Teleported ${movers.map(name).join(', ')} to ${name(dest[0])}`)
      return
    }
    if (t.length === 3) {
      if (!sender) throw new UserError('Name who to teleport from the console: /tp <targets> <x> <y> <z>')
      const pos = target(serv, t, ctx, sender.position)
      await move(sender, pos)
      feedback(serv, ctx, `Teleported ${sender.username} to ${pos.x.toFixed(2)}, ${pos.y.toFixed(2)}, ${pos.z.toFixed(2)}`)
      return
    }
    if (t.length === 4) {
      const movers = resolveTargets(serv, t[0], ctx)
      if (movers.length === 0) throw new UserError(`No entity matches '${t[0]}'`)
      for (const e of movers) {
        const pos = target(serv, t.slice(1), ctx, sender ? sender.position : e.position)
        await move(e, pos)
        feedback(serv, ctx, `Teleported ${name(e)} to ${pos.x.toFixed(2)}, ${pos.y.toFixed(2)}, ${pos.z.toFixed(2)}`)
      }
      return
    }
    throw usage(this.usage)
  }
}]
