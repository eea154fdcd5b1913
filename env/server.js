#!/usr/bin/env node
// The embedded world: flying-squid plus every plugin in env/plugins/ (one file per mechanic).
//
// Usage: node server.js '<settings JSON>'   (or: node server.js --settings FILE)
// Settings (all optional; docs/WORLD.md has the table): host, port (0: a free one), version,
// seed (terrain, env/generator/; a saved world keeps its own), worldFolder (null: nothing saved),
// viewDistance, difficulty, gameMode, gamerules {keepInventory, doDaylightCycle, doMobSpawning},
// startTime, saveInterval (seconds between saves of a saved world, default 30; plugins/persistence.js),
// mobs {maxMobs, naturalSpawning, ...: see plugins/mobs.js}, furnaceCookTicks
// (default 200, vanilla; plugins/furnace.js), inventoryDebug (tests: enables /voyager_inv,
// plugins/windows.js). Prints one line
// `VOYAGER_WORLD_READY {"host":...,"port":...,"version":...}` on stdout once it accepts
// logins; flying-squid's own log lines and a "> " console prompt may share stdout.
'use strict'
const fs = require('fs')
const path = require('path')

function readSettings (argv) {
  if (argv[0] === '--settings') return JSON.parse(fs.readFileSync(argv[1], 'utf8'))
  return argv[0] ? JSON.parse(argv[0]) : {}
}

function pluginPaths () {
  const dir = path.join(__dirname, 'plugins')
  return fs.readdirSync(dir).filter(f => f.endsWith('.js')).sort().map(f => path.join(dir, f))
}

// level.dat stores the seed as a 32-bit pair and flying-squid treats 0 as "pick one at random":
// keep seeds in 1..2^31-1 (0 becomes 1). A saved world keeps the seed it was created with.
function normalizeSeed (seed) {
  const n = Math.abs(Math.floor(Number(seed ?? 42))) % 2147483647
  return Number.isFinite(n) && n > 0 ? n : 1
}

// flying-squid's log plugin registers `exit-hook` (asynchronously), whose SIGTERM/SIGINT
// handlers call process.exit() at once, before anything is saved. exit-hook installs its
// signal handlers only on its first registration: register here first, then remove them.
function disarmExitHook () {
  try {
    require('exit-hook')(() => {})
  } catch (err) {
    return // not installed: nothing to disarm
  }
  for (const signal of ['SIGTERM', 'SIGINT']) process.removeAllListeners(signal)
}

function main () {
  disarmExitHook()
  const settings = readSettings(process.argv.slice(2))
  const version = settings.version || '1.19.2'
  const plugins = {}
  for (const p of pluginPaths()) plugins[p] = { ...settings }
  const generator = path.join(__dirname, 'generator', 'index.js')
  const options = {
    motd: 'voyager embedded world',
    host: settings.host || '127.0.0.1',
    port: settings.port ?? 25565,
    'max-players': 10,
    'online-mode': false,
    logging: false,
    gameMode: settings.gameMode ?? 0,
    difficulty: settings.difficulty ?? 1,
    worldFolder: settings.worldFolder || undefined,
    generation: fs.existsSync(generator)
      ? { name: generator, options: { seed: normalizeSeed(settings.seed), version } }
      : { name: 'grass_field', options: {} },
    kickTimeout: 30000,
    plugins,
    modpe: false,
    'view-distance': settings.viewDistance ?? 6,
    'player-list-text': { header: { text: 'voyager' }, footer: { text: '' } },
    'everybody-op': settings.everybodyOp ?? true,
    'max-entities': settings.maxEntities ?? 100,
    version,
    voyager: settings
  }
  const mcServer = require('flying-squid')
  const serv = mcServer.createMCServer(options)
  // With a debug function flying-squid does not process.exit() on the first uncaught error.
  serv.debug = (...args) => { if (process.env.VOYAGER_WORLD_DEBUG) console.error('[debug]', ...args) }
  let ready = false
  serv.on('error', err => {
    console.error('[world] error:', err && err.stack ? err.stack : err)
    // A port that cannot be bound will never accept logins: say so and leave.
    if (!ready && err && (err.code === 'EADDRINUSE' || err.code === 'EACCES' || err.code === 'EADDRNOTAVAIL')) {
      console.error(`[world] failed to start: cannot listen on ${options.host}:${options.port} (${err.code})`)
      process.exit(1)
    }
  })
  process.on('uncaughtException', err => console.error('[world] uncaught:', err.stack || err))
  process.on('unhandledRejection', err => console.error('[world] unhandled rejection:', err && err.stack ? err.stack : err))
  serv.once('listening', () => {
    const address = serv._server.socketServer.address()
    serv.waitForReady(20000).then(() => {
      ready = true
      process.stdout.write('VOYAGER_WORLD_READY ' + JSON.stringify({ host: options.host, port: address.port, version }) + '\n')
    })
  })
  let stopping = false
  const stop = async () => {
    if (stopping) return
    stopping = true
    serv.voyagerStopping = true
    // Whatever happens below, leave within 10 s (the Python side SIGKILLs later still).
    setTimeout(() => process.exit(0), 10000).unref()
    try {
      // Save first (chunks, players, block entities), then kick players: their logout saves
      // rewrite the same player data, so wait for those before exiting as well.
      if (serv.voyagerSave) await serv.voyagerSave()
      await Promise.race([serv.quit('World stopping'), new Promise(resolve => setTimeout(resolve, 2000))])
      await new Promise(resolve => setTimeout(resolve, 300))
      if (serv.voyagerSave) await serv.voyagerSave()
    } catch (err) {
      console.error('[world] error while stopping:', err && err.stack ? err.stack : err)
    }
    process.exit(0)
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
  // The world belongs to the process that started it (Python, a test, a shell): when that one
  // dies without stopping us (SIGKILL, a test runner's timeout), save and leave instead of
  // lingering as an orphan that holds a port and ~120 MB.
  const parent = process.ppid
  setInterval(() => { if (process.ppid !== parent) stop() }, 1000).unref()
}

try {
  main()
} catch (err) {
  // One readable line for the Python side's error message (it shows the last log lines).
  console.error('[world] failed to start: ' + (err && err.message ? err.message : err))
  process.exit(1)
}
