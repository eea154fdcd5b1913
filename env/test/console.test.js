'use strict'
// Admin commands typed on the server console (the world's stdin, one command per line, with or
// without a leading slash), each effect checked from a mineflayer bot; feedback and errors go
// to the world's log (stdout), and a bad command leaves the server running.
const { describe, it, before, after } = require('node:test')
const assert = require('node:assert')
const { startWorld, connectBot, countItem, waitFor } = require('./helpers')

describe('server console', () => {
  let world
  let bot
  before(async () => {
    world = await startWorld({ mobs: { naturalSpawning: false }, startTime: 1000, gamerules: { doDaylightCycle: false } }, { stdin: 'pipe' })
    bot = await connectBot(world)
    await bot.waitForChunksToLoad()
  })
  after(async () => {
    if (bot) bot.quit()
    if (world) await world.stop()
  })

  const logged = pattern => waitFor(() => pattern.test(world.output()), 5000)

  it('/give from the console fills the bot\'s inventory', async () => {
    world.console('give tester diamond 3')
    await waitFor(() => countItem(bot, 'diamond') === 3)
    await logged(/Gave 3 \[Diamond\] to tester/)
    world.console('/give tester stick 2') // the chat form works too
    await waitFor(() => countItem(bot, 'stick') === 2)
  })

  it('/time set from the console reaches bot.time', async () => {
    world.console('/time set midnight')
    await waitFor(() => bot.time.timeOfDay === 18000)
    world.console('time set noon')
    await waitFor(() => bot.time.timeOfDay === 6000)
  })

  it('/setblock from the console changes a block the bot sees', async () => {
    const p = bot.entity.position.floored().offset(2, 2, 0)
    world.console(`setblock ${p.x} ${p.y} ${p.z} gold_block`)
    await waitFor(() => bot.blockAt(p)?.name === 'gold_block')
    world.console(`/setblock ${p.x} ${p.y} ${p.z} oak_log[axis=z]`)
    await waitFor(() => bot.blockAt(p)?.name === 'oak_log')
    assert.strictEqual(bot.blockAt(p).getProperties().axis, 'z')
  })

  it('bad console commands are reported in the log and the server keeps running', async () => {
    world.console('bogus_command')
    await logged(/Command not found/)
    world.console('give nobody stone')
    await logged(/No player named 'nobody'/)
    world.console('setblock ~ ~ ~ stone')
    await logged(/Relative coordinates \(~\) need a player position/)
    world.console('')
    world.console('give tester emerald 1')
    await waitFor(() => countItem(bot, 'emerald') === 1)
    assert.strictEqual(world.child.exitCode, null)
  })
})
