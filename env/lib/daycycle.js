// Day/night: the world's time of day advances one per tick while the doDaylightCycle game
// rule is on, and every client gets update_time once a second (as vanilla does).
// Replaces flying-squid's cycle (it wraps time at 24000, so the day count is lost, and it
// reads serv.doDaylightCycle instead of the game rule): its changeTime behaviour is cancelled.
// serv.time is the absolute day time (like vanilla's dayTime); serv.setTime(t) sets it.
'use strict'

const TICKS_PER_DAY = 24000
const NAMED_TIMES = { day: 1000, noon: 6000, night: 13000, midnight: 18000, sunrise: 23000, sunset: 12000 }

function timeOfDay (time) {
  return ((time % TICKS_PER_DAY) + TICKS_PER_DAY) % TICKS_PER_DAY
}

function installDayCycle (serv, settings = {}) {
  const voyager = settings.voyager || settings
  serv.voyagerWorldAge = 0
  serv.time = Number.isFinite(voyager.startTime) ? voyager.startTime : (serv.time || 0)

  // Vanilla's packet: a negative day time tells clients that the cycle is stopped.
  function timePacket () {
    let day = Math.max(0, Math.floor(serv.time))
    if (!serv.gamerules.doDaylightCycle) day = day === 0 ? -1 : -day
    return { age: BigInt(serv.voyagerWorldAge), time: BigInt(day) }
  }
  serv.voyagerTimePacket = timePacket

  serv.setTime = (time) => {
    serv.time = Math.max(0, Math.floor(Number(time) || 0))
    serv._writeAll('update_time', timePacket())
  }
  serv.voyagerTimeOfDay = () => timeOfDay(serv.time)

  serv.on('changeTime_cancel', (data, cancel) => cancel(false))
  // flying-squid's flag, kept as a view of the game rule for code that still reads it.
  Object.defineProperty(serv, 'doDaylightCycle', {
    configurable: true,
    get: () => serv.gamerules.doDaylightCycle,
    set: (value) => { serv.gamerules.doDaylightCycle = Boolean(value) }
  })
  serv.on('gamerule', ({ rule }) => { if (rule === 'doDaylightCycle') serv._writeAll('update_time', timePacket()) })
  serv.on('tick', (delta, count) => {
    serv.voyagerWorldAge++
    if (serv.gamerules.doDaylightCycle) serv.time++
    if (count % 20 === 0) serv._writeAll('update_time', timePacket())
  })
  // flying-squid's login sends a positive time; resend ours so a stopped cycle shows as stopped.
  serv.on('newPlayer', player => player.once('spawned', () => player._client.write('update_time', timePacket())))
}

// Parses a /time value: a named time, ticks, or a number with a d/s/t suffix (days/seconds/ticks).
function parseTime (str) {
  if (str in NAMED_TIMES) return NAMED_TIMES[str]
  const m = /^(\d+(?:\.\d+)?)([dst]?)$/.exec(str)
  if (!m) return null
  const mult = { d: TICKS_PER_DAY, s: 20, t: 1, '': 1 }[m[2]]
  return Math.round(Number(m[1]) * mult)
}

module.exports = { TICKS_PER_DAY, NAMED_TIMES, timeOfDay, installDayCycle, parseTime }
