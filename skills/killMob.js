// killMob(bot, mobName, timeout = 300): chase and kill the nearest `mobName` within 48
// blocks with the best weapon in the inventory, then pick up its drops. See killMob.md.
'use strict'

async function killMob (bot, mobName, timeout = 300) {
  if (typeof mobName !== 'string') throw new Error('mobName for killMob must be a string')
  if (typeof timeout !== 'number' || !(timeout > 0)) throw new Error('timeout for killMob must be a positive number of seconds')
  if (!mcData.entitiesByName[mobName]) throw new Error(_unknownName('mob', mobName, mcData.entitiesByName))
  const entity = bot.nearestEntity(e => e.name === mobName && e.position.distanceTo(bot.entity.position) < 48)
  if (!entity) {
    return _fail(bot, 'killMob', `No ${mobName} within 48 blocks; explore first with exploreUntil to find one.`)
  }
  if (!bot.pvp) throw new Error('killMob needs the mineflayer-pvp plugin on the bot')
  await _equipBestWeapon(bot)
  let dropped = null
  const deathPos = () => entity.position ? entity.position.clone() : bot.entity.position.clone()
  let lastSeen = deathPos()
  const track = setInterval(() => { if (entity.position) lastSeen = entity.position.clone() }, 250)
  try {
    bot.pvp.attack(entity)
    dropped = await waitForMobRemoved(bot, entity, timeout)
  } catch (err) {
    return _fail(bot, 'killMob', `I could not kill the ${mobName}: ${err.message}`)
  } finally {
    clearInterval(track)
    if (bot.pvp.target) bot.pvp.stop()
    try { bot.pathfinder.setGoal(null) } catch (err) { /* nothing to stop */ }
    bot.clearControlStates()
  }
  // Pick up the loot around where it died.
  await _collectDrops(bot, dropped && dropped.position ? dropped.position : lastSeen, { radius: 4, timeout: 5000, settleTicks: 10 })
  return true
}

// Swords beat axes beat bare hands; better materials first.
async function _equipBestWeapon (bot) {
  const rank = item => {
    const kind = item.name.endsWith('_sword') ? 2 : item.name.endsWith('_axe') ? 1 : 0
    if (!kind) return -1
    return kind * 10 + ([0, 0, 1, 2, 3, 4][_toolTier(item.name)] || 0) // golden hits like wooden
  }
  const best = bot.inventory.items().filter(i => rank(i) >= 0).sort((a, b) => rank(b) - rank(a))[0]
  if (!best) return
  try { await bot.equip(best, 'hand') } catch (err) { /* fight bare-handed */ }
}
