// Private helpers shared by the control primitives (skills/*.js). Plain script evaluated
// in the bridge's sandbox: only function declarations at top level (no let/const), so the
// file can be evaluated again without "already declared" errors. State lives on function
// properties. Globals used: bot (passed in), mcData, Vec3, goals (GoalNear ...).
'use strict'

// ---------------------------------------------------------------- failure counting
// Voyager counted failures per primitive and threw after 10, so a program that keeps
// repeating the same failing call stops instead of looping until the step timeout.
function _failureLimit () { return 10 }

function _failureCounts () {
  if (!_failureCounts.counts) _failureCounts.counts = {}
  return _failureCounts.counts
}

// Called by the bridge at the start of every step (counts are per program, as in Voyager).
function _resetFailureCounts () {
  _failureCounts.counts = {}
}

// Report a failure the LLM can act on, count it, throw once the limit is passed.
// Counts also lapse after a minute without a failure of that primitive, so they behave
// per program even where the bridge does not call _resetFailureCounts between steps.
async function _fail (bot, primitive, message) {
  await _chat(bot, message)
  const counts = _failureCounts()
  const now = Date.now()
  const entry = counts[primitive] && now - counts[primitive].last < 60000 ? counts[primitive] : { n: 0, last: now }
  entry.n += 1
  entry.last = now
  counts[primitive] = entry
  if (entry.n > _failureLimit()) {
    entry.n = 0 // the next program starts afresh
    throw new Error(`${primitive} failed ${_failureLimit() + 1} times in this program, so I stopped it. ` +
      `Last failure: ${message}`)
  }
  return null
}

// ---------------------------------------------------------------- chat
// Real servers kick a client that chats more than ~1 message/s for long (vanilla spam
// filter), so our messages go through a small token bucket: bursts of 5, then 1 per 1.1 s.
async function _chat (bot, message) {
  const state = _chat.state || (_chat.state = { tokens: 5, last: Date.now() })
  const now = Date.now()
  state.tokens = Math.min(5, state.tokens + (now - state.last) / 1100)
  state.last = now
  if (state.tokens < 1) {
    await _sleep(Math.ceil((1 - state.tokens) * 1100))
    state.tokens = 1
    state.last = Date.now()
  }
  state.tokens -= 1
  try {
    bot.chat(String(message))
  } catch (err) {
    // Chat is feedback only; a closed connection shows up elsewhere.
  }
}

// ---------------------------------------------------------------- small utilities
function _sleep (ms) {
  return new Promise(resolve => setTimeout(resolve, ms))
}

// Race a promise against a deadline; `onTimeout` runs before the rejection (cleanup hook).
function _withTimeout (promise, ms, message, onTimeout) {
  let timer
  const deadline = new Promise((resolve, reject) => {
    timer = setTimeout(() => {
      try { if (onTimeout) onTimeout() } catch (err) { /* cleanup must not mask the timeout */ }
      reject(new Error(message))
    }, ms)
  })
  Promise.resolve(promise).catch(() => {}) // the loser of the race must not become an unhandled rejection
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer))
}

function _isVec3Like (v) {
  return v != null && typeof v === 'object' &&
    Number.isFinite(v.x) && Number.isFinite(v.y) && Number.isFinite(v.z)
}

// Accept any {x, y, z} (generated code mixes Vec3 from different modules) and return a
// floored Vec3 of ours; throw a plain message on anything else.
function _blockPos (v, what) {
  if (!_isVec3Like(v)) throw new Error(`${what} must be a Vec3, e.g. new Vec3(10, 64, -3)`)
  return new Vec3(Math.floor(v.x), Math.floor(v.y), Math.floor(v.z))
}

function _fmtPos (p) {
  return `(${p.x}, ${p.y}, ${p.z})`
}

function _countItem (bot, name) {
  let n = 0
  for (const item of bot.inventory.items()) if (item.name === name) n += item.count
  const off = bot.inventory.slots[45]
  if (off && off.name === name) n += off.count
  return n
}

function _inventoryItem (bot, name) {
  return bot.inventory.items().find(item => item.name === name) || null
}

function _inventoryCounts (bot) {
  const counts = {}
  for (const item of bot.inventory.items()) counts[item.name] = (counts[item.name] || 0) + item.count
  return counts
}

