// shoot(bot, weapon, target): shoot the nearest `target` mob with a bow, crossbow or a
// throwable until it is gone, ammunition runs out or 30 s pass. See shoot.md.
'use strict'

async function shoot (bot, weapon, target) {
  const weapons = ['bow', 'crossbow', 'snowball', 'ender_pearl', 'egg', 'splash_potion', 'trident']
  if (typeof weapon !== 'string' || typeof target !== 'string') throw new Error('weapon and target for shoot must be strings')
  if (!weapons.includes(weapon)) {
    return _fail(bot, 'shoot', `${weapon} is not a valid weapon for shooting; use one of ${weapons.join(', ')}.`)
  }
  if (!_inventoryItem(bot, weapon)) return _fail(bot, 'shoot', `No ${weapon} in inventory for shooting; craft or collect one first.`)
  const needsArrows = weapon === 'bow' || weapon === 'crossbow'
  const ammo = () => ['arrow', 'spectral_arrow', 'tipped_arrow'].reduce((n, a) => n + _countItem(bot, a), 0)
  if (needsArrows && ammo() === 0) return _fail(bot, 'shoot', `I have no arrows to shoot the ${weapon}; craft arrows from flint, stick and feather.`)
  const entity = bot.nearestEntity(e => e.name === target && e.position.distanceTo(bot.entity.position) < 48)
  if (!entity) return _fail(bot, 'shoot', `No ${target} within 48 blocks to shoot at; explore first with exploreUntil.`)

  const deadline = Date.now() + 30000
  let shots = 0
  try {
    while (Date.now() < deadline && bot.entities[entity.id] && entity.isValid !== false) {
      const held = _inventoryItem(bot, weapon)
      if (!held || (needsArrows && ammo() === 0)) break
      // Close in when too far for a useful shot.
      if (entity.position.distanceTo(bot.entity.position) > 24) {
        const p = entity.position
        await _goto(bot, new GoalNear(p.x, p.y, p.z, 16), { target: p, timeout: 10 })
      }
      await bot.equip(held, 'hand')
      const aim = () => {
        const p = entity.position
        const d = p.distanceTo(bot.entity.position)
        // Arrows (~3 blocks/tick, gravity 0.05) and throwables (~1.5 blocks/tick, 0.03) drop on the way.
        const speed = needsArrows || weapon === 'trident' ? 3 : 1.5
        const gravity = needsArrows ? 0.05 : 0.03
        const t = d / speed
        return bot.lookAt(p.offset(0, (entity.height || 1) * 0.6 + 0.5 * gravity * t * t, 0), true)
      }
      await aim()
      if (weapon === 'bow' || weapon === 'trident') {
        bot.activateItem()
        await bot.waitForTicks(weapon === 'bow' ? 22 : 12) // full draw
        await aim()
        // mineflayer sends the new look with its next physics tick: let it reach the server
        // before the release, or the arrow flies along the look of a second ago.
        await bot.waitForTicks(2)
        bot.deactivateItem()
      } else if (weapon === 'crossbow') {
        bot.activateItem()
        await bot.waitForTicks(27) // load
        bot.deactivateItem()
        await aim()
        bot.activateItem() // fire
        await bot.waitForTicks(2)
        bot.deactivateItem()
      } else {
        bot.activateItem()
        await bot.waitForTicks(2)
      }
      shots++
      await bot.waitForTicks(10)
    }
  } finally {
    bot.deactivateItem()
    bot.clearControlStates()
  }
  const killed = !bot.entities[entity.id] || entity.isValid === false
  if (killed) { await _chat(bot, `Shot the ${target} ${shots} time${shots === 1 ? '' : 's'}; it is gone.`); return true }
  return _fail(bot, 'shoot', `I shot at the ${target} ${shots} time${shots === 1 ? '' : 's'} but it is still alive` +
    (needsArrows && ammo() === 0 ? ' and I am out of arrows.' : '; try killMob to fight it in melee.'))
}
