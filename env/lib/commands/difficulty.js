// /difficulty [peaceful|easy|normal|hard|0-3] — flying-squid's takes numbers only.
'use strict'
const { tokens, usage, feedback, UserError } = require('./args')

const NAMES = ['peaceful', 'easy', 'normal', 'hard']

module.exports = ({ serv }) => [{
  base: 'difficulty',
  usage: '/difficulty [peaceful|easy|normal|hard]',
  info: 'Set or query the difficulty',
  run (str, ctx) {
    const t = tokens(str)
    if (t.length > 1) throw usage(this.usage)
    if (t.length === 0) return feedback(serv, ctx, `The difficulty is ${NAMES[serv.difficulty]}`)
    const level = /^[0-3]$/.test(t[0]) ? Number(t[0]) : NAMES.indexOf(t[0])
    if (level < 0) throw new UserError(`Unknown difficulty '${t[0]}' (peaceful, easy, normal, hard)`)
    serv.difficulty = level
    serv._writeAll('difficulty', { difficulty: level, difficultyLocked: false })
    serv.emit('difficulty', level)
    feedback(serv, ctx, `The difficulty has been set to ${NAMES[level]}`)
  }
}]
