'use strict'
// Block-entity state (chest contents, furnace state) kept through serv.voyagerStore (owned by
// persistence.js: get(key) / set(key, json), saved with the world) or, until that exists, an
// in-memory Map with the same shape.

function blockStore (serv) {
  let fallback = null
  const backend = () => {
    if (serv.voyagerStore) return serv.voyagerStore
    if (!fallback) {
      const map = new Map()
      fallback = { get: key => map.get(key), set: (key, value) => { if (value === null || value === undefined) map.delete(key); else map.set(key, value) } }
    }
    return fallback
  }
  // Values are plain JSON-able objects; tolerate a store that keeps JSON strings instead.
  return {
    get: key => {
      const value = backend().get(key) ?? null
      return typeof value === 'string' ? JSON.parse(value) : value
    },
    set: (key, value) => {
      try {
        backend().set(key, value)
      } catch (err) {
        backend().set(key, value === null ? null : JSON.stringify(value))
      }
    }
  }
}

/** Key of a block entity: `<kind>:<dimension>:x,y,z`. */
function blockKey (serv, kind, world, pos) {
  const dim = world === serv.overworld || !world ? 'overworld' : (world === serv.netherworld ? 'nether' : 'other')
  return `${kind}:${dim}:${Math.floor(pos.x)},${Math.floor(pos.y)},${Math.floor(pos.z)}`
}

function itemToJSON (registry, item) {
  if (!item || item.count <= 0) return null
  const out = { name: registry.items[item.type].name, count: item.count }
  if (item.nbt) out.nbt = item.nbt
  return out
}

function itemFromJSON (Item, registry, json) {
  if (!json) return null
  const def = registry.itemsByName[json.name]
  if (!def) return null
  return new Item(def.id, json.count, json.nbt ?? null)
}

module.exports = { blockStore, blockKey, itemToJSON, itemFromJSON }
