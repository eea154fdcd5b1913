// Synchronous block queries for mob movement and spawning (prismarine-world's `world.sync`
// reads loaded columns only; an unloaded column reads as air, so callers check `loaded`).
'use strict'
const { Vec3 } = require('vec3')

// Block light, as the brightest light source within reach: level - (|dx| + |dy| + |dz|), as
// vanilla light spreads, but through walls too (no occlusion: errs towards lit). flying-squid
// has no lighting engine, so the world's stored block light stays 0 next to a placed torch.
const MAX_LIGHT = 15

// stateId -> light level for the blocks that glow (redstone torches and campfires only when lit).
function emitterLevels (registry) {
  const levels = new Map()
  for (const b of registry.blocksArray) {
    if (!(b.emitLight > 0)) continue
    const lit = (b.states || []).findIndex(s => s.name === 'lit')
    for (let id = b.minStateId; id <= b.maxStateId; id++) {
      if (lit >= 0) {
        // States enumerate properties in order, the last varying fastest; booleans list true first.
        let stride = 1
        for (let i = b.states.length - 1; i > lit; i--) stride *= b.states[i].num_values
        if (Math.floor((id - b.minStateId) / stride) % 2 !== 0) continue
      }
      levels.set(id, b.emitLight)
    }
  }
  return levels
}

function createBlocks (registry) {
  const byState = registry.blocksByStateId
  const emitters = emitterLevels(registry)
  const stateOf = (world, x, y, z) => world.sync.getBlockStateId(new Vec3(Math.floor(x), Math.floor(y), Math.floor(z)))
  const block = (world, x, y, z) => byState[stateOf(world, x, y, z)]

  const loaded = (world, x, z) => !!world.sync.getColumnAt(new Vec3(Math.floor(x), 0, Math.floor(z)))
  const solid = (world, x, y, z) => { const b = block(world, x, y, z); return !!b && b.boundingBox === 'block' }
  const liquid = (world, x, y, z) => { const b = block(world, x, y, z); return !!b && (b.name === 'water' || b.name === 'lava') }
  const name = (world, x, y, z) => { const b = block(world, x, y, z); return b ? b.name : 'air' }

  // Room for a body of `height` blocks with its feet at y.
  function fits (world, x, y, z, height) {
    for (let dy = 0; dy < Math.ceil(height); dy++) if (solid(world, x, y + dy, z)) return false
    return true
  }

  // Highest standing y (top of a solid block with room above) in [yMin, yMax], or null.
  function groundBelow (world, x, yMax, z, yMin, height = 2) {
    for (let y = Math.floor(yMax); y > yMin; y--) {
      if (solid(world, x, y - 1, z) && fits(world, x, y, z, height)) return y
    }
    return null
  }

  // A solid block somewhere above: the spot is under a roof (cave, overhang). With
  // ignoreLeaves, tree canopies do not count (shade from leaves is not darkness).
  function roofed (world, x, y, z, range = 48, ignoreLeaves = false) {
    for (let dy = 2; dy < range; dy++) {
      const b = block(world, x, y + dy, z)
      if (b && b.boundingBox === 'block' && !(ignoreLeaves && b.name.endsWith('_leaves'))) return true
    }
    return false
  }

  function emittedLight (world, x, y, z) {
    let best = 0
    const p = new Vec3(0, 0, 0)
    for (let dy = -(MAX_LIGHT - 1); dy < MAX_LIGHT; dy++) {
      const ry = MAX_LIGHT - 1 - Math.abs(dy)
      for (let dx = -ry; dx <= ry; dx++) {
        const rz = ry - Math.abs(dx)
        for (let dz = -rz; dz <= rz; dz++) {
          const level = emitters.get(world.sync.getBlockStateId(p.set(x + dx, y + dy, z + dz)))
          if (level === undefined) continue
          best = Math.max(best, level - Math.abs(dx) - Math.abs(dy) - Math.abs(dz))
          if (best >= MAX_LIGHT - 1) return best
        }
      }
    }
    return best
  }

  // { sky, block } light at a block; block light is the stored value or, when brighter, the
  // light of sources nearby (see emittedLight).
  function light (world, x, y, z) {
    const p = new Vec3(Math.floor(x), Math.floor(y), Math.floor(z))
    const stored = world.sync.getBlockLight(p) || 0
    return { sky: world.sync.getSkyLight(p), block: Math.max(stored, emittedLight(world, p.x, p.y, p.z)) }
  }

  return { block, loaded, solid, liquid, name, fits, groundBelow, roofed, light }
}

module.exports = { createBlocks }
