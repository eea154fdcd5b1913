'use strict'
// Admin commands from an op's chat and from the console (/console runs a command as the
// console would), each effect checked from the mineflayer bot's side.
const { describe, it, before, after } = require('node:test')
const assert = require('node:assert')
const { Vec3 } = require('vec3')
const { startWorld, connectBot, waitFor, command, countItem: count } = require('./helpers')


describe('admin commands', () => {
  let world
  let bot
  before(async () => {
    world = await startWorld({ mobs: { naturalSpawning: false }, startTime: 12000, gamerules: { doDaylightCycle: false } })
    bot = await connectBot(world)
    await bot.waitForChunksToLoad()
  })

  it('the world starts at settings.startTime with the settings game rules', async () => {
    await waitFor(() => bot.time.doDaylightCycle === false)
    assert.strictEqual(bot.time.timeOfDay, 12000)
    const reply = await command(bot, '/gamerule doDaylightCycle', /currently set to/)
    assert.match(reply, /false/)
  })
  after(async () => {
    if (bot) bot.quit()
    if (world) await world.stop()
  })

  it('/give fills stacks up to their size', async () => {
    await command(bot, '/give tester cobblestone 100', /Gave 100/)
    await waitFor(() => count(bot, 'cobblestone') === 100)
    const stacks = bot.inventory.items().filter(i => i.name === 'cobblestone').map(i => i.count).sort((a, b) => b - a)
    assert.deepStrictEqual(stacks, [64, 36])
  })

  it('/clear removes a number of one item, then everything', async () => {
    await command(bot, '/give tester dirt 5', /Gave 5/)
    await command(bot, '/clear tester cobblestone 30', /Removed 30/)
    await waitFor(() => count(bot, 'cobblestone') === 70)
    await command(bot, '/clear', /Removed/)
    await waitFor(() => bot.inventory.items().length === 0)
  })

  it('/tp moves the bot to absolute and relative coordinates, also from the console', async () => {
    await command(bot, '/tp tester 40 120 -30', /Teleported/)
    await waitFor(() => Math.abs(bot.entity.position.x - 40.5) < 0.01 && Math.abs(bot.entity.position.z + 29.5) < 0.01)
    const before = bot.entity.position.clone()
    await command(bot, '/tp ~5 ~ ~-2', /Teleported/)
    await waitFor(() => Math.abs(bot.entity.position.x - (before.x + 5)) < 0.01 && Math.abs(bot.entity.position.z - (before.z - 2)) < 0.01)
    await command(bot, '/console tp tester 12 110 7', /Console ran/)
    await waitFor(() => Math.abs(bot.entity.position.x - 12.5) < 0.01 && Math.abs(bot.entity.position.z - 7.5) < 0.01)
  })

  it('a far /tp sends the chunks there, so the bot lands', async () => {
    await command(bot, '/tp tester 400 100 -400', /Teleported/)
    await waitFor(() => bot.world.getColumnAt(bot.entity.position), 10000)
    await waitFor(() => bot.entity.onGround && bot.entity.position.y < 100, 10000)
  })

  it('/spreadplayers puts the bot on a solid surface within range', async () => {
    await command(bot, '/spreadplayers 0 0 1 24 tester', /Spread 1 player/)
    await waitFor(() => Math.abs(bot.entity.position.x) <= 25 && Math.abs(bot.entity.position.z) <= 25 && bot.entity.onGround, 10000)
    const below = bot.blockAt(bot.entity.position.offset(0, -0.5, 0))
    assert.ok(below && below.boundingBox === 'block', `stands on ${below && below.name}`)
    assert.ok(!/water|lava/.test(below.name))
  })

  it('/setblock and /fill change blocks the bot sees', async () => {
    const p = bot.entity.position.floored().offset(3, 0, 0)
    await command(bot, `/setblock ${p.x} ${p.y + 3} ${p.z} gold_block`, /Changed the block/)
    await waitFor(() => bot.blockAt(p.offset(0, 3, 0))?.name === 'gold_block')
    await command(bot, `/fill ${p.x} ${p.y + 5} ${p.z} ${p.x + 2} ${p.y + 5} ${p.z + 2} glass`, /filled 9/)
    await waitFor(() => bot.blockAt(p.offset(0, 5, 0))?.name === 'glass' && bot.blockAt(p.offset(2, 5, 2))?.name === 'glass')
    await command(bot, `/console setblock ${p.x} ${p.y + 3} ${p.z} oak_log[axis=x]`, /Console ran/)
    await waitFor(() => bot.blockAt(p.offset(0, 3, 0))?.name === 'oak_log')
    assert.strictEqual(bot.blockAt(p.offset(0, 3, 0)).getProperties().axis, 'x')
  })

  it('/time set, /time add and the doDaylightCycle rule show in bot.time', async () => {
    await command(bot, '/time set noon', /Set the time/)
    await waitFor(() => bot.time.timeOfDay >= 6000 && bot.time.timeOfDay < 6100)
    await command(bot, '/time add 1000', /Set the time/)
    await waitFor(() => bot.time.timeOfDay >= 7000 && bot.time.timeOfDay < 7100)
    await command(bot, '/time set midnight', /Set the time/)
    await waitFor(() => bot.time.timeOfDay >= 18000 && bot.time.timeOfDay < 18100)
    await command(bot, '/gamerule doDaylightCycle false', /now set to: false/)
    await waitFor(() => bot.time.doDaylightCycle === false)
    await command(bot, '/time set day', /Set the time/)
    await waitFor(() => bot.time.timeOfDay === 1000)
    await command(bot, '/gamerule doDaylightCycle true', /now set to: true/)
    await waitFor(() => bot.time.doDaylightCycle === true && bot.time.timeOfDay > 1000, 5000)
  })

  it('/difficulty and /gamemode reach the client', async () => {
    // mineflayer 4.25 indexes its name table with the already-mapped name on 1.19.2, so
    // bot.game.difficulty stays undefined: check the packet it receives instead.
    let difficulty = null
    bot._client.on('difficulty', packet => { difficulty = packet.difficulty })
    await command(bot, '/difficulty hard', /set to hard/)
    await waitFor(() => difficulty === 'hard')
    await command(bot, '/console difficulty peaceful', /Console ran/)
    await waitFor(() => difficulty === 'peaceful')
    await command(bot, '/difficulty normal', /set to normal/)
    await waitFor(() => difficulty === 'normal')
    // Likewise mineflayer 4.25 compares game_state_change's (mapped) reason with 3, so
    // bot.game.gameMode only follows login/respawn: check the packet.
    let gameMode = null
    bot._client.on('game_state_change', packet => { if (packet.reason === 'change_game_mode') gameMode = packet.gameMode })
    await command(bot, '/gamemode creative', /game mode to creative/)
    await waitFor(() => gameMode === 1)
    await command(bot, '/console gamemode survival tester', /Console ran/)
    await waitFor(() => gameMode === 0)
  })

  it('/gamerule stores keepInventory and answers queries', async () => {
    await command(bot, '/gamerule keepInventory true', /now set to: true/)
    const reply = await command(bot, '/gamerule keepInventory', /currently set to/)
    assert.match(reply, /true/)
    await command(bot, '/gamerule doMobSpawning false', /now set to: false/)
  })

  it('/item replace sets the held item and armour', async () => {
    await command(bot, '/item replace entity tester weapon.mainhand with diamond_sword', /Replaced/)
    await waitFor(() => bot.heldItem?.name === 'diamond_sword')
    await command(bot, '/item replace entity tester armor.head with iron_helmet', /Replaced/)
    await waitFor(() => bot.inventory.slots[5]?.name === 'iron_helmet')
    await command(bot, '/item replace entity tester hotbar.4 with bread 3', /Replaced/)
    await waitFor(() => bot.inventory.slots[40]?.name === 'bread' && bot.inventory.slots[40].count === 3)
  })

  it('/summon spawns a mob at the given coordinates, also from the console', async () => {
    const p = bot.entity.position
    await command(bot, `/summon pig ${p.x + 2} ${p.y} ${p.z}`, /Summoned/)
    await waitFor(() => Object.values(bot.entities).some(e => e.name === 'pig' && e.position.distanceTo(p) < 6))
    await command(bot, `/console summon cow ${Math.floor(p.x)} ${Math.floor(p.y)} ${Math.floor(p.z) + 2}`, /Console ran/)
    await waitFor(() => Object.values(bot.entities).some(e => e.name === 'cow'))
    await command(bot, '/kill @e[type=pig]', /Killed/)
    await waitFor(() => !Object.values(bot.entities).some(e => e.name === 'pig'))
  })

  it('/xp (flying-squid built-in) and /effect from the console', async () => {
    await command(bot, '/xp 30 tester', /Gave tester 30 xp/)
    await waitFor(() => bot.experience.points === 30)
    await command(bot, '/console effect give tester speed 10 1', /Console ran/)
    await waitFor(() => Object.values(bot.entity.effects).some(e => e.id === 1 && e.amplifier === 1))
    await command(bot, '/effect clear tester speed', /Removed/)
    await waitFor(() => !Object.values(bot.entity.effects).some(e => e.id === 1))
  })

  it('/voyagerreset sets inventory, equipment and position in one call', async () => {
    await command(bot, '/voyagerreset tester {"inventory":{"oak_log":4,"stick":2},"equipment":["stone_pickaxe",null,null,null,null,null],"position":{"x":-20.5,"y":120,"z":15.5}}', /Reset tester/)
    await waitFor(() => count(bot, 'oak_log') === 4 && count(bot, 'stick') === 2 && bot.heldItem?.name === 'stone_pickaxe')
    await waitFor(() => Math.abs(bot.entity.position.x + 20.5) < 0.01 && Math.abs(bot.entity.position.z - 15.5) < 0.01)
    assert.strictEqual(count(bot, 'cobblestone'), 0)
  })

  it('bad arguments give the sender an error and the server keeps running', async () => {
    assert.match(await command(bot, '/give tester not_an_item 3', /Unknown item/), /not_an_item/)
    assert.match(await command(bot, '/give nobody stone', /No player/), /nobody/)
    await command(bot, '/tp 1 2', /Error|No player/)
    await command(bot, '/tp a b c', /Expected a x|Expected/)
    await command(bot, '/fill 0 0 0 100 100 100 stone', /Too many blocks/)
    await command(bot, '/setblock 0 0 0 no_such_block', /Unknown block/)
    await command(bot, '/setblock 0 9999 0 stone', /outside the world/)
    await command(bot, '/gamemode flying', /Unknown game mode/)
    await command(bot, '/gamerule fly true', /Unknown game rule/)
    await command(bot, '/gamerule keepInventory maybe', /true or false/)
    await command(bot, '/time set later', /Invalid time/)
    await command(bot, '/difficulty impossible', /Unknown difficulty/)
    await command(bot, '/item replace entity tester nose with stone', /Unknown slot/)
    await command(bot, '/summon dragonfly', /Unknown|mob/)
    await command(bot, '/voyagerreset tester {bad json}', /not valid JSON/)
    await command(bot, '/console tp 1 2 3', /Name who to teleport/)
    await command(bot, '/clear tester stone', /No items were found/)
    await command(bot, '/damage tester lots', /Expected a amount|Expected/)
    await command(bot, '/vitals tester mood 3', /Unknown vital/)
    await command(bot, '/kill @e[type=pig,limit=zero]', /limit/)
    await command(bot, '/effect give tester flying 10', /Unknown effect/)
    const reply = await command(bot, '/time query daytime', /The time is/)
    assert.match(reply, /\d+/)
    assert.ok(world.child.exitCode === null, 'the world process is still running')
  })
})
