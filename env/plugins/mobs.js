// Creatures: spawning (API, cap, natural spawning), AI, combat, loot, skeleton arrows,
// shearing and milking for 1.19.2 mobs, and players' bows (lib/mobs/player_arrows.js)
// (one concern per file in lib/mobs/).
//
// flying-squid 1.12's own mob support is broken on 1.17+ (serv.spawnMob reads registry.mobs,
// which lacks animals and monsters; /summon no-ops; no AI, loot or entity_destroy on death;
// knockback can overflow int16 and kick the client), so this plugin replaces it. Knockback is
// simulated server-side and sent as moves only; a player hit by a mob is pushed with relative
// position packets (see lib/mobs/combat.js on entity_velocity).
//
// Settings key `mobs` (all optional):
//   maxMobs          (20)   cap on living mobs in the world; spawns beyond it are refused
//   naturalSpawning  (true) spawn mobs near players (also off when gamerules.doMobSpawning is false)
//   spawnIntervalTicks (40) ticks between natural spawn attempts
//   spawnRadius      ([16, 40]) min/max distance from a player for passive spawns
//   hostileRadius    ([24, 44]) min/max distance from a player for hostile spawns
//   passivePerPlayer (6)    passive mobs kept within 64 blocks of each player
//   hostilePerPlayer (4)    hostile mobs kept within 64 blocks of each player
//   hostileTypes     (['zombie', 'skeleton', 'spider', 'creeper']) natural hostile kinds
//   despawnDistance  (128)  mobs farther than this from every player are removed
//
// API for other plugins: serv.voyagerSpawnMob(name, {x, y, z}, {world, yaw, health, force})
// -> entity or null (capped / hostile on peaceful); throws on an unknown name.
// serv.voyagerMobs() -> living mob entities. Emits serv 'voyagerMobDeath' {mob, killer}.
// serv.voyagerMobCombat.damageMob(mob, amount, attacker|null) -> bool (used by /kill).
// Mobs hurt players through serv.voyagerDamagePlayer (survival.js) when it exists.
'use strict'
const { createBlocks } = require('../lib/mobs/blocks')
const { createSpawning } = require('../lib/mobs/spawning')
const { createCombat } = require('../lib/mobs/combat')
const { createLoot } = require('../lib/mobs/loot')
const { createAi } = require('../lib/mobs/ai')
const { registerSummon } = require('../lib/mobs/summon')
const { createInteractions } = require('../lib/mobs/interactions')
const { createProjectiles } = require('../lib/mobs/projectiles')
const { createPlayerArrows } = require('../lib/mobs/player_arrows')

const DEFAULTS = {
  maxMobs: 20,
  naturalSpawning: true,
  spawnIntervalTicks: 40,
  spawnRadius: [16, 40],
  hostileRadius: [24, 44],
  passivePerPlayer: 6,
  hostilePerPlayer: 4,
  hostileTypes: ['zombie', 'skeleton', 'spider', 'creeper'],
  despawnDistance: 128
}

module.exports.server = function (serv, options) {
  const settings = options.voyager || options
  const config = { ...DEFAULTS, ...(settings.mobs || {}) }
  const ctx = { serv, registry: serv.registry, settings, config, mobs: new Map() }
  ctx.blocks = createBlocks(ctx.registry)
  ctx.loot = createLoot(ctx)
  ctx.spawning = createSpawning(ctx)
  ctx.combat = createCombat(ctx)
  ctx.projectiles = createProjectiles(ctx)
  ctx.playerArrows = createPlayerArrows(ctx)
  ctx.ai = createAi(ctx)
  ctx.interactions = createInteractions(ctx)

  serv.voyagerSpawnMob = (name, position, opts) => ctx.spawning.spawnMob(name, position, opts)
  serv.voyagerMobs = () => ctx.spawning.alive()
  serv.voyagerMobCombat = ctx.combat

  // One failing step must not stop the others (nor reach flying-squid's exit-on-error handler).
  const guarded = fn => { try { fn() } catch (err) { serv.emit('error', err) } }
  serv.on('tick', (delta, count) => {
    if (!serv.overworld) return
    const dt = Math.min(delta || 0.05, 0.1)
    guarded(() => ctx.ai.tick(dt))
    guarded(() => ctx.projectiles.tick(dt))
    guarded(() => ctx.combat.tick())
    if (count % 20 === 0) guarded(() => ctx.spawning.despawnTick())
    if (count % config.spawnIntervalTicks === 0) guarded(() => ctx.spawning.naturalTick())
  })

  serv.once('asap', () => {
    registerSummon(ctx)
    // Built-in callers (/summonMany, /pile) get our mobs instead of the registry.mobs lookup.
    serv.spawnMob = (type, world, position, opts = {}) => {
      const entity = ctx.registry.entities[type]
      return entity ? ctx.spawning.spawnMob(entity.name, position, { world, yaw: opts.yaw }) : null
    }
    // flying-squid's destroyEntity leaves the entity in players' nearbyEntities, so their next
    // view update sends a second entity_destroy (mineflayer then reports a nameless entityGone).
    const destroyEntity = serv.destroyEntity
    serv.destroyEntity = entity => {
      if (entity.voyagerMob) { // removed by someone else: stop its AI too
        entity.voyagerMob.dead = true
        ctx.mobs.delete(entity.id)
      }
      destroyEntity(entity)
      for (const p of serv.players) {
        if (p.nearbyEntities) p.nearbyEntities = p.nearbyEntities.filter(e => e !== entity)
      }
    }
  })

  serv.on('newPlayer', player => {
    ctx.playerArrows.attach(player) // drawing and releasing a bow
    // Our mobs take player hits here instead of flying-squid's default takeDamage (which
    // deletes the entity without entity_destroy and drops nothing).
    player.on('attack_cancel', (data, cancel) => {
      const target = data.attackedEntity
      if (!target || !target.voyagerMob) return
      cancel(false)
      ctx.combat.attackMob(player, target)
    })
    player._client.on('use_entity', packet => {
      try { ctx.interactions.onUseEntity(player, packet) } catch (err) { serv.emit('error', err) }
    })
  })
}
