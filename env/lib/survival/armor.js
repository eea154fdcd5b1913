// Armour: vanilla's damage reduction from worn armour points and toughness
// (CombatRules.getDamageAfterAbsorb). Enchantments (protection) are not modelled.
'use strict'

// [armor points, toughness] per piece, by material and slot (head, chest, legs, feet).
const PIECES = {
  leather: [[1, 0], [3, 0], [2, 0], [1, 0]],
  golden: [[2, 0], [5, 0], [3, 0], [1, 0]],
  chainmail: [[2, 0], [5, 0], [4, 0], [1, 0]],
  iron: [[2, 0], [6, 0], [5, 0], [2, 0]],
  diamond: [[3, 2], [8, 2], [6, 2], [3, 2]],
  netherite: [[3, 3], [8, 3], [6, 3], [3, 3]]
}
const SUFFIX = ['_helmet', '_chestplate', '_leggings', '_boots']

// Window slots 5-8 hold head, chest, legs, feet.
function armorOf (player) {
  let points = 0
  let toughness = 0
  for (let i = 0; i < 4; i++) {
    const item = player.inventory.slots[5 + i]
    if (!item) continue
    if (i === 0 && item.name === 'turtle_helmet') { points += 2; continue }
    if (!item.name.endsWith(SUFFIX[i])) continue
    const piece = PIECES[item.name.slice(0, -SUFFIX[i].length)]
    if (piece) { points += piece[i][0]; toughness += piece[i][1] }
  }
  return { points, toughness }
}

function damageAfterArmor (amount, { points, toughness }) {
  const t = 2 + toughness / 4
  const effective = Math.min(20, Math.max(points / 5, points - amount / t))
  return amount * (1 - effective / 25)
}

// Causes armour does not protect against (vanilla: bypassesArmor damage sources).
const BYPASS = new Set(['fall', 'drown', 'starve', 'kill', 'void', 'suffocate', 'magic', 'wither'])

module.exports = { armorOf, damageAfterArmor, BYPASS }
