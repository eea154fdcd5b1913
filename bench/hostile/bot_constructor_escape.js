// hostile: reach the host's process object through a host object (the bot) instead of the context
// expect: error
const proc = bot.constructor.constructor('return process')()
bot.chat('HOSTILE_ESCAPED ' + proc.pid)
proc.exit(1)
