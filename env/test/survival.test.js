'use strict'
// Survival mechanics seen by an unmodified mineflayer bot: eating, regeneration, fall damage,
// drowning, death/respawn and keepInventory.
const { describe, it, before, after } = require('node:test')
const assert = require('node:assert')
const { Vec3 } = require('vec3')
const { startWorld, connectBot, waitFor, command, countItem: count } = require('./helpers')


// Resolves with the bot's lowest health seen while `action` runs and until `until` holds.
async function lowestHealthDuring (bot, action, until) {
  let lowest = bot.health
  const onHealth = () => { lowest = Math.min(lowest, bot.health) }
  bot.on('health', onHealth)
  try {
    await action()
    await waitFor(until, 10000)
  } finally {
    bot.off('health', onHealth)
  }
  return lowest
}

describe('hunger model (vanilla FoodData)', () => {
  const { FoodData } = require('../lib/survival/foodData')

  it('exhaustion costs saturation first, then food (none on peaceful)', () => {
    const food = new FoodData({ food: 20, saturation: 1 })
    food.addExhaustion(4.1)
    food.tick({ difficulty: 2, health: 20 })
    assert.deepStrictEqual([food.food, food.saturation], [20, 0])
    food.addExhaustion(4.1)
    food.tick({ difficulty: 2, health: 20 })
    assert.strictEqual(food.food, 19)
    food.addExhaustion(4.1)
    food.tick({ difficulty: 0, health: 20 })
    assert.strictEqual(food.food, 19)
  })

  it('eating adds food and caps saturation at the food level', () => {
    const food = new FoodData({ food: 3, saturation: 0 })
    food.eat(5, 6) // bread
    assert.deepStrictEqual([food.food, food.saturation], [8, 6])
    food.eat(8, 12.8) // steak
    assert.deepStrictEqual([food.food, food.saturation], [16, 16])
  })

  it('at food 18 a hurt player heals a point after 80 ticks, paid for with food', () => {
    const food = new FoodData({ food: 18, saturation: 0 })
    let healed = 0
    for (let i = 0; i < 79; i++) healed += food.tick({ difficulty: 2, health: 10 }).heal
    assert.strictEqual(healed, 0)
    for (let i = 0; i < 81; i++) healed += food.tick({ difficulty: 2, health: 10 }).heal
    assert.strictEqual(healed, 1)
    assert.strictEqual(food.food, 17) // below 18: no more regeneration
  })
})

