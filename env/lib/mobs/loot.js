// Death loot per vanilla 1.19.2 (no Looting), dropped through flying-squid's own item
// entities (serv.spawnObject, as digging does) so its pickup code and mineflayer's
// itemDrop/playerCollect see ordinary items. One item per entity: flying-squid's
// player.collect picks items up one at a time.
'use strict'
const { Vec3 } = require('vec3')

function rollLoot (def, random = Math.random, { sheared = false } = {}) {
  const drops = []
  for (const { item, min, max, unlessSheared } of def.loot || []) {
    if (unlessSheared && sheared) continue
    const count = min + Math.floor(random() * (max - min + 1))
    if (count > 0) drops.push({ item, count })
  }
  return drops
}

function createLoot (ctx) {
  const { serv, registry } = ctx
  const itemEntityType = registry.entitiesByName.item.id

  function dropLoot (mob) {
    const drops = rollLoot(mob.voyagerMob.def, Math.random, { sheared: !!mob.voyagerMob.sheared })
    for (const { item, count } of drops) {
      const itemId = registry.itemsByName[item]?.id
      if (itemId === undefined) continue
      for (let i = 0; i < count; i++) {
        serv.spawnObject(itemEntityType, mob.world, mob.position.offset(0, 0.5, 0), {
          velocity: new Vec3(Math.random() * 2 - 1, 2 + Math.random() * 2, Math.random() * 2 - 1),
          itemId,
          itemCount: 1,
          pickupTime: 500,
          deathTime: 5 * 60 * 1000
        })
      }
    }
    return drops
  }

  return { dropLoot }
}

module.exports = { createLoot, rollLoot }
