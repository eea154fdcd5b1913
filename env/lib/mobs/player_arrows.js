// Bows for players, as vanilla 1.19.2's BowItem: using a bow (use_item; mineflayer's
// bot.activateItem) starts drawing it if the player has arrows (or is in creative), releasing
// it (block_dig status 5; bot.deactivateItem) shoots an arrow with the power of the draw time.
// flying-squid 1.12 ignores both (its digging.js has `// TODO: Shoot arrow`).
// The arrow flies through projectiles.js (gravity 0.05 and drag 0.99 per tick) and hits the
// first mob or other player whose box (grown by 0.3, as vanilla) is on its path: damage
// ceil(2 x speed in blocks/tick), plus a random 0..damage/2+1 for a full-draw (critical)
// arrow; a mob is hurt, knocked back, killed and drops loot through combat.js as if the
// shooter had hit it. One arrow is used up per shot (none in creative or with Infinity on a
// plain arrow) and the bow loses one durability, through player.inventory.updateSlot so the
// client gets the change (windows.js).
// Not done: picking arrows back up, tipped arrows' effects (they fly as plain arrows),
// Power/Punch/Flame enchantments, the shooter's own motion added to the arrow, crossbows.
'use strict'
const { Vec3 } = require('vec3')

const AMMO = ['arrow', 'spectral_arrow', 'tipped_arrow']
const MAX_SPEED = 3 // blocks/tick at full draw (vanilla power x 3)
const EYE_HEIGHT = 1.62 // standing player; vanilla spawns the arrow 0.1 below the eyes
const INACCURACY = 1 // vanilla bow
const HIT_MARGIN = 0.3 // vanilla grows entity boxes by 0.3 for projectile hits
const BASE_DAMAGE = 2
const TICKS_PER_SECOND = 20
const PLAYER_WIDTH = 0.6
const PLAYER_HEIGHT = 1.8

/** Vanilla BowItem.getPowerForTime: 0..1 from the ticks the bow was drawn. */
function drawPower (ticks) {
  const f = ticks / 20
  return Math.min(1, (f * f + f * 2) / 3)
}

/** Vanilla AbstractArrow damage for an arrow flying at `speed` blocks/tick. */
function arrowDamage (speed, crit, random = Math.random) {
  const damage = Math.ceil(Math.max(0, speed * BASE_DAMAGE))
  return crit ? damage + Math.floor(random() * (Math.floor(damage / 2) + 2)) : damage
}

/** Unit look vector for a notchian yaw/pitch in degrees (yaw 0 = +Z, pitch > 0 = down). */
function lookDirection (yaw, pitch) {
  const y = yaw * Math.PI / 180
  const p = pitch * Math.PI / 180
  return new Vec3(-Math.sin(y) * Math.cos(p), -Math.sin(p), Math.cos(y) * Math.cos(p))
}

// Standard normal sample (Box-Muller), for vanilla's gaussian spread.
function gaussian (random = Math.random) {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
}

/** Vanilla Projectile.shoot: direction plus gaussian spread x 0.0075 x inaccuracy, times speed (blocks/tick). */
function shotVelocity (direction, speed, inaccuracy = INACCURACY, random = Math.random) {
  const d = direction.unit()
  const spread = () => gaussian(random) * 0.0075 * inaccuracy
  return new Vec3(d.x + spread(), d.y + spread(), d.z + spread()).scaled(speed)
}

/** Fraction 0..1 of the segment a -> b where it first enters box {min, max}, or null. */
function segmentEntersBox (a, b, box) {
  let t0 = 0
  let t1 = 1
  for (const axis of ['x', 'y', 'z']) {
    const d = b[axis] - a[axis]
    if (Math.abs(d) < 1e-9) {
      if (a[axis] < box.min[axis] || a[axis] > box.max[axis]) return null
      continue
    }
    let near = (box.min[axis] - a[axis]) / d
    let far = (box.max[axis] - a[axis]) / d
    if (near > far) [near, far] = [far, near]
    t0 = Math.max(t0, near)
    t1 = Math.min(t1, far)
    if (t0 > t1) return null
  }
  return t0
}

function hitBox (position, width, height) {
  const h = width / 2 + HIT_MARGIN
  return {
    min: new Vec3(position.x - h, position.y - HIT_MARGIN, position.z - h),
    max: new Vec3(position.x + h, position.y + height + HIT_MARGIN, position.z + h)
  }
}

/** Window-0 slots searched for arrows, in vanilla's order: offhand, main hand, hotbar, main inventory. */
function ammoSlots (heldItemSlot) {
  const slots = [45, 36 + heldItemSlot]
  for (let i = 36; i <= 44; i++) if (!slots.includes(i)) slots.push(i)
  for (let i = 9; i <= 35; i++) slots.push(i)
  return slots
}

