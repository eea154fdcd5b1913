// Hard and soft resets through server commands (/clear, /give, /item replace, /tp,
// /spreadplayers, /time), so they behave the same on real servers; they need op rights.
// Also: giving back utility blocks a step placed (Voyager's "return items").
'use strict'
const { runCommand, CommandError } = require('./commands')

const ARMOR_SLOTS = [
  // [equipment index, window slot, /item slot, bot.equip destination]
  [1, 45, 'weapon.offhand', 'off-hand'],
  [2, 5, 'armor.head', 'head'],
  [3, 6, 'armor.chest', 'torso'],
  [4, 7, 'armor.legs', 'legs'],
  [5, 8, 'armor.feet', 'feet']
]
const UTILITY_BLOCKS = new Set(['crafting_table', 'furnace'])

function countItem (bot, name) {
  let n = 0
  for (const item of bot.inventory.slots) if (item && item.name === name) n += item.count
  return n
}

function isEmpty (bot) {
  return bot.inventory.slots.every((item, slot) => !item || slot < 5)
}

function checkName (bot, name, what) {
  if (!bot.registry.itemsByName[name]) throw new CommandError(`unknown item ${JSON.stringify(name)} in the reset ${what}`, 'bad_request')
}

// options: {mode, inventory, equipment, position, spread, time} (docs/BRIDGE_API.md).
async function reset (bot, options = {}) {
  const mode = options.mode || 'hard'
  if (mode !== 'hard' && mode !== 'soft') throw new CommandError(`reset mode must be "hard" or "soft", not ${JSON.stringify(mode)}`, 'bad_request')
  if (mode === 'hard') await hardReset(bot, options)
  if (options.time !== null && options.time !== undefined) {
    const ticks = Math.round(Number(options.time))
    if (!Number.isFinite(ticks) || ticks < 0) throw new CommandError(`reset time must be a number of ticks, not ${JSON.stringify(options.time)}`, 'bad_request')
    const near = () => bot.time && Math.abs(bot.time.timeOfDay - (ticks % 24000)) < 100
    try {
      await runCommand(bot, `/time set ${ticks}`, { until: near, timeoutMs: 3000 })
    } catch (err) {
      if (err.code !== 'no_effect') throw err // the server may send the new time only with its next update
    }
  }
}

async function hardReset (bot, { inventory = {}, equipment = null, position = null, spread = false } = {}) {
  for (const name of Object.keys(inventory || {})) checkName(bot, name, 'inventory')
  for (const name of equipment || []) if (name) checkName(bot, name, 'equipment')
  if (!isEmpty(bot)) await runCommand(bot, '/clear @s', { until: () => isEmpty(bot) })
  for (const [name, count] of Object.entries(inventory || {})) {
    if (!(count > 0)) continue
    const want = countItem(bot, name) + count
    await runCommand(bot, `/give @s ${name} ${Math.floor(count)}`, { until: () => countItem(bot, name) >= want })
  }
  if (equipment) await equip(bot, equipment)
  if (position && Number.isFinite(position.x) && Number.isFinite(position.y) && Number.isFinite(position.z)) {
    const { x, y, z } = position
    await runCommand(bot, `/tp @s ${x} ${y} ${z}`, { until: () => bot.entity.position.distanceTo({ x, y, z }) < 1.5 })
  }
  if (spread) {
    const from = bot.entity.position.clone()
    await runCommand(bot, `/spreadplayers ${Math.floor(from.x)} ${Math.floor(from.z)} 0 300 false @s`,
      { until: () => bot.entity.position.distanceTo(from) > 2, timeoutMs: 15000 })
  }
  if (bot.health < 20 || bot.food < 20) {
    // Best effort: a fresh start has full health and food; not every server has /effect.
    for (const effect of ['instant_health', 'saturation']) {
      try { await runCommand(bot, `/effect give @s ${effect} 1 10 true`, { timeoutMs: 1500 }) } catch (err) {
        if (err.code === 'not_op') throw err
      }
    }
  }
  await settle(bot)
}

// Let the new state reach the client: the chunk under the bot loaded, then two ticks. Bounded,
// because mineflayer does not tick physics (waitForTicks hangs) while that chunk is missing.
async function settle (bot, timeoutMs = 10000) {
  const end = Date.now() + timeoutMs
  while (!bot.world.getColumnAt(bot.entity.position) && Date.now() < end) await sleep(50)
  await Promise.race([bot.waitForTicks(2), sleep(500)])
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms))

// equipment: [mainhand, offhand, head, chest, legs, feet]. The main-hand item is part of the
// inventory (observations count the hotbar), so it is equipped from there, given only if absent.
async function equip (bot, equipment) {
  for (const [index, slot, itemSlot, destination] of ARMOR_SLOTS) {
    const name = equipment[index]
    if (!name) continue
    const has = () => bot.inventory.slots[slot] && bot.inventory.slots[slot].name === name
    if (has()) continue
    try {
      await runCommand(bot, `/item replace entity @s ${itemSlot} with ${name}`, { until: has })
    } catch (err) {
      if (err.code === 'not_op') throw err
      // Servers without /item: give it, then equip it like a player would.
      await giveAndEquip(bot, name, destination)
    }
  }
  const main = equipment[0]
  if (main) {
    if (countItem(bot, main) === 0) {
      await runCommand(bot, `/give @s ${main} 1`, { until: () => countItem(bot, main) > 0 })
    }
    const item = bot.inventory.items().find(i => i.name === main)
    if (item) await bot.equip(item, 'hand')
  }
}

async function giveAndEquip (bot, name, destination) {
  const before = countItem(bot, name)
  await runCommand(bot, `/give @s ${name} 1`, { until: () => countItem(bot, name) > before })
  const item = bot.inventory.items().find(i => i.name === name)
  if (item) await bot.equip(item, destination)
}

// Utility blocks placed while `run` executes are picked back up afterwards (setblock air + give).
function trackPlacements (bot) {
  const placed = new Map()
  const onUpdate = (oldBlock, newBlock) => {
    if (!newBlock || !UTILITY_BLOCKS.has(newBlock.name)) return
    if (oldBlock && UTILITY_BLOCKS.has(oldBlock.name)) return
    placed.set(newBlock.position.toString(), { position: newBlock.position.clone(), name: newBlock.name })
  }
  bot.on('blockUpdate', onUpdate)
  return {
    stop: () => bot.removeListener('blockUpdate', onUpdate),
    async giveBack () {
      const given = []
      for (const { position, name } of placed.values()) {
        const block = bot.blockAt(position)
        if (!block || block.name !== name) continue
        const { x, y, z } = position
        await runCommand(bot, `/setblock ${x} ${y} ${z} air`, { until: () => { const b = bot.blockAt(position); return !b || b.name === 'air' } })
        const want = countItem(bot, name) + 1
        await runCommand(bot, `/give @s ${name} 1`, { until: () => countItem(bot, name) >= want })
        given.push(name)
      }
      return given
    }
  }
}

module.exports = { reset, settle, trackPlacements, UTILITY_BLOCKS }
