// /fill <x1 y1 z1> <x2 y2 z2> <block> [replace [filter]|keep|hollow|outline|destroy]
// (missing from flying-squid). Volume capped at 32768 blocks like vanilla. Emits serv
// 'voyagerBlocksFilled' { world, min, max, changed } (no per-block events).
'use strict'
const { Vec3 } = require('vec3')
const { tokens, usage, parseBlockPosition, feedback, UserError } = require('./args')
const { parseBlockState, checkY } = require('./blocks')

const MAX_VOLUME = 32768
const MODES = ['replace', 'keep', 'hollow', 'outline', 'destroy']

// A block_change per block (serv.setBlock) took ~1.5 ms a block and flooded the client
// (32768 blocks: 49 s, then a dropped connection); the world is written directly and every
// changed chunk column is sent again to the players that have it loaded.
async function resendColumns (serv, world, keys) {
  for (const key of keys) {
    const [cx, cz] = key.split(',').map(Number)
    const column = await world.getColumn(cx, cz)
    for (const player of serv.players) {
      if (player.world === world && player.loadedChunks && player.loadedChunks[key]) await player.sendChunk(cx, cz, column)
    }
  }
}

module.exports = ({ serv, registry }) => [{
  base: 'fill',
  usage: '/fill <x1> <y1> <z1> <x2> <y2> <z2> <block> [replace [filter]|keep|hollow|outline|destroy]',
  info: 'Fill a box with a block',
  async run (str, ctx) {
    const t = tokens(str)
    if (t.length < 7 || t.length > 9) throw usage(this.usage)
    const origin = ctx.player ? ctx.player.position : null
    const a = parseBlockPosition(t.slice(0, 3), origin)
    const b = parseBlockPosition(t.slice(3, 6), origin)
    const min = new Vec3(Math.min(a.x, b.x), Math.min(a.y, b.y), Math.min(a.z, b.z))
    const max = new Vec3(Math.max(a.x, b.x), Math.max(a.y, b.y), Math.max(a.z, b.z))
    checkY(registry, min.y)
    checkY(registry, max.y)
    const volume = (max.x - min.x + 1) * (max.y - min.y + 1) * (max.z - min.z + 1)
    if (volume > MAX_VOLUME) throw new UserError(`Too many blocks in the specified area (maximum ${MAX_VOLUME}, specified ${volume})`)
    const { name, stateId } = parseBlockState(registry, t[6])
    const mode = t[7] || 'replace'
    if (!MODES.includes(mode)) throw usage(this.usage)
    if (t[8] !== undefined && mode !== 'replace') throw usage(this.usage)
    const filter = t[8] !== undefined ? parseBlockState(registry, t[8]).name : null
    const world = ctx.player ? ctx.player.world : serv.overworld
    const touched = new Set()
    let changed = 0
    for (let x = min.x; x <= max.x; x++) {
      for (let y = min.y; y <= max.y; y++) {
        for (let z = min.z; z <= max.z; z++) {
          const border = x === min.x || x === max.x || y === min.y || y === max.y || z === min.z || z === max.z
          const pos = new Vec3(x, y, z)
          let target = stateId
          if ((mode === 'hollow' || mode === 'outline') && !border) {
            if (mode === 'outline') continue
            target = 0
          }
          const current = await world.getBlockStateId(pos)
          if (mode === 'keep' && current !== 0) continue
          if (filter && registry.blocksByStateId[current]?.name !== filter) continue
          if (current === target) continue
          await world.setBlockStateId(pos, target)
          touched.add(`${x >> 4},${z >> 4}`)
          changed++
        }
      }
    }
    await resendColumns(serv, world, touched)
    serv.emit('voyagerBlocksFilled', { world, min, max, changed })
    if (changed === 0) throw new UserError('No blocks were filled')
    feedback(serv, ctx, `Successfully filled ${changed} block(s) with ${name}`)
  }
}]
