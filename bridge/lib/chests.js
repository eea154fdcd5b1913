// Chests the bot has seen (in the block box) and the contents it saw when it opened them.
// mineflayer does not say which block a window belongs to, so a chest window is matched to
// the nearest chest within reach (the one the bot just opened, in all but contrived cases).
'use strict'

const CHEST_NAMES = new Set(['chest', 'trapped_chest'])
const REACH = 6

class ChestTracker {
  constructor () {
    this.known = new Map() // "x,y,z" -> {position, contents: {name: count} | null}
  }

  attach (bot) {
    bot.on('windowOpen', window => {
      if (!isChestWindow(window)) return
      const block = nearestChest(bot)
      if (!block) return
      const record = this.see(block.position)
      const snapshot = () => { record.contents = contentsOf(window) }
      snapshot()
      window.on('updateSlot', snapshot)
      window.once('close', () => { snapshot(); window.removeListener('updateSlot', snapshot) })
    })
  }

  see (position) {
    const key = `${position.x},${position.y},${position.z}`
    let record = this.known.get(key)
    if (!record) {
      record = { position: { x: position.x, y: position.y, z: position.z }, contents: null }
      this.known.set(key, record)
    }
    return record
  }

  // {"(x, y, z)": {name: count} | "Unknown"} for chests still standing, nearest first.
  observe (bot, limit = 20) {
    const me = bot.entity.position
    const out = []
    for (const [key, record] of this.known) {
      const { x, y, z } = record.position
      const block = bot.blockAt(new (me.constructor)(x, y, z))
      if (block && !CHEST_NAMES.has(block.name)) { this.known.delete(key); continue } // broken or replaced
      const d = Math.hypot(x + 0.5 - me.x, y + 0.5 - me.y, z + 0.5 - me.z)
      out.push([d, `(${x}, ${y}, ${z})`, record.contents || 'Unknown'])
    }
    out.sort((a, b) => a[0] - b[0])
    const result = {}
    for (const [, label, contents] of out.slice(0, limit)) result[label] = contents
    return result
  }
}

function isChestWindow (window) {
  const type = String(window.type || '')
  return /generic_9x[36]|chest/.test(type) || /chest/i.test(String(window.title || ''))
}

function nearestChest (bot) {
  const ids = [...CHEST_NAMES].map(n => bot.registry.blocksByName[n]).filter(Boolean).map(b => b.id)
  const found = bot.findBlock({ matching: ids, maxDistance: REACH })
  return found || null
}

function contentsOf (window) {
  const counts = {}
  const items = typeof window.containerItems === 'function' ? window.containerItems() : []
  for (const item of items) counts[item.name] = (counts[item.name] || 0) + item.count
  return counts
}

module.exports = { ChestTracker, CHEST_NAMES }
