// exploreUntil(bot, direction, maxTime = 60, callback): walk in `direction` (a Vec3 of -1/0/1)
// until callback() returns something truthy (returned) or maxTime seconds pass (null).
// See exploreUntil.md.
'use strict'

async function exploreUntil (bot, direction, maxTime = 60, callback = () => false) {
  if (typeof maxTime !== 'number' || !(maxTime >= 0)) throw new Error('maxTime must be a number')
  if (typeof callback !== 'function') throw new Error('callback must be a function')
  if (!_isVec3Like(direction)) throw new Error('direction for exploreUntil must be a Vec3, e.g. new Vec3(1, 0, 1)')
  const dx = direction.x
  const dy = direction.y
  const dz = direction.z
  if (![dx, dy, dz].every(v => v === -1 || v === 0 || v === 1)) {
    throw new Error('direction must be a Vec3 only with value of -1, 0 or 1')
  }
  if (dx === 0 && dy === 0 && dz === 0) throw new Error('direction cannot be 0, 0, 0')
  maxTime = Math.min(maxTime, 1200)

  const check = async () => {
    let result = callback()
    if (result && typeof result.then === 'function') result = await result
    return result
  }
  const first = await check()
  if (first) { await _chat(bot, 'Explore success.'); return first }

  const start = bot.entity.position.clone()
  const deadline = Date.now() + maxTime * 1000
  let lastPos = start.clone()
  let lastMove = Date.now()
  let replans = 0
  let ticks = 0
  const newGoal = (jitter) => {
    const d = 16 + Math.floor(Math.random() * 16)
    const p = bot.entity.position
    // A sideways nudge gets around walls and water when plain progress stalls.
    const side = jitter ? (Math.random() < 0.5 ? -1 : 1) * (6 + Math.floor(Math.random() * 10)) : 0
    const x = Math.floor(p.x + dx * d + (dz !== 0 ? side : 0) + (dx === 0 && dz === 0 ? side : 0))
    const z = Math.floor(p.z + dz * d + (dx !== 0 ? side : 0))
    let goal
    if (dx === 0 && dz === 0) goal = jitter ? new GoalNear(x, p.y + dy * d, z, 2) : new GoalY(Math.floor(p.y + dy * d))
    else if (dy === 0) goal = new GoalXZ(x, z)
    else goal = new GoalNear(x, Math.floor(p.y + dy * d), z, 2)
    bot.pathfinder.setGoal(goal)
  }
  const previousMovements = bot.pathfinder.movements
  bot.pathfinder.setMovements(_movements(bot))
  try {
    newGoal(false)
    while (Date.now() < deadline) {
      await bot.waitForTicks(10)
      ticks += 10
      if (ticks % 20 === 0) {
        const found = await check()
        if (found) { await _chat(bot, 'Explore success.'); return found }
      }
      const pos = bot.entity.position
      if (pos.distanceTo(lastPos) > 1) { lastPos = pos.clone(); lastMove = Date.now() }
      const stuck = Date.now() - lastMove > 5000 && !bot.targetDigBlock
      if (!bot.pathfinder.goal || stuck) {
        if (stuck) { replans++; lastMove = Date.now(); bot.setControlState('jump', true); await bot.waitForTicks(4); bot.setControlState('jump', false) }
        newGoal(stuck || replans > 0)
      }
    }
    const found = await check()
    if (found) { await _chat(bot, 'Explore success.'); return found }
    const moved = Math.round(bot.entity.position.distanceTo(start))
    await _chat(bot, `Max exploration time reached: I explored toward (${dx}, ${dy}, ${dz}) for ${maxTime} s (${moved} blocks) without finding it; try another direction.`)
    return null
  } finally {
    try { bot.pathfinder.setGoal(null) } catch (err) { /* already stopped */ }
    if (previousMovements) bot.pathfinder.setMovements(previousMovements)
    bot.clearControlStates()
  }
}
