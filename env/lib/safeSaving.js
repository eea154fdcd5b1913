// A fix for prismarine-world 3.x's chunk saving. Its World.saveNow() serializes the queued
// chunks, awaits the writes and then clears the whole queue: a block changed while the writes
// were in flight (the ~200 chunks generated around spawn take a second or more) was dropped
// from the queue and never saved, so a chest placed early in a run was gone after a restart.
// Here a save takes its batch out of the queue first (changes during the writes stay queued
// for the next save) and saves run one after another.
'use strict'

function fixChunkSaving (world) {
  if (!world || !world.storageProvider || world.voyagerSafeSaving) return
  world.voyagerSafeSaving = true
  let chain = Promise.resolve()
  const saveBatch = async () => {
    if (world.savingQueue.size === 0) return
    const batch = [...world.savingQueue.entries()]
    world.savingQueue.clear()
    // Serialized now (Anvil.save converts the column synchronously), written in order.
    await Promise.all(batch.map(([key, { chunkX, chunkZ }]) => world.storageProvider.save(chunkX, chunkZ, world.columns[key])))
    for (const [key, { chunkX, chunkZ }] of world.unloadQueue.entries()) {
      if (!world.savingQueue.has(key)) world.forceUnloadColumn(key, chunkX, chunkZ)
    }
    world.emit('doneSaving')
  }
  world.saveNow = function () {
    const run = chain.then(saveBatch, saveBatch)
    chain = run.catch(err => console.error('[persistence] chunk save failed:', err && err.stack ? err.stack : err))
    world.finishedSaving = chain
    return run
  }
  // Until every change is on disk (waitSaving's own loop would wait for the next interval).
  world.waitSaving = async function () {
    do await world.saveNow()
    while (world.savingQueue.size > 0)
  }
}

module.exports = { fixChunkSaving }
