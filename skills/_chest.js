// Private helpers for the chest primitives (getItemFromChest, depositItemIntoChest,
// checkItemInsideChest). Like Voyager, opening a chest emits `closeChest(items, position)`
// and a missing chest emits `removeChest(position)`, which the bridge's observation uses
// for `nearbyChests`.
'use strict'

function _chestNames () {
  return ['chest', 'trapped_chest', 'barrel']
}

// Walk to the chest at `position` and open it. Returns {chest, block} or {problem}.
async function _openChestAt (bot, position, primitive) {
  const pos = _blockPos(position, `chestPosition for ${primitive}`)
  let block = bot.blockAt(pos)
  if (!block || pos.distanceTo(bot.entity.position) > 24) {
    // Too far to see or reach: get close first, then look again.
    const near = await _goto(bot, new GoalNear(pos.x, pos.y, pos.z, 3), { target: pos })
    if (!near.ok) return { problem: `I could not get to the chest at ${_fmtPos(pos)} (${near.reason}).` }
    block = bot.blockAt(pos)
  }
  if (!block || !_chestNames().includes(block.name)) {
    bot.emit('removeChest', pos)
    return { problem: `There is no chest at ${_fmtPos(pos)}; it is ${block ? block.name : 'unloaded'}. Check nearbyChests for chest positions.` }
  }
  const reached = await _goto(bot, new GoalLookAtBlock(pos, bot.world, { reach: 4 }), { target: pos })
  if (!reached.ok) return { problem: `I could not reach the chest at ${_fmtPos(pos)} (${reached.reason}).` }
  try {
    const chest = await _withTimeout(bot.openContainer(bot.blockAt(pos)), 10000, 'the chest did not open',
      () => { if (bot.currentWindow) bot.closeWindow(bot.currentWindow) })
    return { chest, block: bot.blockAt(pos), pos }
  } catch (err) {
    return { problem: `I could not open the chest at ${_fmtPos(pos)}: ${err.message}.` }
  }
}

function _containerCounts (chest) {
  const counts = {}
  for (const item of chest.containerItems()) counts[item.name] = (counts[item.name] || 0) + item.count
  return counts
}

// Report the contents (for the observation) and close the window, whatever happened.
function _closeChest (bot, chest, pos) {
  try { bot.emit('closeChest', _containerCounts(chest), pos) } catch (err) { /* observation only */ }
  try { chest.close() } catch (err) { /* already closed */ }
}

function _checkItemMap (items, primitive, param) {
  if (!items || typeof items !== 'object' || Array.isArray(items)) {
    throw new Error(`${param} for ${primitive} must be an object of item name to count, e.g. {"cobblestone": 10}`)
  }
}
