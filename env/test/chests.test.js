'use strict'
// Chests with unmodified mineflayer (bot.openContainer / openChest, deposit, withdraw): the
// window carries the inventory part, contents survive closing and a world restart (through
// persistence.js's serv.voyagerStore), and breaking a chest drops what it holds.
const test = require('node:test')
const assert = require('node:assert')
const fs = require('fs')
const os = require('os')
const path = require('path')
const { startWorld, connectBot, command, waitFor } = require('./helpers')
const { exitSoon, expectSameInventory, countIn, give, placeNear, watchDrops } = require('../lib/windows/debug_client')

const hasPersistence = fs.existsSync(path.join(__dirname, '..', 'plugins', 'persistence.js'))
const worldFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'voyager-chests-'))
let world
let bot
let chestPos

// flying-squid's exit hook exits on SIGTERM before server.js's save-on-stop finishes, so this
// test relies on persistence.js's periodic save instead (every second here).
const SETTINGS = { inventoryDebug: true, worldFolder, saveInterval: 1 }

test.before(async () => {
  world = await startWorld(SETTINGS)
  bot = await connectBot(world)
})

test.after(async () => {
  if (bot) bot.quit()
  if (world) await world.stop()
  fs.rmSync(worldFolder, { recursive: true, force: true })
  exitSoon()
})

const id = name => bot.registry.itemsByName[name].id

test('a placed chest opens with 27 slots plus the inventory; deposit and withdraw', async () => {
  await give(bot, 'chest', 2)
  await give(bot, 'cobblestone', 40)
  await give(bot, 'oak_log', 7)
  const chestBlock = await placeNear(bot, 'chest')
  assert.strictEqual(chestBlock.name, 'chest')
  assert.strictEqual(chestBlock.getProperties().type, 'single')
  chestPos = chestBlock.position
  const chest = await bot.openContainer(chestBlock)
  assert.strictEqual(chest.inventoryStart, 27)
  assert.strictEqual(chest.count(id('cobblestone')), 40, 'the window shows the inventory part')
  await chest.deposit(id('cobblestone'), null, 30)
  await chest.deposit(id('oak_log'), null, 7)
  let { server } = await expectSameInventory(bot)
  assert.deepStrictEqual(server.window.slots[0], ['cobblestone', 30])
  await chest.withdraw(id('cobblestone'), null, 5)
  ;({ server } = await expectSameInventory(bot))
  assert.strictEqual(chest.containerCount(id('cobblestone')), 25)
  chest.close()
  ;({ server } = await expectSameInventory(bot))
  assert.strictEqual(countIn(server, 'cobblestone'), 15)
  assert.strictEqual(countIn(server, 'oak_log'), 0)
})

test('the contents are still there when the chest is opened again', async () => {
  const chest = await bot.openChest(bot.blockAt(chestPos))
  assert.strictEqual(chest.containerCount(id('cobblestone')), 25)
  assert.strictEqual(chest.containerCount(id('oak_log')), 7)
  chest.close()
  await expectSameInventory(bot)
})

test('the contents survive a world restart', { skip: hasPersistence ? false : 'plugins/persistence.js (world-terrain) has not landed: voyagerStore is in-memory' }, async () => {
  await bot.waitForTicks(50) // let a periodic save run
  bot.quit()
  await world.stop()
  world = await startWorld(SETTINGS)
  bot = await connectBot(world)
  await bot.waitForChunksToLoad()
  const block = bot.blockAt(chestPos)
  assert.strictEqual(block && block.name, 'chest', 'the chest block itself was saved')
  const chest = await bot.openChest(block)
  assert.strictEqual(chest.containerCount(id('cobblestone')), 25)
  assert.strictEqual(chest.containerCount(id('oak_log')), 7)
  chest.close()
  const { server } = await expectSameInventory(bot)
  assert.strictEqual(countIn(server, 'cobblestone'), 15)
})

test('breaking a chest drops its contents', async () => {
  const drops = watchDrops(bot)
  await bot.dig(bot.blockAt(chestPos))
  const seen = new Map(Object.entries(await drops.until({ cobblestone: 25, oak_log: 7 })))
  assert.strictEqual(seen.get('cobblestone'), 25)
  assert.strictEqual(seen.get('oak_log'), 7)
  // A new chest at the same place starts empty.
  await give(bot, 'chest', 1)
  await bot.waitForTicks(20)
  const again = await placeNear(bot, 'chest', [chestPos.x - Math.floor(bot.entity.position.x), chestPos.z - Math.floor(bot.entity.position.z)])
  assert.ok(again.position.equals(chestPos), 'placed where the old chest stood')
  const chest = await bot.openChest(again)
  assert.strictEqual(chest.containerItems().length, 0)
  chest.close()
})

test('a chest placed where /setblock removed a full one starts empty', async () => {
  await give(bot, 'cobblestone', 5)
  let chest = await bot.openChest(bot.blockAt(chestPos)) // the empty chest of the previous test
  await chest.deposit(id('cobblestone'), null, 5)
  assert.strictEqual(chest.containerCount(id('cobblestone')), 5)
  chest.close()
  await command(bot, `/setblock ${chestPos.x} ${chestPos.y} ${chestPos.z} air`, /[Bb]lock|[Cc]hanged|placed/)
  await waitFor(() => bot.blockAt(chestPos).name === 'air', 5000)
  await give(bot, 'chest', 1)
  await bot.waitForTicks(10)
  const again = await placeNear(bot, 'chest', [chestPos.x - Math.floor(bot.entity.position.x), chestPos.z - Math.floor(bot.entity.position.z)])
  assert.ok(again.position.equals(chestPos), 'placed where the old chest stood')
  chest = await bot.openChest(again)
  assert.strictEqual(chest.containerItems().length, 0, 'the old contents went with the old chest')
  chest.close()
})
