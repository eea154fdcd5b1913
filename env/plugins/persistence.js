// Persistence: changed chunks (flying-squid's Anvil saving), players (position, inventory,
// health: flying-squid's playerdata) and `serv.voyagerStore`, a JSON key/value store other
// plugins use for block-entity state (chest contents, furnaces).
//
//   serv.voyagerStore.get(key) -> value | undefined
//   serv.voyagerStore.set(key, json)   (null deletes; saved to <worldFolder>/voyager.json)
//   serv.voyagerSave() -> Promise      flushes chunks, players and the store now
//
// Without a worldFolder everything stays in memory. Saves run every `saveInterval` seconds
// (settings key, default 30) and when the process is stopped (server.js calls voyagerSave).
'use strict'
const path = require('path')
const { JsonStore } = require('../lib/jsonStore')
const { fixChunkSaving } = require('../lib/safeSaving')

module.exports.server = function (serv, options) {
  const settings = options.voyager || {}
  const folder = options.worldFolder || null
  let store
  try {
    store = new JsonStore(folder ? path.join(folder, 'voyager.json') : null)
  } catch (err) {
    // A damaged store must not keep the world from starting; say so and start empty.
    console.error(`[persistence] could not read ${path.join(folder, 'voyager.json')} (${err.message}); starting with an empty store`)
    store = new JsonStore(null)
    store.file = path.join(folder, 'voyager.json')
  }
  serv.voyagerStore = store

  let saving = null
  async function saveAll () {
    fixChunkSaving(serv.overworld) // in case a save comes before the patch above ran
    for (const player of serv.players || []) {
      if (typeof player.save === 'function' && !player.disconnected) {
        try { await player.save() } catch (err) { console.error('[persistence] player save failed:', err.message) }
      }
    }
    for (const world of [serv.overworld, serv.netherworld]) {
      if (world && world.storageProvider) await world.waitSaving()
    }
    store.save()
  }
  serv.voyagerSave = () => {
    // One save at a time; a second caller waits for the running one and then saves again.
    saving = (saving || Promise.resolve()).then(saveAll, saveAll).catch(err => {
      console.error('[persistence] save failed:', err && err.stack ? err.stack : err)
    })
    return saving
  }

  if (folder) {
    // The overworld is created by flying-squid's world plugin, which may load after this one.
    const patch = setInterval(() => {
      if (!serv.overworld) return
      clearInterval(patch)
      fixChunkSaving(serv.overworld)
    }, 10)
    const seconds = Number(settings.saveInterval ?? 30)
    if (seconds > 0) setInterval(() => { if (!serv.voyagerStopping) serv.voyagerSave() }, seconds * 1000).unref()
  }
}
