'use strict'
// Putting stacks back into a player's inventory and throwing stacks into the world.
const { Vec3 } = require('vec3')
const { stackable, copyItem } = require('./items')

// Vanilla inventory order for "put it back": hotbar (window slots 36-44), then main (9-35).
const STORAGE_ORDER = [36, 37, 38, 39, 40, 41, 42, 43, 44]
for (let s = 9; s <= 35; s++) STORAGE_ORDER.push(s)

/**
 * Merge `item` into `slots` (player inventory window numbering) like vanilla's
 * placeItemBackInInventory: existing stacks first, then empty slots. Mutates `item.count`
 * and returns the slot numbers it changed; whatever is left in `item.count` did not fit.
 */
function mergeIntoInventory (Item, slots, item, order = STORAGE_ORDER) {
  const changed = []
  for (const s of order) {
    if (item.count <= 0) break
    const here = slots[s]
    if (here && stackable(here, item) && here.count < here.stackSize) {
      const moved = Math.min(here.stackSize - here.count, item.count)
      here.count += moved
      item.count -= moved
      changed.push(s)
    }
  }
  for (const s of order) {
    if (item.count <= 0) break
    if (!slots[s]) {
      const moved = Math.min(item.stackSize, item.count)
      const placed = copyItem(Item, item, moved)
      placed.slot = s
      slots[s] = placed
      item.count -= moved
      changed.push(s)
    }
  }
  return changed
}

/** Spawn `item` as a dropped item entity; `toss` throws it the way the player looks. */
function dropStack (serv, player, item, { toss = true, position = null, world = null } = {}) {
  if (!item || item.count <= 0) return null
  const entityType = serv.registry.entitiesByName.item.id
  let pos = position
  let velocity = new Vec3(Math.random() * 2 - 1, 2, Math.random() * 2 - 1)
  if (!pos) {
    pos = player.position.offset(0, 1.32, 0)
    if (toss) {
      // flying-squid stores yaw/pitch as protocol bytes (256 per turn; yaw 0 looks at +z).
      const yaw = (player.yaw || 0) * 2 * Math.PI / 256
      const pitch = (player.pitch || 0) * 2 * Math.PI / 256
      velocity = new Vec3(-Math.sin(yaw) * Math.cos(pitch) * 6, -Math.sin(pitch) * 6 + 2, Math.cos(yaw) * Math.cos(pitch) * 6)
    }
  }
  return serv.spawnObject(entityType, world || (player ? player.world : serv.overworld), pos, {
    velocity,
    itemId: item.type,
    itemCount: item.count,
    pickupTime: toss ? 2000 : 500,
    deathTime: 5 * 60 * 1000
  })
}

module.exports = { STORAGE_ORDER, mergeIntoInventory, dropStack }
