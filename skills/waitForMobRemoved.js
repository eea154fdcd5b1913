// waitForMobRemoved(bot, entity, timeout = 300): wait until `entity` dies or disappears.
// Resolves with the item entity it dropped (or null); rejects after `timeout` seconds or when
// the attack stops before it died. See waitForMobRemoved.md.
'use strict'

function waitForMobRemoved (bot, entity, timeout = 300) {
  if (!entity || typeof entity !== 'object' || entity.id === undefined) {
    return Promise.reject(new Error('entity for waitForMobRemoved must be an entity, e.g. bot.nearestEntity(e => e.name === "pig")'))
  }
  if (typeof timeout !== 'number' || !(timeout > 0)) timeout = 300
  const name = entity.name || 'mob'
  return new Promise((resolve, reject) => {
    let dropped = null
    let settled = false
    let timer = null
    const gone = () => entity.isValid === false || !bot.entities[entity.id]
    const finish = (err) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      bot.removeListener('entityGone', onGone)
      bot.removeListener('entityDead', onDead)
      bot.removeListener('itemDrop', onItemDrop)
      bot.removeListener('stoppedAttacking', onStopped)
      bot.removeListener('startedAttacking', onStarted)
      if (bot.pvp && bot.pvp.target === entity) bot.pvp.stop()
      if (err) { reject(err); return }
      _chat(bot, `Killed ${name}!`)
      resolve(dropped)
    }
    const lastPos = () => entity.position ? entity.position.clone() : null
    let deathPos = lastPos()
    function onGone (e) { if (e === entity || e.id === entity.id) { deathPos = lastPos(); finish() } }
    function onDead (e) {
      if (e !== entity && e.id !== entity.id) return
      deathPos = lastPos()
      // Some servers never destroy the corpse; a death is a kill once its drops had time to spawn.
      setTimeout(() => finish(), 1500)
    }
    function onItemDrop (e) {
      const at = deathPos || lastPos()
      if (!dropped && at && e.position && e.position.distanceTo(at) <= 2) dropped = e
    }
    // Whether mineflayer-pvp is attacking this entity. pvp.attack() sets its target only after
    // a microtask, so code that calls it without await and then us (as the doc's example and
    // killMob do) is seen through the 'startedAttacking' event.
    let attacking = !!(bot.pvp && bot.pvp.target === entity)
    function onStarted () {
      attacking = !!(bot.pvp && bot.pvp.target === entity)
    }
    // mineflayer-pvp stops (and says so) in its own entityGone handler, which runs before
    // ours; decide a tick later whether the mob is really gone.
    function onStopped () {
      if (!attacking) return
      attacking = false
      setTimeout(() => {
        if (settled) return
        if (gone()) finish()
        else finish(new Error(`Stopped attacking ${name} before it died; it may have escaped or be out of reach.`))
      }, 100)
    }
    timer = setTimeout(() => finish(new Error(`Failed to kill ${name} within ${timeout} s.`)), timeout * 1000)
    bot.on('entityGone', onGone)
    bot.on('entityDead', onDead)
    bot.on('itemDrop', onItemDrop)
    bot.on('startedAttacking', onStarted)
    bot.on('stoppedAttacking', onStopped)
    if (gone()) finish()
  })
}
