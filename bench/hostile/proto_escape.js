// hostile: reach the host's Function through a host object's prototype chain (Vec3, mcData)
// expect: error
const F = Object.getPrototypeOf(Vec3).constructor
const proc = F('return process')()
bot.chat('HOSTILE_ESCAPED ' + proc.pid)
proc.exit(1)
