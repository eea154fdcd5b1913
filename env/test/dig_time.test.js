'use strict'
// Dig time by tool tier (plugins/dig_time.js): unmodified mineflayer's bot.dig, which waits its
// own bot.digTime, is accepted (stone with a wooden pickaxe, stone, a log and dirt by hand); a
// client that reports "finished" sooner than the held tool allows gets the block back and no
// drop, and the block only breaks once the tool's dig time has passed (vanilla's delayed
// destroy). Raw digs go through the bot's own protocol client, bypassing bot.dig.
const { describe, it, before, after } = require('node:test')
const assert = require('node:assert')
const { startWorld, connectBot, command, countItem, waitFor } = require('./helpers')

let world
let bot
let spot // a block position beside the bot's feet, where the test blocks are set
let sequence = 10000

before(async () => {
  world = await startWorld({ mobs: { naturalSpawning: false }, startTime: 6000, gamerules: { doDaylightCycle: false } })
  bot = await connectBot(world)
  await bot.waitForChunksToLoad()
  await waitFor(() => bot.entity.onGround)
  spot = bot.entity.position.floored().offset(1, 0, 0)
})

after(async () => {
  if (bot) bot.quit()
  if (world) await world.stop()
})

// The item an item entity carries (flying-squid 1.12 puts the stack at metadata index 7,
// mineflayer 4.25 reads index 8, so look for it by shape).
function itemName (entity) {
  const slot = (entity.metadata || []).find(m => m && typeof m === 'object' && m.present && m.itemId !== undefined)
  return slot ? bot.registry.items[slot.itemId].name : null
}

const refusals = () => (world.output().match(/dig refused: tester/g) || []).length

async function setBlock (name) {
  await command(bot, `/setblock ${spot.x} ${spot.y} ${spot.z} ${name}`, /Changed the block|not air/)
  await waitFor(() => bot.blockAt(spot).name === name.replace(/\[.*/, ''))
}

async function hold (tool) {
  if (!tool) return bot.unequip('hand')
  if (countItem(bot, tool) === 0) {
    await command(bot, `/give tester ${tool} 1`, /Gave/)
    await waitFor(() => countItem(bot, tool) > 0)
  }
  await bot.equip(bot.inventory.items().find(i => i.name === tool), 'hand')
}

// Records, from now on, block_change packets at the spot and item entities spawned.
function watchSpot () {
  const seen = { changes: [], items: [] }
  const onChange = p => { if (p.location.x === spot.x && p.location.y === spot.y && p.location.z === spot.z) seen.changes.push(p.type) }
  const onSpawn = e => { if (e.name === 'item') seen.items.push(e) }
  bot._client.on('block_change', onChange)
  bot.on('entitySpawn', onSpawn)
  seen.stop = () => { bot._client.off('block_change', onChange); bot.off('entitySpawn', onSpawn) }
  seen.restored = () => seen.changes.some(type => type !== 0)
  return seen
}

// The server's own view of the spot: '/setblock ... keep' only succeeds on air.
async function serverHasBlockAtSpot () {
  await bot.waitForTicks(2) // let the server finish its (async) dig handling
  const reply = await command(bot, `/setblock ${spot.x} ${spot.y} ${spot.z} air keep`, /Changed the block|not air/)
  return /not air/.test(reply)
}

// Sends "start digging", then "finish digging" after `waitMs` (or only the finish), straight
// through the protocol. Resolves once the server acknowledged the finish.
function rawDig ({ waitMs = 0, start = true } = {}) {
  const startSeq = ++sequence
  const finishSeq = ++sequence
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { bot._client.off('acknowledge_player_digging', onAck); reject(new Error('no acknowledgement of the finish: ' + world.output().slice(-1000))) }, 10000)
    function onAck (packet) {
      if (packet.sequenceId !== finishSeq) return
      clearTimeout(timer)
      bot._client.off('acknowledge_player_digging', onAck)
      resolve()
    }
    bot._client.on('acknowledge_player_digging', onAck)
    if (start) bot._client.write('block_dig', { status: 0, location: spot, face: 1, sequence: startSeq })
    setTimeout(() => bot._client.write('block_dig', { status: 2, location: spot, face: 1, sequence: finishSeq }), waitMs)
  })
}

describe('bot.dig (unmodified mineflayer) is accepted at every tier', () => {
  for (const [block, tool, drop] of [['stone', 'wooden_pickaxe', 'cobblestone'], ['oak_log', null, 'oak_log'], ['dirt', null, 'dirt'], ['stone', null, null]]) {
    it(`${block} ${tool ? 'with a ' + tool : 'by hand'}${drop ? ' drops ' + drop : ' (nothing drops)'}`, async () => {
      await setBlock(block)
      await hold(tool)
      const refusedBefore = refusals()
      const seen = watchSpot()
      try {
        await bot.dig(bot.blockAt(spot), true)
        if (drop) await waitFor(() => seen.items.some(e => itemName(e) === drop), 5000)
        assert.strictEqual(await serverHasBlockAtSpot(), false, 'the server broke the block')
        assert.strictEqual(seen.restored(), false, 'the block was not given back')
        assert.strictEqual(refusals(), refusedBefore)
      } finally {
        seen.stop()
      }
    })
  }
})

