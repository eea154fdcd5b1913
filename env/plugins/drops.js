// Drops: what breaking a block gives, by vanilla rules. flying-squid drops every item of
// minecraft-data's blockLoot regardless of tool or chance; here the `dug` behaviour's drop
// list is replaced (in place: the default action reads that array) so that blocks needing a
// tool (minecraft-data harvestTools: stone, ores...) drop nothing without it, ores drop their
// items in vanilla counts, leaves drop saplings/sticks/apples by chance, grass blocks dirt,
// gravel sometimes flint. One item entity per stack, which mineflayer picks up by walking over.
// Dig time by tool tier is enforced by plugins/dig_time.js (flying-squid never does).
'use strict'
const { Vec3 } = require('vec3')
const { blockLoot, canHarvest } = require('../lib/loot')

module.exports.server = function (serv) {
  const registry = serv.registry

  serv.on('newPlayer', player => {
    player.on('dug', (data, cancelled) => {
      if (cancelled || !data.block || !Array.isArray(data.drops) || data.dropBlock === false) return
      const held = player.inventory.slots[36 + player.heldItemSlot]
      const toolId = held && held.type !== -1 ? held.type : null
      const toolName = toolId !== null ? registry.items[toolId]?.name ?? null : null
      const silkTouch = Boolean(held && held.enchants && held.enchants.some(e => e.name === 'silk_touch'))
      const block = registry.blocks[data.block.type]
      const loot = blockLoot(registry, data.block.name, { toolName, silkTouch, canHarvest: block ? canHarvest(block, toolId) : true })
      const base = data.drops[0] || {
        blockDropPosition: data.position.offset(0.5, 0.5, 0.5),
        blockDropWorld: player.world,
        blockDropPickup: 500,
        blockDropDeath: 5 * 60 * 1000
      }
      data.drops.length = 0
      for (const [name, count] of loot) {
        const item = registry.itemsByName[name]
        if (!item) continue
        data.drops.push({
          ...base,
          blockDropVelocity: new Vec3(Math.random() * 4 - 2, Math.random() * 2 + 2, Math.random() * 4 - 2),
          blockDropId: item.id,
          blockDropDamage: 0,
          blockDropCount: count
        })
      }
    })
  })
}
