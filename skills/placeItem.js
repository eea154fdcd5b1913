// placeItem(bot, name, position): place a block from the inventory at `position`, or next
// to it when that spot is taken or floating. See placeItem.md.
'use strict'

async function placeItem (bot, name, position) {
  if (typeof name !== 'string') throw new Error('name for placeItem must be a string')
  const pos = _blockPos(position, 'position for placeItem')
  const item = mcData.itemsByName[name]
  if (!item) throw new Error(_unknownName('item', name, mcData.itemsByName))
  if (!_inventoryItem(bot, name)) {
    return _fail(bot, 'placeItem', `I have no ${name} in my inventory; craft or collect it first.`)
  }
  if (!bot.blockAt(pos)) {
    return _fail(bot, 'placeItem', `${_fmtPos(pos)} is too far away to see; choose a position near me, e.g. bot.entity.position.offset(1, 0, 0).`)
  }
  // The position itself, then the spots around it (sides, above, below).
  const offsets = [[0, 0, 0], [1, 0, 0], [-1, 0, 0], [0, 0, 1], [0, 0, -1], [0, 1, 0], [0, -1, 0],
    [1, 0, 1], [-1, 0, -1], [1, 0, -1], [-1, 0, 1]]
  let lastProblem = `there is ${bot.blockAt(pos).name} there and no free spot next to it with a solid block to place against`
  let tries = 0
  for (const [dx, dy, dz] of offsets) {
    const spot = pos.offset(dx, dy, dz)
    if (!_isFreeSpot(bot, spot) || !_hasSupport(bot, spot)) continue
    if (++tries > 3) break
    const goal = new GoalPlaceBlock(spot, bot.world, { range: 4.5 })
    const reached = await _goto(bot, goal, { target: spot })
    if (!reached.ok) { lastProblem = `I could not get near it: ${reached.reason}`; continue }
    const view = goal.getFaceAndRef(bot.entity.position.offset(0, bot.entity.height || 1.62, 0)) ||
      goal.getFaceAndRef(bot.entity.position.floored().offset(0.5, 1.6, 0.5))
    if (!view) { lastProblem = 'I could not see a face to place against'; continue }
    const held = _inventoryItem(bot, name)
    if (!held) break
    const before = _countItem(bot, name)
    try {
      await bot.equip(held, 'hand')
      await _withTimeout(bot.placeBlock(bot.blockAt(view.ref), view.face.scaled(-1)), 8000, 'the server did not confirm the placement')
    } catch (err) {
      await bot.waitForTicks(2)
      if (_countItem(bot, name) >= before && _isFreeSpot(bot, spot)) { lastProblem = err.message; continue }
    }
    await _chat(bot, `Placed ${name} at ${_fmtPos(spot)}.`)
    return spot
  }
  return _fail(bot, 'placeItem', `I could not place ${name} at or next to ${_fmtPos(pos)}: ${lastProblem}. ` +
    'Choose another position on solid ground near me, e.g. bot.entity.position.offset(1, 0, 0).')
}

function _isFreeSpot (bot, pos) {
  const block = bot.blockAt(pos)
  if (!block) return false
  const replaceable = ['air', 'cave_air', 'void_air', 'water', 'lava', 'grass', 'tall_grass', 'fern',
    'large_fern', 'snow', 'dead_bush', 'vine', 'seagrass', 'tall_seagrass', 'fire']
  if (!replaceable.includes(block.name)) return false
  // Not inside another entity's body (the bot itself moves out of the way).
  for (const e of Object.values(bot.entities)) {
    if (!e || e === bot.entity || !e.position || e.name === 'item' || e.name === 'experience_orb') continue
    if (Math.floor(e.position.x) === pos.x && Math.floor(e.position.z) === pos.z &&
      pos.y >= Math.floor(e.position.y) && pos.y < e.position.y + (e.height || 1)) return false
  }
  return true
}

// A solid neighbour to click against ("you cannot place a floating block").
function _hasSupport (bot, pos) {
  const faces = [[0, -1, 0], [1, 0, 0], [-1, 0, 0], [0, 0, 1], [0, 0, -1], [0, 1, 0]]
  return faces.some(([x, y, z]) => {
    const b = bot.blockAt(pos.offset(x, y, z))
    return b && b.boundingBox === 'block'
  })
}
