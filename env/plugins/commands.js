// Admin commands for ops (chat) and the console (serv.handleCommand): one file per command in
// lib/commands/. They replace flying-squid's built-ins where those are missing or broken on
// 1.19.2 (/clear /fill /gamerule /spreadplayers /item missing; /tp and /summon player-only;
// /give stacks past 64; /time wraps; /difficulty numbers only), so they are registered on
// 'asap', after the built-in plugins have added theirs. Any error becomes a chat/console
// error for the sender, never a crash. Also installs serv.voyagerReset (lib/reset.js).
'use strict'
const fs = require('fs')
const path = require('path')
const { UserError } = require('flying-squid')
const { ensureGamerules } = require('../lib/gamerules')
const { installReset } = require('../lib/reset')

const COMMAND_DIR = path.join(__dirname, '..', 'lib', 'commands')

function loadSpecs (ctx) {
  const specs = []
  for (const file of fs.readdirSync(COMMAND_DIR).filter(f => f.endsWith('.js')).sort()) {
    const factory = require(path.join(COMMAND_DIR, file))
    if (typeof factory === 'function') specs.push(...factory(ctx)) // helpers export objects
  }
  return specs
}

module.exports.server = function (serv, settings) {
  ensureGamerules(serv, settings)
  installReset(serv)

  function register (spec) {
    serv.commands.add({
      base: spec.base,
      aliases: spec.aliases,
      info: spec.info,
      usage: spec.usage,
      op: true,
      voyager: true, // marks our registration (the mobs plugin checks it for /summon)
      async action (str, ctx) {
        try {
          await spec.run(str, ctx || {})
        } catch (err) {
          if (err && err.userError) throw err
          serv.emit('error', err)
          throw new UserError(`/${spec.base} failed: ${err && err.message}`)
        }
      }
    })
  }

  // flying-squid sends chunks from its 'move' listener, which runs before a teleport has
  // moved the player, so after a far /tp or /spreadplayers the client got no chunks there
  // (and mineflayer's physics waits for them forever). Send them once the move is done.
  serv.on('newPlayer', player => {
    player.on('move_done', (data, cancelled) => {
      if (!data.teleport || cancelled || !player.lastPositionChunkUpdated) return
      if (player.position.distanceTo(player.lastPositionChunkUpdated) <= 16) return
      sendChunksAround(player).catch(err => serv.emit('error', err))
    })
  })

  // The 3x3 columns under the player first (physics starts with them), then the view.
  async function sendChunksAround (player) {
    const cx = Math.floor(player.position.x / 16)
    const cz = Math.floor(player.position.z / 16)
    for (let dx = -1; dx <= 1; dx++) {
      for (let dz = -1; dz <= 1; dz++) {
        if (!serv._worldLoadPlayerChunk(cx + dx, cz + dz, player)) continue
        await player.sendChunk(cx + dx, cz + dz, await player.world.getColumn(cx + dx, cz + dz))
      }
    }
    await player.worldSendRestOfChunks()
  }

  serv.once('asap', () => {
    const specs = loadSpecs({ serv, registry: serv.registry })
    for (const spec of specs.filter(s => !s.fallback)) register(spec)
    // Fallbacks (our /summon) only when no other voyager plugin registered one meanwhile.
    setImmediate(() => {
      for (const spec of specs.filter(s => s.fallback)) {
        const existing = serv.commands.hash[spec.base]
        if (!(existing && existing.params && existing.params.voyager)) register(spec)
      }
    })
  })
}
