'use strict'
// The terrain as pure functions of (seed, x, z): surface height, biome, surface blocks and
// tree positions. The chunk builder (index.js) and the spawn finder (spawn.js) both read it,
// so a column looks the same whichever chunk asks for it.
const { Noise } = require('./noise')
const { hash, hash01 } = require('./random')

const SEA_LEVEL = 62
const TREE_CELL = 5 // trees sit on a jittered 5x5 grid: trunks never touch, canopies may

const BIOMES = ['plains', 'forest', 'desert']

class TerrainModel {
  constructor (seed) {
    this.seed = seed >>> 0
    this.height = new Noise(hash(seed, 1))
    this.detail = new Noise(hash(seed, 2))
    this.temperature = new Noise(hash(seed, 3))
    this.humidity = new Noise(hash(seed, 4))
    this.patches = new Noise(hash(seed, 5))
    this.caves = new Noise(hash(seed, 6))
    this.caves2 = new Noise(hash(seed, 7))
    this.seaLevel = SEA_LEVEL
  }

  /** 'plains' | 'forest' | 'desert' for a column. */
  biome (x, z) {
    const t = this.temperature.fbm2(x / 320, z / 320, 2)
    if (t > 0.22) return 'desert'
    const h = this.humidity.fbm2(x / 200, z / 200, 2)
    return h > -0.05 ? 'forest' : 'plains'
  }

  /** Surface height (y of the top solid block) of a column. */
  surfaceHeight (x, z) {
    const base = this.height.fbm2(x / 160, z / 160, 3) // continents and lakes
    const hills = this.detail.fbm2(x / 48, z / 48, 3)
    const t = this.temperature.fbm2(x / 320, z / 320, 2)
    // Deserts flatten out smoothly (no cliff at the biome border).
    const roughness = t > 0.1 ? Math.max(0.35, 1 - (t - 0.1) * 5) : 1
    const h = SEA_LEVEL + 3 + base * 14 + hills * 7 * roughness
    return Math.floor(h)
  }

  /** Topsoil of a column: { top, under, depth } block names. */
  soil (x, z, height, biome) {
    if (biome === 'desert') return { top: 'sand', under: 'sand', depth: 4, deep: 'sandstone' }
    if (height <= SEA_LEVEL + 1) {
      // Shores and lake floors: sand, with gravel patches.
      const gravel = this.patches.noise2(x / 12, z / 12) > 0.25
      return gravel ? { top: 'gravel', under: 'gravel', depth: 3 } : { top: 'sand', under: 'sand', depth: 3 }
    }
    if (this.patches.noise2(x / 9 + 100, z / 9) > 0.55) return { top: 'gravel', under: 'dirt', depth: 3 }
    return { top: 'grass_block', under: 'dirt', depth: 3 + (hash(this.seed, x, z, 11) & 1) }
  }

  /** Chance per tree cell that it holds a tree, by biome. */
  treeChance (biome) {
    return biome === 'forest' ? 0.75 : biome === 'plains' ? 0.12 : 0
  }

  /**
   * The tree of the cell (cx, cz), or null: { x, z, base, kind: 'oak'|'birch', trunk }.
   * `base` is the y of the first log (one above the grass).
   */
  treeInCell (cx, cz) {
    const h = hash(this.seed, cx, cz, 21)
    const x = cx * TREE_CELL + (h & 3)
    const z = cz * TREE_CELL + ((h >>> 2) & 3)
    const biome = this.biome(x, z)
    if (hash01(this.seed, cx, cz, 22) >= this.treeChance(biome)) return null
    const ground = this.surfaceHeight(x, z)
    if (ground <= SEA_LEVEL + 1) return null // no trees on shores and lake floors
    if (this.soil(x, z, ground, biome).top !== 'grass_block') return null
    const birchShare = biome === 'forest' ? 0.35 : 0.2
    const kind = hash01(this.seed, cx, cz, 23) < birchShare ? 'birch' : 'oak'
    const trunk = (kind === 'birch' ? 5 : 4) + ((h >>> 4) % 3)
    return { x, z, base: ground + 1, kind, trunk }
  }

  /** Every tree whose trunk lies in [x0, x1] x [z0, z1]. */
  treesIn (x0, z0, x1, z1) {
    const trees = []
    const cx0 = Math.floor(x0 / TREE_CELL); const cx1 = Math.floor(x1 / TREE_CELL)
    const cz0 = Math.floor(z0 / TREE_CELL); const cz1 = Math.floor(z1 / TREE_CELL)
    for (let cx = cx0; cx <= cx1; cx++) {
      for (let cz = cz0; cz <= cz1; cz++) {
        const tree = this.treeInCell(cx, cz)
        if (tree && tree.x >= x0 && tree.x <= x1 && tree.z >= z0 && tree.z <= z1) trees.push(tree)
      }
    }
    return trees
  }

  /**
   * Leaf blocks of a tree as [dx, dy, dz] offsets from the trunk base (vanilla "blob" shape:
   * two wide layers, two narrow ones on top, corners trimmed by hash).
   */
  leaves (tree) {
    const out = []
    const top = tree.trunk // leaves reach one block above the last log
    for (let dy = top - 3; dy <= top; dy++) {
      const radius = dy >= top - 1 ? 1 : 2
      for (let dx = -radius; dx <= radius; dx++) {
        for (let dz = -radius; dz <= radius; dz++) {
          const corner = Math.abs(dx) === radius && Math.abs(dz) === radius
          if (corner && (dy === top || (hash(this.seed, tree.x + dx, tree.z + dz, dy) & 1))) continue
          if (dx === 0 && dz === 0 && dy < top) continue // the trunk
          out.push([dx, dy, dz])
        }
      }
    }
    return out
  }

  /**
   * Cave noise at one point: [a, b, c]; carved where a^2 + b^2 is small (two "spaghetti"
   * tunnel noises near zero) or c is high (rare wide caverns). See caveCarved().
   */
  caveNoise (x, y, z) {
    return [
      this.caves.noise3(x / 40, y / 20, z / 40),
      this.caves2.noise3(x / 40, y / 20, z / 40),
      this.caves.noise3(x / 24 + 300, y / 14, z / 24)
    ]
  }
}

/** The carving rule on (interpolated) cave noise values. */
function caveCarved (a, b, c) {
  return a * a + b * b < 0.0035 || c > 0.58
}

module.exports = { caveCarved, TerrainModel, SEA_LEVEL, BIOMES, TREE_CELL }
