// Shared helpers for the world's tests: start the world as a child process on a free port
// and connect an unmodified mineflayer bot (run world and bot in separate processes: a
// combined process ran out of V8 heap while pathfinding).
'use strict'
const { spawn } = require('child_process')
const path = require('path')
const mineflayer = require('mineflayer')

const VERSION = '1.19.2'

// options.stdin: 'pipe' to type console commands (world.console('give tester stone 3')).
function startWorld (settings = {}, options = {}) {
  return new Promise((resolve, reject) => {
    const stdin = options.stdin === 'pipe' ? 'pipe' : 'ignore'
    const child = spawn(process.execPath, [path.join(__dirname, '..', 'server.js'),
      JSON.stringify({ port: 0, version: VERSION, seed: 42, ...settings })], { stdio: [stdin, 'pipe', 'pipe'] })
    // A test process that dies (or exits early) must not leave its world running.
    const killOnExit = () => child.kill('SIGKILL')
    process.once('exit', killOnExit)
    child.once('exit', () => process.removeListener('exit', killOnExit))
    let out = ''
    let err = ''
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error('world did not start in 30 s: ' + err.slice(-2000))) }, 30000)
    child.stderr.on('data', d => { err += d; if (err.length > 100000) err = err.slice(-50000) })
    child.stdout.on('data', d => {
      out += d
      if (out.length > 100000) out = out.slice(-50000)
      const m = out.match(/VOYAGER_WORLD_READY (\{.*\})/)
      if (m) {
        clearTimeout(timer)
        const info = JSON.parse(m[1])
        const typeLine = line => { if (!child.stdin) throw new Error("start the world with { stdin: 'pipe' }"); child.stdin.write(line + '\n') }
        resolve({ ...info, child, log: () => err, output: () => out, console: typeLine, stop: () => stopWorld(child) })
      }
    })
    child.on('exit', code => { clearTimeout(timer); reject(new Error(`world exited with ${code}: ${err.slice(-2000)}`)) })
  })
}

function stopWorld (child) {
  return new Promise(resolve => {
    if (child.exitCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
    setTimeout(() => child.kill('SIGKILL'), 5000).unref()
  })
}

function connectBot (world, username = 'tester', options = {}) {
  return new Promise((resolve, reject) => {
    const bot = mineflayer.createBot({ host: '127.0.0.1', port: world.port, username, version: VERSION, auth: 'offline', ...options })
    const timer = setTimeout(() => reject(new Error('bot did not spawn in 20 s')), 20000)
    bot.once('spawn', () => { clearTimeout(timer); resolve(bot) })
    bot.once('error', e => { clearTimeout(timer); reject(e) })
    bot.once('kicked', r => { clearTimeout(timer); reject(new Error('kicked: ' + r)) })
  })
}

// Sends a chat command and resolves with the first server message matching `pattern`.
function command (bot, text, pattern = /./, timeoutMs = 10000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { bot.off('messagestr', onMessage); reject(new Error(`no reply matching ${pattern} to ${text}`)) }, timeoutMs)
    function onMessage (message) {
      if (!pattern.test(message)) return
      clearTimeout(timer)
      bot.off('messagestr', onMessage)
      resolve(message)
    }
    bot.on('messagestr', onMessage)
    bot.chat(text)
  })
}

/** Total count of an item (by name) in the bot's inventory. */
const countItem = (bot, name) => bot.inventory.items().filter(i => i.name === name).reduce((n, i) => n + i.count, 0)

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms))

async function waitFor (predicate, timeoutMs = 10000, stepMs = 50) {
  const end = Date.now() + timeoutMs
  while (Date.now() < end) {
    const value = await predicate()
    if (value) return value
    await sleep(stepMs)
  }
  throw new Error('condition not met in ' + timeoutMs + ' ms')
}

/**
 * One world and one bot for a whole test file: registers the file's before/after hooks and hands
 * both to `ready(world, bot)`. After the last test the bot quits, the world stops (its log is
 * printed with VOYAGER_WINDOWS_DEBUG) and the process exits soon, whatever timers are left.
 */
function useWorldAndBot (test, settings, ready) {
  const { exitSoon } = require('../lib/windows/debug_client')
  let world
  let bot
  test.before(async () => {
    world = await startWorld(settings)
    bot = await connectBot(world)
    ready(world, bot)
  })
  test.after(async () => {
    if (process.env.VOYAGER_WINDOWS_DEBUG && world) console.error(world.log())
    if (bot) bot.quit()
    if (world) await world.stop()
    exitSoon()
  })
}

module.exports = { VERSION, startWorld, stopWorld, connectBot, useWorldAndBot, command, countItem, sleep, waitFor }
