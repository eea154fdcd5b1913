// Sandbox unit tests against a stand-in bot (no world needed): parsing, line mapping,
// host access, timers, listener cleanup, code left running, learned skills.
'use strict'
const { test } = require('node:test')
const assert = require('node:assert')
const path = require('path')
const { EventEmitter } = require('events')
const { Sandbox } = require('../lib/sandbox')
const { EventLog } = require('../lib/events')
const { hardenHost } = require('../lib/harden')

hardenHost()

function fakeBot () {
  const bot = new EventEmitter()
  bot.username = 'bot'
  bot._client = new EventEmitter()
  bot.inventory = new EventEmitter()
  bot.chatted = []
  bot.chat = message => bot.chatted.push(message)
  bot.goal = 'none'
  bot.pathfinder = { setGoal: g => { bot.goal = g }, stop: () => {} }
  bot.controls = true
  bot.clearControlStates = () => { bot.controls = false }
  bot.waitForTicks = n => new Promise(resolve => setTimeout(resolve, n * 5))
  return bot
}

async function run (sandbox, bot, code, timeoutMs = 2000, options = {}) {
  const log = new EventLog()
  const outcome = await sandbox.run(code, { bot, mcData: {}, log, timeoutMs, ...options })
  return { outcome, events: log.events }
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms))

test('a syntax error is reported with its line and nothing runs', async () => {
  const bot = fakeBot()
  const { events } = await run(new Sandbox(), bot, "bot.chat('no')\nconst x = ;")
  assert.strictEqual(bot.chatted.length, 0)
  assert.strictEqual(events[0].type, 'error')
  assert.match(events[0].message, /^SyntaxError/)
  assert.strictEqual(events[0].line, 2)
  assert.strictEqual(events[0].source, 'const x = ;')
})

test('errors are mapped to the submitted line, including inside declared functions', async () => {
  const { events } = await run(new Sandbox(), fakeBot(), 'async function f () {\n  await null\n  null.x\n}\nawait f()')
  assert.match(events[0].message, /^TypeError/)
  assert.strictEqual(events[0].line, 3)
  assert.strictEqual(events[0].source, 'null.x')
})

test('host access is refused', async () => {
  const sandbox = new Sandbox()
  for (const code of ['process.exit()', "require('fs')", "this.constructor.constructor('return process')()",
    "bot.constructor.constructor('return process')()", "bot.on.constructor('return process')()",
    "(async () => {}).constructor('return 1')", "eval('1')"]) {
    const { events } = await run(sandbox, fakeBot(), code)
    assert.strictEqual(events[0].type, 'error', code)
    assert.match(events[0].message, /ReferenceError|EvalError|TypeError/, code)
  }
})

test('a synchronous endless loop is stopped by the sync timeout', async () => {
  const { events } = await run(new Sandbox(), fakeBot(), 'while (true) {}', 300)
  assert.match(events[0].message, /endless loop/)
})

test('an unresolved promise times out', async () => {
  const { outcome, events } = await run(new Sandbox(), fakeBot(), 'await new Promise(() => {})', 200)
  assert.strictEqual(outcome.timedOut, true)
  assert.deepStrictEqual(events[0], { type: 'timeout', seconds: 0.2 })
})

test('timers, goals, controls and the step\'s listeners are cleared after the step', async () => {
  const bot = fakeBot()
  const mine = () => {}
  bot.on('physicsTick', mine)
  const sandbox = new Sandbox()
  await run(sandbox, bot, "setInterval(() => bot.chat('tick'), 5)\nbot.on('physicsTick', () => {})\n" +
    "bot.once('chat', () => {})\nbot._client.on('packet', () => {})\nbot.pathfinder.setGoal('far')")
  assert.deepStrictEqual(bot.listeners('physicsTick'), [mine])
  assert.strictEqual(bot.listenerCount('chat'), 0)
  assert.strictEqual(bot._client.listenerCount('packet'), 0)
  assert.strictEqual(bot.goal, null)
  assert.strictEqual(bot.controls, false)
  const before = bot.chatted.length
  await sleep(50)
  assert.strictEqual(bot.chatted.length, before)
})

test('code left running after its step stops at its next use of bot', async () => {
  const bot = fakeBot()
  const sandbox = new Sandbox()
  await run(sandbox, bot, "(async () => { while (true) { await new Promise(r => r()); await bot.waitForTicks(1); bot.chat('ghost') } })().catch(() => {})\nawait new Promise(() => {})", 100)
  await run(sandbox, bot, 'await bot.waitForTicks(4)')
  const count = bot.chatted.length
  await sleep(60)
  assert.strictEqual(bot.chatted.length, count)
})

test('console.log and bot.chat become ordered events', async () => {
  const { events } = await run(new Sandbox(), fakeBot(), "console.log('a', 1, {b: 2})\nbot.chat('hi')")
  assert.deepStrictEqual(events, [{ type: 'log', message: 'a 1 {"b":2}' }, { type: 'chat', message: 'hi', username: 'bot' }])
})

test('server commands are refused unless allowed; plain chat still goes out', async () => {
  const bot = fakeBot()
  const { events } = await run(new Sandbox(), bot, "bot.chat('hello')\nbot.chat('/give @s diamond 64')")
  assert.deepStrictEqual(bot.chatted, ['hello'])
  const error = events.find(e => e.type === 'error')
  assert.match(error.message, /server commands are not available to generated code/)
  assert.strictEqual(error.line, 2)
  const allowed = fakeBot()
  await run(new Sandbox(), allowed, "bot.chat('/time set 1000')", 2000, { allowCommands: true })
  assert.deepStrictEqual(allowed.chatted, ['/time set 1000'])
})

