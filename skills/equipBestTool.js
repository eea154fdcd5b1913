// equipBestTool(bot, blockName): hold the fastest tool in the inventory for mining
// `blockName`. See equipBestTool.md.
'use strict'

async function equipBestTool (bot, blockName) {
  if (typeof blockName !== 'string') throw new Error('blockName for equipBestTool must be a string')
  const type = mcData.blocksByName[blockName]
  if (!type) throw new Error(_unknownName('block', blockName, mcData.blocksByName))
  if (!_canHarvestWithInventory(bot, type)) {
    return _fail(bot, 'equipBestTool', `I have no tool that can mine ${blockName}; I need a ${_cheapestHarvestTool(type)} or better.`)
  }
  const near = bot.findBlock({ matching: type.id, maxDistance: 32 })
  if (near) {
    await _equipForBlock(bot, near) // exact dig times for the real block
  } else {
    // No such block loaded: pick the best tool of the block's kind (pickaxe, axe, shovel, hoe).
    const kind = ((type.material || '').match(/mineable\/(\w+)/) || [])[1]
    const tools = bot.inventory.items().filter(i => kind && i.name.endsWith('_' + kind) &&
      (!type.harvestTools || type.harvestTools[i.type]))
    tools.sort((a, b) => _toolTier(b.name) - _toolTier(a.name))
    if (tools[0]) await bot.equip(tools[0], 'hand')
  }
  const held = bot.heldItem
  await _chat(bot, held ? `Holding ${held.name} to mine ${blockName}.` : `No tool helps with ${blockName}; I will use my hand.`)
  return held ? held.name : null
}
