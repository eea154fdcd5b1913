// craftItem(bot, name, count = 1): do the recipe for `name` `count` times, in the inventory
// grid or at the nearest crafting table (within 32 blocks). See craftItem.md.
'use strict'

async function craftItem (bot, name, count = 1) {
  if (typeof name !== 'string') throw new Error('name for craftItem must be a string')
  if (typeof count !== 'number' || !Number.isFinite(count)) throw new Error('count for craftItem must be a number')
  const item = mcData.itemsByName[name]
  if (!item) throw new Error(_unknownName('item', name, mcData.itemsByName))
  count = Math.max(1, Math.floor(count))

  const recipes = bot.recipesAll(item.id, null, true)
  if (recipes.length === 0) {
    const sources = _smeltingSources(name)
    return _fail(bot, 'craftItem', sources.length
      ? `${name} cannot be crafted; smelt ${sources[0]} in a furnace with smeltItem to get it.`
      : `${name} cannot be crafted: there is no recipe for it. Mine or find it instead.`)
  }
  const tableType = mcData.blocksByName.crafting_table
  const table = bot.findBlock({ matching: tableType.id, maxDistance: 32 })

  // Recipes we have the ingredients for, `count` times; inventory grid first (no walking).
  const ready = recipes.filter(r => _timesCraftable(bot, r) >= count)
  ready.sort((a, b) => Number(a.requiresTable) - Number(b.requiresTable))
  const recipe = ready.find(r => !r.requiresTable || table) || null
  if (!recipe) {
    if (ready.length > 0) return _fail(bot, 'craftItem', _needTableMessage(bot, name))
    const best = _closestRecipe(bot, recipes, count)
    const missing = _listCounts(best.missing)
    let message = `I cannot make ${name}: I need ${missing} more` +
      (count > 1 ? ` to do the recipe ${count} times` : '') + '.'
    const times = Math.max(...recipes.map(r => _timesCraftable(bot, r)))
    if (times > 0) message += ` I have enough for ${times} time${times === 1 ? '' : 's'}.`
    const own = _smeltingSources(name)
    if (own.length) message += ` ${name} is usually made by smelting ${own[0]} with smeltItem.`
    const sources = Object.keys(best.missing).map(n => _smeltingSources(n).length ? `${n} comes from smelting ${_smeltingSources(n)[0]}` : null).filter(Boolean)
    if (sources.length) message += ` (${sources.join('; ')}.)`
    if (best.recipe.requiresTable && !table) message += ' It also needs a crafting table nearby.'
    return _fail(bot, 'craftItem', message)
  }

  if (recipe.requiresTable) {
    const reached = await _goto(bot, new GoalLookAtBlock(table.position, bot.world, { reach: 4 }), { target: table.position })
    if (!reached.ok) {
      return _fail(bot, 'craftItem', `I could not reach the crafting table at ${_fmtPos(table.position)} (${reached.reason}); place a crafting table next to me.`)
    }
  }
  const before = _countItem(bot, name)
  try {
    await _withTimeout(bot.craft(recipe, count, recipe.requiresTable ? bot.blockAt(table.position) : null),
      10000 + 2000 * count, 'the server did not answer the crafting clicks',
      () => { if (bot.currentWindow) bot.closeWindow(bot.currentWindow) })
  } catch (err) {
    return _fail(bot, 'craftItem', `I could not craft ${name}: ${String(err.message || err).replace(/^Error: /, '').slice(0, 160)}.`)
  }
  await bot.waitForTicks(2)
  const made = _countItem(bot, name) - before
  await _chat(bot, `I crafted ${made} ${name} (did the recipe ${count} time${count === 1 ? '' : 's'}).`)
  return made
}

// How many times the recipe can be done with the inventory.
function _timesCraftable (bot, recipe) {
  let times = Infinity
  for (const d of recipe.delta) {
    if (d.count >= 0) continue
    times = Math.min(times, Math.floor(bot.inventory.count(d.id, null) / -d.count))
  }
  return times === Infinity ? 0 : times
}

// The recipe needing the fewest extra items for `count` crafts, with those items by name.
function _closestRecipe (bot, recipes, count) {
  let best = null
  for (const recipe of recipes) {
    const missing = {}
    let total = 0
    for (const d of recipe.delta) {
      if (d.count >= 0) continue
      const need = -d.count * count - bot.inventory.count(d.id, null)
      if (need > 0) {
        const itemName = mcData.items[d.id] ? mcData.items[d.id].name : String(d.id)
        missing[itemName] = need
        total += need
      }
    }
    if (!best || total < best.total) best = { recipe, missing, total }
  }
  return best
}

function _needTableMessage (bot, name) {
  if (_countItem(bot, 'crafting_table') > 0) {
    return `I need a crafting table within 32 blocks to make ${name}. I have one: place it first with placeItem(bot, "crafting_table", position).`
  }
  return `I need a crafting table within 32 blocks to make ${name}. Craft one with craftItem(bot, "crafting_table", 1) (4 planks) and place it with placeItem.`
}

// Items whose smelting gives `name`, e.g. iron_ingot -> raw_iron (raw_* first).
function _smeltingSources (name) {
  const out = []
  for (const itemName of Object.keys(mcData.itemsByName)) {
    if (_smeltingOutput(itemName) === name) out.push(itemName)
  }
  out.sort((a, b) => Number(!a.startsWith('raw_')) - Number(!b.startsWith('raw_')) || a.length - b.length)
  return out
}