function _listCounts (counts) {
  const parts = Object.keys(counts).map(name => `${counts[name]} ${name}`)
  return parts.length ? parts.join(', ') : 'nothing'
}

// "oak_log" suggestions for a misspelt or generic name like "log" or "wood".
function _similarNames (table, name, limit = 6) {
  const needle = String(name).toLowerCase().replace(/^minecraft:/, '').replace(/\s+/g, '_')
  const names = Object.keys(table)
  const hits = names.filter(n => n.includes(needle) || (needle.length > 3 && needle.includes(n)))
  hits.sort((a, b) => a.length - b.length)
  return hits.slice(0, limit)
}

function _unknownName (kind, name, table) {
  const similar = _similarNames(table, name)
  return `No ${kind} named ${name}` + (similar.length ? `; did you mean ${similar.join(', ')}?` : '')
}

// ---------------------------------------------------------------- tools
function _toolTier (name) {
  const order = ['wooden', 'golden', 'stone', 'iron', 'diamond', 'netherite']
  const i = order.indexOf(String(name).split('_')[0])
  return i < 0 ? 99 : i
}

// The cheapest item that can harvest a block, e.g. "wooden_pickaxe" for stone; null if any hand works.
function _cheapestHarvestTool (block) {
  if (!block || !block.harvestTools) return null
  const names = Object.keys(block.harvestTools).map(id => mcData.items[id] && mcData.items[id].name).filter(Boolean)
  names.sort((a, b) => _toolTier(a) - _toolTier(b))
  return names[0] || null
}

function _canHarvestWithInventory (bot, block) {
  if (!block.harvestTools) return true
  return bot.inventory.items().some(item => block.harvestTools[item.type])
}

// Equip the fastest tool for a block (mineflayer-tool when loaded, pathfinder's otherwise).
async function _equipForBlock (bot, block) {
  try {
    if (bot.tool && typeof bot.tool.equipForBlock === 'function') {
      await bot.tool.equipForBlock(block, { requireHarvest: !!block.harvestTools })
      return
    }
    const best = bot.pathfinder && bot.pathfinder.bestHarvestTool(block)
    if (best) await bot.equip(best, 'hand')
  } catch (err) {
    // Digging with the wrong tool is slower, not fatal; the harvest check happens before.
  }
}

// ---------------------------------------------------------------- movement
// Movements for the primitives: no 1x1 scaffolding towers (the bot pillared up inside tree
// trunks), and never break the utility blocks the agent placed. Cached per bot entity.
function _movements (bot) {
  const cache = _movements.cache
  if (cache && cache.entity === bot.entity) return cache.movements
  const movements = new Movements(bot)
  movements.allow1by1towers = false
  movements.dontMineUnderFallingBlock = true
  for (const name of ['chest', 'trapped_chest', 'barrel', 'crafting_table', 'furnace']) {
    if (mcData.blocksByName[name]) movements.blocksCantBreak.add(mcData.blocksByName[name].id)
  }
  _movements.cache = { entity: bot.entity, movements }
  return movements
}

