// mineflayer-tool 1.2.0 (the latest release) recurses forever when it is asked to fetch a tool
// from a chest and cannot: equipForBlock finds no item that can harvest the block, calls
// retrieveTools (no chest locations: returns at once), then calls itself again. The recursion
// runs on microtasks only, so the event loop starves (no timer, no step timeout, no packet) and
// the heap grows until the process dies. mineflayer-collectblock always asks with getFromChest,
// so `bot.collectBlock.collect(stone)` without a pickaxe, common in Voyager-style code, hit it.
//
// The guard fetches from chests at most once per call: the nested call made after the fetch
// goes without getFromChest and rejects with the plugin's own NoItem error ("Bot does not have
// a harvestable tool!"). Without chest locations it never tries to fetch. Used by the bridge and
// by the world's tech-tree test, which drive the unmodified plugins.
'use strict'

function guardToolRecursion (bot) {
  if (!bot.tool || bot.tool.voyagerGuarded) return
  const equipForBlock = bot.tool.equipForBlock.bind(bot.tool)
  let fetching = 0
  bot.tool.equipForBlock = async function (block, options = {}, cb) {
    const fetch = Boolean(options.getFromChest) && fetching === 0 && bot.tool.chestLocations.length > 0
    if (fetch) fetching++
    try {
      return await equipForBlock(block, { ...options, getFromChest: fetch }, cb)
    } finally {
      if (fetch) fetching--
    }
  }
  bot.tool.voyagerGuarded = true
}

module.exports = { guardToolRecursion }
