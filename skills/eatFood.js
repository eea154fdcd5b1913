// eatFood(bot, name = null): eat one food item (`name`, or the best food in the inventory)
// when hungry. See eatFood.md.
'use strict'

async function eatFood (bot, name = null) {
  if (name !== null && typeof name !== 'string') throw new Error('name for eatFood must be a food name string or null')
  if (name !== null && !mcData.foodsByName[name]) {
    throw new Error(mcData.itemsByName[name] ? `${name} is not food` : _unknownName('food', name, mcData.foodsByName))
  }
  if (bot.food >= 20 && name !== 'golden_apple' && name !== 'enchanted_golden_apple' && name !== 'chorus_fruit') {
    await _chat(bot, 'I am not hungry (food 20/20), so I cannot eat now.')
    return false
  }
  const food = name ? _inventoryItem(bot, name) : _bestFood(bot)
  if (!food) {
    return _fail(bot, 'eatFood', name
      ? `I have no ${name} to eat; get some first.`
      : 'I have no food to eat; kill an animal (killMob) and cook the meat (smeltItem), or pick berries or apples.')
  }
  const before = _countItem(bot, food.name)
  const foodBefore = bot.food
  try {
    await bot.equip(food, 'hand')
    await _withTimeout(bot.consume(), 6000, 'the server did not finish my eating', () => bot.deactivateItem())
  } catch (err) {
    await bot.waitForTicks(4)
    if (_countItem(bot, food.name) >= before) {
      return _fail(bot, 'eatFood', `I could not eat ${food.name}: ${err.message}.`)
    }
  }
  // The server's health packet with the new food level can lag the consume by a few ticks.
  for (let i = 0; i < 10 && bot.food <= foodBefore && bot.food < 20; i++) await bot.waitForTicks(2)
  await _chat(bot, `Ate 1 ${food.name}; food is now ${bot.food}/20 (was ${foodBefore}).`)
  return true
}

// Most nourishing food that has no bad side effect.
function _bestFood (bot) {
  const bad = ['rotten_flesh', 'spider_eye', 'poisonous_potato', 'pufferfish', 'suspicious_stew', 'chicken',
    'golden_apple', 'enchanted_golden_apple', 'chorus_fruit']
  const foods = bot.inventory.items().filter(i => mcData.foodsByName[i.name] && !bad.includes(i.name))
  const fallback = bot.inventory.items().filter(i => mcData.foodsByName[i.name] && ['chicken', 'rotten_flesh'].includes(i.name))
  const pool = foods.length ? foods : fallback
  pool.sort((a, b) => mcData.foodsByName[b.name].effectiveQuality - mcData.foodsByName[a.name].effectiveQuality)
  return pool[0] || null
}
