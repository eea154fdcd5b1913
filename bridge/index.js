#!/usr/bin/env node
// The bridge: a small HTTP JSON service owning one mineflayer bot (docs/BRIDGE_API.md).
//
// Environment: VOYAGER_BRIDGE_TOKEN (required; every request must carry it),
// VOYAGER_SKILLS_DIR (folder of control primitives, skills/*.js; optional),
// VOYAGER_BRIDGE_PORT (default 0: a free port), VOYAGER_BRIDGE_WATCH_STDIN=1 (exit when
// stdin closes, i.e. when the parent process dies however it dies).
// Prints `VOYAGER_BRIDGE_READY {"port":N,"pid":P}` on stdout once it listens on 127.0.0.1.
'use strict'
const { Service } = require('./lib/service')
const { createServer } = require('./lib/server')
const { hardenHost } = require('./lib/harden')

function main () {
  const token = process.env.VOYAGER_BRIDGE_TOKEN
  if (!token || token.length < 16) {
    console.error('[bridge] VOYAGER_BRIDGE_TOKEN must be set to a secret of at least 16 characters')
    process.exit(2)
  }
  const service = new Service({ skillsDir: process.env.VOYAGER_SKILLS_DIR || null })
  for (const { name, message } of service.sandbox.primitiveErrors) console.error(`[bridge] primitive ${name} failed to load: ${message}`)
  hardenHost() // after every module is loaded
  const stop = (code = 0) => {
    try { if (service.bot) service.bot.quit('bridge stopping') } catch (err) { /* closing anyway */ }
    setTimeout(() => process.exit(code), 200).unref()
  }
  const server = createServer(service, token, { onStop: () => { server.close(); stop(0) } })
  // Generated code can throw where nobody awaits (listeners, unawaited promises): report it
  // in the running step's events instead of dying.
  process.on('unhandledRejection', err => service.sandbox.reportUnhandled(err))
  process.on('uncaughtException', err => {
    console.error('[bridge] uncaught:', err && err.stack ? err.stack : err)
    service.sandbox.reportUnhandled(err)
  })
  process.on('SIGTERM', () => stop(0))
  process.on('SIGINT', () => stop(0))
  if (process.env.VOYAGER_BRIDGE_WATCH_STDIN === '1') {
    process.stdin.on('end', () => stop(0))
    process.stdin.on('error', () => stop(0))
    process.stdin.resume()
  }
  server.listen(Number(process.env.VOYAGER_BRIDGE_PORT || 0), '127.0.0.1', () => {
    process.stdout.write('VOYAGER_BRIDGE_READY ' + JSON.stringify({ port: server.address().port, pid: process.pid }) + '\n')
  })
}

main()
