'use strict'
// Chunk saving (lib/safeSaving.js): a block changed while a large save is being written must
// reach the disk. prismarine-world 3.x cleared its queue after the writes and lost it.
const test = require('node:test')
const assert = require('node:assert')
const fs = require('fs')
const os = require('os')
const path = require('path')
const { Vec3 } = require('vec3')
const registry = require('minecraft-data')(require('./helpers').VERSION)
const World = require('prismarine-world')(registry)
const Chunk = require('prismarine-chunk')(registry)
const Anvil = require('prismarine-provider-anvil').Anvil(registry)
const { fixChunkSaving } = require('../lib/safeSaving')

const stone = registry.blocksByName.stone.defaultState
const chest = registry.blocksByName.chest.defaultState

function flatChunk () {
  const chunk = new Chunk({ minY: -64, worldHeight: 384 })
  for (let x = 0; x < 16; x++) for (let z = 0; z < 16; z++) chunk.setBlockStateId(new Vec3(x, 0, z), stone)
  return chunk
}

async function changeDuringASave (folder) {
  const world = new World(() => flatChunk(), new Anvil(folder), 0) // 0: no timer, saves on demand
  fixChunkSaving(world) // without it: air
  for (let x = 0; x < 12; x++) for (let z = 0; z < 12; z++) await world.getColumn(x, z) // 144 new chunks queued
  const saving = world.saveNow()
  await new Promise(resolve => setImmediate(resolve)) // the batch is serialized; its writes are in flight
  await world.setBlockStateId(new Vec3(3, 1, 3), chest)
  await saving
  await world.waitSaving()
  const reopened = new World(null, new Anvil(folder), 0)
  await reopened.getColumn(0, 0)
  return (await reopened.getBlock(new Vec3(3, 1, 3))).name
}

test('a block placed while a save is being written is on disk after the next save', async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'voyager-saving-'))
  try {
    assert.strictEqual(await changeDuringASave(folder), 'chest')
  } finally {
    fs.rmSync(folder, { recursive: true, force: true })
  }
})
