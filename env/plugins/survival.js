// Survival mechanics flying-squid lacks: hunger (vanilla FoodData), eating (bot.consume()
// completes), natural regeneration, starvation, fall damage, drowning, lava, armour, effects
// that change health/food, death and respawn with keepInventory, plus the day/night cycle
// (lib/daycycle.js). Health and food reach the client as update_health. Extra game rules
// honoured besides keepInventory/doDaylightCycle: naturalRegeneration, fallDamage, drowningDamage.
//
// Server-side API for other plugins:
//   serv.voyagerDamagePlayer(player, amount, { cause, attacker }) -> bool   (mobs use it)
//   serv.voyagerKillPlayer(player, { cause })
//   serv.voyagerSetVitals(player, { health, food, saturation, exhaustion, air })
//   serv.voyagerSurvivalState(player) -> { food, saturation, exhaustion, fallDistance, air, dead }
//   serv.voyagerApplyInstantEffect(player, effect, amplifier, durationTicks) -> bool
// Events: serv 'voyagerPlayerDeath' { player, cause, attacker, message }, 'voyagerPlayerRespawn' { player }.
'use strict'
const { ensureGamerules } = require('../lib/gamerules')
const { installDayCycle } = require('../lib/daycycle')
const { FoodData, EXHAUSTION, MAX_FOOD } = require('../lib/survival/foodData')
const { createEating } = require('../lib/survival/eating')
const { createMovement } = require('../lib/survival/movement')
const { createDeath } = require('../lib/survival/death')
const { armorOf, damageAfterArmor, BYPASS } = require('../lib/survival/armor')
const { addItem } = require('../lib/playerInventory')
const { tickEffects, applyInstant } = require('../lib/survival/effects')

const MAX_HEALTH = 20
const MAX_AIR = 300

