// Fighting: players hurting mobs (weapon damage, knockback, hurt/death statuses, loot,
// entity_destroy after the death animation) and mobs hurting players.
'use strict'
const { Vec3 } = require('vec3')
const { healthMetadata } = require('./packets')
const { difficultyOf } = require('./types')

// Vanilla 1.19 attack damage of held items; anything else hits like a fist (1).
const TIERS = ['wooden', 'golden', 'stone', 'iron', 'diamond', 'netherite']
const BY_TIER = { // damage per tier, in TIERS order
  sword: [4, 4, 5, 6, 7, 8],
  axe: [7, 7, 9, 9, 9, 10],
  pickaxe: [2, 2, 3, 4, 5, 6],
  shovel: [2.5, 2.5, 3.5, 4.5, 5.5, 6.5]
}
const WEAPON_DAMAGE = { trident: 9 }
for (const [tool, damages] of Object.entries(BY_TIER)) {
  TIERS.forEach((tier, i) => { WEAPON_DAMAGE[`${tier}_${tool}`] = damages[i] })
}
const INVULNERABLE_MS = 500 // vanilla: 10 ticks after a hit
const DEATH_ANIMATION_MS = 1000 // vanilla removes the body after 20 ticks
const MAX_REACH = 6
const KNOCKBACK = 8 // blocks per second (vanilla strength 0.4 blocks/tick)
// Knockback is simulated here and shown through position updates only: no entity_velocity
// packets, because mineflayer 4.25 reads velocityX/Y/Z, which the 1.19.2 packet (a `velocity`
// vec3 since minecraft-data 3.8x; mineflayer PR #3889) does not carry, and a bot receiving one
// for itself ends up at position NaN. A hit player is therefore pushed with relative
// `position` packets (x/y/z/yaw/pitch relative: its velocity and look are kept), one small step
// per tick, stopping at walls; vanilla sends entity_velocity (strength 0.4) instead.
const PLAYER_KNOCKBACK_STEPS = [0.35, 0.3, 0.2, 0.15] // blocks per tick, about 1 block in all
const PLAYER_HALF_WIDTH = 0.3
const PLAYER_HEIGHT = 1.8

function weaponDamage (item) {
  return (item && WEAPON_DAMAGE[item.name]) || 1
}

