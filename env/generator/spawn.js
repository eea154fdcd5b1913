'use strict'
// A spawn column for the model: dry grass (not water, not under a canopy), with trees within
// a short walk. Searched in a square spiral from (0, 0), so it is the same for a seed.
const { SEA_LEVEL } = require('./model')

const NEAR_TREES = 16 // a tree trunk within this many blocks
const CLEAR = 3 // no trunk this close (canopies reach 2 blocks from the trunk)

function isGoodSpawn (model, x, z) {
  const biome = model.biome(x, z)
  if (biome === 'desert') return false
  const height = model.surfaceHeight(x, z)
  if (height <= SEA_LEVEL + 1) return false
  if (model.soil(x, z, height, biome).top !== 'grass_block') return false
  const trees = model.treesIn(x - NEAR_TREES, z - NEAR_TREES, x + NEAR_TREES, z + NEAR_TREES)
  if (trees.length < 2) return false
  return !trees.some(t => Math.abs(t.x - x) <= CLEAR && Math.abs(t.z - z) <= CLEAR)
}

/** {x, y, z} of the block the player stands in (the air above the grass). */
function findSpawn (model, maxRadius = 2048) {
  for (let r = 0; r <= maxRadius; r += 4) {
    for (let dx = -r; dx <= r; dx += 4) {
      for (const dz of (r === 0 ? [0] : [-r, r])) {
        if (isGoodSpawn(model, dx, dz)) return { x: dx, y: model.surfaceHeight(dx, dz) + 1, z: dz }
      }
    }
    for (let dz = -r + 4; dz <= r - 4; dz += 4) {
      for (const dx of [-r, r]) {
        if (isGoodSpawn(model, dx, dz)) return { x: dx, y: model.surfaceHeight(dx, dz) + 1, z: dz }
      }
    }
  }
  return { x: 0, y: Math.max(SEA_LEVEL, model.surfaceHeight(0, 0)) + 1, z: 0 }
}

module.exports = { findSpawn, isGoodSpawn }
