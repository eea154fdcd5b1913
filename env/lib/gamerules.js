// The world's game rules, shared by every plugin as `serv.gamerules` (a plain object).
// Defaults are vanilla's; settings.gamerules overrides them at start, `/gamerule` at run time.
// Other plugins read them directly (mobs: doMobSpawning) and may listen to
// serv.on('gamerule', ({ rule, value })) for changes.
'use strict'

const DEFAULTS = {
  keepInventory: false,
  doDaylightCycle: true,
  doMobSpawning: true,
  naturalRegeneration: true,
  fallDamage: true,
  drowningDamage: true
}

function ensureGamerules (serv, settings = {}) {
  if (!serv.gamerules) {
    const fromSettings = (settings.voyager && settings.voyager.gamerules) || settings.gamerules || {}
    serv.gamerules = { ...DEFAULTS, ...fromSettings }
  }
  return serv.gamerules
}

// Sets a known rule from a string or boolean; throws Error with a one-line reason otherwise.
function setGamerule (serv, rule, value) {
  if (!(rule in DEFAULTS)) throw new Error(`Unknown game rule '${rule}' (known: ${Object.keys(DEFAULTS).join(', ')})`)
  let parsed = value
  if (typeof value === 'string') {
    if (value !== 'true' && value !== 'false') throw new Error(`Game rule ${rule} takes true or false, not '${value}'`)
    parsed = value === 'true'
  }
  serv.gamerules[rule] = parsed
  serv.emit('gamerule', { rule, value: parsed })
  return parsed
}

module.exports = { DEFAULTS, ensureGamerules, setGamerule }
