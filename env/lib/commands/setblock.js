// /setblock <x y z> <block> [replace|keep|destroy], from a player or the console.
'use strict'
const { tokens, usage, parseBlockPosition, feedback, UserError } = require('./args')
const { parseBlockState, checkY } = require('./blocks')

module.exports = ({ serv, registry }) => [{
  base: 'setblock',
  usage: '/setblock <x> <y> <z> <block> [replace|keep|destroy]',
  info: 'Change a block',
  async run (str, ctx) {
    const t = tokens(str)
    if (t.length < 4 || t.length > 5) throw usage(this.usage)
    const pos = parseBlockPosition(t.slice(0, 3), ctx.player ? ctx.player.position : null)
    checkY(registry, pos.y)
    const { name, stateId } = parseBlockState(registry, t[3])
    const mode = t[4] || 'replace'
    if (!['replace', 'keep', 'destroy'].includes(mode)) throw usage(this.usage)
    const world = ctx.player ? ctx.player.world : serv.overworld
    if (mode === 'keep' && (await world.getBlockStateId(pos)) !== 0) throw new UserError('Could not set the block: it is not air')
    await serv.setBlock(world, pos, stateId)
    feedback(serv, ctx, `Changed the block at ${pos.x}, ${pos.y}, ${pos.z} to ${name}`)
  }
}]
