// equipArmor(bot): wear the best helmet, chestplate, leggings and boots in the inventory.
// See equipArmor.md.
'use strict'

async function equipArmor (bot) {
  const slots = { helmet: ['head', 5], chestplate: ['torso', 6], leggings: ['legs', 7], boots: ['feet', 8] }
  const materials = ['leather', 'golden', 'chainmail', 'iron', 'turtle', 'diamond', 'netherite']
  const score = name => {
    const i = materials.indexOf(name.split('_')[0])
    return i < 0 ? -1 : (name.startsWith('turtle') ? 3 : i) // turtle shell protects like iron
  }
  const worn = []
  for (const piece of Object.keys(slots)) {
    const [destination, slot] = slots[piece]
    const current = bot.inventory.slots[slot]
    const best = bot.inventory.items().filter(i => i.name.endsWith('_' + piece) || (piece === 'helmet' && i.name === 'turtle_helmet'))
      .sort((a, b) => score(b.name) - score(a.name))[0]
    if (!best || (current && score(current.name) >= score(best.name))) {
      if (current) worn.push(current.name)
      continue
    }
    try {
      await bot.equip(best, destination)
      worn.push(best.name)
    } catch (err) {
      await _chat(bot, `I could not put on ${best.name}: ${err.message}.`)
    }
  }
  if (worn.length === 0) {
    return _fail(bot, 'equipArmor', 'I have no armor to wear; craft some first, e.g. iron_chestplate from 8 iron_ingot.')
  }
  await _chat(bot, `Wearing ${worn.join(', ')}.`)
  return worn
}
