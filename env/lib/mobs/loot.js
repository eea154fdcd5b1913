// Death loot per vanilla 1.19.2 (no Looting), dropped through flying-squid's own item
// entities (serv.spawnObject, as digging does) so its pickup code and mineflayer's
// itemDrop/playerCollect see ordinary items. One item per entity: flying-squid's
// player.collect picks items up one at a time.
'use strict'
const { Vec3 } = require('vec3')

/** Items a mob of definition `def` drops: [{ item, count }]. `byPlayer`: a player made the kill. */
function rollLoot (def, random = Math.random, { sheared = false, byPlayer = false } = {}) {
  const drops = []
  for (const entry of def.loot || []) {
    if ((entry.unlessSheared && sheared) || (entry.byPlayer && !byPlayer)) continue
    if (entry.oneOf) {
      if (random() < entry.chance) drops.push({ item: entry.oneOf[Math.floor(random() * entry.oneOf.length)], count: 1 })
      continue
    }
    const count = entry.min + Math.floor(random() * (entry.max - entry.min + 1))
    if (count > 0) drops.push({ item: entry.item, count })
  }
  return drops
}

function createLoot (ctx) {
  const { serv, registry } = ctx
  const itemEntityType = registry.entitiesByName.item.id

  function dropLoot (mob, killer = null) {
    const byPlayer = !!(killer && killer.type === 'player')
    const drops = rollLoot(mob.voyagerMob.def, Math.random, { sheared: !!mob.voyagerMob.sheared, byPlayer })
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
