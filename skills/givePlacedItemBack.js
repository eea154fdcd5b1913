// givePlacedItemBack(bot, name, position): take back blocks the bot placed, e.g. a crafting
// table after crafting. `name` and `position` are a name and a Vec3, or equal-length arrays
// of them (Voyager's form). See givePlacedItemBack.md.
'use strict'

async function givePlacedItemBack (bot, name, position) {
  const names = Array.isArray(name) ? name : [name]
  const positions = Array.isArray(position) ? position : [position]
  if (names.length !== positions.length) throw new Error('name and position for givePlacedItemBack must have the same length')
  const returned = []
  for (let i = 0; i < names.length; i++) {
    if (typeof names[i] !== 'string') throw new Error('name for givePlacedItemBack must be a string or an array of strings')
    const pos = _blockPos(positions[i], 'position for givePlacedItemBack')
    if (await _takeBlockBack(bot, names[i], pos)) returned.push(names[i])
  }
  if (returned.length) await _chat(bot, `Took back ${returned.join(', ')}.`)
  return returned.length === names.length
}

// Dig the block and pick it up. Voyager fell back to /setblock and /give; generated code may
// not run server commands (the bridge refuses them), so a block we cannot harvest stays.
async function _takeBlockBack (bot, name, pos) {
  const block = bot.blockAt(pos)
  if (!block || block.name !== name) {
    await _fail(bot, 'givePlacedItemBack', `There is no ${name} at ${_fmtPos(pos)} to take back (it is ${block ? block.name : 'unloaded'}).`)
    return false
  }
  if (!_hasRoomFor(bot, name)) {
    // Digging it now would leave the item on the ground, where it is easily lost.
    await _fail(bot, 'givePlacedItemBack', `My inventory is full, so I left the ${name} at ${_fmtPos(pos)} in place; ` +
      'deposit items into a chest or drop some first, then call givePlacedItemBack again.')
    return false
  }
  const before = _countItem(bot, name)
  const gotIt = async (ticks) => {
    for (let i = 0; i < ticks / 2 && _countItem(bot, name) <= before; i++) await bot.waitForTicks(2)
    return _countItem(bot, name) > before
  }
  if (_canHarvestWithInventory(bot, block)) {
    const reached = await _goto(bot, new GoalLookAtBlock(pos, bot.world, { reach: 4.5 }), { target: pos })
    if (reached.ok) {
      let dug = false
      try {
        await _equipForBlock(bot, block)
        await _withTimeout(bot.dig(block, true), bot.digTime(block) + 5000, 'dig timed out', () => bot.stopDigging())
        dug = true
        await _collectDrops(bot, pos.offset(0.5, 0.5, 0.5))
      } catch (err) { /* not dug: reported below */ }
      if (dug) {
        // The drop is out there: pick it up.
        if (await gotIt(40)) return true
        await _collectDrops(bot, pos.offset(0.5, 0.5, 0.5), { radius: 8, timeout: 8000, settleTicks: 2 })
        if (await gotIt(20)) return true
        await _fail(bot, 'givePlacedItemBack', `I mined the ${name} at ${_fmtPos(pos)} but could not pick it up; look for the dropped item nearby.`)
        return false
      }
    }
  }
  if (_countItem(bot, name) > before) return true
  await _fail(bot, 'givePlacedItemBack', `I could not take back the ${name} at ${_fmtPos(pos)}; mine it with mineBlock instead.`)
  return false
}

// Whether picking up one `name` fits: an empty slot or a stack of it that is not full.
function _hasRoomFor (bot, name) {
  if (bot.inventory.emptySlotCount() > 0) return true
  return bot.inventory.items().some(item => item.name === name && item.count < item.stackSize)
}
