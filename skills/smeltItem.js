// smeltItem(bot, itemName, fuelName, count = 1): smelt `count` items at the nearest furnace
// (within 32 blocks) and take the output. See smeltItem.md.
'use strict'

async function smeltItem (bot, itemName, fuelName, count = 1) {
  if (typeof itemName !== 'string' || typeof fuelName !== 'string') throw new Error('itemName and fuelName for smeltItem must be strings')
  if (typeof count !== 'number' || !Number.isFinite(count)) throw new Error('count for smeltItem must be a number')
  const item = mcData.itemsByName[itemName]
  if (!item) throw new Error(_unknownName('item', itemName, mcData.itemsByName))
  const fuel = mcData.itemsByName[fuelName]
  if (!fuel) throw new Error(_unknownName('item', fuelName, mcData.itemsByName))
  count = Math.max(1, Math.floor(count))

  const outputName = _smeltingOutput(itemName)
  if (!outputName) {
    return _fail(bot, 'smeltItem', `${itemName} cannot be smelted. Smeltable examples: raw_iron, raw_gold, raw_copper, cobblestone, sand, oak_log, beef, porkchop.`)
  }
  const burn = _fuelTicks(fuelName)
  if (!burn) {
    return _fail(bot, 'smeltItem', `${fuelName} is not a furnace fuel. Use coal, charcoal, any planks or logs (not crimson/warped), or sticks.`)
  }
  // Skills written for older versions smelt "iron_ore", but mining it gives raw_iron in 1.17+:
  // smelt the raw metal instead (same ingot).
  const raw = _rawMetalFor(itemName)
  if (_countItem(bot, itemName) === 0 && raw && _countItem(bot, raw) > 0) {
    await _chat(bot, `I have no ${itemName}; mining it gives ${raw}, so I will smelt ${raw} instead.`)
    return smeltItem(bot, raw, fuelName, count)
  }
  const have = _countItem(bot, itemName)
  if (have === 0) {
    return _fail(bot, 'smeltItem', `I have no ${itemName} to smelt; get ${itemName} first` +
      (raw ? ` (mine ${itemName} to get ${raw}, then smeltItem(bot, "${raw}", "${fuelName}", ${count})).` : '.'))
  }
  const wanted = Math.min(count, have)
  const furnaceBlock = bot.findBlock({ matching: ['furnace'].map(n => mcData.blocksByName[n].id), maxDistance: 32 })
  if (!furnaceBlock) {
    return _fail(bot, 'smeltItem', _countItem(bot, 'furnace') > 0
      ? 'There is no furnace within 32 blocks. I have one: place it first with placeItem(bot, "furnace", position).'
      : 'There is no furnace within 32 blocks. Craft one from 8 cobblestone with craftItem(bot, "furnace", 1) and place it with placeItem.')
  }
  // Fuel for the whole batch (one smelt = 200 ticks), minus what already sits in the furnace.
  const fuelNeeded = Math.max(1, Math.ceil(wanted * 200 / burn))
  const reached = await _goto(bot, new GoalLookAtBlock(furnaceBlock.position, bot.world, { reach: 4 }), { target: furnaceBlock.position })
  if (!reached.ok) return _fail(bot, 'smeltItem', `I could not reach the furnace at ${_fmtPos(furnaceBlock.position)} (${reached.reason}).`)

  let furnace
  try {
    furnace = await _withTimeout(bot.openFurnace(bot.blockAt(furnaceBlock.position)), 10000, 'the furnace did not open')
  } catch (err) {
    return _fail(bot, 'smeltItem', `I could not open the furnace at ${_fmtPos(furnaceBlock.position)}: ${err.message}.`)
  }
  const outputBefore = _countItem(bot, outputName)
  let problem = null
  try {
    // Clear leftovers from earlier runs so our items fit.
    if (furnace.outputItem()) await furnace.takeOutput()
    const input = furnace.inputItem()
    if (input && input.name !== itemName) await furnace.takeInput()
    const inFurnace = furnace.fuelItem()
    if (inFurnace && inFurnace.name !== fuelName) await furnace.takeFuel()
    const fuelInFurnace = furnace.fuelItem() ? furnace.fuelItem().count : 0
    const fuelToAdd = Math.max(0, fuelNeeded - fuelInFurnace)
    if (fuelToAdd > 0) {
      const fuelHave = _countItem(bot, fuelName)
      if (fuelHave === 0 && !(furnace.fuel > 0)) {
        problem = `I have no ${fuelName} to use as fuel; get some first (coal from coal_ore, or planks).`
      } else if (fuelHave > 0) {
        await furnace.putFuel(fuel.id, null, Math.min(fuelToAdd, fuelHave))
      }
    }
    if (!problem) {
      const alreadyIn = furnace.inputItem() ? furnace.inputItem().count : 0
      if (wanted - alreadyIn > 0) await furnace.putInput(item.id, null, wanted - alreadyIn)
      const result = await _waitForSmelting(bot, furnace, wanted)
      problem = result.problem
    }
  } catch (err) {
    problem = `furnace error: ${err.message}`
  } finally {
    // Take back whatever did not smelt so the inventory tells the truth, then close.
    try { if (furnace.outputItem()) await furnace.takeOutput() } catch (err) { /* best effort */ }
    try { if (furnace.inputItem()) await furnace.takeInput() } catch (err) { /* best effort */ }
    try { furnace.close() } catch (err) { /* already closed */ }
  }
  await bot.waitForTicks(2)
  const made = _countItem(bot, outputName) - outputBefore
  if (made <= 0) {
    return _fail(bot, 'smeltItem', `I could not smelt ${itemName} with ${fuelName}: ${(problem || 'no output came out').replace(/\.$/, '')}.`)
  }
  let message = `Smelted ${made} ${itemName} into ${outputName}.`
  if (wanted < count) message += ` I only had ${have} ${itemName} (you asked for ${count}).`
  else if (made < wanted) message += ` ${wanted - made} did not finish: ${(problem || 'the furnace stopped').replace(/\.$/, '')}.`
  await _chat(bot, message)
  return made
}

// Take outputs as they come until `wanted` are done; stop when nothing progresses.
async function _waitForSmelting (bot, furnace, wanted) {
  let taken = 0
  let lastChange = Date.now()
  let lastProgress = -1
  const stallMs = 15000 // vanilla needs 10 s per item; more without change means it stopped
  while (taken < wanted) {
    await bot.waitForTicks(10)
    const out = furnace.outputItem()
    if (out && out.count > 0) {
      taken += out.count
      await furnace.takeOutput()
      lastChange = Date.now()
      continue
    }
    const progress = furnace.progress || 0
    if (progress !== lastProgress) { lastProgress = progress; lastChange = Date.now() }
    if (!furnace.inputItem() && taken < wanted) return { problem: 'the input disappeared from the furnace' }
    if (Date.now() - lastChange > stallMs) {
      const burning = furnace.fuel > 0
      return { problem: burning ? 'the furnace stopped making progress' : 'the fuel is not burning (ran out or not a fuel)' }
    }
  }
  return { problem: null }
}

// iron_ore / deepslate_iron_ore -> raw_iron (likewise gold and copper); null otherwise.
function _rawMetalFor (name) {
  const m = /^(?:deepslate_)?(iron|gold|copper)_ore$/.exec(name)
  return m ? `raw_${m[1]}` : null
}
