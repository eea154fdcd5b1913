// What the player's own movement costs and risks, derived from its position packets
// (flying-squid's 'move' behaviour): exhaustion from sprinting/swimming/jumping, fall distance
// and fall damage on landing (ceil(distance - 3), none into water or onto slime), and the
// blocks at feet and eyes that drowning and fall resets need.
'use strict'
const { EXHAUSTION } = require('./foodData')

const WATERY = new Set(['water', 'bubble_column', 'kelp', 'kelp_plant', 'seagrass', 'tall_seagrass'])
const CLIMBABLE = new Set(['ladder', 'vine', 'scaffolding', 'twisting_vines', 'twisting_vines_plant',
  'weeping_vines', 'weeping_vines_plant', 'cave_vines', 'cave_vines_plant'])
const NO_FALL_DAMAGE = new Set(['slime_block', 'powder_snow', 'cobweb'])
const EYE_HEIGHT = 1.62

function isWatery (block) {
  if (!block) return false
  if (WATERY.has(block.name)) return true
  const props = typeof block.getProperties === 'function' ? block.getProperties() : null
  return Boolean(props && props.waterlogged === true)
}

function createMovement ({ damage }) {
  // Refreshes state.feetInWater/headInWater/climbing from the world (async, one probe at a time).
  async function probe (player, state) {
    if (state.probing) return
    state.probing = true
    try {
      const pos = player.position
      const feet = await player.world.getBlock(pos.floored())
      const head = await player.world.getBlock(pos.offset(0, EYE_HEIGHT, 0).floored())
      state.feetInWater = isWatery(feet)
      state.headInWater = isWatery(head)
      state.climbing = Boolean(feet && CLIMBABLE.has(feet.name))
      state.inLava = Boolean((feet && feet.name === 'lava') || (head && head.name === 'lava'))
      if (state.feetInWater || state.climbing || state.inLava || (feet && feet.name === 'cobweb')) state.fallDistance = 0
    } catch (e) {
      // Unloaded or out-of-world positions: keep the previous values.
    } finally {
      state.probing = false
    }
  }

  async function land (player, state, distance) {
    if (distance <= 3) return
    let multiplier = 1
    try {
      const below = await player.world.getBlock(player.position.offset(0, -0.2, 0).floored())
      const feet = await player.world.getBlock(player.position.floored())
      if (isWatery(feet) || isWatery(below)) return
      if ((below && NO_FALL_DAMAGE.has(below.name)) || (feet && NO_FALL_DAMAGE.has(feet.name))) return
      if (below && (below.name === 'hay_block' || below.name.endsWith('_bed'))) multiplier = below.name === 'hay_block' ? 0.2 : 0.5
    } catch (e) {}
    const amount = Math.ceil((distance - 3) * multiplier)
    if (amount > 0) damage(player, amount, { cause: 'fall' })
  }

  // Listener for player.on('move', (data, cancelled)); runs before the position is applied,
  // so player.position is still the previous one.
  function onMove (player, state, data, cancelled) {
    if (cancelled) return
    const prev = player.position
    const pos = data.position
    if (data.teleport) {
      state.fallDistance = 0
      state.landed = true
      state.prevOnGround = data.onGround
      return
    }
    if (!state.landed) {
      // Ignore the fall right after login (until landing or a teleport): the client may settle
      // onto the ground from above.
      if (data.onGround) state.landed = true
      state.prevOnGround = data.onGround
      return
    }
    if (state.dead) return
    const dx = pos.x - prev.x
    const dy = pos.y - prev.y
    const dz = pos.z - prev.z
    const horizontal = Math.sqrt(dx * dx + dz * dz)
    if (horizontal < 10) { // larger jumps are corrections, not walking
      if (state.feetInWater) state.food.addExhaustion(EXHAUSTION.swimPerMeter * Math.sqrt(horizontal * horizontal + dy * dy))
      else if (data.onGround) state.food.addExhaustion((state.sprinting ? EXHAUSTION.sprintPerMeter : EXHAUSTION.walkPerMeter) * horizontal)
    }
    if (state.prevOnGround && !data.onGround && dy > 0 && !state.feetInWater && !state.climbing) {
      state.food.addExhaustion(state.sprinting ? EXHAUSTION.sprintJump : EXHAUSTION.jump)
    }
    const survival = player.gameMode === 0 || player.gameMode === 2
    if (!data.onGround) {
      if (dy < 0 && survival && !state.feetInWater && !state.climbing) state.fallDistance -= dy
      if (!survival) state.fallDistance = 0
    } else {
      const distance = state.fallDistance
      state.fallDistance = 0
      // Apply after the move so damage sees the landing position.
      if (distance > 3 && survival) setImmediate(() => land(player, state, distance))
    }
    state.prevOnGround = data.onGround
  }

  return { probe, onMove, land }
}

module.exports = { createMovement, isWatery, WATERY, CLIMBABLE, EYE_HEIGHT }
