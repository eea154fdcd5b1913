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
  let lastProblem = `there is ${bot.blockAt(pos).name} there and no free spot next to it with a solid block to place against`
  let tries = 0
  for (const spot of _placeCandidates(bot, pos)) {
    if (++tries > 3) break
    const placed = await _placeAt(bot, name, spot)
    if (placed.ok) return spot
    lastProblem = placed.problem
  }
  // In a pit or a tunnel every spot is solid: clear a plain ground block and place there.
  if (tries === 0) {
    const spot = await _digPlaceSpot(bot, pos)
    if (spot) {
      const placed = await _placeAt(bot, name, spot)
      if (placed.ok) return spot
      lastProblem = placed.problem
    }
  }
  return _fail(bot, 'placeItem', `I could not place ${name} at or next to ${_fmtPos(pos)}: ${lastProblem}. ` +
    'Choose another position on solid ground near me, e.g. bot.entity.position.offset(1, 0, 0).')
}

// Free spots with a solid neighbour: the position, its neighbours, then the 5x3x5 box
// around it, nearest first; never the bot's own column (placing above its head walls it in).
function _placeCandidates (bot, pos) {
  const feet = bot.entity.position.floored()
  const out = []
  for (let dy = -1; dy <= 1; dy++) {
    for (let dx = -2; dx <= 2; dx++) {
      for (let dz = -2; dz <= 2; dz++) {
        const spot = pos.offset(dx, dy, dz)
        if (spot.x === feet.x && spot.z === feet.z && spot.y >= feet.y) continue
        out.push(spot)
      }
    }
  }
  out.sort((a, b) => a.distanceTo(pos) - b.distanceTo(pos))
  return out.filter(spot => _isFreeSpot(bot, spot) && _hasSupport(bot, spot))
}

async function _placeAt (bot, name, spot) {
  const goal = new GoalPlaceBlock(spot, bot.world, { range: 4.5 })
  const reached = await _goto(bot, goal, { target: spot })
  if (!reached.ok) return { ok: false, problem: `I could not get near it: ${reached.reason}` }
  const view = goal.getFaceAndRef(bot.entity.position.offset(0, bot.entity.height || 1.62, 0)) ||
    goal.getFaceAndRef(bot.entity.position.floored().offset(0.5, 1.6, 0.5))
  if (!view) return { ok: false, problem: 'I could not see a face to place against' }
  const held = _inventoryItem(bot, name)
  if (!held) return { ok: false, problem: `I have no ${name} left` }
  const before = _countItem(bot, name)
  try {
    await bot.equip(held, 'hand')
    await _withTimeout(bot.placeBlock(bot.blockAt(view.ref), view.face.scaled(-1)), 8000, 'the server did not confirm the placement')
  } catch (err) {
    await bot.waitForTicks(2)
    if (_countItem(bot, name) >= before && _isFreeSpot(bot, spot)) return { ok: false, problem: err.message }
  }
  // The server's slot update trails the block update placeBlock waits for: let the inventory
  // catch up, so code right after placeItem (or givePlacedItemBack's count) sees the item gone.
  for (let i = 0; i < 10 && _countItem(bot, name) >= before; i++) await bot.waitForTicks(1)
  await _chat(bot, `Placed ${name} at ${_fmtPos(spot)}.`)
  return { ok: true }
}

// Dig out a plain ground block (stone, dirt...) at or beside `pos` at the bot's level and
// return its position, or null.
async function _digPlaceSpot (bot, pos) {
  const ground = ['stone', 'dirt', 'grass_block', 'coarse_dirt', 'sand', 'red_sand', 'gravel', 'deepslate',
    'cobbled_deepslate', 'granite', 'diorite', 'andesite', 'tuff', 'netherrack', 'cobblestone', 'clay', 'sandstone']
  const feet = bot.entity.position.floored()
  const spots = [pos, feet.offset(1, 0, 0), feet.offset(-1, 0, 0), feet.offset(0, 0, 1), feet.offset(0, 0, -1)]
  for (const spot of spots) {
    const block = bot.blockAt(spot)
    if (!block || !ground.includes(block.name) || !bot.canDigBlock(block)) continue
    if (spot.offset(0.5, 0.5, 0.5).distanceTo(bot.entity.position.offset(0, 1.62, 0)) > 4.5) continue
    try {
      await _equipForBlock(bot, block)
      await _withTimeout(bot.dig(block, true), bot.digTime(block) + 5000, 'dig timed out', () => bot.stopDigging())
    } catch (err) {
      continue
    }
    if (_isFreeSpot(bot, spot) && _hasSupport(bot, spot)) return spot
  }
  return null
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