describe('a finish sooner than the held tool allows is refused', () => {
  it('the tool tier sets the time needed: a wooden pickaxe\'s time is enough with the pickaxe, not by hand', async () => {
    await hold('wooden_pickaxe')
    await setBlock('stone')
    const pickaxeTime = bot.digTime(bot.blockAt(spot))
    await hold(null)
    assert.ok(bot.digTime(bot.blockAt(spot)) > pickaxeTime / 0.7, 'stone by hand takes far longer')

    let seen = watchSpot()
    await rawDig({ waitMs: pickaxeTime }) // by hand
    seen.stop()
    assert.strictEqual(seen.restored(), true, 'the block came back')
    assert.strictEqual(await serverHasBlockAtSpot(), true)

    await setBlock('dirt') // a changed block ends the pending (delayed) dig
    await setBlock('stone')
    await hold('wooden_pickaxe')
    seen = watchSpot()
    await rawDig({ waitMs: pickaxeTime })
    await waitFor(() => seen.items.some(e => itemName(e) === 'cobblestone'), 5000)
    seen.stop()
    assert.strictEqual(seen.restored(), false)
    assert.strictEqual(await serverHasBlockAtSpot(), false)
  })

  it('start and finish at once: the block comes back with no drop, and breaks once the dig time has passed', async () => {
    await setBlock('stone')
    await hold('wooden_pickaxe')
    const needed = bot.digTime(bot.blockAt(spot))
    const seen = watchSpot()
    const sent = Date.now()
    try {
      await rawDig()
      assert.strictEqual(seen.restored(), true, 'the block came back')
      assert.deepStrictEqual(seen.items, [], 'nothing dropped')
      assert.match(world.output(), /dig refused: tester finished stone/)
      // Vanilla's delayed destroy: the started block still breaks, not before the tool's time.
      await waitFor(() => seen.items.some(e => itemName(e) === 'cobblestone'), 10000)
      assert.ok(seen.changes.includes(0), 'the digger got the air')
      assert.ok(Date.now() - sent >= 0.7 * needed, `broke after ${Date.now() - sent} ms, needs ${needed} ms`)
    } finally {
      seen.stop()
    }
  })

  it('a finish without a start is refused', async () => {
    await setBlock('dirt')
    await hold(null)
    const seen = watchSpot()
    await rawDig({ start: false })
    seen.stop()
    assert.strictEqual(seen.restored(), true)
    assert.strictEqual(await serverHasBlockAtSpot(), true)
  })

  it('bedrock never breaks in survival, and the client gets it back', async () => {
    await setBlock('bedrock')
    await hold('wooden_pickaxe')
    const seen = watchSpot()
    await rawDig({ waitMs: 100 })
    seen.stop()
    assert.strictEqual(seen.restored(), true)
    assert.strictEqual(await serverHasBlockAtSpot(), true)
  })

  it('instant-break blocks and creative mode are exempt', async () => {
    await setBlock('dandelion')
    await hold(null)
    let seen = watchSpot()
    await rawDig()
    await waitFor(() => seen.items.some(e => itemName(e) === 'dandelion'), 5000)
    seen.stop()
    assert.strictEqual(seen.restored(), false)

    // Creative: the block breaks on "start digging" (what a vanilla client sends); mineflayer
    // 4.25 misses game mode changes, so its bot.dig would wait the survival time.
    await setBlock('obsidian')
    await command(bot, '/gamemode creative', /game mode to creative/)
    try {
      seen = watchSpot()
      bot._client.write('block_dig', { status: 0, location: spot, face: 1, sequence: ++sequence })
      assert.strictEqual(await serverHasBlockAtSpot(), false)
      seen.stop()
      assert.strictEqual(seen.restored(), false)
    } finally {
      await command(bot, '/gamemode survival', /game mode to survival/)
    }
  })
})

describe('a block placed right after a dig is not broken by that dig', () => {
  it('finish digging and block_place in one breath (as mineflayer sends them): the new block stays', async () => {
    await setBlock('dirt')
    await hold('cobblestone')
    const below = spot.offset(0, -1, 0)
    assert.strictEqual(bot.blockAt(below).boundingBox, 'block', 'something to place against')
    const seen = watchSpot()
    try {
      const startSeq = ++sequence
      bot._client.write('block_dig', { status: 0, location: spot, face: 1, sequence: startSeq })
      await new Promise(resolve => setTimeout(resolve, bot.digTime(bot.blockAt(spot)) + 100))
      // mineflayer predicts the dig done and places at once: both packets leave together.
      bot._client.write('block_dig', { status: 2, location: spot, face: 1, sequence: ++sequence })
      bot._client.write('block_place', { location: below, direction: 1, hand: 0, cursorX: 0.5, cursorY: 1, cursorZ: 0.5, insideBlock: false, sequence: ++sequence })
      assert.strictEqual(await serverHasBlockAtSpot(), true, 'the server keeps the placed block')
      await waitFor(() => bot.blockAt(spot).name === 'cobblestone', 3000)
      assert.strictEqual(seen.changes[seen.changes.length - 1], bot.registry.blocksByName.cobblestone.defaultState)
    } finally {
      seen.stop()
    }
  })
})
