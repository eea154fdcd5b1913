'use strict'
// Ore veins per chunk, after vanilla 1.18+ placed features (attempts per chunk, height
// distribution, vein size). Veins stay inside their own chunk; in deepslate an ore becomes
// its deepslate variant.
const { prng, hash } = require('./random')

// [name, attempts per chunk, distribution, minY, maxY, vein size]
// 'triangle' peaks halfway between minY and maxY (vanilla's trapezoid placement); the parts of
// a range below -64 only shape the distribution, as in vanilla.
const ORES = [
  ['coal_ore', 20, 'uniform', 0, 96, 14],
  ['iron_ore', 10, 'triangle', -24, 56, 9],
  ['iron_ore', 10, 'uniform', -64, 72, 4],
  ['copper_ore', 16, 'triangle', -16, 112, 10],
  ['gold_ore', 4, 'triangle', -64, 32, 9],
  ['redstone_ore', 4, 'uniform', -64, 15, 8],
  ['redstone_ore', 8, 'triangle', -96, -32, 8],
  ['lapis_ore', 2, 'triangle', -32, 32, 7],
  ['lapis_ore', 4, 'uniform', -64, 64, 7],
  ['diamond_ore', 7, 'triangle', -144, 16, 5]
]

/**
 * Places ores into `blocks` (Uint16Array of state ids indexed by index(x, y, z)).
 * `replaceable` maps a host state id (stone, deepslate) to { ore name -> state id }.
 */
function placeOres (seed, chunkX, chunkZ, blocks, index, minY, topY, hosts) {
  const random = prng(hash(seed, chunkX, chunkZ, 77))
  for (const [name, attempts, dist, lo, hi, size] of ORES) {
    for (let i = 0; i < attempts; i++) {
      const y = dist === 'uniform'
        ? lo + Math.floor(random() * (hi - lo + 1))
        : Math.round(lo + (random() + random()) / 2 * (hi - lo))
      let x = Math.floor(random() * 16)
      let z = Math.floor(random() * 16)
      if (y < minY || y > topY) { random(); continue }
      // A vein: a short random walk from the start, replacing stone/deepslate only.
      let yy = y
      for (let n = 0; n < size; n++) {
        if (x >= 0 && x < 16 && z >= 0 && z < 16 && yy > minY && yy <= topY) {
          const at = index(x, yy, z)
          const host = hosts.get(blocks[at])
          if (host) blocks[at] = host[name]
        }
        const step = Math.floor(random() * 6)
        if (step === 0) x++; else if (step === 1) x--; else if (step === 2) z++
        else if (step === 3) z--; else if (step === 4) yy++; else yy--
      }
    }
  }
}

module.exports = { placeOres, ORES }
