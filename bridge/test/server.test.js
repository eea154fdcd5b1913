// The HTTP service without a world: READY line, token check, errors as one-line JSON.
'use strict'
const { test, before, after } = require('node:test')
const assert = require('node:assert')
const path = require('path')
const http = require('http')
const { spawn } = require('child_process')

const TOKEN = 'test-token-0123456789abcdef'
let child
let port

before(async () => {
  child = spawn(process.execPath, [path.join(__dirname, '..', 'index.js')], {
    env: { ...process.env, VOYAGER_BRIDGE_TOKEN: TOKEN, VOYAGER_SKILLS_DIR: path.join(__dirname, '..', '..', 'skills') },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  port = await new Promise((resolve, reject) => {
    let out = ''
    child.stdout.on('data', d => {
      out += d
      const m = out.match(/VOYAGER_BRIDGE_READY (\{.*\})/)
      if (m) resolve(JSON.parse(m[1]).port)
    })
    child.on('exit', code => reject(new Error(`bridge exited with ${code}`)))
  })
})

after(() => { if (child.exitCode === null) child.kill('SIGKILL') })

function request (method, url, { token = TOKEN, body } = {}) {
  return new Promise((resolve, reject) => {
    const headers = token ? { authorization: `Bearer ${token}` } : {}
    const req = http.request({ host: '127.0.0.1', port, method, path: url, headers }, res => {
      let data = ''
      res.on('data', d => { data += d })
      res.on('end', () => resolve({ status: res.statusCode, body: JSON.parse(data) }))
    })
    req.on('error', reject)
    if (body !== undefined) req.write(typeof body === 'string' ? body : JSON.stringify(body))
    req.end()
  })
}

test('every request needs the token', async () => {
  assert.strictEqual((await request('GET', '/health', { token: null })).status, 401)
  assert.strictEqual((await request('POST', '/step', { token: 'x'.repeat(TOKEN.length), body: { code: '1' } })).status, 401)
  const health = await request('GET', '/health')
  assert.strictEqual(health.status, 200)
  assert.strictEqual(health.body.bot, 'disconnected')
  assert.ok(health.body.primitives.includes('mineBlock'))
})

test('errors are one-line JSON with a code', async () => {
  const noBot = await request('POST', '/step', { body: { code: 'bot.chat(1)' } })
  assert.deepStrictEqual([noBot.status, noBot.body.code], [409, 'no_bot'])
  const badJson = await request('POST', '/reset', { body: '{nope' })
  assert.deepStrictEqual([badJson.status, badJson.body.code], [400, 'bad_json'])
  const pause = await request('POST', '/pause')
  assert.deepStrictEqual([pause.status, pause.body.code], [501, 'unsupported'])
  const missing = await request('GET', '/nope')
  assert.strictEqual(missing.status, 404)
  for (const r of [noBot, badJson, pause, missing]) assert.ok(!r.body.error.includes('\n'))
})

test('configure applies settings; a rejected value leaves the settings as they were', async () => {
  const ok = await request('POST', '/configure', { body: { stepTimeout: 30, allowCommands: true } })
  assert.strictEqual(ok.status, 200)
  assert.strictEqual(ok.body.settings.stepTimeout, 30)
  assert.strictEqual(ok.body.settings.allowCommands, true)
  const bad = await request('POST', '/configure', { body: { stepTimeout: -1 } })
  assert.strictEqual(bad.status, 400)
  const unknown = await request('POST', '/configure', { body: { nope: 1 } })
  assert.strictEqual(unknown.status, 400)
  const after = await request('POST', '/configure', { body: {} })
  assert.strictEqual(after.body.settings.stepTimeout, 30)
})

test('stop ends the process', async () => {
  const exited = new Promise(resolve => child.once('exit', resolve))
  assert.strictEqual((await request('POST', '/stop')).status, 200)
  await exited
})
