// /effect give <targets> <effect> [seconds] [amplifier] [hideParticles] and
// /effect clear <targets> [effect], from a player or the console. Replaces flying-squid's
// (player-only, pre-1.13 syntax, and its effects change nothing): instant_health,
// instant_damage and saturation act at once, regeneration/poison/wither/hunger every tick
// (plugins/survival.js). The old form /effect <targets> <effect> ... still works.
'use strict'
const { tokens, usage, parseInteger, parseBool, resolveTargets, feedback, UserError } = require('./args')
const { effectByName, giveEffect, clearEffect, INSTANT } = require('../survival/effects')

module.exports = ({ serv, registry }) => [{
  base: 'effect',
  usage: '/effect give <targets> <effect> [seconds] [amplifier] [hideParticles] | /effect clear <targets> [effect]',
  info: 'Give or clear status effects',
  run (str, ctx) {
    let t = tokens(str)
    if (t[0] !== 'give' && t[0] !== 'clear') t = ['give', ...t]
    const [action, who, name] = t
    if (!who) throw usage(this.usage)
    const targets = resolveTargets(serv, who, ctx).filter(e => typeof e.addEffect === 'function')
    if (targets.length === 0) throw new UserError(`No entity matches '${who}'`)
    const effect = name === undefined ? null : effectByName(registry, name)
    if (name !== undefined && !effect) throw new UserError(`Unknown effect '${name}'`)
    const label = e => e.username || e.name
    if (action === 'clear') {
      if (t.length > 3) throw usage(this.usage)
      for (const e of targets) {
        const ids = effect ? [effect.id] : Object.keys(e.effects || {}).map(Number).filter(id => e.effects[id])
        for (const id of ids) clearEffect(e, { id })
        feedback(serv, ctx, `Removed ${effect ? effect.name : 'every'} effect from ${label(e)}`)
      }
      return
    }
    if (!effect || t.length > 6) throw usage(this.usage)
    const seconds = t[3] === undefined ? 30 : parseInteger(t[3], 'seconds', { min: 0, max: 1000000 })
    const amplifier = t[4] === undefined ? 0 : parseInteger(t[4], 'amplifier', { min: 0, max: 255 })
    const hideParticles = t[5] === undefined ? false : parseBool(t[5], 'hideParticles')
    for (const e of targets) {
      const instant = INSTANT.has(effect.name)
      if (e.type === 'player' && instant && typeof serv.voyagerApplyInstantEffect === 'function') {
        serv.voyagerApplyInstantEffect(e, effect, amplifier, effect.name === 'Saturation' ? seconds * 20 : 1)
      } else if (!instant) {
        if (seconds === 0) clearEffect(e, effect)
        else giveEffect(e, effect, amplifier, seconds * 20, { hideParticles })
      }
      feedback(serv, ctx, `Applied effect ${effect.displayName} to ${label(e)}`)
    }
  }
}]
