// Dig time: a block breaks no faster than the held tool allows, as on a vanilla server.
//
// flying-squid 1.12 (src/lib/plugins/digging.js) breaks whatever a client reports as dug. It
// does compute an expected time, but for an empty hand only, the comparison is inverted
// (`expected - actual < 100`) and it reads `.stop` off the Promise that `player.behavior()`
// returns, so it never refuses anything; its cancel path would also send the block's type id
// as a state id and no 1.19 acknowledgement.
//
// Here, as vanilla's ServerPlayerGameMode does: "start digging" (block_dig status 0) records
// the time and block; "finish digging" (status 2) is accepted when the elapsed time is at least
// 70% of the dig time for that block with the player's held item — prismarine-block's digTime
// with the same inputs as mineflayer's bot.digTime: tool speed and harvest tools from
// minecraft-data, efficiency and aqua affinity (held item and helmet), haste / mining fatigue,
// eyes in water, not on the ground. The more lenient of the conditions at start and at finish
// counts. A finish that comes too soon is refused through the `dug` behaviour's cancel hook:
// the client gets the block back (block_change) and an acknowledgement, nothing breaks or drops.
// Like vanilla's "delayed destroy", a refused dig of the block that was started still breaks
// once the full dig time has passed (while the block is unchanged), so a lagging server that
// receives a legitimate start late does not cost the player the block.
// Exempt: creative mode and blocks that break instantly (dig time 0). A refusal is logged
// ("dig refused: ...") and emitted as serv 'voyagerDigRefused' { player, position, block,
// elapsed, expected } (ms).
'use strict'
const { Vec3 } = require('vec3')
const { performance } = require('perf_hooks')

const TOLERANCE = 0.7 // vanilla accepts a finish at 70% of the destroy progress
const TICK_MS = 50 // vanilla counts (ticks + 1): one tick of grace
const WATER_BLOCKS = new Set(['water', 'bubble_column', 'kelp', 'kelp_plant', 'seagrass', 'tall_seagrass'])
const EYE_HEIGHT = 1.62

