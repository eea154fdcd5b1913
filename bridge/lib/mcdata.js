// minecraft-data for the bot's version plus Voyager's name aliases (the LLM writes the
// names players use; Voyager patched these into mcData). The shared minecraft-data object
// is not mutated: the sandbox gets a child object with its own name tables.
'use strict'
const minecraftData = require('minecraft-data')

const BLOCK_ALIASES = { lapis_lazuli_ore: 'lapis_ore', deepslate_lapis_lazuli_ore: 'deepslate_lapis_ore' }
const ITEM_ALIASES = {
  leather_cap: 'leather_helmet',
  leather_tunic: 'leather_chestplate',
  leather_pants: 'leather_leggings',
  lapis_lazuli_ore: 'lapis_ore',
  deepslate_lapis_lazuli_ore: 'deepslate_lapis_ore'
}

const cache = new Map()

function sandboxMcData (version) {
  if (cache.has(version)) return cache.get(version)
  const data = minecraftData(version)
  if (!data) throw new Error(`minecraft-data has no data for Minecraft ${version}`)
  const view = Object.create(data)
  // defineProperty: the originals may be getters without setters.
  Object.defineProperty(view, 'blocksByName', { value: withAliases(data.blocksByName, BLOCK_ALIASES), enumerable: true })
  Object.defineProperty(view, 'itemsByName', { value: withAliases(data.itemsByName, ITEM_ALIASES), enumerable: true })
  Object.freeze(view.blocksByName)
  Object.freeze(view.itemsByName)
  Object.freeze(view)
  cache.set(version, view)
  return view
}

function withAliases (table, aliases) {
  const out = { ...table }
  for (const [alias, name] of Object.entries(aliases)) if (!out[alias] && table[name]) out[alias] = table[name]
  return out
}

module.exports = { sandboxMcData, BLOCK_ALIASES, ITEM_ALIASES }
