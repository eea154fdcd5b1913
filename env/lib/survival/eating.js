// Eating and drinking: a use_item with a food (or milk/potion) in hand starts a 32-tick use
// (16 for dried kelp); when it completes the player gets entity_status 9 ("finished using"),
// which is what mineflayer's bot.consume() waits for, then food/saturation rise per
// minecraft-data `foods` and one item is consumed (stews leave a bowl, bottles a glass bottle).
// flying-squid has no eating at all, so bot.consume() hangs there.
'use strict'
const { addItem, setSlot } = require('../playerInventory')
const { applyFoodEffects } = require('./effects')

const EAT_TICKS = 32
const FAST_FOODS = new Set(['dried_kelp'])
const ALWAYS_EDIBLE = new Set(['golden_apple', 'enchanted_golden_apple', 'chorus_fruit', 'suspicious_stew'])
const DRINKS = new Set(['milk_bucket', 'potion'])
const LEFTOVERS = {
  mushroom_stew: 'bowl',
  rabbit_stew: 'bowl',
  beetroot_soup: 'bowl',
  suspicious_stew: 'bowl',
  honey_bottle: 'glass_bottle',
  potion: 'glass_bottle',
  milk_bucket: 'bucket'
}

function createEating ({ serv, registry, sendHealth }) {
  function isConsumable (name) {
    return Boolean(registry.foodsByName[name]) || DRINKS.has(name)
  }

  function start (player, state, hand) {
    const slot = hand === 1 ? 45 : 36 + player.heldItemSlot
    const item = player.inventory.slots[slot]
    if (!item || state.dead || !isConsumable(item.name)) return false
    const creative = player.gameMode === 1
    if (registry.foodsByName[item.name] && !creative && !ALWAYS_EDIBLE.has(item.name) && !state.food.needsFood()) return false
    // Timed in wall-clock ms (50 per tick) rather than counted ticks: when the server lags,
    // a tick-counted 1.6 s use can outlast mineflayer's 2.5 s consume timeout.
    const ticks = FAST_FOODS.has(item.name) ? EAT_TICKS / 2 : EAT_TICKS
    state.eating = { slot, type: item.type, name: item.name, doneAt: Date.now() + ticks * 50 }
    return true
  }

  function cancel (state) {
    state.eating = null
  }

  // Called every tick; completes the use when its time has come.
  function tick (player, state) {
    const eating = state.eating
    if (!eating || Date.now() < eating.doneAt) return
    state.eating = null
    const item = player.inventory.slots[eating.slot]
    if (!item || item.type !== eating.type) return
    player._client.write('entity_status', { entityId: player.id, entityStatus: 9 })
    const food = registry.foodsByName[item.name]
    if (food) state.food.eat(food.foodPoints, food.saturation)
    if (item.name === 'milk_bucket') clearEffects(player)
    else applyFoodEffects(player, registry, item.name)
    if (player.gameMode !== 1) {
      const leftover = LEFTOVERS[item.name]
      if (item.count > 1) {
        item.count -= 1
        player.inventory.updateSlot(eating.slot, item)
        if (leftover) addItem(player, registry, leftover, 1)
      } else {
        setSlot(player, registry, eating.slot, leftover || null, 1)
      }
    }
    sendHealth(player)
    serv.emit('voyagerAte', { player, item: item.name })
  }

  return { start, cancel, tick, isConsumable }
}

function clearEffects (player) {
  for (const id of Object.keys(player.effects || {})) {
    if (player.effects[id]) {
      try { player.removeEffect(Number(id)) } catch (e) {}
    }
  }
}

module.exports = { createEating, clearEffects, EAT_TICKS, ALWAYS_EDIBLE, DRINKS }
