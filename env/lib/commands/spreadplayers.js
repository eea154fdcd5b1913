// /spreadplayers <x> <z> <spreadDistance> <maxRange> [respectTeams] <targets> (missing from
// flying-squid): each target goes to a random dry surface spot within maxRange of (x, z), at
// least spreadDistance from the others. Surfaces of water, lava, fire, cactus, magma or
// leaves are refused (vanilla only refuses liquids and fire).
'use strict'
const { Vec3 } = require('vec3')
const { tokens, usage, parseCoord, parseNumber, resolveTargets, feedback, UserError } = require('./args')
const { worldLimits } = require('./blocks')

const ATTEMPTS = 64
const UNSAFE = /^(water|lava|fire|soul_fire|cactus|magma_block|powder_snow|sweet_berry_bush|.*_leaves)$/

async function surface (world, registry, x, z) {
  const { minY, maxY } = worldLimits(registry)
  for (let y = maxY; y >= minY; y--) {
    const stateId = await world.getBlockStateId(new Vec3(x, y, z))
    if (stateId === 0) continue
    const block = registry.blocksByStateId[stateId]
    if (!block) return null
    if (block.boundingBox !== 'block') {
      if (block.name.includes('water') || block.name.includes('lava') || UNSAFE.test(block.name)) return null
      continue // grass, flowers, snow layers: look further down
    }
    if (UNSAFE.test(block.name)) return null
    return y
  }
  return null
}

async function spread (serv, registry, world, players, center, spreadDistance, maxRange) {
  const placed = []
  for (const player of players) {
    let spot = null
    for (let i = 0; i < ATTEMPTS && !spot; i++) {
      const x = Math.floor(center.x + (Math.random() * 2 - 1) * maxRange)
      const z = Math.floor(center.z + (Math.random() * 2 - 1) * maxRange)
      if (placed.some(p => Math.hypot(p.x - x, p.z - z) < spreadDistance)) continue
      const y = await surface(world, registry, x, z)
      if (y !== null) spot = new Vec3(x + 0.5, y + 1, z + 0.5)
    }
    if (!spot) throw new UserError(`Could not find a safe spot for ${player.username} within ${maxRange} blocks`)
    placed.push(spot)
    await player.teleport(spot)
  }
  return placed
}

module.exports = ({ serv, registry }) => [{
  base: 'spreadplayers',
  usage: '/spreadplayers <x> <z> <spreadDistance> <maxRange> [respectTeams] <targets>',
  info: 'Teleport players to random safe surface spots',
  async run (str, ctx) {
    const t = tokens(str)
    if (t.length !== 5 && t.length !== 6) throw usage(this.usage)
    const origin = ctx.player ? ctx.player.position : null
    const center = { x: parseCoord(t[0], origin ? origin.x : null, 'x'), z: parseCoord(t[1], origin ? origin.z : null, 'z') }
    const spreadDistance = parseNumber(t[2], 'spread distance')
    const maxRange = parseNumber(t[3], 'max range')
    if (spreadDistance < 0 || maxRange < 1 || maxRange > 30000000) throw new UserError('spreadDistance must be >= 0 and maxRange >= 1')
    const players = resolveTargets(serv, t[t.length - 1], ctx, { playersOnly: true })
    if (players.length === 0) throw new UserError(`No player matches '${t[t.length - 1]}'`)
    const world = players[0].world || serv.overworld
    const spots = await spread(serv, registry, world, players, center, spreadDistance, maxRange)
    feedback(serv, ctx, `Spread ${players.length} player(s) around ${center.x.toFixed(2)}, ${center.z.toFixed(2)}: ` +
      spots.map(s => `${s.x}, ${s.y}, ${s.z}`).join('; '))
  }
}]

module.exports.surface = surface
