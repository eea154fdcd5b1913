// The HTTP JSON API (docs/BRIDGE_API.md) on 127.0.0.1. Every request must carry the
// per-process token: `Authorization: Bearer <token>`; anything else gets 401.
'use strict'
const http = require('http')
const crypto = require('crypto')
const { ServiceError } = require('./service')

const MAX_BODY = 8 * 1024 * 1024

function createServer (service, token, { onStop = () => {} } = {}) {
  const expected = Buffer.from(`Bearer ${token}`)
  const authorized = req => {
    const got = Buffer.from(String(req.headers.authorization || ''))
    return got.length === expected.length && crypto.timingSafeEqual(got, expected)
  }
  const routes = {
    'GET /health': () => service.health(),
    'POST /connect': body => service.exclusive('connect', () => service.connect(body)),
    'POST /configure': body => service.exclusive('configure', () => { service.configure(body); return { settings: service.settings } }),
    'POST /reset': body => service.exclusive('reset', () => service.reset(body)),
    'POST /step': body => service.exclusive('step', () => service.step(body)),
    'GET /observe': () => service.exclusive('observe', () => service.observe()),
    'POST /skills': body => service.exclusive('skills', () => service.setSkills(body.skills)),
    'POST /pause': () => { throw new ServiceError('pause is not supported: neither flying-squid nor 1.19 servers can freeze game ticks', 501, 'unsupported') },
    'POST /resume': () => { throw new ServiceError('resume is not supported: neither flying-squid nor 1.19 servers can freeze game ticks', 501, 'unsupported') },
    'POST /stop': () => { setImmediate(onStop); return { ok: true } }
  }
  const server = http.createServer(async (req, res) => {
    const send = (status, payload) => {
      const body = JSON.stringify(payload)
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
      res.end(body)
    }
    if (!authorized(req)) return send(401, { error: 'missing or wrong token', code: 'unauthorized' })
    const route = routes[`${req.method} ${req.url.split('?')[0]}`]
    if (!route) return send(404, { error: `no such endpoint: ${req.method} ${req.url}`, code: 'not_found' })
    try {
      const body = req.method === 'POST' ? await readJson(req) : {}
      send(200, await route(body))
    } catch (err) {
      if (err instanceof ServiceError) return send(err.status, { error: err.message, code: err.code })
      console.error('[bridge] internal error:', err && err.stack ? err.stack : err)
      send(500, { error: `internal bridge error: ${err && err.message}`, code: 'internal' })
    }
  })
  server.keepAliveTimeout = 60000
  server.requestTimeout = 0 // steps may take minutes
  server.headersTimeout = 60000
  return server
}

function readJson (req) {
  return new Promise((resolve, reject) => {
    const chunks = []
    let size = 0
    req.on('data', chunk => {
      size += chunk.length
      if (size > MAX_BODY) { reject(new ServiceError('request body too large', 413, 'too_large')); req.destroy(); return }
      chunks.push(chunk)
    })
    req.on('end', () => {
      if (!chunks.length) return resolve({})
      try {
        const value = JSON.parse(Buffer.concat(chunks).toString('utf8'))
        resolve(value && typeof value === 'object' ? value : {})
      } catch (err) { reject(new ServiceError('the request body is not valid JSON', 400, 'bad_json')) }
    })
    req.on('error', reject)
  })
}

module.exports = { createServer }