test('a chat flood sends at most 100 messages and says how many were held back', async () => {
  const bot = fakeBot()
  const { events } = await run(new Sandbox(), bot, "for (let i = 0; i < 1e6; i++) bot.chat('spam ' + i)")
  assert.strictEqual(bot.chatted.length, 100)
  assert.strictEqual(events.filter(e => e.type === 'chat').length, 100)
  assert.match(events.at(-1).message, /999900 more bot.chat messages were not sent/)
})

test('primitives and learned skills are globals; broken skills are reported', async () => {
  const sandbox = new Sandbox({ skillsDir: path.join(__dirname, '..', '..', 'skills') })
  assert.deepStrictEqual(sandbox.primitiveErrors, [])
  const result = sandbox.setSkills({ double: 'async function double (n) { return 2 * n }', bad: 'function bad ( {', mineBlock: 'function mineBlock () {}' })
  assert.deepStrictEqual(result.loaded, ['double'])
  assert.deepStrictEqual(result.errors.map(e => e.name), ['bad', 'mineBlock'])
  const { events } = await run(sandbox, fakeBot(), 'console.log(await double(21), typeof mineBlock)')
  assert.strictEqual(events[0].message, '42 function')
  sandbox.setSkills({})
  const again = await run(sandbox, fakeBot(), 'console.log(typeof double)')
  assert.strictEqual(again.events[0].message, 'undefined')
})

test('bot.save(name) becomes a save event, as in Voyager', async () => {
  const { events } = await run(new Sandbox(), fakeBot(), "bot.save('oak_log_mined')")
  assert.deepStrictEqual(events, [{ type: 'save', name: 'oak_log_mined' }])
})

test('a rejection raised outside the step\'s frames gets the line of the await', async () => {
  const bot = fakeBot()
  // Like pathfinder's goto: the error is created in an event callback, not in the step.
  bot.goto = () => new Promise((resolve, reject) => bot.once('stop', () => reject(new Error('Path was stopped'))))
  setTimeout(() => bot.emit('stop'), 20)
  const { events } = await run(new Sandbox(), bot, "bot.chat('go')\n\nawait bot.goto()\n")
  assert.match(events[1].message, /^Error: Path was stopped \(line 3\)/)
  assert.strictEqual(events[1].line, 3)
  assert.strictEqual(events[1].source, 'await bot.goto()')
})

test('shared classes cannot be monkey-patched by a step', async () => {
  const { events } = await run(new Sandbox(), fakeBot(), "'use strict'\nVec3.prototype.offset = () => 0")
  assert.match(events[0].message, /^TypeError: Cannot assign to read only property/)
  const { Vec3 } = require('vec3')
  assert.notStrictEqual(new Vec3(1, 2, 3).offset(1, 1, 1), 0)
})

test('a hostile step gets no network or host access (fetch, XHR, WebSocket, require, process, constructors)', async () => {
  const http = require('http')
  let hits = 0
  const server = http.createServer((req, res) => { hits++; res.end('ok') })
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${server.address().port}/`
  try {
    const sandbox = new Sandbox()
    const absent = ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'Request', 'Headers', 'navigator', 'require',
      'process', 'module', 'exports', 'Buffer', '__dirname']
    const { events } = await run(sandbox, fakeBot(), `console.log([${absent.map(e => `typeof ${e}`).join(', ')}].join(' '))`)
    assert.strictEqual(events[0].message, absent.map(() => 'undefined').join(' '))
    // globalThis.constructor leads to the sandbox realm's own Function (which cannot compile), not the host's.
    const realm = await run(sandbox, fakeBot(), 'console.log(globalThis.constructor.constructor === Function, Object.constructor === Function)')
    assert.strictEqual(realm.events[0].message, 'true true')
    const attempts = [
      `await fetch('${url}')`,
      `new XMLHttpRequest().open('GET', '${url}')`,
      `new WebSocket('${url.replace('http', 'ws')}')`,
      `require('http').get('${url}')`,
      `process.mainModule.require('http').get('${url}')`,
      `process.binding('tcp_wrap')`,
      `globalThis.constructor.constructor('return process')()`,
      `Object.getPrototypeOf(globalThis).constructor.constructor('return process')()`,
      `bot.constructor.constructor('return fetch')()('${url}')`,
      `bot.on.call.constructor('return process')()`,
      `console.log.constructor('return require')()('http').get('${url}')`,
      `setTimeout.constructor('return fetch')()('${url}')`,
      `Vec3.constructor('return process')()`,
      `goals.GoalNear.constructor('return process')()`,
      `try { null.x } catch (e) { e.constructor.constructor('return process')() }`,
      `(async function * () {}).constructor('yield process')().next()`,
      `await import('http')`,
      `new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]))`
    ]
    for (const code of attempts) {
      const bot = fakeBot()
      const { events } = await run(sandbox, bot, `${code}\nbot.chat('reached')`)
      assert.strictEqual(events[0].type, 'error', code)
      assert.match(events[0].message, /^(ReferenceError|TypeError|EvalError|CompileError|Error)\b/, code)
      assert.deepStrictEqual(bot.chatted, [], code)
    }
    await sleep(50) // a request that had got out would have arrived by now
    assert.strictEqual(hits, 0)
  } finally {
    server.close()
  }
})