module.exports.server = function (serv, settings) {
  const registry = serv.registry
  ensureGamerules(serv, settings)
  installDayCycle(serv, settings)

  const stateOf = player => player.voyagerSurvival

  function sendHealth (player) {
    const state = stateOf(player)
    if (state) {
      player.food = state.food.food
      player.foodSaturation = state.food.saturation
      state.sent = { health: player.health, food: player.food, saturation: player.foodSaturation }
    }
    player._client.write('update_health', {
      health: player.health,
      food: player.food ?? MAX_FOOD,
      foodSaturation: player.foodSaturation ?? 5
    })
  }

  function sendAir (player) {
    const state = stateOf(player)
    state.sentAir = state.air
    // Entity metadata index 1 is the air supply (VarInt) on 1.19.2; mineflayer reads oxygenLevel from it.
    player._client.write('entity_metadata', { entityId: player.id, metadata: [{ key: 1, type: 1, value: state.air }] })
  }

  function damage (player, amount, { cause = 'generic', attacker = null } = {}) {
    const state = stateOf(player)
    if (!state || state.dead || !(amount > 0)) return false
    const creative = player.gameMode === 1 || player.gameMode === 3
    if (creative && cause !== 'kill') return false
    if (cause === 'fall' && !serv.gamerules.fallDamage) return false
    if (cause === 'drown' && !serv.gamerules.drowningDamage) return false
    if (cause !== 'starve' && cause !== 'drown') state.food.addExhaustion(EXHAUSTION.damage)
    if (!BYPASS.has(cause)) amount = damageAfterArmor(amount, armorOf(player))
    player.health = Math.max(0, player.health - amount)
    const hurt = { entityId: player.id, entityStatus: 2 }
    player._client.write('entity_status', hurt)
    player._writeOthersNearby('entity_status', hurt)
    if (player.health <= 0) death.die(player, state, { cause, attacker })
    else sendHealth(player)
    return true
  }

  const eating = createEating({ serv, registry, sendHealth })
  const movement = createMovement({ damage })
  const death = createDeath({ serv, registry, sendHealth, sendAir })

  serv.voyagerDamagePlayer = damage
  serv.voyagerKillPlayer = (player, { cause = 'kill', attacker = null } = {}) => {
    const state = stateOf(player)
    if (state) death.die(player, state, { cause, attacker })
  }
  serv.voyagerSetVitals = (player, { health, food, saturation, exhaustion, air } = {}) => {
    const state = stateOf(player)
    if (!state) return
    if (food !== undefined) state.food.food = clamp(Math.round(food), 0, MAX_FOOD)
    if (saturation !== undefined) state.food.saturation = clamp(saturation, 0, state.food.food)
    if (food !== undefined || saturation !== undefined || exhaustion !== undefined) state.food.exhaustion = clamp(exhaustion ?? 0, 0, 40)
    if (health !== undefined) {
      if (health <= 0) return serv.voyagerKillPlayer(player, { cause: 'generic' })
      if (state.dead) return
      player.health = clamp(health, 0, MAX_HEALTH)
    }
    if (air !== undefined) { state.air = clamp(Math.round(air), 0, MAX_AIR); sendAir(player) }
    sendHealth(player)
  }
  // Instant effects (instant_health, instant_damage, saturation); false for other effects.
  serv.voyagerApplyInstantEffect = (player, effect, amplifier = 0, durationTicks = 1) => applyInstant(serv, player, effect, amplifier, durationTicks)
  serv.voyagerSurvivalState = player => {
    const s = stateOf(player)
    return s && { food: s.food.food, saturation: s.food.saturation, exhaustion: s.food.exhaustion, fallDistance: s.fallDistance, air: s.air, dead: s.dead }
  }

  serv.on('newPlayer', player => {
    const state = player.voyagerSurvival = {
      food: new FoodData({ food: player.food ?? MAX_FOOD }),
      fallDistance: 0,
      landed: false,
      prevOnGround: false,
      sprinting: false,
      feetInWater: false,
      headInWater: false,
      climbing: false,
      air: MAX_AIR,
      dead: false,
      joined: false,
      eating: null,
      sent: null
    }

    // flying-squid's updateHealth/updateFood are called by its own code (login, /kill,
    // melee); route them through our state so death and food stay consistent.
    player.updateHealth = (health) => {
      if (!state.joined) { // login: adopt the saved health and food
        state.food.food = clamp(player.food ?? MAX_FOOD, 0, MAX_FOOD)
        player.health = clamp(health, 0, MAX_HEALTH)
        state.dead = player.health <= 0
        sendHealth(player)
        return
      }
      if (state.dead) return
      if (health <= 0) return death.die(player, state, { cause: 'generic' })
      player.health = clamp(health, 0, MAX_HEALTH)
      sendHealth(player)
    }
    player.updateFood = (food) => { state.food.food = clamp(food, 0, MAX_FOOD); sendHealth(player) }
    player.updateFoodSaturation = (sat) => { state.food.saturation = clamp(sat, 0, state.food.food); sendHealth(player) }

    // Dead players pick nothing up. flying-squid's collect adds one item per entity; item
    // entities carrying a stack (our death drops) are picked up whole here.
    const collect = player.collect
    if (typeof collect === 'function') {
      player.collect = (entity) => {
        if (state.dead) return
        if (!(entity.itemCount > 1)) return collect(entity)
        const left = addItem(player, registry, entity.itemId, entity.itemCount)
        if (left === entity.itemCount) return
        entity._writeOthersNearby('collect', { collectedEntityId: entity.id, collectorEntityId: player.id, pickupItemCount: entity.itemCount - left })
        if (left > 0) { entity.itemCount = left; return }
        entity.destroy()
      }
    }

    player.once('spawned', () => { state.joined = true })
    player.on('move', (data, cancelled) => movement.onMove(player, state, data, cancelled))
    player.on('dug', (data, cancelled) => { if (!cancelled) state.food.addExhaustion(EXHAUSTION.blockBreak) })

    // The built-in respawn never fires on 1.19.2 ('perform_respawn' !== 0); make sure it
    // never double-fires either, and answer respawn requests here.
    player.on('requestRespawn_cancel', (data, cancel) => cancel(false))
    player._client.on('client_command', (packet) => {
      const action = packet.actionId ?? packet.payload
      if (action === 'perform_respawn' || action === 0) death.respawn(player, state).catch(err => serv.emit('error', err))
    })
    player._client.on('entity_action', ({ actionId }) => {
      if (actionId === 'start_sprinting' || actionId === 3) state.sprinting = true
      else if (actionId === 'stop_sprinting' || actionId === 4) state.sprinting = false
      // flying-squid compares the action with numbers, but 1.19 decodes it as a name: it never
      // saw a player sneak (sneaking with an item in hand must not open a table, furnace or chest).
      else if (actionId === 'start_sneaking' || actionId === 0) player.crouching = true
      else if (actionId === 'stop_sneaking' || actionId === 1) player.crouching = false
    })
    player._client.on('use_entity', ({ mouse }) => { if (mouse === 1 && !state.dead) state.food.addExhaustion(EXHAUSTION.attack) })
    player._client.on('use_item', ({ hand }) => { eating.start(player, state, hand) })
    player._client.on('held_item_slot', () => eating.cancel(state))
    player._client.on('block_dig', ({ status }) => { if (status === 5) eating.cancel(state) })
  })

  serv.on('tick', () => {
    for (const player of serv.players) {
      const state = stateOf(player)
      if (!state || !state.joined || state.dead) continue
      try {
        tickPlayer(player, state)
      } catch (err) {
        serv.emit('error', err)
      }
    }
  })

  function tickPlayer (player, state) {
    eating.tick(player, state)
    movement.probe(player, state)
    const survival = player.gameMode === 0 || player.gameMode === 2
    if (survival) {
      const peaceful = serv.difficulty === 0
      const regen = serv.gamerules.naturalRegeneration
      // Vanilla peaceful: heal half a heart every 20 ticks and refill food every 10.
      if (peaceful && regen && serv.tickCount % 20 === 0 && player.health < MAX_HEALTH) player.health = Math.min(MAX_HEALTH, player.health + 1)
      if (peaceful && serv.tickCount % 10 === 0 && state.food.needsFood()) state.food.food++
      tickEffects({ player, registry, tick: serv.tickCount, food: state.food, heal: (p, n) => { p.health = Math.min(MAX_HEALTH, p.health + n) }, damage })
      if (state.dead) return
      const out = state.food.tick({ difficulty: serv.difficulty, health: player.health, maxHealth: MAX_HEALTH, naturalRegen: regen })
      if (out.heal > 0) player.health = Math.min(MAX_HEALTH, player.health + out.heal)
      if (out.damage > 0 && damage(player, out.damage, { cause: 'starve' })) return
      tickAir(player, state)
      if (state.dead) return
      // Lava: 4 damage twice a second while touching it (vanilla also sets the player on fire).
      if (state.inLava && serv.tickCount % 10 === 0) damage(player, 4, { cause: 'lava' })
      if (state.dead) return
    } else if (state.air !== MAX_AIR) {
      state.air = MAX_AIR
      sendAir(player)
    }
    const sent = state.sent
    if (!sent || sent.health !== player.health || sent.food !== state.food.food || sent.saturation !== state.food.saturation) sendHealth(player)
  }

  function tickAir (player, state) {
    if (state.headInWater) {
      state.air--
      if (state.air <= -20) {
        state.air = 0
        damage(player, 2, { cause: 'drown' })
      }
    } else if (state.air < MAX_AIR) {
      state.air = Math.min(MAX_AIR, state.air + 4)
    }
    if (state.air !== state.sentAir && (state.air % 15 === 0 || state.air === MAX_AIR || state.air <= 0)) sendAir(player)
  }
}

function clamp (v, lo, hi) {
  return Math.max(lo, Math.min(hi, v))
}
