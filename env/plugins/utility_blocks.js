'use strict'
// Placing utility blocks as vanilla does: a torch placed against the side of a block becomes a
// wall_torch facing away from it (flying-squid 1.12 always places a standing torch, even in the
// air), and furnaces and chests face the player who places them (flying-squid's angle gives
// the opposite side). Tables need no state. Using them afterwards is crafting.js / furnace.js /
// chests.js.
const { stateWith } = require('../lib/blockstates')

// block_place direction (the clicked face) -> facing of a wall torch on that face.
const WALL_FACING = { 2: 'north', 3: 'south', 4: 'west', 5: 'east' }
const OPPOSITE = { north: 'south', south: 'north', east: 'west', west: 'east' }

module.exports.server = function (serv) {
  const blocks = serv.registry.blocksByName

  serv.once('asap', () => {
    serv.onItemPlace('torch', ({ direction }) => {
      if (direction === 1) return { id: blocks.torch.id, data: 0 }
      const facing = WALL_FACING[direction]
      if (!facing) return {} // under a block: vanilla places nothing
      return { id: blocks.wall_torch.id, data: stateWith(blocks.wall_torch, { facing }) - blocks.wall_torch.minStateId }
    })
    for (const name of ['furnace', 'chest']) {
      serv.onItemPlace(name, ({ properties, player, placedPosition }) => {
        if (name === 'chest' && serv.voyagerChestPlaced) serv.voyagerChestPlaced(player.world, placedPosition)
        const facing = OPPOSITE[properties.facing] || 'north'
        const block = blocks[name]
        return { id: block.id, data: stateWith(block, { facing, waterlogged: properties.waterlogged ? 'true' : 'false' }) - block.minStateId }
      })
    }
  })
}