// pathfinder.goto with a deadline, stuck detection (no progress -> jump and replan, then
// give up) and full cleanup. Returns {ok: true} or {ok: false, reason}; never leaves a goal.
async function _goto (bot, goal, options = {}) {
  const target = options.target
  const dist = target ? bot.entity.position.distanceTo(target) : 32
  const timeoutMs = (options.timeout || Math.max(20, 10 + dist * 1.5)) * 1000
  // Stuck: following a path for stuckMs without moving half a block. Two hops with a fresh
  // path each, then give up: 3 x 4 s stays well inside the shortest deadline (20 s).
  const stuckMs = options.stuckMs || 4000
  const unstuckLimit = 2
  const pollMs = 500
  if (goal.isEnd && goal.isEnd(bot.entity.position.floored())) return { ok: true }
  let timer, poll
  let outcome = null
  let lastPos = bot.entity.position.clone()
  let lastMove = Date.now()
  let unstuckTries = 0
  let hopUntil = 0
  const guard = new Promise(resolve => {
    timer = setTimeout(() => { outcome = `it took longer than ${Math.round(timeoutMs / 1000)} s`; resolve() }, timeoutMs)
    poll = setInterval(() => {
      const now = Date.now()
      const pos = bot.entity.position
      if (now < hopUntil) return
      if (hopUntil) { hopUntil = 0; lastPos = pos.clone() } // our own hop is not progress
      const busy = bot.targetDigBlock || (bot.pathfinder.isMining && bot.pathfinder.isMining()) ||
        (bot.pathfinder.isBuilding && bot.pathfinder.isBuilding())
      if (pos.distanceTo(lastPos) > 0.5 || busy) {
        lastPos = pos.clone()
        lastMove = now
        return
      }
      // Time spent searching for a path (none to follow yet) does not count as stuck.
      if (bot.pathfinder.isMoving && !bot.pathfinder.isMoving()) { lastMove += pollMs; return }
      if (now - lastMove < stuckMs) return
      unstuckTries++
      if (unstuckTries > unstuckLimit) { outcome = 'I got stuck on the way'; resolve(); return }
      // Unstuck: hop, then force a fresh path to the same goal.
      lastMove = now
      hopUntil = now + 1500
      bot.setControlState('jump', true)
      setTimeout(() => bot.setControlState('jump', false), 400)
      try { bot.pathfinder.setGoal(goal) } catch (err) { /* next poll retries */ }
    }, pollMs)
  })
  let lastSearch = null
  const onPath = (results) => { lastSearch = { status: results.status, empty: results.path.length === 0 } }
  bot.on('path_update', onPath)
  const previousMovements = bot.pathfinder.movements
  bot.pathfinder.setMovements(_movements(bot))
  const travel = bot.pathfinder.goto(goal)
  travel.catch(() => {})
  try {
    await Promise.race([travel, guard])
    if (outcome) return { ok: false, reason: outcome }
    // pathfinder's goto also resolves when the search found no path at all (empty path).
    if (lastSearch && lastSearch.status === 'noPath' && lastSearch.empty && !goal.isEnd(bot.entity.position.floored())) {
      return { ok: false, reason: 'there is no path there' }
    }
    return { ok: true }
  } catch (err) {
    const reason = err && err.name === 'NoPath' ? 'there is no path there'
      : err && err.name === 'Timeout' ? 'the path search took too long'
        : (err && err.message) || String(err)
    return { ok: false, reason }
  } finally {
    clearTimeout(timer)
    clearInterval(poll)
    bot.removeListener('path_update', onPath)
    try { bot.pathfinder.setGoal(null) } catch (err) { /* already stopped */ }
    if (previousMovements) bot.pathfinder.setMovements(previousMovements)
    bot.clearControlStates()
  }
}

// Walk to dropped item entities near `position` so the server hands them over.
async function _collectDrops (bot, position, options = {}) {
  const radius = options.radius || 5
  const deadline = Date.now() + (options.timeout || 6000)
  await bot.waitForTicks(options.settleTicks || 6) // let the drops spawn and fall
  for (let round = 0; round < 4 && Date.now() < deadline; round++) {
    const drops = Object.values(bot.entities).filter(e => e && e.name === 'item' && e.position &&
      e.position.distanceTo(position) <= radius)
    if (drops.length === 0) return
    drops.sort((a, b) => a.position.distanceTo(bot.entity.position) - b.position.distanceTo(bot.entity.position))
    const drop = drops[0]
    if (drop.position.distanceTo(bot.entity.position) > 1) {
      // Onto the drop's own block: "near" (1.3 blocks away) can be just outside the server's
      // pick-up range, and then the item lies there for good.
      const p = drop.position
      await _goto(bot, new GoalBlock(Math.floor(p.x), Math.floor(p.y + 0.1), Math.floor(p.z)),
        { timeout: Math.max(1, (deadline - Date.now()) / 1000), target: p, stuckMs: 2500 })
    }
    // Picked-up items disappear (collect + destroy packets); wait briefly for that.
    const waitUntil = Math.min(deadline, Date.now() + 1500)
    while (bot.entities[drop.id] && Date.now() < waitUntil) await bot.waitForTicks(2)
  }
}

