// Create and connect the one mineflayer bot the bridge owns: the embedded world or any
// external server (host/port/version, auth offline or microsoft). Loads the plugins the
// sandbox exposes (pathfinder, collectblock, pvp, tool). mineflayer itself is unmodified.
'use strict'
const mineflayer = require('mineflayer')
const { pathfinder } = require('mineflayer-pathfinder')
const collectBlock = require('mineflayer-collectblock').plugin
const pvp = require('mineflayer-pvp').plugin
const tool = require('mineflayer-tool').plugin
const { guardToolRecursion } = require('./tool_guard')

const DEFAULTS = { host: '127.0.0.1', port: 25565, version: '1.19.2', username: 'bot', auth: 'offline' }

// Resolves with a spawned bot; rejects with a one-line message (kicked, refused, timeout).
function connectBot (options = {}, { timeoutMs = 30000 } = {}) {
  const opts = { ...DEFAULTS, ...stripNulls(options) }
  if (opts.auth === 'microsoft') timeoutMs = Math.max(timeoutMs, 300000) // time to log in
  return new Promise((resolve, reject) => {
    let settled = false
    const bot = mineflayer.createBot({
      host: opts.host,
      port: opts.port,
      version: opts.version,
      username: opts.username,
      auth: opts.auth,
      profilesFolder: opts.profilesFolder,
      // Microsoft login: the device code must reach the user; Python prints these lines.
      onMsaCode: data => process.stdout.write('VOYAGER_BRIDGE_MSA ' + JSON.stringify(data.message || data) + '\n'),
      hideErrors: true,
      checkTimeoutInterval: 60000,
      logErrors: false
    })
    const fail = (message) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      try { bot.end() } catch (err) { /* already closed */ }
      reject(new Error(message))
    }
    const timer = setTimeout(() => fail(`the bot did not spawn on ${opts.host}:${opts.port} within ${timeoutMs / 1000} s`), timeoutMs)
    bot.once('error', err => fail(`could not connect to ${opts.host}:${opts.port}: ${err.code || err.message}`))
    bot.once('kicked', reason => fail(`the server kicked the bot: ${flattenReason(reason)}`))
    bot.once('end', reason => fail(`the connection to ${opts.host}:${opts.port} closed: ${reason}`))
    bot.once('spawn', () => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      bot.loadPlugin(pathfinder)
      bot.loadPlugin(collectBlock)
      bot.loadPlugin(pvp)
      bot.loadPlugin(tool)
      guardToolRecursion(bot) // collectBlock.collect without a harvesting tool starved the process
      bot.on('error', () => {}) // reported through 'end'; an unhandled 'error' would crash the service
      resolve(bot)
    })
  })
}

function stripNulls (obj) {
  const out = {}
  for (const [k, v] of Object.entries(obj)) if (v !== null && v !== undefined) out[k] = v
  return out
}

function flattenReason (reason) {
  if (typeof reason === 'string') {
    try { return flattenReason(JSON.parse(reason)) } catch (err) { return reason }
  }
  if (reason && typeof reason === 'object') {
    const own = reason.text || reason.translate || ''
    const extra = Array.isArray(reason.extra) ? reason.extra.map(flattenReason).join('') : ''
    return (own + extra) || JSON.stringify(reason)
  }
  return String(reason)
}

module.exports = { connectBot, flattenReason, DEFAULTS }
