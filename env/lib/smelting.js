'use strict'
// Furnace rules: what smelts into what (data/smelting.json), how long fuels burn
// (data/fuels.json, vanilla ticks), and one furnace tick as in vanilla's
// AbstractFurnaceBlockEntity.serverTick. minecraft-data ships neither table.
const SMELTING = require('../data/smelting.json')
const FUELS = require('../data/fuels.json')

// Fuel items that leave something behind (vanilla: the lava bucket's empty bucket).
const FUEL_REMAINDERS = { lava_bucket: 'bucket' }

function createSmelting (registry) {
  const byId = new Map()
  for (const [input, { result }] of Object.entries(SMELTING)) {
    const a = registry.itemsByName[input]
    const b = registry.itemsByName[result]
    if (a && b) byId.set(a.id, b.id)
  }
  const fuelById = new Map()
  for (const [name, ticks] of Object.entries(FUELS)) {
    const it = registry.itemsByName[name]
    if (it) fuelById.set(it.id, ticks)
  }
  const remainderById = new Map()
  for (const [from, to] of Object.entries(FUEL_REMAINDERS)) {
    if (registry.itemsByName[from] && registry.itemsByName[to]) remainderById.set(registry.itemsByName[from].id, registry.itemsByName[to].id)
  }
  return {
    /** Item id the input smelts into, or null. */
    resultOf: id => byId.get(id) ?? null,
    /** Burn ticks of a fuel item id (0 = not a fuel). */
    burnTicks: id => fuelById.get(id) ?? 0,
    fuelRemainder: id => remainderById.get(id) ?? null
  }
}

/**
 * Advance furnace `f` ({ slots: [input, fuel, output] (prismarine Items), burn, burnTotal,
 * cook, cookTotal }) by one tick. `Item` builds new stacks; returns true if slots changed.
 */
function tickFurnace (f, rules, Item, cookTicks) {
  let slotsChanged = false
  if (f.burn > 0) f.burn--
  const [input, fuel, output] = f.slots
  const resultId = input ? rules.resultOf(input.type) : null
  const canSmelt = resultId !== null && (!output || (output.type === resultId && output.count < output.stackSize))
  if ((f.burn > 0 || fuel) && input) {
    if (f.burn <= 0 && canSmelt && fuel && rules.burnTicks(fuel.type) > 0) {
      f.burn = f.burnTotal = rules.burnTicks(fuel.type)
      const rest = rules.fuelRemainder(fuel.type)
      fuel.count--
      if (fuel.count <= 0) f.slots[1] = rest !== null ? new Item(rest, 1) : null
      slotsChanged = true
    }
    if (f.burn > 0 && canSmelt) {
      f.cookTotal = cookTicks
      f.cook++
      if (f.cook >= f.cookTotal) {
        f.cook = 0
        if (output) output.count++
        else f.slots[2] = new Item(resultId, 1)
        input.count--
        if (input.count <= 0) f.slots[0] = null
        slotsChanged = true
      }
    } else {
      f.cook = 0
    }
  } else if (f.burn <= 0 && f.cook > 0) {
    f.cook = Math.max(f.cook - 2, 0)
  }
  if (!f.slots[0] || f.slots[0].count <= 0) f.cook = 0
  return slotsChanged
}

module.exports = { createSmelting, tickFurnace, SMELTING, FUELS }
