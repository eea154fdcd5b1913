// Synchronous block queries for mob movement and spawning (prismarine-world's `world.sync`
// reads loaded columns only; an unloaded column reads as air, so callers check `loaded`).
'use strict'
const { Vec3 } = require('vec3')

function createBlocks (registry) {
  const byState = registry.blocksByStateId
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

  function light (world, x, y, z) {
    const p = new Vec3(Math.floor(x), Math.floor(y), Math.floor(z))
    return { sky: world.sync.getSkyLight(p), block: world.sync.getBlockLight(p) }
  }

  return { block, loaded, solid, liquid, name, fits, groundBelow, roofed, light }
}

module.exports = { createBlocks }