// ---------------------------------------------------------------- furnace knowledge
// minecraft-data has no smelting or fuel tables; these cover vanilla 1.19.
function _smeltingOutput (name) {
  const table = {
    raw_iron: 'iron_ingot',
    raw_gold: 'gold_ingot',
    raw_copper: 'copper_ingot',
    iron_ore: 'iron_ingot',
    deepslate_iron_ore: 'iron_ingot',
    gold_ore: 'gold_ingot',
    deepslate_gold_ore: 'gold_ingot',
    nether_gold_ore: 'gold_ingot',
    copper_ore: 'copper_ingot',
    deepslate_copper_ore: 'copper_ingot',
    coal_ore: 'coal',
    deepslate_coal_ore: 'coal',
    diamond_ore: 'diamond',
    deepslate_diamond_ore: 'diamond',
    emerald_ore: 'emerald',
    deepslate_emerald_ore: 'emerald',
    lapis_ore: 'lapis_lazuli',
    deepslate_lapis_ore: 'lapis_lazuli',
    redstone_ore: 'redstone',
    deepslate_redstone_ore: 'redstone',
    nether_quartz_ore: 'quartz',
    ancient_debris: 'netherite_scrap',
    cobblestone: 'stone',
    stone: 'smooth_stone',
    cobbled_deepslate: 'deepslate',
    sand: 'glass',
    red_sand: 'glass',
    sandstone: 'smooth_sandstone',
    red_sandstone: 'smooth_red_sandstone',
    clay_ball: 'brick',
    clay: 'terracotta',
    netherrack: 'nether_brick',
    nether_bricks: 'cracked_nether_bricks',
    stone_bricks: 'cracked_stone_bricks',
    quartz_block: 'smooth_quartz',
    basalt: 'smooth_basalt',
    wet_sponge: 'sponge',
    cactus: 'green_dye',
    sea_pickle: 'lime_dye',
    kelp: 'dried_kelp',
    chorus_fruit: 'popped_chorus_fruit',
    potato: 'baked_potato',
    beef: 'cooked_beef',
    porkchop: 'cooked_porkchop',
    chicken: 'cooked_chicken',
    mutton: 'cooked_mutton',
    rabbit: 'cooked_rabbit',
    cod: 'cooked_cod',
    salmon: 'cooked_salmon'
  }
  if (table[name]) return table[name]
  if (/_(log|wood)$/.test(name) && !/^(crimson|warped)/.test(name)) return 'charcoal'
  if (/^stripped_.*_(log|wood)$/.test(name) && !/(crimson|warped)/.test(name)) return 'charcoal'
  if (/_terracotta$/.test(name) && !/glazed/.test(name) && name !== 'terracotta') return name.replace(/_terracotta$/, '_glazed_terracotta')
  return null
}

// Burn time in ticks (one smelt takes 200), 0 if not a fuel.
function _fuelTicks (name) {
  const table = {
    lava_bucket: 20000,
    coal_block: 16000,
    dried_kelp_block: 4001,
    blaze_rod: 2400,
    coal: 1600,
    charcoal: 1600,
    bamboo: 50,
    scaffolding: 50,
    stick: 100,
    bowl: 100,
    crafting_table: 300,
    chest: 300,
    trapped_chest: 300,
    barrel: 300,
    bookshelf: 300,
    lectern: 300,
    composter: 300,
    jukebox: 300,
    note_block: 300,
    ladder: 300,
    bow: 300,
    crossbow: 300,
    fishing_rod: 300,
    daylight_detector: 300,
    cartography_table: 300,
    fletching_table: 300,
    smithing_table: 300,
    loom: 300,
    dead_bush: 100
  }
  if (table[name]) return table[name]
  if (/^(crimson|warped)/.test(name)) return 0 // nether wood does not burn
  const wooden = /_(log|wood|planks|fence|fence_gate|stairs|pressure_plate|trapdoor)$/.test(name) &&
    !/(stone|brick|iron|quartz|sandstone|purpur|prismarine|copper|blackstone|deepslate|mud|tuff)/.test(name)
  if (wooden) return 300
  if (/_slab$/.test(name) && /^(oak|spruce|birch|jungle|acacia|dark_oak|mangrove)_/.test(name)) return 150
  if (/_(door|sign|button)$/.test(name) && /^(oak|spruce|birch|jungle|acacia|dark_oak|mangrove)_/.test(name)) return /_button$/.test(name) ? 100 : 200
  if (/_boat$/.test(name) || /_chest_boat$/.test(name)) return 1200
  if (/^wooden_(pickaxe|axe|shovel|hoe|sword)$/.test(name)) return 200
  if (/_sapling$/.test(name) || name === 'mangrove_propagule') return 100
  if (/_wool$/.test(name)) return 100
  if (/_carpet$/.test(name)) return 67
  return 0
}
