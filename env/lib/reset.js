// serv.voyagerReset(player, options): puts a player into a known state in one call (episode
// resets); more reliable than a burst of chat commands. Options (all optional):
//   clear (default true): empty the inventory first
//   inventory: { itemName: count }         equipment: [mainhand, offhand, head, chest, legs, feet] (names or null)
//   position: { x, y, z }                  health, food, saturation: numbers
//   gameMode: 0-3 or a name                time: day time in ticks
// Throws Error with a one-line reason on a bad option (nothing is changed before validation).
'use strict'
const { Vec3 } = require('vec3')
const { addItem, setSlot, clearItems, itemData } = require('./playerInventory')

const EQUIPMENT_SLOTS = ['weapon.mainhand', 'weapon.offhand', 'armor.head', 'armor.chest', 'armor.legs', 'armor.feet']
const GAMEMODES = { survival: 0, creative: 1, adventure: 2, spectator: 3 }

function validate (registry, opts) {
  for (const name of Object.keys(opts.inventory || {})) {
    if (!itemData(registry, name)) throw new Error(`Unknown item '${name}' in inventory`)
    const n = opts.inventory[name]
    if (!Number.isInteger(n) || n < 0) throw new Error(`Bad count ${n} for '${name}'`)
  }
  if (opts.equipment !== undefined) {
    if (!Array.isArray(opts.equipment) || opts.equipment.length > 6) throw new Error('equipment must be a list of up to 6 item names or null')
    for (const name of opts.equipment) if (name && !itemData(registry, name)) throw new Error(`Unknown item '${name}' in equipment`)
  }
  if (opts.position) {
    for (const k of ['x', 'y', 'z']) if (!Number.isFinite(opts.position[k])) throw new Error(`position.${k} must be a number`)
  }
  if (opts.gameMode !== undefined && !(opts.gameMode in GAMEMODES) && ![0, 1, 2, 3].includes(opts.gameMode)) throw new Error(`Bad gameMode '${opts.gameMode}'`)
}

function installReset (serv) {
  const registry = serv.registry
  serv.voyagerReset = async (player, opts = {}) => {
    validate(registry, opts)
    if (opts.clear !== false) clearItems(player, registry)
    // Equipment first, so inventory items fill around the held item instead of under it.
    const mainhandSlot = 36 + player.heldItemSlot
    ;(opts.equipment || []).forEach((name, i) => {
      if (name === undefined) return
      const slot = [mainhandSlot, 45, 5, 6, 7, 8][i]
      setSlot(player, registry, slot, name || null, 1)
    })
    for (const [name, count] of Object.entries(opts.inventory || {})) if (count > 0) addItem(player, registry, name, count)
    if (opts.gameMode !== undefined) player.setGameMode(typeof opts.gameMode === 'number' ? opts.gameMode : GAMEMODES[opts.gameMode])
    if (typeof serv.voyagerSetVitals === 'function') {
      const vitals = {}
      for (const k of ['health', 'food', 'saturation']) if (opts[k] !== undefined) vitals[k] = opts[k]
      if (Object.keys(vitals).length) serv.voyagerSetVitals(player, vitals)
    }
    if (Number.isFinite(opts.time)) serv.setTime(opts.time)
    if (opts.position) await player.teleport(new Vec3(opts.position.x, opts.position.y, opts.position.z))
  }
}

module.exports = { installReset, EQUIPMENT_SLOTS }
