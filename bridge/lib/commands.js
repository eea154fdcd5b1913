// Run a server command as the bot (bot.chat('/...')), watching the server's replies and
// waiting for its effect, so resets work the same on the embedded world and real servers.
'use strict'

class CommandError extends Error {
  constructor (message, code) {
    super(message)
    this.name = 'CommandError'
    this.code = code // not_op | command_failed | no_effect
  }
}

const PERMISSION = /do not have permission|don't have permission|unknown or incomplete command|you must be op/i
const FAILURE = /^(error|unknown|incorrect|invalid|no (player|entity|items?) was found|no items were found|could not|expected|that position is not loaded)/i

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms))

// until: optional () => boolean; without it the first reply (or 300 ms of silence) ends the wait.
async function runCommand (bot, command, { until = null, timeoutMs = 4000 } = {}) {
  const replies = []
  const onMessage = (message, position) => { if (position !== 'chat' && !/^<[^>]+> /.test(message)) replies.push(message) }
  bot.on('messagestr', onMessage)
  try {
    bot.chat(command)
    const start = Date.now()
    while (Date.now() - start < timeoutMs) {
      await sleep(20)
      const denied = replies.find(r => PERMISSION.test(r))
      if (denied) throw notOp(bot, command, denied)
      if (until && until()) return replies
      const failed = replies.find(r => FAILURE.test(r.trim()))
      if (failed) throw new CommandError(`the server rejected \`${command}\`: ${failed.trim()}`, 'command_failed')
      if (!until && (replies.length || Date.now() - start > 300)) return replies
    }
    throw new CommandError(`\`${command}\` had no effect within ${timeoutMs / 1000} s` +
      (replies.length ? ` (server said: ${replies[replies.length - 1]})` : ''), 'no_effect')
  } finally {
    bot.removeListener('messagestr', onMessage)
  }
}

function notOp (bot, command, reply) {
  return new CommandError(`the bot may not run \`${command.split(' ')[0]}\` on this server (${reply.trim()}); ` +
    `resets need op rights: run \`/op ${bot.username}\` in the server console`, 'not_op')
}

module.exports = { runCommand, CommandError }
