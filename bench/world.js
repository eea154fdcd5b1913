#!/usr/bin/env node
// Embedded-world figures: world start -> bot spawned, chunk generation rate, and the server's
// RSS after walking around for a while. Prints figures only (no pass/fail).
//
//   node bench/world.js [--minutes 0.5] [--seed 42] [--chunks 300]
'use strict'
const path = require('path')
const fs = require('fs')

const ENV = path.join(__dirname, '..', 'env')
const req = name => require(require.resolve(name, { paths: [ENV] }))
const { startWorld, connectBot } = require(path.join(ENV, 'test', 'helpers'))

function arg (name, fallback) {
  const i = process.argv.indexOf('--' + name)
  return i >= 0 ? Number(process.argv[i + 1]) : fallback
}

function rssMB (pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024
}

function chunkRate (seed, count) {
  const registry = req('prismarine-registry')('1.19.2')
  const generate = require(path.join(ENV, 'generator'))({ registry, seed })
  for (let i = 0; i < 20; i++) generate(1000 + i, 1000) // warm up the JIT
  const start = process.hrtime.bigint()
  const side = Math.ceil(Math.sqrt(count))
  for (let i = 0; i < count; i++) generate(i % side, Math.floor(i / side))
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  return { chunksPerSecond: count / seconds, msPerChunk: seconds * 1000 / count }
}

async function main () {
  const minutes = arg('minutes', 0.5)
  const seed = arg('seed', 42)
  const chunks = arg('chunks', 300)

  const gen = chunkRate(seed, chunks)
  console.log(`chunk generation: ${gen.chunksPerSecond.toFixed(0)} chunks/s (${gen.msPerChunk.toFixed(1)} ms/chunk, ${chunks} chunks, in-process)`)

  const t0 = Date.now()
  const world = await startWorld({ seed, mobs: { naturalSpawning: false } })
  const tReady = Date.now()
  const bot = await connectBot(world)
  const tSpawn = Date.now()
  await bot.waitForChunksToLoad()
  const tChunks = Date.now()
  console.log(`world start -> ready: ${((tReady - t0) / 1000).toFixed(2)} s; -> bot spawned: ${((tSpawn - t0) / 1000).toFixed(2)} s; -> chunks loaded: ${((tChunks - t0) / 1000).toFixed(2)} s`)
  console.log(`server RSS after spawn: ${rssMB(world.child.pid).toFixed(0)} MB`)

  try {
    const { pathfinder, Movements, goals } = req('mineflayer-pathfinder')
    bot.loadPlugin(pathfinder)
    const moves = new Movements(bot)
    moves.canDig = false
    bot.pathfinder.setMovements(moves)
    const end = Date.now() + minutes * 60000
    let leg = 0
    let peak = 0
    const origin = bot.entity.position.clone()
    while (Date.now() < end) {
      // Walk out in a widening square spiral, so new chunks keep being generated and sent.
      const r = 48 * (1 + Math.floor(leg / 4))
      const [dx, dz] = [[r, 0], [0, r], [-r, 0], [0, -r]][leg % 4]
      leg++
      const goal = new goals.GoalXZ(origin.x + dx, origin.z + dz)
      const left = end - Date.now()
      let timer
      const finished = await Promise.race([
        bot.pathfinder.goto(goal).then(() => true, () => true),
        new Promise(resolve => { timer = setTimeout(() => resolve(false), Math.min(left, 60000)) })
      ])
      clearTimeout(timer)
      // stop() while idle would cancel the next goto: only stop a walk that is still going.
      if (!finished) bot.pathfinder.stop()
      if (!finished) await bot.waitForTicks(2)
      peak = Math.max(peak, rssMB(world.child.pid))
    }
    const walked = bot.entity.position.distanceTo(origin)
    console.log(`server RSS after ${minutes} min of walking: ${rssMB(world.child.pid).toFixed(0)} MB (peak sampled ${peak.toFixed(0)} MB; ${leg} legs, ended ${walked.toFixed(0)} blocks from spawn)`)
  } finally {
    bot.quit()
    await world.stop()
  }
}

main().catch(err => { console.error(err); process.exit(1) })
