// Mob behaviour, one step per server tick: passive mobs wander (and flee when hurt), hostile
// mobs chase and melee (skeletons shoot) the nearest player within 16 blocks; simple walking
// physics (gravity, one-block step-up, walls, water) and position/look broadcasts so clients
// see them move.
'use strict'
const { Vec3 } = require('vec3')
const { yawToward, angleByte } = require('./packets')
const { difficultyOf } = require('./types')
const { isNight } = require('./spawning')

const GRAVITY = 32 // blocks/s^2
const MAX_FALL = 20 // blocks/s: at most one block per tick, so landing checks cannot skip a block
const CHASE_RANGE = 16
const ATTACK_COOLDOWN_MS = 1000
const CREEPER_FUSE_TICKS = 30

function createAi (ctx) {
  const { serv, blocks, combat, spawning } = ctx

  function nearestTarget (mob, range) {
    let best = null
    let bestDist = range
    for (const p of spawning.activePlayers()) {
      if (p.world !== mob.world || p.health <= 0 || p.gameMode === 1) continue
      const d = p.position.distanceTo(mob.position)
      if (d < bestDist) { best = p; bestDist = d }
    }
    return best
  }

  // The horizontal point the mob walks to this tick, and at what speed (null: stand still).
  function decide (mob, state, now) {
    const def = state.def
    if (def.hostile) {
      const provoked = state.provokedBy && state.provokedBy.health > 0 && state.provokedBy.world === mob.world ? state.provokedBy : null
      // Spiders are neutral in daylight unless hurt.
      const target = (mob.name === 'spider' && !isNight(serv) && !provoked) ? null : (provoked || nearestTarget(mob, CHASE_RANGE))
      if (target && target.position.distanceTo(mob.position) <= CHASE_RANGE * 1.5) {
        state.target = target
        const reach = def.width / 2 + 1.4
        const d = target.position.distanceTo(mob.position)
        if (def.explodes) {
          const fusing = d < 3
          state.fuse = fusing ? state.fuse + 1 : Math.max(0, state.fuse - 1)
          if (fusing !== !!state.fusing) {
            state.fusing = fusing
            // Creeper metadata 16 is its swell state (1 fusing, -1 idle); mineflayer-pvp reads it.
            mob.sendMetadata([{ key: 16, type: 1, value: fusing ? 1 : -1 }])
          }
          if (state.fuse >= CREEPER_FUSE_TICKS) { combat.explode(mob); return null }
          if (d < 2) return { x: target.position.x, z: target.position.z, speed: 0 }
        } else if (def.ranged && d <= def.ranged.range && ctx.projectiles.lineOfSight(mob.world,
          mob.position.offset(0, def.height * 0.85, 0), target.position.offset(0, 1.6, 0))) {
          const difficulty = difficultyOf(serv)
          if (now - state.attackAt >= def.ranged.intervalMs[difficulty]) {
            state.attackAt = now
            ctx.projectiles.shoot(mob, target, def.ranged.damage[difficulty], def.ranged.inaccuracy[difficulty])
          }
          // Keep some distance, like vanilla skeletons backing off.
          if (d < 5) {
            const away = mob.position.minus(target.position)
            const len = Math.hypot(away.x, away.z) || 1
            return { x: mob.position.x + away.x / len * 2, z: mob.position.z + away.z / len * 2, speed: def.walk, face: target.position }
          }
          return { x: target.position.x, z: target.position.z, speed: 0 }
        } else if (d <= reach && Math.abs(target.position.y - mob.position.y) < 2) {
          if (now - state.attackAt >= ATTACK_COOLDOWN_MS) {
            state.attackAt = now
            mob._writeOthersNearby('animation', { entityId: mob.id, animation: 0 }) // swing arm
            combat.hurtPlayer(target, def.damage[difficultyOf(serv)], mob)
          }
          return { x: target.position.x, z: target.position.z, speed: 0 }
        }
        return { x: target.position.x, z: target.position.z, speed: def.chase || def.walk }
      }
      state.target = null
      state.fuse = 0
    } else if (now < state.panicUntil && state.panicFrom) {
      const away = mob.position.minus(state.panicFrom.position)
      const len = Math.hypot(away.x, away.z) || 1
      return { x: mob.position.x + away.x / len * 4, z: mob.position.z + away.z / len * 4, speed: def.panic || def.walk * 2 }
    }
    // Wander: pick a nearby point now and then, stand around in between.
    if (state.wander) {
      const dx = state.wander.x - mob.position.x
      const dz = state.wander.z - mob.position.z
      if (Math.hypot(dx, dz) < 0.3 || now > state.wander.until) state.wander = null
      else return { x: state.wander.x, z: state.wander.z, speed: def.walk }
    }
    if (Math.random() < 1 / 40) {
      const a = Math.random() * Math.PI * 2
      const r = 2 + Math.random() * 6
      state.wander = { x: mob.position.x + Math.cos(a) * r, z: mob.position.z + Math.sin(a) * r, until: now + 8000 }
    }
    return null
  }

  // Can the body stand with its feet at (x, y, z)? Passive wanderers also avoid water and drops.
  function passable (mob, x, y, z, careful) {
    if (!blocks.loaded(mob.world, x, z)) return false
    const h = mob.voyagerMob.def.height
    const half = Math.min(mob.voyagerMob.def.width / 2, 0.45)
    for (const [ox, oz] of [[-half, -half], [half, -half], [-half, half], [half, half]]) {
      if (!blocks.fits(mob.world, x + ox, y, z + oz, h)) return false
    }
    if (careful) {
      if (blocks.liquid(mob.world, x, y, z) || blocks.liquid(mob.world, x, y - 1, z)) return false
      const ground = blocks.groundBelow(mob.world, x, y, z, y - 4, h)
      if (ground === null) return false
    }
    return true
  }

  // Horizontal move with a one-block step up; returns the new position or null when blocked.
  function walk (mob, pos, dx, dz, careful, swimming = false) {
    const nx = pos.x + dx
    const nz = pos.z + dz
    if (passable(mob, nx, pos.y, nz, careful)) return new Vec3(nx, pos.y, nz)
    const state = mob.voyagerMob
    // Fences and walls are 1.5 blocks tall: no stepping onto them (pens hold animals).
    const below = blocks.name(mob.world, nx, Math.floor(pos.y), nz)
    if (/fence|_wall$/.test(below)) return null
    if ((state.onGround || swimming) && passable(mob, nx, Math.floor(pos.y) + 1, nz, careful) && blocks.fits(mob.world, pos.x, Math.floor(pos.y) + 1, pos.z, state.def.height)) {
      return new Vec3(nx, Math.floor(pos.y) + 1, nz)
    }
    return null
  }

  function stepMob (mob, dt, now) {
    const state = mob.voyagerMob
    if (!blocks.loaded(mob.world, mob.position.x, mob.position.z)) return
    const goal = decide(mob, state, now)
    if (state.dead) return
    let pos = mob.position.clone()
    let yaw = mob.yawDegrees
    // Stuck inside a block (spawned in a wall, a block placed on it): climb out.
    if (!blocks.fits(mob.world, pos.x, pos.y, pos.z, state.def.height)) pos.y = Math.floor(pos.y) + 1
    const swimming = blocks.liquid(mob.world, pos.x, pos.y, pos.z)

    if (goal) {
      const dx = goal.x - pos.x
      const dz = goal.z - pos.z
      const dist = Math.hypot(dx, dz)
      if (goal.face) yaw = yawToward(goal.face.x - pos.x, goal.face.z - pos.z)
      else if (dist > 0.05) yaw = yawToward(dx, dz)
      if (goal.speed > 0 && dist > 0.05) {
        const step = Math.min(dist, goal.speed * dt)
        // Wanderers keep out of water and off cliffs; chasers and swimmers go anywhere.
        const careful = (!state.def.hostile || !state.target) && !swimming
        const moved = walk(mob, pos, dx / dist * step, dz / dist * step, careful, swimming) ||
          walk(mob, pos, Math.sign(dx) * step, 0, careful, swimming) || walk(mob, pos, 0, Math.sign(dz) * step, careful, swimming)
        if (moved) pos = moved
        else if (state.wander) state.wander = null
      }
    }

    // Knockback slides the body and decays quickly.
    if (state.knockback.x || state.knockback.z) {
      const moved = walk(mob, pos, state.knockback.x * dt, state.knockback.z * dt, false)
      if (moved) pos = moved
      state.knockback = state.knockback.scaled(0.6)
      if (Math.hypot(state.knockback.x, state.knockback.z) < 0.1) state.knockback = new Vec3(0, 0, 0)
    }

    // Vertical: water lifts, air lets the body fall until it lands on a solid block.
    const inWater = blocks.liquid(mob.world, pos.x, pos.y + state.def.height * 0.5, pos.z)
    if (inWater) {
      state.vy = 2
      pos.y += state.vy * dt
      if (!blocks.fits(mob.world, pos.x, pos.y, pos.z, state.def.height)) pos.y = mob.position.y
      state.onGround = false
    } else {
      const supported = blocks.solid(mob.world, pos.x, pos.y - 0.01, pos.z)
      if (supported && state.vy <= 0) {
        state.vy = 0
        state.onGround = true
        pos.y = Math.max(pos.y, Math.floor(pos.y - 0.01) + 1)
      } else {
        state.vy = Math.max(-MAX_FALL, state.vy - GRAVITY * dt)
        const ny = pos.y + state.vy * dt
        if (state.vy < 0 && blocks.solid(mob.world, pos.x, ny, pos.z)) {
          pos.y = Math.floor(ny) + 1
          state.vy = 0
          state.onGround = true
        } else if (state.vy > 0 && !blocks.fits(mob.world, pos.x, ny, pos.z, state.def.height)) {
          state.vy = 0
        } else {
          pos.y = ny
          state.onGround = false
        }
      }
    }
    if (pos.y < -128) { spawning.despawn(mob); return }

    // Undead burn in daylight under open sky: one point of damage a second.
    if (state.def.burns && !isNight(serv) && now - (state.burnAt || 0) >= 1000 &&
      !blocks.roofed(mob.world, pos.x, pos.y, pos.z, 64) && !inWater) {
      state.burnAt = now
      combat.damageMob(mob, 1, null)
      if (state.dead) return
    }

    broadcast(mob, pos, yaw, state.onGround)
  }

  function broadcast (mob, pos, yaw, onGround) {
    const oldByte = angleByte(mob.yawDegrees)
    mob.yawDegrees = yaw
    const newByte = angleByte(yaw)
    if (!pos.equals(mob.position)) {
      // flying-squid's sendPosition sends rel_entity_move/entity_teleport and respawns the entity
      // for players it newly comes near.
      mob.sendPosition(pos, onGround).catch(err => serv.emit('error', err))
    }
    if (newByte !== oldByte) {
      mob._writeOthersNearby('entity_look', { entityId: mob.id, yaw: newByte, pitch: 0, onGround })
      mob._writeOthersNearby('entity_head_rotation', { entityId: mob.id, headYaw: newByte })
    }
  }

  function tick (dt) {
    const now = Date.now()
    for (const mob of ctx.mobs.values()) {
      if (mob.voyagerMob.dead) continue
      try {
        stepMob(mob, dt, now)
      } catch (err) {
        serv.emit('error', err)
      }
    }
  }

  return { tick }
}

module.exports = { createAi }