function createCombat (ctx) {
  const { serv } = ctx

  const heldItem = player => player.inventory?.slots[36 + (player.heldItemSlot || 0)] || null

  const pushes = new Map() // player -> { x, z (unit direction), steps: [blocks] }

  function playerFits (world, x, y, z) {
    const h = PLAYER_HALF_WIDTH
    for (const [ox, oz] of [[-h, -h], [h, -h], [-h, h], [h, h]]) {
      if (!ctx.blocks.loaded(world, x + ox, z + oz) || !ctx.blocks.fits(world, x + ox, y + 0.01, z + oz, PLAYER_HEIGHT)) return false
    }
    return true
  }

  /** Push `player` away from `source` (an entity) over the next few ticks. */
  function knockPlayer (player, source) {
    if (!source || !source.position || player.health <= 0) return
    const d = player.position.minus(source.position)
    const len = Math.hypot(d.x, d.z)
    if (len < 1e-3) return
    pushes.set(player, { x: d.x / len, z: d.z / len, steps: [...PLAYER_KNOCKBACK_STEPS] })
  }

  // One knockback step per tick for every pushed player.
  function tick () {
    for (const [player, push] of pushes) {
      const step = push.steps.shift()
      if (push.steps.length === 0) pushes.delete(player)
      if (player._client.ended || player.health <= 0) { pushes.delete(player); continue }
      const p = player.position
      const dx = push.x * step
      const dz = push.z * step
      if (!playerFits(player.world, p.x + dx, p.y, p.z + dz)) { pushes.delete(player); continue }
      player._client.write('position', { x: dx, y: 0, z: dz, yaw: 0, pitch: 0, flags: 0x1f, teleportId: 0, dismountVehicle: false })
      // The client answers with its new position; until then the server assumes it moved.
      player.position = p.offset(dx, 0, dz)
    }
  }

  function writeNearby (entity, packet, data) {
    entity._writeOthersNearby(packet, data)
  }

  function knockbackFrom (source, target, strength) {
    const d = target.position.minus(source.position)
    const len = Math.hypot(d.x, d.z) || 1
    return new Vec3(d.x / len * strength, strength * 0.75, d.z / len * strength)
  }

  // Returns true when the hit landed (not dead; attacks also respect the post-hit
  // invulnerability window, damage without an attacker such as /kill or sunlight does not).
  function damageMob (mob, damage, attacker) {
    const state = mob.voyagerMob
    if (!state || state.dead) return false
    const now = Date.now()
    if (attacker && now - state.hurtAt < INVULNERABLE_MS) return false
    if (attacker) state.hurtAt = now
    mob.health = Math.max(0, mob.health - damage)
    if (attacker) {
      const kb = knockbackFrom(attacker, mob, KNOCKBACK)
      state.knockback = new Vec3(kb.x, 0, kb.z)
      if (state.onGround) state.vy = kb.y
      if (state.def.hostile) state.provokedBy = attacker
      else { state.panicUntil = now + 5000; state.panicFrom = attacker }
    }
    writeNearby(mob, 'entity_status', { entityId: mob.id, entityStatus: 2 }) // hurt animation
    mob.metadata = healthMetadata(mob.health)
    mob.sendMetadata(mob.metadata)
    if (mob.health <= 0) die(mob, attacker)
    return true
  }

  function die (mob, killer, { loot = true } = {}) {
    const state = mob.voyagerMob
    state.dead = true
    writeNearby(mob, 'entity_status', { entityId: mob.id, entityStatus: 3 }) // death animation
    if (loot) ctx.loot.dropLoot(mob, killer)
    serv.emit('voyagerMobDeath', { mob, killer })
    setTimeout(() => ctx.spawning.despawn(mob), DEATH_ANIMATION_MS)
  }

  // A player's melee hit (use_entity attack); vanilla ignores hits from farther than 6 blocks.
  function attackMob (player, mob) {
    if (player.health <= 0 || player.world !== mob.world) return false
    if (player.position.distanceTo(mob.position) > MAX_REACH) return false
    return damageMob(mob, weaponDamage(heldItem(player)), player)
  }

  // A mob hurting a player. world-survival may provide serv.voyagerDamagePlayer(player, amount,
  // {cause, attacker}) to own health and death (cause 'mob' or 'explosion'); otherwise update health directly.
  function hurtPlayer (player, amount, attacker, cause = 'mob') {
    if (amount <= 0 || player.health <= 0 || player.gameMode === 1 || player.gameMode === 3) return
    if (typeof serv.voyagerDamagePlayer === 'function') {
      if (serv.voyagerDamagePlayer(player, amount, { cause, attacker }) !== false) knockPlayer(player, attacker)
    } else {
      knockPlayer(player, attacker)
      player.updateHealth(Math.max(0, player.health - amount))
      const status = { entityId: player.id, entityStatus: player.health > 0 ? 2 : 3 }
      player._client.write('entity_status', status)
      player._writeOthersNearby('entity_status', status)
    }
  }

  // Creeper: no block damage, players in range take vanilla-like falloff damage.
  function explode (mob) {
    const difficulty = difficultyOf(serv)
    for (const p of ctx.spawning.activePlayers()) {
      if (p.world !== mob.world) continue
      const dist = p.position.distanceTo(mob.position)
      if (dist >= 6) continue
      const impact = 1 - dist / 6
      const base = (impact * impact + impact) / 2 * 7 * 6 + 1 // vanilla explosion, power 3
      hurtPlayer(p, [0, Math.min(base / 2 + 1, base), base, base * 1.5][difficulty], mob, 'explosion')
    }
    mob.health = 0
    die(mob, null, { loot: false })
  }

  return { damageMob, attackMob, hurtPlayer, knockPlayer, explode, weaponDamage, tick }
}

module.exports = { createCombat, weaponDamage, WEAPON_DAMAGE }
