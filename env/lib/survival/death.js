// Death and respawn. flying-squid never notices a player's death and its respawn is broken
// on 1.19.2 (client_command arrives as 'perform_respawn', not 0, and its respawn packet has a
// numeric dimension and misnamed fields), so both are done here: at health 0 the client gets
// update_health 0 (mineflayer's 'death'), a death_combat_event (the vanilla death screen) and,
// unless keepInventory, the inventory is dropped as item entities; a respawn request puts the
// player back at its spawn point with full health and food.
'use strict'
const { Vec3 } = require('vec3')
const { occupiedSlots } = require('../playerInventory')
const { clearEffects } = require('./eating')
const { FoodData } = require('./foodData')

const PICKUP_DELAY_MS = 2000 // vanilla: 40 ticks
const DESPAWN_MS = 5 * 60 * 1000

const DEATH_MESSAGES = {
  fall: '%s hit the ground too hard',
  drown: '%s drowned',
  starve: '%s starved to death',
  kill: '%s fell out of the world',
  mob: '%s was slain by %a',
  lava: '%s tried to swim in lava',
  magic: '%s was killed by magic',
  wither: '%s withered away',
  generic: '%s died'
}

function createDeath ({ serv, registry, sendHealth, sendAir }) {
  const itemEntityId = registry.entitiesByName.item.id

  function dropInventory (player) {
    for (const { slot, item } of occupiedSlots(player)) {
      try {
        serv.spawnObject(itemEntityId, player.world, player.position.offset(0, 0.5, 0), {
          velocity: new Vec3(Math.random() * 4 - 2, Math.random() * 2 + 1, Math.random() * 4 - 2),
          itemId: item.type,
          itemDamage: item.metadata,
          itemCount: item.count,
          pickupTime: PICKUP_DELAY_MS,
          deathTime: DESPAWN_MS
        })
      } catch (e) {
        // flying-squid's max-entities cap: the item is lost, as when vanilla's limits hit.
      }
      player.inventory.updateSlot(slot, null)
    }
  }

  function deathMessage (player, cause, attacker) {
    const who = attacker ? (attacker.username || attacker.name || 'something') : 'something'
    return (DEATH_MESSAGES[cause] || DEATH_MESSAGES.generic).replace('%s', player.username).replace('%a', who)
  }

  function die (player, state, { cause = 'generic', attacker = null } = {}) {
    if (state.dead) return
    state.dead = true
    state.eating = null
    state.fallDistance = 0
    player.health = 0
    sendHealth(player)
    const message = deathMessage(player, cause, attacker)
    player._writeOthersNearby('entity_status', { entityId: player.id, entityStatus: 3 })
    player._client.write('death_combat_event', {
      playerId: player.id,
      entityId: attacker ? attacker.id : -1,
      message: JSON.stringify({ text: message })
    })
    if (!serv.gamerules.keepInventory) {
      dropInventory(player)
      if (typeof player.setXp === 'function') player.setXp(0)
    }
    serv.broadcast(message)
    serv.emit('voyagerPlayerDeath', { player, cause, attacker, message })
  }

  async function respawn (player, state) {
    if (!state.dead) return
    state.dead = false
    state.food = new FoodData()
    state.air = 300
    state.fallDistance = 0
    state.eating = null
    player.health = 20
    clearEffects(player)
    const dimension = (registry.loginPacket && registry.loginPacket.worldType) || 'minecraft:overworld'
    player._client.write('respawn', {
      dimension,
      worldName: (registry.loginPacket && registry.loginPacket.worldName) || dimension,
      hashedSeed: serv.hashedSeed,
      gamemode: player.gameMode,
      previousGamemode: player.prevGameMode ?? 255,
      isDebug: false,
      isFlat: false,
      // Same world: keep the client's loaded chunks (mineflayer unloads them all otherwise).
      copyMetadata: true
    })
    // Other players still show the dead body: despawn it, and spawn the living player again.
    for (const other of serv.players) {
      if (other === player || !other.nearbyEntities || !other.nearbyEntities.includes(player)) continue
      other.despawnEntities([player])
      other.nearbyEntities = other.nearbyEntities.filter(e => e !== player)
    }
    if (player.nearbyEntities) player.nearbyEntities = player.nearbyEntities.filter(e => e.type !== 'player')
    const spawn = (player.spawnPoint || player.position).clone()
    await player.sendPosition(spawn, false, true)
    player.sendSelfPosition()
    player.updateAndSpawn()
    sendHealth(player)
    sendAir(player)
    serv.emit('voyagerPlayerRespawn', { player })
  }

  return { die, respawn, dropInventory }
}

module.exports = { createDeath, PICKUP_DELAY_MS }
