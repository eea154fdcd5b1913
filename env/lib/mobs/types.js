// Vanilla 1.19.2 figures for the creatures the world knows: health, size, speeds (blocks per
// second), melee damage per difficulty and loot. One table so spawning, AI, combat and loot agree.
'use strict'

// Melee damage by difficulty [peaceful, easy, normal, hard] (vanilla: easy = min(d/2+1, d), hard = 1.5 d).
function byDifficulty (base) {
  return [0, Math.min(base / 2 + 1, base), base, base * 1.5]
}

// Skeleton bow (vanilla: shoots every 40 ticks, 20 on hard; inaccuracy 14 - 4 x difficulty).
const SKELETON_BOW = { range: 15, damage: [0, 2, 3, 4], intervalMs: [0, 2000, 2000, 1000], inaccuracy: [14, 10, 6, 2] }

const MOBS = {
  pig: { hostile: false, health: 10, width: 0.9, height: 0.9, walk: 1.2, panic: 3.0, loot: [{ item: 'porkchop', min: 1, max: 3 }] },
  cow: { hostile: false, health: 10, width: 0.9, height: 1.4, walk: 1.0, panic: 2.6, loot: [{ item: 'beef', min: 1, max: 3 }, { item: 'leather', min: 0, max: 2 }] },
  sheep: { hostile: false, health: 8, width: 0.9, height: 1.3, walk: 1.0, panic: 2.6, loot: [{ item: 'mutton', min: 1, max: 2 }, { item: 'white_wool', min: 1, max: 1, unlessSheared: true }] },
  chicken: { hostile: false, health: 4, width: 0.4, height: 0.7, walk: 1.0, panic: 2.6, loot: [{ item: 'chicken', min: 1, max: 1 }, { item: 'feather', min: 0, max: 2 }] },
  // Loot entries: min..max uniform (a negative min makes the item rarer: vanilla's spider eye is
  // uniform -1..1, i.e. one a third of the time); byPlayer: only when a player made the kill;
  // oneOf + chance: one of those items, that often (zombie: iron ingot, carrot or potato, 2.5%).
  zombie: { hostile: true, health: 20, width: 0.6, height: 1.95, walk: 1.0, chase: 2.3, damage: byDifficulty(3), burns: true, loot: [{ item: 'rotten_flesh', min: 0, max: 2 }, { oneOf: ['iron_ingot', 'carrot', 'potato'], chance: 0.025, byPlayer: true }] },
  skeleton: { hostile: true, health: 20, width: 0.6, height: 1.99, walk: 1.0, chase: 2.5, damage: byDifficulty(2), burns: true, ranged: SKELETON_BOW, loot: [{ item: 'bone', min: 0, max: 2 }, { item: 'arrow', min: 0, max: 2 }] },
  spider: { hostile: true, health: 16, width: 1.4, height: 0.9, walk: 1.2, chase: 3.0, damage: byDifficulty(2), loot: [{ item: 'string', min: 0, max: 2 }, { item: 'spider_eye', min: -1, max: 1, byPlayer: true }] },
  // Creepers do not melee: they explode (players only; no block damage) after fusing next to one.
  creeper: { hostile: true, health: 20, width: 0.6, height: 1.7, walk: 1.0, chase: 2.3, explodes: true, loot: [{ item: 'gunpowder', min: 0, max: 2 }] }
}

const PASSIVE = Object.keys(MOBS).filter(n => !MOBS[n].hostile)
const HOSTILE = Object.keys(MOBS).filter(n => MOBS[n].hostile)

module.exports = { MOBS, PASSIVE, HOSTILE }

// serv.difficulty as a number 0-3 (flying-squid's /difficulty stores "0" as a string).
const DIFFICULTY_NAMES = { peaceful: 0, easy: 1, normal: 2, hard: 3 }
function difficultyOf (serv) {
  const d = serv.difficulty
  if (typeof d === 'string' && d in DIFFICULTY_NAMES) return DIFFICULTY_NAMES[d]
  const n = Number(d)
  return Number.isInteger(n) && n >= 0 && n <= 3 ? n : 1
}

module.exports.difficultyOf = difficultyOf
