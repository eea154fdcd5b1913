'use strict'
// Block loot: what a broken block drops, by vanilla rules. minecraft-data's blockLoot lists
// the possible items but its chances are coarse (e.g. stone: 50% cobblestone), so the blocks
// a bot meets in our terrain have a hand table here; everything else falls back to blockLoot.

const randInt = (random, lo, hi) => lo + Math.floor(random() * (hi - lo + 1))

// Ores (and their deepslate variants): item and [min, max] count without silk touch.
const ORES = {
  coal_ore: ['coal', 1, 1],
  iron_ore: ['raw_iron', 1, 1],
  copper_ore: ['raw_copper', 2, 5],
  gold_ore: ['raw_gold', 1, 1],
  diamond_ore: ['diamond', 1, 1],
  emerald_ore: ['emerald', 1, 1],
  redstone_ore: ['redstone', 4, 5],
  lapis_ore: ['lapis_lazuli', 4, 9]
}

const SAPLING_CHANCE = 0.05 // vanilla 1/20 (jungle 1/40), no fortune
const STICK_CHANCE = 0.02 // 1/50, 1-2 sticks
const APPLE_CHANCE = 0.005 // 1/200, oak and dark oak only

function leavesLoot (name, random) {
  const wood = name.replace('_leaves', '')
  const out = []
  const sapling = wood === 'azalea' || wood === 'flowering_azalea' ? null : (wood === 'mangrove' ? null : `${wood}_sapling`)
  if (sapling && random() < (wood === 'jungle' ? 0.025 : SAPLING_CHANCE)) out.push([sapling, 1])
  if (random() < STICK_CHANCE) out.push(['stick', randInt(random, 1, 2)])
  if ((wood === 'oak' || wood === 'dark_oak') && random() < APPLE_CHANCE) out.push(['apple', 1])
  return out
}

/**
 * Items dropped by breaking `blockName` with `toolName` (null: empty hand), as [[item, count]].
 * `canHarvest` is false when the block needs a tool the player does not hold.
 */
function blockLoot (registry, blockName, { toolName = null, silkTouch = false, canHarvest = true, random = Math.random } = {}) {
  if (!canHarvest) return []
  const base = blockName.replace(/^deepslate_/, '')
  if (ORES[base] && !silkTouch) {
    const [item, lo, hi] = ORES[base]
    return [[item, randInt(random, lo, hi)]]
  }
  if (blockName.endsWith('_leaves')) {
    if (silkTouch || toolName === 'shears') return [[blockName, 1]]
    return leavesLoot(blockName, random)
  }
  switch (blockName) {
    case 'stone': return [[silkTouch ? 'stone' : 'cobblestone', 1]]
    case 'deepslate': return [[silkTouch ? 'deepslate' : 'cobbled_deepslate', 1]]
    case 'grass_block': case 'mycelium': case 'podzol': return [[silkTouch ? blockName : 'dirt', 1]]
    case 'gravel': return [[!silkTouch && random() < 0.1 ? 'flint' : 'gravel', 1]]
    case 'grass': case 'fern': case 'tall_grass': case 'large_fern':
      if (toolName === 'shears') return [[blockName, 1]]
      return random() < 0.125 ? [['wheat_seeds', 1]] : []
    case 'dead_bush': return toolName === 'shears' ? [['dead_bush', 1]] : (randInt(random, 0, 2) ? [['stick', randInt(random, 1, 2)]] : [])
    case 'glowstone': return [['glowstone_dust', randInt(random, 2, 4)]]
    case 'clay': return [['clay_ball', 4]]
    case 'snow_block': return [['snowball', 4]]
    case 'bookshelf': return [['book', 3]]
    case 'melon': return [['melon_slice', randInt(random, 3, 7)]]
  }
  const loot = registry.blockLoot && registry.blockLoot[blockName]
  if (!loot) return []
  const drops = loot.drops.filter(d => !(d[silkTouch ? 'noSilkTouch' : 'silkTouch'] ?? false))
  const out = []
  for (const drop of drops) {
    // A lone entry's chance only reflects the silk-touch split; several entries are rolled.
    if (drops.length > 1 && (drop.dropChance ?? 1) < 1 && random() >= drop.dropChance) continue
    const [lo, hi] = drop.stackSizeRange && drop.stackSizeRange.length ? [drop.stackSizeRange[0], drop.stackSizeRange[drop.stackSizeRange.length - 1]] : [1, 1]
    const count = randInt(random, Math.max(1, lo ?? 1), Math.max(1, hi ?? lo ?? 1))
    if (registry.itemsByName[drop.item]) out.push([drop.item, count])
  }
  return out
}

/** True when `toolId` (item id or null) may harvest the block (minecraft-data harvestTools). */
function canHarvest (block, toolId) {
  if (!block.harvestTools) return true
  return toolId !== null && toolId !== undefined && Boolean(block.harvestTools[toolId])
}

module.exports = { blockLoot, canHarvest, ORES }
