// Wire encodings for mob packets on 1.19.x: angle bytes, int16 velocities (clamped: an
// out-of-range i16 makes the packet serializer throw and the client is kicked) and the
// spawn_entity packet a vanilla server sends for a living mob.
'use strict'

// Degrees (notchian yaw: 0 = +Z, 90 = -X) -> signed angle byte.
function angleByte (degrees) {
  let b = Math.round((((degrees % 360) + 360) % 360) * 256 / 360) & 0xff
  if (b > 127) b -= 256
  return b
}

// Notchian yaw in degrees for walking along (dx, dz).
function yawToward (dx, dz) {
  return Math.atan2(-dx, dz) * 180 / Math.PI
}

const clampI16 = v => Math.max(-32768, Math.min(32767, Math.round(v)))

// Blocks per second -> 1/8000 block per tick, clamped to int16.
function wireVelocity (v) {
  return { x: clampI16(v.x * 400), y: clampI16(v.y * 400), z: clampI16(v.z * 400) }
}

function spawnPacket (mob) {
  const velocity = wireVelocity(mob.velocity)
  return {
    entityId: mob.id,
    objectUUID: mob.uuid,
    type: mob.entityType,
    x: mob.position.x,
    y: mob.position.y,
    z: mob.position.z,
    pitch: 0,
    yaw: angleByte(mob.yawDegrees || 0),
    headPitch: 0,
    objectData: 0,
    velocity,
    velocityX: velocity.x,
    velocityY: velocity.y,
    velocityZ: velocity.z
  }
}

// LivingEntity metadata index 9 is health (type 2 = float) on 1.17-1.19.
const healthMetadata = health => [{ key: 9, type: 2, value: health }]

module.exports = { angleByte, yawToward, clampI16, wireVelocity, spawnPacket, healthMetadata }
