// Arrows: a real `arrow` entity that clients see fly, simulated on the server (speed, gravity,
// drag, blocks, then whatever the shooter's `onHit` finds on the path). Skeletons shoot at
// players through shoot(); players' bows (player_arrows.js) use launch(). Arrows cannot be
// picked up and vanish one second after they stick in a block.
'use strict'
const crypto = require('crypto')
const { Vec3 } = require('vec3')
const { angleByte, wireVelocity } = require('./packets')

const SPEED = 32 // blocks/s (vanilla 1.6 blocks/tick)
const GRAVITY = 20 // blocks/s^2 (vanilla 0.05 blocks/tick^2)
const DRAG = 0.99 // per tick
const LIFETIME_MS = 5000
const STUCK_MS = 1000
const PLAYER_WIDTH = 0.6
const PLAYER_HEIGHT = 1.8

function createProjectiles (ctx) {
  const { serv, registry, blocks } = ctx
  const arrows = new Set()

  function remove (arrow) {
    if (!arrows.delete(arrow)) return
    serv.destroyEntity(arrow)
  }

  // Velocity that reaches `to` from `from` at SPEED, aimed a bit high for the drop (vanilla adds
  // 0.2 per block of horizontal distance), plus vanilla's inaccuracy.
  function aim (from, to, inaccuracy) {
    const d = to.minus(from)
    const horizontal = Math.hypot(d.x, d.z)
    const dir = new Vec3(d.x, d.y + horizontal * 0.2, d.z)
    const len = dir.norm() || 1
    const jitter = () => (Math.random() - 0.5) * 2 * 0.0075 * inaccuracy
    return new Vec3(dir.x / len + jitter(), dir.y / len + jitter(), dir.z / len + jitter()).scaled(SPEED)
  }

  // Launches an arrow entity from `from` at `velocity` (blocks/s) and returns it (null when
  // flying-squid's max-entities refuses it). Every tick `onHit(arrow, a, b)` is asked about the
  // segment a -> b the arrow flies (cut short at the first solid block): true means it hit
  // something there and the arrow is removed.
  function launch ({ world, from, velocity, owner, entity = 'arrow', onHit }) {
    let arrow
    try {
      arrow = serv.initEntity('object', registry.entitiesByName[entity].id, world, from)
    } catch (err) {
      return null // max-entities
    }
    arrow.uuid = crypto.randomUUID()
    arrow.name = entity
    arrow.velocity = velocity
    arrow.size = undefined // skip flying-squid's entity physics; tick() moves arrows
    arrow.metadata = []
    arrow.voyagerArrow = { shooter: owner, onHit, bornAt: Date.now(), stuckAt: 0 }
    arrow.getSpawnPacket = () => {
      const velocity = wireVelocity(arrow.velocity)
      const yaw = Math.atan2(-arrow.velocity.x, arrow.velocity.z) * 180 / Math.PI
      const pitch = -Math.atan2(arrow.velocity.y, Math.hypot(arrow.velocity.x, arrow.velocity.z)) * 180 / Math.PI
      return {
        entityId: arrow.id,
        objectUUID: arrow.uuid,
        type: arrow.entityType,
        x: arrow.position.x,
        y: arrow.position.y,
        z: arrow.position.z,
        pitch: angleByte(pitch),
        yaw: angleByte(yaw),
        headPitch: 0,
        objectData: owner.id + 1, // the owner's entity id + 1
        velocity
      }
    }
    arrows.add(arrow)
    arrow.updateAndSpawn()
    return arrow
  }

  // A skeleton's arrow at a player.
  function shoot (shooter, target, damage, inaccuracy) {
    const from = shooter.position.offset(0, shooter.voyagerMob.def.height * 0.85, 0)
    const to = target.position.offset(0, PLAYER_HEIGHT / 3, 0)
    const onHit = (arrow, a, b) => {
      const victim = hitPlayer(arrow.world, a, b)
      if (!victim) return false
      ctx.combat.hurtPlayer(victim, damage, shooter, 'arrow')
      return true
    }
    return launch({ world: shooter.world, from, velocity: aim(from, to, inaccuracy), owner: shooter, onHit })
  }

  function hitPlayer (world, a, b) {
    for (const p of ctx.spawning.activePlayers()) {
      if (p.world !== world || p.health <= 0) continue
      // Sample the segment against the player's box.
      const steps = Math.max(1, Math.ceil(a.distanceTo(b) / 0.2))
      for (let i = 1; i <= steps; i++) {
        const q = a.plus(b.minus(a).scaled(i / steps))
        if (Math.abs(q.x - p.position.x) <= PLAYER_WIDTH / 2 + 0.25 && Math.abs(q.z - p.position.z) <= PLAYER_WIDTH / 2 + 0.25 &&
          q.y >= p.position.y - 0.25 && q.y <= p.position.y + PLAYER_HEIGHT + 0.25) return p
      }
    }
    return null
  }

  function firstSolid (world, a, b) {
    const steps = Math.max(1, Math.ceil(a.distanceTo(b) / 0.25))
    for (let i = 1; i <= steps; i++) {
      const q = a.plus(b.minus(a).scaled(i / steps))
      if (blocks.solid(world, q.x, q.y, q.z)) return a.plus(b.minus(a).scaled((i - 1) / steps))
    }
    return null
  }

  function tick (dt) {
    const now = Date.now()
    for (const arrow of arrows) {
      const state = arrow.voyagerArrow
      if (state.stuckAt) { if (now - state.stuckAt > STUCK_MS) remove(arrow); continue }
      if (now - state.bornAt > LIFETIME_MS || !blocks.loaded(arrow.world, arrow.position.x, arrow.position.z)) { remove(arrow); continue }
      const from = arrow.position
      arrow.velocity = arrow.velocity.scaled(DRAG).offset(0, -GRAVITY * dt, 0)
      let to = from.plus(arrow.velocity.scaled(dt))
      // Blocks first (an arrow does not hit through a wall), then what is on the remaining path.
      const stop = firstSolid(arrow.world, from, to)
      if (stop) to = stop
      if (state.onHit && state.onHit(arrow, from, to)) {
        remove(arrow)
        continue
      }
      if (stop) {
        state.stuckAt = now
        arrow.velocity = new Vec3(0, 0, 0)
      }
      arrow.sendPosition(to, !!stop).catch(err => serv.emit('error', err))
    }
  }

  function lineOfSight (world, from, to) {
    return firstSolid(world, from, to) === null
  }

  return { launch, shoot, tick, lineOfSight, firstSolid, count: () => arrows.size }
}

module.exports = { createProjectiles }
