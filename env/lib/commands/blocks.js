// Block arguments for /setblock and /fill: `name` or `name[prop=value,...]`, and the world's
// vertical limits.
'use strict'
const { UserError } = require('./args')

function parseBlockState (registry, text) {
  const m = /^(?:minecraft:)?([a-z0-9_]+)(?:\[(.*)\])?$/.exec(text || '')
  if (!m) throw new UserError(`Invalid block '${text ?? ''}'`)
  const block = registry.blocksByName[m[1]]
  if (!block) throw new UserError(`Unknown block '${m[1]}'`)
  if (!m[2]) return { name: block.name, stateId: block.defaultState }
  const props = {}
  for (const part of m[2].split(',').map(s => s.trim()).filter(Boolean)) {
    const kv = /^(\w+)=(\w+)$/.exec(part)
    if (!kv) throw new UserError(`Invalid block property '${part}'`)
    props[kv[1]] = kv[2] === 'true' ? true : kv[2] === 'false' ? false : (/^\d+$/.test(kv[2]) ? Number(kv[2]) : kv[2])
  }
  const Block = require('prismarine-block')(registry)
  try {
    return { name: block.name, stateId: Block.fromProperties(block.name, props, 0).stateId }
  } catch (err) {
    throw new UserError(`Invalid properties for ${block.name}: ${m[2]}`)
  }
}

function worldLimits (registry) {
  const dim = registry.dimensionsByName && registry.dimensionsByName.overworld
  const minY = dim ? dim.minY : -64
  const height = dim ? dim.height : 384
  return { minY, maxY: minY + height - 1 }
}

function checkY (registry, y) {
  const { minY, maxY } = worldLimits(registry)
  if (y < minY || y > maxY) throw new UserError(`y=${y} is outside the world (${minY}..${maxY})`)
}

module.exports = { parseBlockState, worldLimits, checkY }