describe('survival', () => {
  let world
  let bot
  before(async () => {
    world = await startWorld({ mobs: { naturalSpawning: false }, gamerules: { keepInventory: false } })
    bot = await connectBot(world)
    await bot.waitForChunksToLoad()
    await command(bot, '/spreadplayers 0 0 1 16 tester', /Spread/)
    await waitFor(() => bot.entity.onGround)
  })
  after(async () => {
    if (bot) bot.quit()
    if (world) await world.stop()
  })

  it('a new player has full health and food', () => {
    assert.strictEqual(bot.health, 20)
    assert.strictEqual(bot.food, 20)
  })

  it('eating bread with bot.consume() restores food and uses up one bread', async () => {
    await command(bot, '/vitals tester food 8', /Set/)
    await command(bot, '/vitals tester saturation 0', /Set/)
    await waitFor(() => bot.food === 8)
    await command(bot, '/give tester bread 3', /Gave/)
    await waitFor(() => count(bot, 'bread') === 3)
    await bot.equip(bot.inventory.items().find(i => i.name === 'bread'), 'hand')
    await bot.consume()
    await waitFor(() => bot.food === 13 && count(bot, 'bread') === 2)
    assert.ok(bot.foodSaturation > 0, 'bread gives saturation')
  })

  it('bot.consume() refuses when food is full (mineflayer checks bot.food)', async () => {
    await command(bot, '/vitals tester food 20', /Set/)
    await waitFor(() => bot.food === 20)
    await assert.rejects(bot.consume(), /Food is full/)
  })

  it('a well-fed hurt player regenerates, spending saturation', async () => {
    await command(bot, '/vitals tester saturation 5', /Set/)
    await command(bot, '/vitals tester health 10', /Set/)
    await waitFor(() => bot.health === 10)
    await waitFor(() => bot.health >= 12)
    assert.ok(bot.foodSaturation < 5)
  })

  it('a player without food starves down to 10 health on easy', async () => {
    await command(bot, '/difficulty easy', /set to easy/)
    await command(bot, '/vitals tester health 11', /Set/)
    await command(bot, '/vitals tester food 0', /Set/)
    await command(bot, '/vitals tester saturation 0', /Set/)
    await waitFor(() => bot.health === 10, 8000)
    await command(bot, '/vitals tester food 20', /Set/)
    await command(bot, '/difficulty normal', /set to normal/)
  })

  it('/effect: instant_health heals, saturation feeds, poison hurts until cleared', async () => {
    // Food below 18 and no saturation: no natural regeneration to blur the numbers.
    await command(bot, '/vitals tester food 17', /Set/)
    await command(bot, '/vitals tester health 10', /Set/)
    await waitFor(() => bot.health === 10 && bot.food === 17)
    await command(bot, '/effect give @s instant_health 1 0', /Applied/)
    await waitFor(() => bot.health === 14)
    await command(bot, '/effect give tester saturation 1 10 true', /Applied/)
    await waitFor(() => bot.food === 20 && bot.foodSaturation === 20)
    await command(bot, '/vitals tester saturation 0', /Set/)
    await command(bot, '/vitals tester food 17', /Set/)
    await command(bot, '/effect give @s poison 10 1', /Applied/)
    await waitFor(() => Object.values(bot.entity.effects).some(e => e.id === 19))
    await waitFor(() => bot.health <= 12, 5000)
    await command(bot, '/effect clear @s', /Removed/)
    await waitFor(() => Object.keys(bot.entity.effects).length === 0)
    await command(bot, '/vitals tester food 20', /Set/)
  })

  it('falling ten blocks onto the ground hurts', async () => {
    await command(bot, '/vitals tester health 20', /Set/)
    await waitFor(() => bot.health === 20)
    const lowest = await lowestHealthDuring(bot,
      () => command(bot, '/tp ~ ~10 ~', /Teleported/),
      () => bot.entity.onGround && bot.health < 20)
    assert.ok(lowest <= 15 && lowest >= 11, `health after a 10 block fall: ${lowest}`)
  })

  it('a short drop does not hurt', async () => {
    await command(bot, '/vitals tester health 20', /Set/)
    await waitFor(() => bot.health === 20)
    await command(bot, '/tp ~ ~2 ~', /Teleported/)
    await waitFor(() => !bot.entity.onGround)
    await waitFor(() => bot.entity.onGround)
    assert.strictEqual(bot.health, 20)
  })

  it('a head under water loses air and then health', async () => {
    const p = bot.entity.position.floored().offset(6, 20, 0)
    await command(bot, `/fill ${p.x - 1} ${p.y - 1} ${p.z - 1} ${p.x + 1} ${p.y + 3} ${p.z + 1} glass`, /filled/)
    await command(bot, `/fill ${p.x} ${p.y} ${p.z} ${p.x} ${p.y + 2} ${p.z} water`, /filled/)
    await command(bot, `/tp ${p.x} ${p.y} ${p.z}`, /Teleported/)
    await waitFor(() => bot.oxygenLevel !== undefined && bot.oxygenLevel < 20, 5000)
    await command(bot, '/vitals tester air 0', /Set/)
    await waitFor(() => bot.health < 20, 5000)
    await command(bot, '/spreadplayers 0 0 1 16 tester', /Spread/)
    await waitFor(() => bot.oxygenLevel === 20, 10000)
  })

  it('/kill: the bot dies, respawns at the spawn point with full health and spawns again', async () => {
    await command(bot, '/vitals tester health 7', /Set/)
    let died = false
    bot.once('death', () => { died = true })
    const spawned = new Promise(resolve => bot.once('spawn', resolve))
    await command(bot, '/kill', /Killed/)
    await spawned
    assert.ok(died, 'mineflayer emitted death')
    await waitFor(() => bot.entity.position.distanceTo(bot.spawnPoint) < 3)
    assert.strictEqual(bot.health, 20)
    assert.strictEqual(bot.food, 20)
    assert.ok(bot.isAlive)
  })

  it('another player is told the body is gone and the player spawned again at the spawn point', async () => {
    const watcher = await connectBot(world, 'watcher')
    try {
      // flying-squid sends no player_info on 1.19+, so mineflayer cannot build other players'
      // entities; check the packets: the body goes away and the player spawns again.
      const id = bot.entity.id
      let destroyed = false
      let respawnedAt = null
      watcher._client.on('entity_destroy', p => { if (p.entityIds.includes(id)) destroyed = true })
      watcher._client.on('named_entity_spawn', p => { if (p.entityId === id && destroyed) respawnedAt = new Vec3(p.x, p.y, p.z) })
      await waitFor(() => watcher.entities[id])
      const spawned = new Promise(resolve => bot.once('spawn', resolve))
      await command(bot, '/kill tester', /Killed/)
      await spawned
      await waitFor(() => respawnedAt && respawnedAt.distanceTo(bot.spawnPoint) < 3)
    } finally {
      watcher.quit()
    }
  })

  it('with keepInventory true the inventory survives death', async () => {
    await command(bot, '/gamerule keepInventory true', /now set to: true/)
    await command(bot, '/give tester stone 5', /Gave/)
    await waitFor(() => count(bot, 'stone') === 5)
    const spawned = new Promise(resolve => bot.once('spawn', resolve))
    await command(bot, '/kill tester', /Killed/)
    await spawned
    assert.strictEqual(count(bot, 'stone'), 5)
  })

  it('with keepInventory false the inventory drops as items where the bot died', async () => {
    await command(bot, '/gamerule keepInventory false', /now set to: false/)
    await command(bot, '/give tester dirt 7', /Gave/)
    await waitFor(() => count(bot, 'dirt') === 7)
    const start = bot.entity.position.clone()
    await command(bot, '/tp ~20 ~ ~', /Teleported/)
    await waitFor(() => bot.entity.position.x - start.x > 19 && bot.entity.onGround)
    const deathSpot = bot.entity.position.clone()
    const spawned = new Promise(resolve => bot.once('spawn', resolve))
    await command(bot, '/kill @s', /Killed/)
    await spawned
    assert.strictEqual(bot.inventory.items().length, 0)
    // Going back to where it died, the bot picks the whole dropped stack up again.
    await command(bot, `/tp ${deathSpot.x} ${deathSpot.y} ${deathSpot.z}`, /Teleported/)
    await waitFor(() => count(bot, 'dirt') === 7, 8000)
  })

  it('worn iron armour reduces damage the vanilla way', async () => {
    await command(bot, '/vitals tester health 20', /Set/)
    await waitFor(() => bot.health === 20)
    let lowest = await lowestHealthDuring(bot, () => command(bot, '/damage tester 4', /Applied/), () => bot.health < 20)
    assert.strictEqual(lowest, 16)
    for (const [slot, item] of [['head', 'helmet'], ['chest', 'chestplate'], ['legs', 'leggings'], ['feet', 'boots']]) {
      await command(bot, `/item replace entity tester armor.${slot} with iron_${item}`, /Replaced/)
    }
    await command(bot, '/vitals tester health 20', /Set/)
    await waitFor(() => bot.health === 20 && bot.inventory.slots[8]?.name === 'iron_boots')
    // 15 armour points against 10 damage: 10 * (1 - max(3, 15 - 10 / 2) / 25) = 6
    lowest = await lowestHealthDuring(bot, () => command(bot, '/damage tester 10', /Applied/), () => bot.health < 20)
    assert.strictEqual(lowest, 14)
    await command(bot, '/clear', /Removed/)
  })

  it('sprint-jumping costs food once saturation is gone', async () => {
    const p = bot.entity.position.floored().offset(0, 30, 0)
    await command(bot, `/fill ${p.x} ${p.y} ${p.z - 1} ${p.x + 30} ${p.y} ${p.z + 1} glass`, /filled/)
    await command(bot, `/tp ${p.x} ${p.y + 1} ${p.z}`, /Teleported/)
    await waitFor(() => bot.entity.onGround)
    await command(bot, '/vitals tester food 20', /Set/)
    await command(bot, '/vitals tester saturation 0', /Set/)
    await command(bot, '/vitals tester exhaustion 3.7', /Set/)
    await waitFor(() => bot.food === 20 && bot.foodSaturation === 0)
    await bot.lookAt(bot.entity.position.offset(30, 1.62, 0), true)
    for (const control of ['forward', 'sprint', 'jump']) bot.setControlState(control, true)
    try {
      await waitFor(() => bot.food === 19, 8000)
    } finally {
      bot.clearControlStates()
    }
  })
})
