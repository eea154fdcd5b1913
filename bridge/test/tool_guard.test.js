// The guard around mineflayer-tool's equipForBlock, on the real plugin with a bot that has no
// tool able to harvest the block (the plugin alone recurses forever on microtasks here).
'use strict'
const { test } = require('node:test')
const assert = require('node:assert')
const { Vec3 } = require('vec3')
const toolPlugin = require('mineflayer-tool').plugin
const { guardToolRecursion } = require('../lib/tool_guard')

const stone = { name: 'stone', position: new Vec3(1, 0, 0), canHarvest: () => false, digTime: () => 7500 }

function botWithoutTools () {
  const bot = {
    inventory: { items: () => [], emptySlotCount: () => 36 },
    entity: { position: new Vec3(0, 0, 0) },
    heldItem: null,
    pathfinder: { goto: async () => {} },
    blockAt: pos => ({ name: 'chest', position: pos }),
    opened: 0,
    openChest: async () => { bot.opened++; return { items: () => [], close () {} } }
  }
  toolPlugin(bot)
  guardToolRecursion(bot)
  return bot
}

// Settles with the call's outcome, or says it hung. (Without the guard the call recurses on
// microtasks: this process starves, no timer runs, and it runs out of heap within a minute.)
function settlesBeforeATimer (promise) {
  return Promise.race([promise.then(() => 'resolved', err => err),
    new Promise(resolve => setTimeout(() => resolve('starved or hung'), 1000))])
}

test('without chest locations, collectblock\'s options reject with NoItem at once', async () => {
  const bot = botWithoutTools()
  const outcome = await settlesBeforeATimer(bot.tool.equipForBlock(stone, { requireHarvest: true, getFromChest: true, maxTools: 2 }))
  assert.ok(outcome instanceof Error, String(outcome))
  assert.strictEqual(outcome.name, 'NoItem')
  assert.strictEqual(outcome.message, 'Bot does not have a harvestable tool!')
  assert.strictEqual(bot.opened, 0, 'no chest to look into')
})

test('with an empty chest to fetch from, it looks once and then rejects with NoItem', async () => {
  const bot = botWithoutTools()
  bot.tool.chestLocations = [new Vec3(5, 0, 5)]
  const outcome = await settlesBeforeATimer(bot.tool.equipForBlock(stone, { requireHarvest: true, getFromChest: true }))
  assert.ok(outcome instanceof Error, String(outcome))
  assert.strictEqual(outcome.name, 'NoItem')
  assert.strictEqual(bot.opened, 1, 'the chest was opened once, not again and again')
})

test('guarding twice wraps once', () => {
  const bot = botWithoutTools()
  const guarded = bot.tool.equipForBlock
  guardToolRecursion(bot)
  assert.strictEqual(bot.tool.equipForBlock, guarded)
})
