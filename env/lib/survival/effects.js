// Status effects that change survival state: instant health/damage and saturation at once,
// and regeneration, poison, wither and hunger every tick while active (vanilla
// MobEffect.applyEffectTick intervals). flying-squid only sends effect packets; it keeps the
// active effects in entity.effects[id] = { amplifier, end, ... } (end: ms timestamp).
'use strict'

// snake_case or PascalCase effect name -> minecraft-data effect (id, name).
function effectByName (registry, name) {
  const key = String(name).replace(/^minecraft:/, '')
  const pascal = key.split('_').map(w => w.charAt(0).toUpperCase() + w.slice(1)).join('')
  return registry.effectsByName[pascal] || registry.effectsByName[key] || null
}

const INSTANT = new Set(['InstantHealth', 'InstantDamage', 'Saturation'])

// Applies an instantaneous effect; returns true when `name` is one.
function applyInstant (serv, player, effect, amplifier, durationTicks = 1) {
  if (!INSTANT.has(effect.name)) return false
  if (effect.name === 'InstantHealth') {
    if (player.health > 0) serv.voyagerSetVitals(player, { health: Math.min(20, player.health + (4 << amplifier)) })
  } else if (effect.name === 'InstantDamage') {
    serv.voyagerDamagePlayer(player, 6 << amplifier, { cause: 'magic' })
  } else {
    // Saturation applies on every tick of its duration: (amp + 1) food and 2 * (amp + 1) saturation each.
    const state = serv.voyagerSurvivalState(player)
    if (!state) return true
    const n = (amplifier + 1) * Math.max(1, durationTicks)
    const food = Math.min(20, state.food + n)
    serv.voyagerSetVitals(player, { food, saturation: Math.min(food, state.saturation + 2 * n), exhaustion: state.exhaustion })
  }
  return true
}

function active (player, name, registry) {
  const e = registry.effectsByName[name]
  const entry = e && player.effects && player.effects[e.id]
  if (!entry) return null
  if (entry.end && Date.now() > entry.end) return null
  return entry
}

// One tick of the duration effects. heal(player, n), damage(player, n, opts), food: FoodData.
function tickEffects ({ player, registry, tick, food, heal, damage }) {
  const regen = active(player, 'Regeneration', registry)
  if (regen) {
    const every = 50 >> regen.amplifier
    if (every <= 0 || tick % every === 0) heal(player, 1)
  }
  const poison = active(player, 'Poison', registry)
  if (poison && player.health > 1) {
    const every = 25 >> poison.amplifier
    if (every <= 0 || tick % every === 0) damage(player, 1, { cause: 'magic' })
  }
  const wither = active(player, 'Wither', registry)
  if (wither) {
    const every = 40 >> wither.amplifier
    if (every <= 0 || tick % every === 0) damage(player, 1, { cause: 'wither' })
  }
  const hunger = active(player, 'Hunger', registry)
  if (hunger) food.addExhaustion(0.005 * (hunger.amplifier + 1))
}

// Starts (or replaces) a duration effect through flying-squid, which sends entity_effect to
// nearby players (the player included) and removes it when it runs out.
function giveEffect (player, effect, amplifier, ticks, { hideParticles = false } = {}) {
  if (player.effects && player.effects[effect.id]) player.removeEffect(effect.id)
  player.addEffect(effect.id, { amplifier, duration: ticks, particles: !hideParticles, override: true })
}

function clearEffect (player, effect) {
  if (player.effects && player.effects[effect.id]) {
    player.removeEffect(effect.id)
    return true
  }
  return false
}

// Effects of eating some foods: [effect, amplifier, ticks, chance].
const FOOD_EFFECTS = {
  golden_apple: [['Regeneration', 1, 100, 1]],
  enchanted_golden_apple: [['Regeneration', 1, 400, 1], ['Resistance', 0, 6000, 1], ['FireResistance', 0, 6000, 1]],
  rotten_flesh: [['Hunger', 0, 600, 0.8]],
  chicken: [['Hunger', 0, 600, 0.3]],
  pufferfish: [['Hunger', 2, 300, 1], ['Poison', 1, 1200, 1], ['Nausea', 0, 300, 1]],
  poisonous_potato: [['Poison', 0, 100, 0.6]],
  spider_eye: [['Poison', 0, 100, 1]]
}

function applyFoodEffects (player, registry, foodName) {
  for (const [name, amplifier, ticks, chance] of FOOD_EFFECTS[foodName] || []) {
    const effect = registry.effectsByName[name]
    if (effect && Math.random() < chance) giveEffect(player, effect, amplifier, ticks)
  }
}

module.exports = { effectByName, applyInstant, tickEffects, giveEffect, clearEffect, applyFoodEffects, INSTANT }
