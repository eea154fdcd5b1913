'use strict'
// Item comparisons and copies shared by the window model (prismarine-item objects or null).

function nbtKey (item) {
  const nbt = item && item.nbt
  if (!nbt || (nbt.type === 'compound' && Object.keys(nbt.value || {}).length === 0)) return null
  return JSON.stringify(nbt)
}

/** A frozen copy of what a slot holds, for "what does the client believe" bookkeeping. */
function snapshot (item) {
  if (!item || item.count <= 0) return null
  return { type: item.type, count: item.count, nbt: nbtKey(item) }
}

function sameSnapshot (a, b) {
  if (!a || !b) return !a && !b
  return a.type === b.type && a.count === b.count && a.nbt === b.nbt
}

/** True when the two stacks could merge (same item and same NBT; counts ignored). */
function stackable (a, b) {
  return !!a && !!b && a.type === b.type && nbtKey(a) === nbtKey(b)
}

function isEmpty (item) {
  return !item || item.count <= 0
}

function copyItem (Item, item, count = item.count) {
  return new Item(item.type, count, item.nbt)
}

module.exports = { snapshot, sameSnapshot, stackable, isEmpty, copyItem, nbtKey }
