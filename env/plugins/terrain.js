// Terrain: the spawn point and biome lookups for the generator in env/generator/.
// flying-squid's own spawn finder drops players at a random spot near (15, 81, 15) and
// walks down, which can land in water or on a tree top; the generator knows a dry grass
// spawn with trees a short walk away, so use that (the same for a seed).
//
//   serv.voyagerSpawn() -> Promise<Vec3>          the world spawn (block the feet are in)
//   serv.voyagerBiomeAt(world, pos) -> Promise<string>  biome name at a position
'use strict'
const { Vec3 } = require('vec3')

module.exports.server = function (serv) {
  let spawn = null

  async function findSpawn (world) {
    const gen = world && world.chunkGenerator && world.chunkGenerator.voyager
    if (!gen) return null
    if (!spawn) spawn = gen.findSpawn()
    // The bot may have built or dug there since: stand on the first free two blocks.
    let pos = new Vec3(spawn.x, spawn.y, spawn.z)
    for (let i = 0; i < 64; i++) {
      const feet = await world.getBlockType(pos)
      const head = await world.getBlockType(pos.offset(0, 1, 0))
      const ground = await world.getBlockType(pos.offset(0, -1, 0))
      // Stand in the middle of the block (an integer spawn puts the player on a corner).
      if (feet === 0 && head === 0 && ground !== 0) return pos.offset(0.5, 0, 0.5)
      if (feet === 0 && head === 0) pos = pos.offset(0, -1, 0)
      else pos = pos.offset(0, 1, 0)
    }
    return new Vec3(spawn.x + 0.5, spawn.y, spawn.z + 0.5)
  }

  serv.voyagerSpawn = () => findSpawn(serv.overworld)

  serv.voyagerBiomeAt = async (world, pos) => {
    const id = await world.getBiome(new Vec3(Math.floor(pos.x), Math.floor(pos.y), Math.floor(pos.z)))
    const biome = serv.registry.biomes[id]
    return biome ? biome.name : 'unknown'
  }

  // Generate the chunks around the spawn while the first client is still logging in (its
  // protocol setup takes ~1 s), like vanilla's "preparing spawn area"; one chunk per turn of
  // the event loop so logins and the READY line are not held up.
  serv.once('listening', async () => {
    try {
      for (let i = 0; i < 100 && !serv.overworld; i++) await new Promise(resolve => setTimeout(resolve, 20))
      const world = serv.overworld
      const at = await findSpawn(world)
      if (!at) return
      const cx = Math.floor(at.x / 16)
      const cz = Math.floor(at.z / 16)
      const around = []
      for (let dx = -3; dx <= 3; dx++) for (let dz = -3; dz <= 3; dz++) around.push([dx * dx + dz * dz, cx + dx, cz + dz])
      around.sort((a, b) => a[0] - b[0])
      for (const [, x, z] of around) {
        await new Promise(resolve => setImmediate(resolve))
        await world.getColumn(x, z)
      }
    } catch (err) {
      console.error('[terrain] spawn area generation failed:', err && err.stack ? err.stack : err)
    }
  })

  // settings.js (a built-in that runs after external plugins) defines getSpawnPoint; wrap it
  // once every plugin is loaded.
  serv.once('asap', () => {
    const builtin = serv.getSpawnPoint
    serv.getSpawnPoint = async (world) => {
      const found = await findSpawn(world)
      return found || builtin(world)
    }
  })
}
