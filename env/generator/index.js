'use strict'
// The voyager terrain generator for flying-squid: `(opts) => (chunkX, chunkZ) => Chunk`.
// Seeded and deterministic: rolling hills (grass, dirt, sand by water, gravel), lakes at sea
// level, oak and birch trees, stone over deepslate over bedrock, vanilla-like ores, caves and
// three biomes (plains, forest, desert) written into the chunk's biome data.
// 1.18+ worlds: minY -64, height 384; there is no lighting engine, so sky light is set here.
// The returned function carries `.voyager = { model, findSpawn() }` for plugins/terrain.js.
const { TerrainModel, SEA_LEVEL } = require('./model')
const { placeOres } = require('./ores')
const { caveSampler } = require('./caves')
const sections = require('./sections')
const { findSpawn } = require('./spawn')
const { hash, normalizeSeed } = require('./random')

const MIN_Y = -64
const HEIGHT = 384

function blockStates (registry) {
  const state = name => {
    const block = registry.blocksByName[name]
    if (!block) throw new Error(`block ${name} is missing from minecraft-data ${registry.version.minecraftVersion}`)
    return block.defaultState
  }
  const names = ['air', 'stone', 'deepslate', 'bedrock', 'dirt', 'grass_block', 'sand', 'sandstone', 'gravel',
    'water', 'oak_log', 'oak_leaves', 'birch_log', 'birch_leaves', 'coal_ore', 'iron_ore', 'copper_ore',
    'gold_ore', 'redstone_ore', 'lapis_ore', 'diamond_ore', 'deepslate_coal_ore', 'deepslate_iron_ore',
    'deepslate_copper_ore', 'deepslate_gold_ore', 'deepslate_redstone_ore', 'deepslate_lapis_ore',
    'deepslate_diamond_ore', 'grass', 'dandelion', 'poppy', 'dead_bush']
  const ids = {}
  for (const name of names) ids[name] = state(name)
  // The grass block's default state is snowy=true in some data versions; we want snowy=false.
  const grass = registry.blocksByName.grass_block
  if (grass.states && grass.states.length) {
    const snowy = grass.states.findIndex(s => s.name === 'snowy')
    if (snowy >= 0) ids.grass_block = grass.minStateId + 1 // [snowy=true, snowy=false]
  }
  // Leaves: persistent so a future leaf-decay mechanic leaves generated trees alone.
  for (const leaves of ['oak_leaves', 'birch_leaves']) {
    const block = registry.blocksByName[leaves]
    const stateNames = (block.states || []).map(s => s.name)
    if (stateNames.join(',') === 'distance,persistent,waterlogged') ids[leaves] = block.minStateId + 0 * 4 + 0 * 2 + 1 // distance=1, persistent=true, waterlogged=false
  }
  return ids
}

