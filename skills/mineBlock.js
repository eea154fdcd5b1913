// mineBlock(bot, name, count = 1): find blocks of `name` within 32 blocks, walk to each,
// dig it with the best tool in the inventory and pick up the drops. See mineBlock.md.
'use strict'

async function mineBlock (bot, name, count = 1) {
  if (typeof name !== 'string') throw new Error('name for mineBlock must be a string')
  if (typeof count !== 'number' || !Number.isFinite(count)) throw new Error('count for mineBlock must be a number')
  const blockType = mcData.blocksByName[name]
  if (!blockType) {
    const sources = _blocksDropping(name)
    if (sources.length) throw new Error(`No block named ${name}; ${name} is an item: mine ${sources.slice(0, 3).join(' or ')} to get it`)
    throw new Error(_unknownName('block', name, mcData.blocksByName))
  }
  count = Math.max(1, Math.floor(count))
  // Ores also count in their deepslate form: same drops, same tool.
  const ids = [blockType.id]
  const deep = mcData.blocksByName['deepslate_' + name]
  if (/_ore$/.test(name) && deep) ids.push(deep.id)

  const skipped = new Set() // positions we could not reach or dig
  let mined = 0
  let lastProblem = null
  let failuresInARow = 0
  while (mined < count) {
    if (bot.inventory.emptySlotCount() === 0) {
      await _fail(bot, 'mineBlock', `My inventory is full after mining ${mined} ${name}; deposit items into a chest or drop some first.`)
      return mined
    }
    const target = _nearestMinable(bot, ids, skipped)
    if (!target) {
      if (skipped.size === 0) {
        // "cobblestone" is rarely placed in the world, but stone drops it: say so.
        const alt = _blocksDropping(name).find(n => n !== name && mcData.blocksByName[n] &&
          bot.findBlock({ matching: mcData.blocksByName[n].id, maxDistance: 32 }))
        const hint = alt ? ` ${name} also comes from mining ${alt}, which is nearby: mineBlock(bot, "${alt}", ${count - mined}).` : ''
        await _fail(bot, 'mineBlock',
          (mined === 0
            ? `No ${name} within 32 blocks; explore first with exploreUntil to find some.`
            : `I mined ${mined} of ${count} ${name}; there is no more ${name} within 32 blocks, explore with exploreUntil to find more.`) + hint)
      } else {
        await _fail(bot, 'mineBlock', (mined === 0 ? `I could not reach any ${name} within 32 blocks` : `I mined ${mined} of ${count} ${name}; I could not reach the other ${name} nearby`) +
          ` (${lastProblem}). Move somewhere else or explore with exploreUntil first.`)
      }
      return mined
    }
    if (!_canHarvestWithInventory(bot, target)) {
      const tool = _cheapestHarvestTool(target)
      await _fail(bot, 'mineBlock', `I need a ${tool} or better to mine ${target.name}; without it ${target.name} drops nothing. Craft ${tool} first.`)
      return mined
    }
    const key = target.position.toString()
    const reached = await _goto(bot, new GoalLookAtBlock(target.position, bot.world, { reach: 4.5 }), { target: target.position })
    const block = bot.blockAt(target.position)
    if (!block || !ids.includes(block.type)) { skipped.add(key); continue } // someone else took it
    if (!reached.ok || block.position.offset(0.5, 0.5, 0.5).distanceTo(bot.entity.position.offset(0, bot.entity.height, 0)) > 5.2) {
      skipped.add(key)
      lastProblem = reached.ok ? 'out of reach' : reached.reason
      if (++failuresInARow >= 5) {
        await _fail(bot, 'mineBlock', `I mined ${mined} of ${count} ${name}; I could not reach the ${name} I found (${lastProblem}). Try exploreUntil to find ${name} somewhere easier.`)
        return mined
      }
      continue
    }
    await _equipForBlock(bot, block)
    if (!bot.canDigBlock(block)) { skipped.add(key); lastProblem = 'cannot dig it from here'; continue }
    const digMs = (typeof bot.digTime === 'function' ? bot.digTime(block) : 5000) + 5000
    try {
      await _withTimeout(bot.dig(block, true), digMs, 'dig timed out', () => bot.stopDigging())
    } catch (err) {
      skipped.add(key)
      lastProblem = err.message
      if (++failuresInARow >= 5) {
        await _fail(bot, 'mineBlock', `I mined ${mined} of ${count} ${name}; digging keeps failing (${lastProblem}).`)
        return mined
      }
      continue
    }
    failuresInARow = 0
    mined++
    await _collectDrops(bot, block.position.offset(0.5, 0.5, 0.5))
  }
  await _chat(bot, `Mined ${mined} ${name}.`)
  return mined
}

// Nearest matching block that is not skipped; prefers blocks near the bot's height so the
// pathfinder does not tunnel to an ore 20 blocks down when one is at eye level.
function _nearestMinable (bot, ids, skipped) {
  const positions = bot.findBlocks({ matching: ids, maxDistance: 32, count: 256 })
  const me = bot.entity.position
  let best = null
  let bestCost = Infinity
  for (const pos of positions) {
    if (skipped.has(pos.toString())) continue
    const cost = pos.offset(0.5, 0.5, 0.5).distanceTo(me) + Math.max(0, me.y - pos.y - 2) * 0.5
    if (cost < bestCost) { bestCost = cost; best = pos }
  }
  return best ? bot.blockAt(best) : null
}

// Blocks whose drops include the item, e.g. raw_iron -> iron_ore, deepslate_iron_ore.
function _blocksDropping (itemName) {
  const item = mcData.itemsByName[itemName]
  if (!item) return []
  const out = []
  for (const block of mcData.blocksArray) {
    if ((block.drops || []).some(d => (typeof d === 'number' ? d : d && d.drop) === item.id)) out.push(block.name)
  }
  return out
}
