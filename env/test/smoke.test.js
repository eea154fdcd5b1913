'use strict'
const test = require('node:test')
const assert = require('node:assert')
const { startWorld, connectBot } = require('./helpers')

test('the world starts and an unmodified mineflayer bot spawns in it', async () => {
  const world = await startWorld()
  try {
    const bot = await connectBot(world)
    assert.strictEqual(bot.version, '1.19.2')
    assert.ok(bot.entity.position, 'bot has a position')
    bot.quit()
  } finally {
    await world.stop()
  }
})
