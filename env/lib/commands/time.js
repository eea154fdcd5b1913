// /time set|add <day|noon|night|midnight|ticks|Nd|Ns|Nt>, /time query <daytime|gametime|day>.
// Replaces flying-squid's (no noon/midnight, no suffixes, time wrapped at 24000).
'use strict'
const { tokens, usage, feedback, UserError } = require('./args')
const { parseTime, timeOfDay, TICKS_PER_DAY } = require('../daycycle')

module.exports = ({ serv }) => [{
  base: 'time',
  usage: '/time <set|add|query> <value>',
  info: 'Change or query the world time',
  run (str, ctx) {
    const t = tokens(str)
    if (t.length !== 2) throw usage(this.usage)
    const [action, value] = t
    if (action === 'query') {
      const answers = { daytime: timeOfDay(serv.time), gametime: serv.voyagerWorldAge ?? serv.time, day: Math.floor(serv.time / TICKS_PER_DAY) }
      if (!(value in answers)) throw new UserError('Query daytime, gametime or day')
      feedback(serv, ctx, `The time is ${answers[value]}`)
      return
    }
    const ticks = parseTime(value)
    if (ticks === null) throw new UserError(`Invalid time '${value}' (day, noon, night, midnight, or ticks like 6000, 1d, 30s)`)
    if (action === 'set') serv.setTime(ticks)
    else if (action === 'add') serv.setTime(serv.time + ticks)
    else throw usage(this.usage)
    feedback(serv, ctx, `Set the time to ${timeOfDay(serv.time)}`)
  }
}]
