// The observation after every step (schema 1, docs/OBSERVATION.md): JSON-serialisable.
'use strict'
const { Vec3 } = require('vec3')
const { CHEST_NAMES } = require('./chests')

const SCHEMA = 1
const ENTITY_RADIUS = 32
const RECORD_STEPS = 10 // blockRecords: block names seen in the last this-many observations

class Observer {
  constructor ({ radius = 16, chests }) {
    this.radius = radius
    this.chests = chests
    this.history = [] // voxel name lists of recent observations
    this.names = null // stateId -> block name
    this.cache = null // {key, voxels}: the last scan, reused while nothing in the world changed
  }

  // Any block change or chunk (un)load invalidates the cached scan.
  attach (bot) {
    this.cache = null
    const invalidate = () => { this.cache = null }
    bot.on('blockUpdate', invalidate)
    bot.on('chunkColumnLoad', invalidate)
    bot.on('chunkColumnUnload', invalidate)
  }

  // elapsedTicks: game ticks the last step took (0 for observations outside a step).
  observe (bot, { elapsedTicks = 0, record = true } = {}) {
    const voxels = this.voxels(bot)
    if (record) {
      this.history.push(voxels)
      if (this.history.length > RECORD_STEPS) this.history.shift()
    }
    const blockRecords = []
    const seen = new Set()
    for (const list of this.history) for (const name of list) if (!seen.has(name)) { seen.add(name); blockRecords.push(name) }
    const timeOfDay = bot.time ? bot.time.timeOfDay : 0
    return {
      schema: SCHEMA,
      biome: biomeName(bot),
      time: timeOfDay,
      timeOfDay: timeOfDayLabel(timeOfDay),
      elapsedTicks,
      voxels,
      blockRecords,
      entities: nearbyEntities(bot),
      status: status(bot),
      inventory: inventoryCounts(bot),
      inventoryUsed: usedSlots(bot),
      nearbyChests: this.chests.observe(bot)
    }
  }

  // Distinct block names (air excluded) in the box of half-size `radius` around the bot.
  voxels (bot) {
    const c0 = bot.entity.position.floored()
    const key = `${c0.x},${c0.y},${c0.z},${this.radius}`
    if (this.cache && this.cache.key === key) return this.cache.voxels.slice()
    const voxels = this.scan(bot)
    this.cache = { key, voxels }
    return voxels.slice()
  }

  scan (bot) {
    const registry = bot.registry
    if (!this.names) this.names = []
    const names = this.names
    const r = this.radius
    const c = bot.entity.position.floored()
    const minY = Math.max(c.y - r, bot.game.minY ?? -64)
    const maxY = Math.min(c.y + r, (bot.game.minY ?? -64) + (bot.game.height ?? 384) - 1)
    const found = new Set()
    const chestIds = new Set()
    const local = new Vec3(0, 0, 0)
    for (let cx = (c.x - r) >> 4; cx <= (c.x + r) >> 4; cx++) {
      for (let cz = (c.z - r) >> 4; cz <= (c.z + r) >> 4; cz++) {
        const column = bot.world.getColumn(cx, cz)
        if (!column) continue
        const x0 = Math.max(c.x - r, cx * 16); const x1 = Math.min(c.x + r, cx * 16 + 15)
        const z0 = Math.max(c.z - r, cz * 16); const z1 = Math.min(c.z + r, cz * 16 + 15)
        for (let x = x0; x <= x1; x++) {
          local.x = x & 15
          for (let z = z0; z <= z1; z++) {
            local.z = z & 15
            for (let y = minY; y <= maxY; y++) {
              local.y = y
              const state = column.getBlockStateId(local)
              let name = names[state]
              if (name === undefined) {
                const block = registry.blocksByStateId[state]
                name = names[state] = block ? block.name : 'unknown'
              }
              if (name === 'air' || name === 'cave_air' || name === 'void_air') continue
              found.add(name)
              if (CHEST_NAMES.has(name)) chestIds.add(`${x},${y},${z}`)
            }
          }
        }
      }
    }
    for (const key of chestIds) {
      const [x, y, z] = key.split(',').map(Number)
      this.chests.see({ x, y, z })
    }
    return [...found].sort()
  }
}

// From the chunk's biome id via bot.registry (prismarine-block's block.biome comes out
// nameless on 1.19.2 with mineflayer 4.25).
function biomeName (bot) {
  try {
    const id = bot.world.getBiome(bot.entity.position)
    const biome = bot.registry.biomes[id]
    if (biome && biome.name) return biome.name
  } catch (err) { /* unloaded chunk */ }
  return 'unknown'
}

// Voyager's labels for the time of day.
function timeOfDayLabel (t) {
  if (t < 1000) return 'sunrise'
  if (t < 6000) return 'day'
  if (t < 12000) return 'noon'
  if (t < 13000) return 'sunset'
  if (t < 18000) return 'night'
  if (t < 22000) return 'midnight'
  return 'sunrise'
}

function nearbyEntities (bot) {
  const me = bot.entity.position
  const out = {}
  for (const entity of Object.values(bot.entities)) {
    if (!entity || entity === bot.entity || !entity.position || !entity.name) continue
    if (entity.name === 'item' || entity.name === 'experience_orb' || entity.name === 'player') continue
    const d = entity.position.distanceTo(me)
    if (!(d <= ENTITY_RADIUS)) continue
    if (out[entity.name] === undefined || d < out[entity.name]) out[entity.name] = round(d, 1)
  }
  return out
}

function status (bot) {
  const e = bot.entity
  const slots = bot.inventory.slots
  const name = slot => (slot ? slot.name : null)
  return {
    health: round(bot.health ?? 0, 1),
    food: bot.food ?? 0,
    saturation: round(bot.foodSaturation ?? 0, 1),
    oxygen: bot.oxygenLevel ?? 20,
    position: vec(e.position, 2),
    velocity: vec(e.velocity, 3),
    yaw: round(e.yaw, 3),
    pitch: round(e.pitch, 3),
    onGround: !!e.onGround,
    gameMode: (bot.game && bot.game.gameMode) || 'survival',
    equipment: [name(slots[36 + bot.quickBarSlot]), name(slots[45]), name(slots[5]), name(slots[6]), name(slots[7]), name(slots[8])]
  }
}

// Items in the 36 inventory slots (armor and offhand are in status.equipment).
function inventoryCounts (bot) {
  const counts = {}
  for (let slot = 9; slot <= 44; slot++) {
    const item = bot.inventory.slots[slot]
    if (item) counts[item.name] = (counts[item.name] || 0) + item.count
  }
  return counts
}

function vec (v, digits) {
  return v ? { x: round(v.x, digits), y: round(v.y, digits), z: round(v.z, digits) } : { x: 0, y: 0, z: 0 }
}

function round (n, digits) {
  const f = 10 ** digits
  return Number.isFinite(n) ? Math.round(n * f) / f : 0
}

function usedSlots (bot) {
  let used = 0
  for (let slot = 9; slot <= 44; slot++) if (bot.inventory.slots[slot]) used++
  return used
}

module.exports = { Observer, SCHEMA, timeOfDayLabel }