function createPlayerArrows (ctx) {
  const { serv } = ctx
  const states = new WeakMap() // player -> { yaw, pitch, drawing: { slot, startedAt } | null }

  const stateOf = player => {
    let st = states.get(player)
    if (!st) { st = { yaw: null, pitch: null, drawing: null }; states.set(player, st) }
    return st
  }
  const creative = player => player.gameMode === 1

  function findAmmo (player) {
    for (const slot of ammoSlots(player.heldItemSlot || 0)) {
      const item = player.inventory.slots[slot]
      if (item && AMMO.includes(item.name)) return { slot, item }
    }
    return null
  }

  function startDrawing (player, hand) {
    const st = stateOf(player)
    st.drawing = null
    const slot = hand === 1 ? 45 : 36 + (player.heldItemSlot || 0)
    const bow = player.inventory.slots[slot]
    if (!bow || bow.name !== 'bow' || player.health <= 0 || player.gameMode === 3) return false
    if (!creative(player) && !findAmmo(player)) return false // vanilla: no draw without arrows
    st.drawing = { slot, type: bow.type, startedAt: Date.now() }
    return true
  }

  // Vanilla BowItem.releaseUsing. Returns the arrow entity, or null when nothing was shot.
  function release (player) {
    const st = stateOf(player)
    const drawing = st.drawing
    st.drawing = null
    if (!drawing || player.health <= 0) return null
    const bow = player.inventory.slots[drawing.slot]
    if (!bow || bow.type !== drawing.type) return null
    // Timed in wall-clock ms (50 per tick), like eating: a lagging server must not weaken shots.
    const ticks = Math.floor((Date.now() - drawing.startedAt) / (1000 / TICKS_PER_SECOND))
    const power = drawPower(ticks)
    if (power < 0.1) return null
    const ammo = findAmmo(player)
    if (!ammo && !creative(player)) return null
    const arrow = launch(player, power, ammo ? ammo.item.name : 'arrow')
    if (!arrow) return null
    if (!creative(player)) {
      const infinity = ammo.item.name === 'arrow' && enchanted(bow, 'infinity')
      if (!infinity) useOne(player, ammo.slot, ammo.item)
      wearBow(player, drawing.slot, bow)
    }
    return arrow
  }

  function launch (player, power, ammoName) {
    const st = stateOf(player)
    // The exact look the client last sent (flying-squid keeps only an angle byte).
    const yaw = st.yaw ?? player.yaw * 360 / 256
    const pitch = st.pitch ?? player.pitch * 360 / 256
    const from = player.position.offset(0, EYE_HEIGHT - 0.1, 0)
    const velocity = shotVelocity(lookDirection(yaw, pitch), power * MAX_SPEED).scaled(TICKS_PER_SECOND)
    const crit = power >= 1
    const onHit = (arrow, a, b) => {
      const victim = firstVictim(player, a, b)
      if (!victim) return false
      const damage = arrowDamage(arrow.velocity.norm() / TICKS_PER_SECOND, crit)
      if (victim.voyagerMob) ctx.combat.damageMob(victim, damage, player)
      else ctx.combat.hurtPlayer(victim, damage, player, 'arrow')
      return true
    }
    return ctx.projectiles.launch({
      world: player.world,
      from,
      velocity,
      owner: player,
      entity: ammoName === 'spectral_arrow' ? 'spectral_arrow' : 'arrow',
      onHit
    })
  }

  // The nearest living mob or other player whose hit box the segment a -> b enters.
  function firstVictim (shooter, a, b) {
    let best = null
    let bestT = Infinity
    const consider = (entity, width, height) => {
      const t = segmentEntersBox(a, b, hitBox(entity.position, width, height))
      if (t !== null && t < bestT) { best = entity; bestT = t }
    }
    for (const mob of ctx.mobs.values()) {
      if (mob.voyagerMob.dead || mob.world !== shooter.world) continue
      consider(mob, mob.voyagerMob.def.width, mob.voyagerMob.def.height)
    }
    for (const p of serv.players) {
      if (p === shooter || p.world !== shooter.world || p.health <= 0 || p._client.ended) continue
      consider(p, PLAYER_WIDTH, PLAYER_HEIGHT)
    }
    return best
  }

  function useOne (player, slot, item) {
    if (item.count > 1) {
      item.count -= 1
      player.inventory.updateSlot(slot, item)
    } else {
      player.inventory.updateSlot(slot, null)
    }
  }

  function enchanted (item, name) {
    try {
      return (item.enchants || []).some(e => e.name === name)
    } catch (err) {
      return false
    }
  }

  // Vanilla: one durability per shot; the bow breaks when it runs out.
  function wearBow (player, slot, bow) {
    if (!bow.maxDurability) return
    const used = (bow.durabilityUsed || 0) + 1
    if (used >= bow.maxDurability) {
      player.inventory.updateSlot(slot, null)
      return
    }
    bow.durabilityUsed = used
    player.inventory.updateSlot(slot, bow)
  }

  /** Listen to one player's bow packets. */
  function attach (player) {
    const client = player._client
    const guarded = fn => (...args) => { try { fn(...args) } catch (err) { serv.emit('error', err) } }
    const look = ({ yaw, pitch }) => {
      if (!Number.isFinite(yaw) || !Number.isFinite(pitch)) return
      const st = stateOf(player)
      st.yaw = yaw
      st.pitch = pitch
    }
    client.on('look', look)
    client.on('position_look', look)
    client.on('use_item', guarded(({ hand }) => startDrawing(player, hand)))
    // Before 1.9 using an item was a block_place at no block (direction -1).
    client.on('block_place', guarded(({ direction }) => { if (direction === -1) startDrawing(player, 0) }))
    client.on('block_dig', guarded(({ status }) => { if (status === 5) release(player) }))
    client.on('held_item_slot', () => { stateOf(player).drawing = null })
  }

  return { attach, startDrawing, release }
}

module.exports = { createPlayerArrows, drawPower, arrowDamage, lookDirection, shotVelocity, segmentEntersBox, ammoSlots }
