// /gamemode <mode> [targets], from a player or the console.
'use strict'
const { tokens, usage, parseGameMode, resolvePlayers, feedback, UserError } = require('./args')

const NAMES = ['survival', 'creative', 'adventure', 'spectator']

module.exports = ({ serv }) => [{
  base: 'gamemode',
  aliases: ['gm'],
  usage: '/gamemode <survival|creative|adventure|spectator> [targets]',
  info: 'Set game modes',
  run (str, ctx) {
    const t = tokens(str)
    if (t.length < 1 || t.length > 2) throw usage(this.usage)
    const mode = parseGameMode(t[0])
    if (t.length === 1 && !ctx.player) throw new UserError('Name a player from the console: /gamemode <mode> <targets>')
    const players = t.length === 2 ? resolvePlayers(serv, t[1], ctx) : [ctx.player]
    for (const p of players) {
      p.setGameMode(mode)
      feedback(serv, ctx, `Set ${p.username}'s game mode to ${NAMES[mode]}`)
    }
  }
}]