module.exports.server = function (serv) {
  const registry = serv.registry
  const itemEntity = registry.entitiesByName.item
  const players = new WeakMap() // player -> dig state

  serv.on('newPlayer', player => {
    const state = { onGround: true, start: null, finish: null, delayed: null, digsInFlight: new Map() }

    // The last onGround the client reported (flying-squid only stores it when the look changes).
    for (const packet of ['position', 'position_look', 'look', 'flying']) {
      player._client.on(packet, ({ onGround } = {}) => { if (typeof onGround === 'boolean') state.onGround = onGround })
    }

    // Timestamps are taken when the packet arrives (flying-squid's own handler awaits the
    // world before it breaks anything, by then both are recorded).
    player._client.on('block_dig', ({ status, location, sequence }) => {
      if (status === 0) {
        const pos = new Vec3(location.x, location.y, location.z)
        state.start = { pos, time: performance.now(), conditions: conditionsOf(player, state) }
      } else if (status === 1) {
        state.start = null
      } else if (status === 2) {
        const pos = new Vec3(location.x, location.y, location.z)
        state.finish = { pos, time: performance.now(), sequence }
        // flying-squid throws before its `dug` behaviour on blocks without minecraft-data
        // blockLoot (bedrock, barrier, wall torches/signs...): nothing breaks, but the client
        // would keep the block it predicted broken. Give it back.
        const block = player.world.sync.getBlock(pos)
        if (block && block.type !== 0 && player.gameMode !== 1 && registry.blockLoot && !registry.blockLoot[block.name]) {
          refuse(player, pos, block, sequence)
        }
      }
    })

    // flying-squid handles each packet in its own async handler, so a "finish digging" still on
    // its way through the `dug` behaviour can break the block after the block the player placed
    // there next (mineflayer places as soon as it predicts the dig done): the new block vanished.
    // Vanilla handles a player's packets one by one; here a placement at a spot waits (briefly)
    // for the dig in flight there.
    player.on('dug_cancel', data => {
      const key = String(data.position)
      let done
      const finished = new Promise(resolve => { done = resolve })
      state.digsInFlight.set(key, finished)
      const settle = settled => {
        if (settled !== data) return
        clearTimeout(timer)
        player.removeListener('dug_done', settle)
        if (state.digsInFlight.get(key) === finished) state.digsInFlight.delete(key)
        done()
      }
      // flying-squid skips `dug_done` when its success path throws: do not wait or listen forever.
      const timer = setTimeout(() => settle(data), 1000)
      player.on('dug_done', settle)
    })

    player.on('dug_cancel', (data, cancel) => {
      if (data.voyagerDelayed || data.dropBlock === false || player.gameMode === 1 || !data.block) return
      const start = state.start && state.start.pos.equals(data.position) ? state.start : null
      const finish = state.finish && state.finish.pos.equals(data.position) ? state.finish : null
      state.start = null
      const expected = expectedTime(data.block, start && start.conditions, conditionsOf(player, state))
      if (expected === 0) return // breaks instantly
      const elapsed = start ? (finish ? finish.time : performance.now()) - start.time : 0
      if (start && elapsed + TICK_MS >= TOLERANCE * expected) return
      // Too soon (or never started): skip flying-squid's cancel callback, which sends the type
      // id as a state id, and give the block back ourselves.
      cancel(false)
      refuse(player, data.position, data.block, finish ? finish.sequence : null)
      serv.warn(`dig refused: ${player.username} finished ${data.block.name} at ${data.position} after ${Math.round(elapsed)} ms` +
        (start ? `, needs ${expected} ms (${TOLERANCE * 100}% accepted)` : ' without starting it'))
      serv.emit('voyagerDigRefused', { player, position: data.position, block: data.block, elapsed, expected })
      if (start && Number.isFinite(expected)) delayDestroy(player, state, data.position, data.block, start)
    })

    player.on('disconnected', () => clearDelayed(state))
    players.set(player, state)
  })

  serv.once('asap', () => { // flying-squid defines serv.placeItem in its own plugins
    const placeItem = serv.placeItem
    if (typeof placeItem !== 'function') throw new Error('dig_time: flying-squid has no serv.placeItem to wrap')
    serv.placeItem = async data => {
      const state = data.player && players.get(data.player)
      const pending = state && data.placedPosition && state.digsInFlight.get(String(data.placedPosition))
      if (pending) await pending // settles within a second (see dug_cancel above)
      return placeItem(data)
    }
  })

  // Everything bot.digTime feeds to prismarine-block's digTime, seen from the server.
  function conditionsOf (player, state) {
    const held = player.inventory.slots[36 + player.heldItemSlot]
    const helmet = player.inventory.slots[5]
    const enchantments = [...enchantsOf(held), ...enchantsOf(helmet)]
    const effects = {}
    for (const [id, effect] of Object.entries(player.effects || {})) {
      if (effect) effects[id] = { id: Number(id), amplifier: effect.amplifier || 0 }
    }
    return {
      heldType: held && held.type !== -1 ? held.type : null,
      enchantments,
      effects,
      inWater: eyeInWater(player),
      notOnGround: !state.onGround
    }
  }

  function enchantsOf (item) {
    if (!item || item.type === -1) return []
    try {
      return item.enchants || []
    } catch (err) {
      return [] // malformed NBT: no enchantments
    }
  }

  // Vanilla slows digging when the eyes are in water (mineflayer: when the body touches it).
  function eyeInWater (player) {
    const block = player.world.sync.getBlock(player.position.offset(0, EYE_HEIGHT, 0).floored())
    if (!block) return false
    return WATER_BLOCKS.has(block.name) || block.getProperties().waterlogged === true
  }

  function timeWith (block, c) {
    return block.digTime(c.heldType, false, c.inWater, c.notOnGround, c.enchantments, c.effects)
  }

  // The more lenient (shorter) of the dig times under the start and the finish conditions.
  function expectedTime (block, atStart, atFinish) {
    const times = [timeWith(block, atFinish)]
    if (atStart) times.push(timeWith(block, atStart))
    return Math.min(...times)
  }

  function refuse (player, position, block, sequence) {
    player._client.write('block_change', { location: position, type: block.stateId })
    if (sequence !== null && sequence !== undefined && serv.supportFeature('acknowledgePlayerDigging')) {
      player._client.write('acknowledge_player_digging', { sequenceId: sequence })
    }
  }

  function clearDelayed (state) {
    if (state.delayed) state.delayed.stop()
    state.delayed = null
  }

  // Vanilla's delayed destroy: the block started at `start` breaks once the full dig time under
  // the current conditions has passed, unless it changed meanwhile. One per player.
  function delayDestroy (player, state, position, block, start) {
    if (state.delayed) return
    let busy = false
    // Any write to the block (a command, another player...) ends it. Vanilla ends it when the
    // block turns to air and would go on digging a replacement; not worth copying.
    const event = `blockUpdate:${position}`
    const onUpdate = () => { if (state.delayed === delayed) clearDelayed(state) }
    const delayed = {
      stop () {
        clearInterval(timer)
        player.world.removeListener(event, onUpdate)
      }
    }
    state.delayed = delayed
    player.world.on(event, onUpdate)
    const timer = setInterval(async () => {
      if (busy) return
      busy = true
      try {
        const current = await player.world.getBlock(position)
        if (state.delayed !== delayed) return
        if (!current || current.stateId !== block.stateId || player.gameMode >= 2) return clearDelayed(state)
        const expected = timeWith(current, conditionsOf(player, state))
        if (!Number.isFinite(expected)) return clearDelayed(state) // unbreakable (bedrock)
        if (performance.now() - start.time < expected) return
        clearDelayed(state)
        await breakBlock(player, position, current)
      } catch (err) {
        clearDelayed(state)
        serv.emit('error', err)
      } finally {
        busy = false
      }
    }, TICK_MS)
  }

  // flying-squid's completeDigging success path, for a block the client no longer predicts
  // broken (so the digger gets the air as well). plugins/drops.js fills `drops` on `dug`.
  async function breakBlock (player, position, block) {
    const drops = []
    await player.behavior('dug', { position, block, dropBlock: true, drops, voyagerDelayed: true }, async data => {
      await serv.setBlock(player.world, data.position, 0)
      const above = await player.world.getBlock(data.position.offset(0, 1, 0))
      if (above && above.material === 'plant') await serv.setBlock(player.world, data.position.offset(0, 1, 0), 0)
      if (!data.dropBlock) return
      for (const drop of data.drops) {
        serv.spawnObject(itemEntity.id, drop.blockDropWorld || player.world, drop.blockDropPosition || data.position.offset(0.5, 0.5, 0.5), {
          velocity: drop.blockDropVelocity || new Vec3(0, 0, 0),
          itemId: drop.blockDropId,
          itemDamage: drop.blockDropDamage || 0,
          itemCount: drop.blockDropCount || 1,
          pickupTime: drop.blockDropPickup || 500,
          deathTime: drop.blockDropDeath || 5 * 60 * 1000
        })
      }
    }, data => refuse(player, data.position, data.block, null))
  }
}
