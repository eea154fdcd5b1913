'use strict'
// A saved world survives a restart (SIGTERM flushes it): a block the bot placed, the bot's
// inventory and position. voyagerStore writes its JSON file atomically.
const test = require('node:test')
const assert = require('node:assert')
const fs = require('fs')
const os = require('os')
const path = require('path')
const { Vec3 } = require('vec3')
const { JsonStore } = require('../lib/jsonStore')
const { startWorld, connectBot, command, countItem, waitFor } = require('./helpers')

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'voyager-world-'))
test.after(() => fs.rmSync(folder, { recursive: true, force: true }))

test('a placed block, the inventory and the position survive a restart', async () => {
  let world = await startWorld({ seed: 42, worldFolder: folder, mobs: { naturalSpawning: false } })
  let bot
  let placedAt
  let position
  try {
    bot = await connectBot(world)
    await bot.waitForChunksToLoad()
    await command(bot, '/give tester oak_planks 5', /Gave/)
    await waitFor(() => countItem(bot, 'oak_planks') === 5)
    await bot.equip(bot.inventory.items().find(i => i.name === 'oak_planks'), 'hand')
    const feet = bot.entity.position.floored()
    const ground = bot.blockAt(feet.offset(2, -1, 0))
    assert.notStrictEqual(ground.name, 'air')
    if (bot.blockAt(ground.position.offset(0, 1, 0)).name !== 'air') {
      await bot.dig(bot.blockAt(ground.position.offset(0, 1, 0)), true)
    }
    await bot.placeBlock(ground, new Vec3(0, 1, 0))
    placedAt = ground.position.offset(0, 1, 0)
    await waitFor(() => bot.blockAt(placedAt).name === 'oak_planks')
    await waitFor(() => countItem(bot, 'oak_planks') === 4)
    position = bot.entity.position.clone()
  } finally {
    if (bot) bot.quit()
    await world.stop()
  }
  assert.ok(fs.existsSync(path.join(folder, 'level.dat')), 'level.dat written')
  assert.ok(fs.readdirSync(path.join(folder, 'region')).length > 0, 'region files written')

  world = await startWorld({ seed: 7, worldFolder: folder, mobs: { naturalSpawning: false } }) // the saved seed wins
  try {
    bot = await connectBot(world)
    await bot.waitForChunksToLoad()
    assert.strictEqual(bot.blockAt(placedAt).name, 'oak_planks')
    await waitFor(() => countItem(bot, 'oak_planks') === 4)
    assert.ok(bot.entity.position.distanceTo(position) < 1.5, `back at ${position}, got ${bot.entity.position}`)
  } finally {
    bot.quit()
    await world.stop()
  }
})

test('voyagerStore saves atomically and reloads', () => {
  const file = path.join(folder, 'store', 'voyager.json')
  const store = new JsonStore(file)
  store.set('chest:overworld:1,2,3', [{ name: 'cobblestone', count: 3 }])
  store.set('gone', { a: 1 })
  store.set('gone', null)
  assert.strictEqual(store.save(), true)
  assert.strictEqual(store.save(), false, 'nothing changed: no write')
  assert.deepStrictEqual(fs.readdirSync(path.dirname(file)), ['voyager.json'], 'no temp file left')
  const again = new JsonStore(file)
  assert.deepStrictEqual(again.get('chest:overworld:1,2,3'), [{ name: 'cobblestone', count: 3 }])
  assert.strictEqual(again.get('gone'), undefined)
  assert.deepStrictEqual(new JsonStore(null).keys(), [])
})
