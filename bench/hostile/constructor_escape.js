// hostile: reach the host's process object through the context's Function constructor
// expect: error
const proc = this.constructor.constructor('return process')()
bot.chat('HOSTILE_ESCAPED ' + proc.pid)
proc.exit(1)