function generation (opts = {}) {
  const registry = opts.registry
  const Chunk = require('prismarine-chunk')(registry)
  const seed = normalizeSeed(opts.seed ?? 42)
  const model = new TerrainModel(seed)
  const ids = blockStates(registry)
  const biomeIds = {}
  for (const name of ['plains', 'forest', 'desert']) biomeIds[name] = registry.biomesByName[name].id

  const ORE_NAMES = ['coal_ore', 'iron_ore', 'copper_ore', 'gold_ore', 'redstone_ore', 'lapis_ore', 'diamond_ore']
  const hosts = new Map([
    [ids.stone, Object.fromEntries(ORE_NAMES.map(n => [n, ids[n]]))],
    [ids.deepslate, Object.fromEntries(ORE_NAMES.map(n => [n, ids['deepslate_' + n]]))]
  ])

  // blocks[] is indexed by (y - MIN_Y) * 256 + z * 16 + x
  const index = (x, y, z) => ((y - MIN_Y) << 8) | (z << 4) | x
  const SOLID_FOR_TREES = new Set([ids.grass_block, ids.dirt])

  function generateChunk (chunkX, chunkZ) {
    const chunk = new Chunk({ minY: MIN_Y, worldHeight: HEIGHT })
    const blocks = new Uint16Array(16 * 16 * HEIGHT)
    const heights = new Int16Array(256)
    const biomes = new Array(256)
    const x0 = chunkX * 16
    const z0 = chunkZ * 16
    let topY = SEA_LEVEL
    let maxHeight = SEA_LEVEL
    for (let z = 0; z < 16; z++) {
      for (let x = 0; x < 16; x++) {
        const h = model.surfaceHeight(x0 + x, z0 + z)
        heights[z * 16 + x] = h
        if (h > maxHeight) maxHeight = h
      }
    }
    const caveBottom = MIN_Y + 6
    const carved = caveSampler(model, x0, z0, caveBottom, Math.max(caveBottom + 4, maxHeight - 8))

    for (let z = 0; z < 16; z++) {
      for (let x = 0; x < 16; x++) {
        const wx = x0 + x; const wz = z0 + z
        const biome = model.biome(wx, wz)
        const height = heights[z * 16 + x]
        const soil = model.soil(wx, wz, height, biome)
        biomes[z * 16 + x] = biome
        if (height > topY) topY = height
        const col = (z << 4) | x
        blocks[col] = ids.bedrock
        for (let y = MIN_Y + 1; y <= height; y++) {
          let id
          // Vanilla's bedrock floor: y = -64 + k is bedrock with chance (5 - k) / 5, so up to y=-60.
          if (y <= MIN_Y + 4 && hash(seed, wx, wz, y) % 5 >= y - MIN_Y) id = ids.bedrock
          else if (y < 0 || (y < 8 && (hash(seed, wx, wz, y) & 7) >= y)) id = ids.deepslate
          else if (y > height - soil.depth) id = y === height ? ids[soil.top] : ids[soil.under]
          else if (soil.deep && y > height - soil.depth - 3) id = ids[soil.deep]
          else id = ids.stone
          blocks[((y - MIN_Y) << 8) | col] = id
        }
        for (let y = height + 1; y <= SEA_LEVEL; y++) blocks[((y - MIN_Y) << 8) | col] = ids.water
        // Caves stay 8 blocks below the surface so spawns and lake floors stay intact.
        for (let y = caveBottom; y < height - 8; y++) {
          if (carved(x, y, z)) blocks[((y - MIN_Y) << 8) | col] = ids.air
        }
      }
    }

    placeOres(seed, chunkX, chunkZ, blocks, index, MIN_Y, topY, hosts)

    // Plants on grass (decided per column, so deterministic).
    for (let z = 0; z < 16; z++) {
      for (let x = 0; x < 16; x++) {
        const h = heights[z * 16 + x]
        const under = blocks[index(x, h, z)]
        const r = hash(seed, x0 + x, z0 + z, 31) % 1000
        if (under === ids.grass_block && h >= SEA_LEVEL) {
          const plant = r < 60 ? ids.grass : r < 66 ? ids.dandelion : r < 70 ? ids.poppy : 0
          if (plant) blocks[index(x, h + 1, z)] = plant
        } else if (under === ids.sand && biomes[z * 16 + x] === 'desert' && r < 6) {
          blocks[index(x, h + 1, z)] = ids.dead_bush
        }
      }
    }

    // Trees whose canopy reaches this chunk (trunks up to 2 blocks outside it).
    for (const tree of model.treesIn(x0 - 2, z0 - 2, x0 + 17, z0 + 17)) {
      const log = tree.kind === 'birch' ? ids.birch_log : ids.oak_log
      const leaves = tree.kind === 'birch' ? ids.birch_leaves : ids.oak_leaves
      const tx = tree.x - x0; const tz = tree.z - z0
      if (tx >= 0 && tx < 16 && tz >= 0 && tz < 16) {
        const below = index(tx, tree.base - 1, tz)
        if (SOLID_FOR_TREES.has(blocks[below])) blocks[below] = ids.dirt
        for (let dy = 0; dy < tree.trunk; dy++) blocks[index(tx, tree.base + dy, tz)] = log
      }
      for (const [dx, dy, dz] of model.leaves(tree)) {
        const x = tx + dx; const z = tz + dz
        if (x < 0 || x > 15 || z < 0 || z > 15) continue
        const at = index(x, tree.base + dy, z)
        const current = blocks[at]
        if (current === ids.air || current === ids.grass || current === ids.dandelion || current === ids.poppy) blocks[at] = leaves
      }
      topY = Math.max(topY, tree.base + tree.trunk + 1)
    }

    // Copy into the chunk, section by section.
    sections.fillSections(chunk, blocks, MIN_Y, (Math.min(HEIGHT - 1, topY + 2 - MIN_Y)) >> 4)
    const pos = { x: 0, y: 0, z: 0 }

    // Sky light: full above the highest opaque block of each column (water and leaves let
    // it through here, a simplification), up to the top of the next section.
    const lightTop = Math.min(MIN_Y + HEIGHT - 1, ((topY + 2 - MIN_Y) | 15) + 16 + MIN_Y)
    for (let z = 0; z < 16; z++) {
      for (let x = 0; x < 16; x++) {
        let y = lightTop
        pos.x = x; pos.z = z
        while (y > MIN_Y) {
          const id = blocks[index(x, y, z)]
          if (id !== 0 && id !== ids.water && id !== ids.oak_leaves && id !== ids.birch_leaves &&
              id !== ids.grass && id !== ids.dandelion && id !== ids.poppy && id !== ids.dead_bush) break
          pos.y = y
          chunk.setSkyLight(pos, 15)
          y--
        }
      }
    }

    // Biomes are stored per 4x4x4 cell; use the biome of each cell's centre column.
    for (let bz = 0; bz < 4; bz++) {
      for (let bx = 0; bx < 4; bx++) {
        const id = biomeIds[biomes[(bz * 4 + 2) * 16 + bx * 4 + 2]]
        pos.x = bx * 4; pos.z = bz * 4
        for (let y = MIN_Y; y < MIN_Y + HEIGHT; y += 4) {
          pos.y = y
          chunk.setBiome(pos, id)
        }
      }
    }
    return chunk
  }

  generateChunk.voyager = { model, seed, findSpawn: () => findSpawn(model) }
  return generateChunk
}

module.exports = generation
