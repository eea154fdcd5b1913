// /console <command> — not vanilla: an op runs a command as the server console would
// (no sender position, no @s), e.g. to check console forms from a client. Errors come back
// to the op's chat.
'use strict'
const { usage } = require('./args')

module.exports = ({ serv }) => [{
  base: 'console',
  usage: '/console <command>',
  info: 'Run a command as the server console',
  async run (str, ctx) {
    const command = String(str || '').trim().replace(/^\//, '')
    if (!command) throw usage(this.usage)
    const res = await serv.commands.use(command, {}, true)
    if (res) serv.info(res)
    if (ctx.player) ctx.player.chat(`Console ran: /${command}`)
  }
}]
