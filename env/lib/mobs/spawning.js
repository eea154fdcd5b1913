// Creating and removing mobs: the spawn API (serv.voyagerSpawnMob), the mob cap, despawning
// far/peaceful mobs, and natural spawning near players (passive on grass by day, hostile at
// night or in roofed darkness, never within a light source's reach).
'use strict'
const crypto = require('crypto')
const { Vec3 } = require('vec3')
const { MOBS, PASSIVE, difficultyOf } = require('./types')
const { spawnPacket, healthMetadata } = require('./packets')

// Living entity types from minecraft-data we can spawn without a hand-written entry.
const LIVING_TYPES = new Set(['animal', 'hostile', 'passive', 'mob', 'water_creature', 'ambient'])

function isNight (serv) {
  const t = ((serv.time || 0) % 24000 + 24000) % 24000
  return t >= 13000 && t < 23000
}

function createSpawning (ctx) {
  const { serv, registry, config, blocks } = ctx

  function definition (name) {
    if (MOBS[name]) return MOBS[name]
    const e = registry.entitiesByName[name]
    if (!e || !LIVING_TYPES.has(e.type)) return null
    const hostile = e.type === 'hostile'
    return { hostile, health: hostile ? 20 : 10, width: e.width, height: e.height, walk: 1.0, panic: 2.5, chase: 2.3, damage: [0, 2, 2, 3], loot: [] }
  }

  const alive = () => [...ctx.mobs.values()].filter(m => !m.voyagerMob.dead)

  // Returns the new entity, or null when the cap, peaceful difficulty or max-entities forbids it.
  function spawnMob (name, position, options = {}) {
    name = String(name).replace(/^minecraft:/, '')
    const def = definition(name)
    if (!def) throw new Error(`unknown mob '${name}'`)
    if (def.hostile && difficultyOf(serv) === 0) return null
    if (!options.force && alive().length >= config.maxMobs) return null
    const world = options.world || serv.overworld
    let mob
    try {
      mob = serv.initEntity('mob', registry.entitiesByName[name].id, world, new Vec3(position.x, position.y, position.z))
    } catch (err) {
      return null // flying-squid's max-entities limit
    }
    mob.uuid = crypto.randomUUID()
    mob.name = name
    mob.velocity = new Vec3(0, 0, 0)
    // No `size`: flying-squid's built-in entity physics (which floats mobs and ignores walls)
    // skips entities without one; ai.js moves our mobs instead.
    mob.size = undefined
    mob.health = options.health ?? def.health
    mob.yawDegrees = options.yaw ?? Math.random() * 360
    mob.pitch = 0
    mob.headPitch = 0
    mob.metadata = healthMetadata(mob.health)
    mob.getSpawnPacket = () => spawnPacket(mob)
    mob.voyagerMob = {
      def,
      natural: !!options.natural,
      dead: false,
      hurtAt: 0,
      attackAt: 0,
      vy: 0,
      knockback: new Vec3(0, 0, 0),
      onGround: false,
      wander: null,
      panicUntil: 0,
      panicFrom: null,
      provokedBy: null,
      fuse: 0,
      bornTick: serv.tickCount || 0
    }
    // Everything else that hurts a mob (e.g. /kill) goes through our combat.
    mob.takeDamage = ({ damage = 1 } = {}) => ctx.combat.damageMob(mob, damage, null)
    ctx.mobs.set(mob.id, mob)
    mob.updateAndSpawn()
    return mob
  }

  function despawn (mob) {
    if (!ctx.mobs.has(mob.id)) return
    ctx.mobs.delete(mob.id)
    mob.voyagerMob.dead = true
    // flying-squid's destroyEntity sends entity_destroy to players nearby and forgets the entity.
    serv.destroyEntity(mob)
  }

  const activePlayers = () => serv.players.filter(p => p.world && p.position && p.gameMode !== 3)

  function nearestPlayerDistance (mob) {
    let best = Infinity
    for (const p of activePlayers()) {
      if (p.world !== mob.world) continue
      best = Math.min(best, p.position.distanceTo(mob.position))
    }
    return best
  }

  // Far mobs and hostiles on peaceful go away (vanilla despawns beyond 128 blocks).
  function despawnTick () {
    const peaceful = difficultyOf(serv) === 0
    for (const mob of ctx.mobs.values()) {
      if (mob.voyagerMob.dead) continue
      if (peaceful && mob.voyagerMob.def.hostile) { despawn(mob); continue }
      if (nearestPlayerDistance(mob) > config.despawnDistance) despawn(mob)
    }
  }

  function randomSpot (player, minR, maxR) {
    const angle = Math.random() * Math.PI * 2
    const r = minR + Math.random() * (maxR - minR)
    return { x: Math.floor(player.position.x + Math.cos(angle) * r) + 0.5, z: Math.floor(player.position.z + Math.sin(angle) * r) + 0.5 }
  }

  function spawningEnabled () {
    if (!config.naturalSpawning) return false
    const rule = serv.gamerules?.doMobSpawning ?? ctx.settings.gamerules?.doMobSpawning
    return rule !== false && rule !== 'false'
  }

  function tryPassive (player) {
    const { x, z } = randomSpot(player, config.spawnRadius[0], config.spawnRadius[1])
    const world = player.world
    if (!blocks.loaded(world, x, z)) return
    const y = blocks.groundBelow(world, x, player.position.y + 16, z, player.position.y - 24)
    if (y === null || blocks.name(world, x, y - 1, z) !== 'grass_block' || blocks.roofed(world, x, y, z)) return
    const name = PASSIVE[Math.floor(Math.random() * PASSIVE.length)]
    const pack = 1 + Math.floor(Math.random() * 3)
    for (let i = 0; i < pack; i++) {
      const px = x + (i === 0 ? 0 : Math.floor(Math.random() * 5) - 2)
      const pz = z + (i === 0 ? 0 : Math.floor(Math.random() * 5) - 2)
      const py = blocks.groundBelow(world, px, y + 2, pz, y - 3)
      if (py === null || blocks.name(world, px, py - 1, pz) !== 'grass_block') continue
      spawnMob(name, { x: px, y: py, z: pz }, { world, natural: true })
    }
  }

  function tryHostile (player) {
    const { x, z } = randomSpot(player, config.hostileRadius[0], config.hostileRadius[1])
    const world = player.world
    if (!blocks.loaded(world, x, z)) return
    const y = blocks.groundBelow(world, x, player.position.y + 16, z, player.position.y - 24)
    if (y === null || blocks.liquid(world, x, y, z) || blocks.liquid(world, x, y - 1, z)) return
    // Dark enough, as in vanilla 1.18+: no block light (torches, lanterns... nearby: see
    // blocks.light), and either under a roof (cave, room; tree canopies do not count) or at night.
    const dark = (isNight(serv) || blocks.roofed(world, x, y, z, 48, true)) && blocks.light(world, x, y, z).block === 0
    if (!dark) return
    const types = config.hostileTypes.filter(n => MOBS[n])
    const name = types[Math.floor(Math.random() * types.length)]
    if (!name || !blocks.fits(world, x, y, z, MOBS[name].height)) return
    spawnMob(name, { x, y, z }, { world, natural: true })
  }

  function naturalTick () {
    if (!spawningEnabled()) return
    const mobs = alive()
    if (mobs.length >= config.maxMobs) return
    for (const player of activePlayers()) {
      if (player.health <= 0) continue
      const near = mobs.filter(m => m.world === player.world && m.position.distanceTo(player.position) < 64)
      const passives = near.filter(m => !m.voyagerMob.def.hostile).length
      const hostiles = near.length - passives
      if (passives < config.passivePerPlayer && !isNight(serv)) tryPassive(player)
      if (hostiles < config.hostilePerPlayer && difficultyOf(serv) > 0) tryHostile(player)
    }
  }

  return { spawnMob, despawn, despawnTick, naturalTick, alive, activePlayers, definition }
}

module.exports = { createSpawning, isNight }
