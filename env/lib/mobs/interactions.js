// Right-click uses of mobs (use_entity interact): shearing a sheep drops 1-3 wool and leaves it
// sheared until the wool regrows; using a bucket on a cow gives a milk bucket.
'use strict'
const { Vec3 } = require('vec3')

const REGROW_MS = [30000, 90000] // vanilla: regrows when the sheep eats grass, ~1 min on average
// Sheep metadata index 17 (byte): low 4 bits colour, 0x10 sheared (1.17-1.19).
const sheepMetadata = sheared => [{ key: 17, type: 0, value: sheared ? 0x10 : 0 }]

function createInteractions (ctx) {
  const { serv, registry } = ctx
  const Item = require('prismarine-item')(registry)
  const itemEntityType = registry.entitiesByName.item.id
  const lastUse = new WeakMap() // player -> { id, at }: interact_at and interact arrive in pairs

  function heldSlot (player) { return 36 + (player.heldItemSlot || 0) }

  function give (player, item) {
    if (serv.voyagerWindows && typeof serv.voyagerWindows.giveOrDrop === 'function') return serv.voyagerWindows.giveOrDrop(player, item)
    const slot = player.inventory.firstEmptyInventorySlot()
    if (slot !== null && slot !== undefined) player.inventory.updateSlot(slot, item)
  }

  function shear (mob) {
    const state = mob.voyagerMob
    if (state.sheared) return false
    state.sheared = true
    mob.sendMetadata(sheepMetadata(true))
    const count = 1 + Math.floor(Math.random() * 3)
    for (let i = 0; i < count; i++) {
      serv.spawnObject(itemEntityType, mob.world, mob.position.offset(0, 0.8, 0), {
        velocity: new Vec3(Math.random() * 2 - 1, 2 + Math.random(), Math.random() * 2 - 1),
        itemId: registry.itemsByName.white_wool.id,
        itemCount: 1,
        pickupTime: 500,
        deathTime: 5 * 60 * 1000
      })
    }
    setTimeout(() => {
      if (state.dead) return
      state.sheared = false
      mob.sendMetadata(sheepMetadata(false))
    }, REGROW_MS[0] + Math.random() * (REGROW_MS[1] - REGROW_MS[0])).unref()
    return true
  }

  function milk (player, held) {
    const slot = heldSlot(player)
    const milkBucket = new Item(registry.itemsByName.milk_bucket.id, 1)
    if (held.count === 1) {
      player.inventory.updateSlot(slot, milkBucket)
    } else {
      player.inventory.updateSlot(slot, new Item(held.type, held.count - 1))
      give(player, milkBucket)
    }
    return true
  }

  function interact (player, mob) {
    const state = mob.voyagerMob
    if (!state || state.dead || player.health <= 0) return false
    if (player.position.distanceTo(mob.position) > 6) return false
    const held = player.inventory.slots[heldSlot(player)]
    if (!held) return false
    if (mob.name === 'sheep' && held.name === 'shears') return shear(mob)
    if (mob.name === 'cow' && held.name === 'bucket' && player.gameMode !== 1) return milk(player, held)
    return false
  }

  // use_entity with mouse 0 (interact) or 2 (interact_at); one action per click pair.
  function onUseEntity (player, { target, mouse }) {
    if (mouse !== 0 && mouse !== 2) return
    const mob = ctx.mobs.get(target)
    if (!mob) return
    const last = lastUse.get(player)
    const now = Date.now()
    if (last && last.id === target && now - last.at < 150) return
    lastUse.set(player, { id: target, at: now })
    interact(player, mob)
  }

  return { onUseEntity, interact, shear }
}

module.exports = { createInteractions }
