// The sandbox generated code runs in: one vm context per bridge, holding the control
// primitives (skills/*.js), the learned skills and a fixed set of globals. A step's code is
// parsed by acorn first, then runs as the body of an async function with a wall-clock
// timeout (and vm's timeout for its synchronous part). After every step it clears what the
// code left behind: timers, pathfinder/collect/pvp goals, control states, listeners.
'use strict'
const fs = require('fs')
const path = require('path')
const vm = require('vm')
const acorn = require('acorn')
const { Vec3 } = require('vec3')
const pathfinderPkg = require('mineflayer-pathfinder')
const { formatArgs } = require('./events')
const { pinPrepareStackTrace } = require('./harden')
const { instrumentAwaits, awaitAt, awaitLine, HELPER } = require('./awaitlines')

const GOAL_NAMES = ['GoalNear', 'GoalXZ', 'GoalNearXZ', 'GoalBlock', 'GoalGetToBlock', 'GoalFollow', 'GoalPlaceBlock',
  'GoalLookAtBlock', 'GoalBreakBlock', 'GoalY', 'GoalInvert', 'GoalCompositeAny', 'GoalCompositeAll']
const STEP_FILE = 'step.js'
const MAX_SYNC_MS = 10000 // a step's synchronous part (before its first await) may run at most this long
// A step sends at most this many chat messages: a flood (a million bot.chat calls) would keep
// the server busy for a minute and stall the next reset. A vanilla server kicks far sooner.
const MAX_CHATS_PER_STEP = 100
const COLLECT_STOP_MS = 1000 // at most this long for a collectblock task cut off by its step's end to stop
const COMMANDS_REFUSED = 'server commands are not available to generated code (bot.chat of a message starting ' +
  "with '/'); gather, craft and smelt with the bot and the skills instead"
const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/

class StepEnded extends Error {
  constructor () {
    super('this step has ended; code that keeps running after its step (a timeout or an unawaited promise) is stopped at its next use of bot')
    this.name = 'StepEnded'
  }
}

class Sandbox {
  // skillsDir: folder of primitives (skills/*.js), or null for none.
  constructor ({ skillsDir = null } = {}) {
    this.skillsDir = skillsDir
    this.current = null // the running step: {active, timers, log}
    this.learned = new Set()
    this.primitives = new Set()
    this.rawBots = new WeakMap() // step proxy -> bot
    this.ctx = this._createContext()
    this.primitiveErrors = this._loadPrimitives()
  }

  // ------------------------------------------------------------------ context
  _createContext () {
    // A null-prototype global object: `this.constructor` inside resolves to the context's
    // own Object, never the host's (the classic vm escape).
    const ctx = vm.createContext(Object.create(null), {
      name: 'voyager-sandbox', codeGeneration: { strings: false, wasm: false }
    })
    const sandbox = this
    const { Movements, goals } = pathfinderPkg
    // Movements keeps its bot for later steps: give it the real bot, not this step's proxy.
    const SandboxMovements = class Movements_ extends Movements {
      constructor (bot, ...rest) { super(sandbox.rawBots.get(bot) || bot, ...rest) }
    }
    Object.defineProperty(SandboxMovements, 'name', { value: 'Movements' })
    const globals = {
      bot: null,
      mcData: null,
      Vec3,
      Movements: SandboxMovements,
      goals,
      console: this._console(),
      setTimeout: (fn, ms, ...args) => this._timer('timeout', fn, ms, args),
      setInterval: (fn, ms, ...args) => this._timer('interval', fn, ms, args),
      setImmediate: (fn, ...args) => this._timer('immediate', fn, 0, args),
      clearTimeout: handle => this._clearTimer(handle),
      clearInterval: handle => this._clearTimer(handle),
      clearImmediate: handle => this._clearTimer(handle),
      [HELPER]: awaitAt
    }
    for (const name of GOAL_NAMES) if (goals[name]) globals[name] = goals[name]
    // Shared host classes: generated code must not monkey-patch them for the whole bridge.
    for (const cls of [Vec3, ...GOAL_NAMES.map(n => goals[n]).filter(Boolean), goals.Goal].filter(Boolean)) {
      Object.freeze(cls.prototype)
      Object.freeze(cls)
    }
    Object.freeze(goals)
    for (const [name, value] of Object.entries(globals)) {
      Object.defineProperty(ctx, name, { value, writable: true, enumerable: false, configurable: true })
    }
    vm.runInContext('delete globalThis.eval', ctx) // eval is already inert (no code generation); make it absent
    pinPrepareStackTrace(vm.runInContext('Error', ctx))
    // Prototypes of functions created inside the sandbox: tells its listeners from mineflayer's own.
    this.sandboxFunctionProtos = new Set(vm.runInContext(
      '[function () {}, async function () {}, function * () {}, async function * () {}].map(Object.getPrototypeOf)', ctx))
    return ctx
  }

  _console () {
    const out = (...args) => { if (this.current) this.current.log.log(formatArgs(args)) }
    return Object.freeze({ log: out, info: out, warn: out, error: out, debug: out })
  }

  // Step-scoped timers: registered with the running step and cleared when it ends.
  _timer (kind, fn, ms, args) {
    const step = this.current
    if (!step || !step.active) throw new StepEnded()
    if (typeof fn !== 'function') throw new TypeError('the callback must be a function')
    const run = () => {
      if (kind !== 'interval') step.timers.delete(handle)
      if (!step.active) return
      try {
        const result = fn(...args)
        if (result && typeof result.catch === 'function') result.catch(err => this._reportAsync(step, err))
      } catch (err) { this._reportAsync(step, err) }
    }
    let handle
    if (kind === 'timeout') handle = setTimeout(run, ms)
    else if (kind === 'interval') handle = setInterval(run, Math.max(1, ms | 0))
    else handle = setImmediate(run)
    handle.voyagerKind = kind
    step.timers.add(handle)
    return handle
  }

  _clearTimer (handle) {
    if (!handle) return
    if (handle.voyagerKind === 'immediate') clearImmediate(handle)
    else clearTimeout(handle) // also clears intervals
    if (this.current) this.current.timers.delete(handle)
  }

  // An error thrown where nobody awaits it (timer callback, listener, unawaited promise).
  _reportAsync (step, err) {
    if (!step || !step.active || err instanceof StepEnded) return
    const { message, line, source } = describeError(err, step.code)
    step.log.error(message, line, source)
  }

  reportUnhandled (err) {
    this._reportAsync(this.current, err)
  }

  // ------------------------------------------------------------------ code loading
  _loadPrimitives () {
    const errors = []
    if (!this.skillsDir) return errors
    let files = []
    try {
      files = fs.readdirSync(this.skillsDir).filter(f => f.endsWith('.js')).sort()
    } catch (err) {
      return [{ name: this.skillsDir, message: `cannot read the skills folder: ${err.message}` }]
    }
    for (const file of files) {
      const code = fs.readFileSync(path.join(this.skillsDir, file), 'utf8')
      try {
        const ast = acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'script' })
        new vm.Script(code, { filename: `skills/${file}` }).runInContext(this.ctx, { timeout: 5000 })
        for (const node of ast.body) {
          if (node.type === 'FunctionDeclaration') this.primitives.add(node.id.name)
        }
      } catch (err) {
        errors.push({ name: file, message: `${err.name}: ${err.message}` })
      }
    }
    return errors
  }

  primitiveNames () { return [...this.primitives].filter(n => !n.startsWith('_')).sort() }

  // Replace the learned skills with `skills` (function name -> code). Each skill's code is
  // evaluated in its own scope (helpers it declares stay private); the function named like
  // the skill becomes a global. Returns {loaded, errors}.
  setSkills (skills) {
    const loaded = []
    const errors = []
    for (const name of this.learned) if (!(name in skills)) delete this.ctx[name]
    this.learned.clear()
    for (const [name, code] of Object.entries(skills || {})) {
      if (!IDENT.test(name)) { errors.push({ name, message: 'a skill name must be a JavaScript identifier' }); continue }
      if (this.primitives.has(name)) { errors.push({ name, message: `${name} is a control primitive and cannot be replaced` }); continue }
      try {
        acorn.parse(String(code), { ecmaVersion: 'latest', sourceType: 'script' })
        const wrapped = `(function () {\n${code}\n;return typeof ${name} === 'function' ? ${name} : undefined\n})()`
        const fn = new vm.Script(wrapped, { filename: `learned/${name}.js`, lineOffset: -1 })
          .runInContext(this.ctx, { timeout: 2000 })
        if (typeof fn !== 'function') throw new Error(`the code does not define a function named ${name}`)
        Object.defineProperty(this.ctx, name, { value: fn, writable: true, enumerable: false, configurable: true })
        this.learned.add(name)
        loaded.push(name)
      } catch (err) {
        errors.push({ name, message: `${err.name || 'Error'}: ${err.message}` })
      }
    }
    return { loaded, errors }
  }

  // ------------------------------------------------------------------ steps
  // Run `code` against `bot`; events go to `log`. Resolves {timedOut, error} (never rejects).
  // allowCommands: let the code send server commands through bot.chat('/...'); off for
  // generated code (an op bot's commands are /give, /op, /stop), on for test set-ups.
  async run (code, { bot, mcData, log, timeoutMs, allowCommands = false }) {
    code = String(code)
    const syntax = checkSyntax(code)
    if (syntax) {
      log.error(syntax.message, syntax.line, syntax.source)
      return { timedOut: false, error: true }
    }
    let script
    try {
      // `bot` is a parameter: closures the step leaves behind keep this step's proxy (which
      // stops working when the step ends), not the global that the next step rebinds.
      script = new vm.Script(`(async function (bot) {\n${instrumentAwaits(code)}\n})(bot)`, { filename: STEP_FILE, lineOffset: -1 })
    } catch (err) { // V8 rejects a few things acorn accepts
      const { message, line, source } = describeError(err, code)
      log.error(message, line, source)
      return { timedOut: false, error: true }
    }
    const step = { active: true, timers: new Set(), log, code, allowCommands, chats: 0, unsentChats: 0 }
    const proxy = this._stepBot(bot, step)
    this.ctx.bot = proxy
    this.ctx.mcData = mcData
    this.current = step
    const before = snapshotListeners(bot)
    if (typeof this.ctx._resetFailureCounts === 'function') {
      try { this.ctx._resetFailureCounts() } catch (err) { /* primitives' bookkeeping only */ }
    }
    let outcome = { timedOut: false, error: false }
    let timer
    try {
      const promise = script.runInContext(this.ctx, { timeout: Math.min(timeoutMs, MAX_SYNC_MS) })
      promise.catch(() => {}) // abandoned on timeout; must not become an unhandled rejection
      const deadline = new Promise(resolve => { timer = setTimeout(() => resolve('timeout'), timeoutMs) })
      const result = await Promise.race([promise.then(() => 'ok', err => ({ err })), deadline])
      if (result === 'timeout') {
        log.timeout(Math.round(timeoutMs) / 1000)
        outcome = { timedOut: true, error: false }
      } else if (result !== 'ok') {
        const { message, line, source } = describeError(result.err, code)
        log.error(message, line, source)
        outcome = { timedOut: false, error: true }
      }
    } catch (err) { // synchronous throw, incl. vm's timeout of the synchronous part
      const { message, line, source } = describeError(err, code, Math.min(timeoutMs, MAX_SYNC_MS))
      log.error(message, line, source)
      outcome = { timedOut: false, error: true }
    } finally {
      clearTimeout(timer)
      step.active = false
      if (step.unsentChats) log.log(`(${step.unsentChats} more bot.chat messages were not sent: a step sends at most ${MAX_CHATS_PER_STEP})`)
      for (const handle of step.timers) this._clearTimer(handle)
      step.timers.clear()
      this.current = null
      this.ctx.bot = null
      await cleanupBot(bot, before, this.sandboxFunctionProtos)
    }
    return outcome
  }

  // The bot as the step sees it: the real bot until the step ends, then every access throws,
  // so code left running after its step stops at its next use of bot.
  // bot.chat is recorded as a chat event here, in order with console.log lines (the server's
  // echo of the bot's own chat is skipped in events.js).
  _stepBot (bot, step) {
    const chat = message => {
      const text = String(message)
      const command = text.startsWith('/')
      if (command && !step.allowCommands) throw new Error(COMMANDS_REFUSED)
      if (++step.chats > MAX_CHATS_PER_STEP) { step.unsentChats++; return }
      if (step.active && !command) step.log.chat(bot.username, text)
      return bot.chat(message)
    }
    // Voyager's bot.save(name) marks a point of progress (its primitives called it): an event.
    const save = name => { if (step.active) step.log.save(name) }
    const proxy = new Proxy(bot, {
      get (target, key) {
        if (!step.active) throw new StepEnded()
        if (key === 'chat') return chat
        if (key === 'save' && !(key in target)) return save
        return Reflect.get(target, key)
      },
      set (target, key, value) {
        if (!step.active) throw new StepEnded()
        return Reflect.set(target, key, value)
      }
    })
    this.rawBots.set(proxy, bot)
    return proxy
  }
}

// ------------------------------------------------------------------ helpers
function checkSyntax (code) {
  try {
    acorn.parse(code, {
      ecmaVersion: 'latest', sourceType: 'script', allowAwaitOutsideFunction: true, allowReturnOutsideFunction: true
    })
    return null
  } catch (err) {
    const line = err.loc ? err.loc.line : null
    return {
      message: `SyntaxError: ${err.message.replace(/ \(\d+:\d+\)$/, '')}` + (line ? ` (line ${line})` : ''),
      line,
      source: line ? sourceLine(code, line) : null
    }
  }
}

function sourceLine (code, line) {
  const text = code.split('\n')[line - 1]
  return text === undefined ? null : text.trim()
}

// {message, line, source} of a thrown value; line is mapped to the submitted code (the
// innermost frame in step.js, which async stack traces keep even for errors thrown in primitives).
function describeError (err, code, syncLimitMs = null) {
  if (err && err.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
    return {
      message: `Timeout: the code ran for ${syncLimitMs / 1000} s without awaiting anything (an endless loop?) and was stopped`,
      line: null,
      source: null
    }
  }
  let message
  if (err instanceof Error || (err && typeof err === 'object' && 'message' in err)) {
    message = `${err.name || 'Error'}: ${err.message}`
  } else {
    message = `Error: ${String(err)}`
  }
  const stack = err && typeof err.stack === 'string' ? err.stack : ''
  const match = stack.match(/step\.js:(\d+)(?::\d+)?/)
  let line = match ? Number(match[1]) : (awaitLine(err) ?? null)
  if (line !== null && (line < 1 || line > code.split('\n').length)) line = null
  if (line !== null) message += ` (line ${line})`
  const where = stack.match(/\((skills\/[^)]+|learned\/[^)]+)\)/)
  if (where) message += ` [in ${where[1]}]`
  return { message, line, source: line ? sourceLine(code, line) : null }
}

function snapshotListeners (bot) {
  const snap = new Map()
  for (const emitter of [bot, bot._client, bot.inventory]) {
    if (!emitter) continue
    const perEvent = new Map()
    for (const name of emitter.eventNames()) perEvent.set(name, new Set(emitter.rawListeners(name)))
    snap.set(emitter, perEvent)
  }
  return snap
}

function removeStepListeners (before, sandboxProtos) {
  const fromSandbox = fn => fn && (sandboxProtos.has(Object.getPrototypeOf(fn)) ||
    (fn.listener && sandboxProtos.has(Object.getPrototypeOf(fn.listener))))
  for (const [emitter, perEvent] of before) {
    for (const name of emitter.eventNames()) {
      const old = perEvent.get(name) || new Set()
      for (const fn of emitter.rawListeners(name)) {
        if (!old.has(fn) && fromSandbox(fn)) emitter.removeListener(name, fn)
      }
    }
  }
}

// Stop whatever the step set going: pathfinder/collect/pvp goals, digging, control
// states, an open window, and the listeners it registered.
async function cleanupBot (bot, before, sandboxProtos) {
  const tryIt = fn => { try { return fn() } catch (err) { return null } }
  removeStepListeners(before, sandboxProtos)
  if (bot.pvp && bot.pvp.target) tryIt(() => bot.pvp.forceStop())
  let collectDone = null
  if (bot.collectBlock) {
    const targets = bot.collectBlock.targets
    const collecting = !!(targets && !targets.empty)
    const p = tryIt(() => bot.collectBlock.cancelTask()) // resolves on collectBlock_finished
    if (p && typeof p.catch === 'function') p.catch(() => {})
    if (collecting) {
      // cancelTask only stops the pathfinder: a task between two paths (equipping a tool,
      // waiting for drops) would go on to its next target after the step. With no targets
      // left its loop ends at its next check.
      tryIt(() => targets.clear())
      collectDone = p
    }
  }
  const stopMoving = () => {
    if (bot.pathfinder) {
      // stop() only raises a flag that the next resetPath consumes; setGoal(null) resets the
      // path now and clears it (the reverse order would stop the next step's first goto).
      tryIt(() => bot.pathfinder.stop())
      tryIt(() => bot.pathfinder.setGoal(null))
    }
    if (bot.targetDigBlock) tryIt(() => bot.stopDigging())
  }
  stopMoving()
  if (collectDone) {
    // Let the task reach that check (a drop wait is 10 ticks), then stop a dig it began
    // meanwhile (one that was equipping a tool when the step ended).
    let timer
    await Promise.race([collectDone, new Promise(resolve => { timer = setTimeout(resolve, COLLECT_STOP_MS) })])
    clearTimeout(timer)
    stopMoving()
  }
  tryIt(() => bot.clearControlStates())
  tryIt(() => bot.deactivateItem && bot.usingHeldItem && bot.deactivateItem())
  if (bot.currentWindow) tryIt(() => bot.closeWindow(bot.currentWindow))
}

module.exports = { Sandbox, StepEnded, checkSyntax, describeError }
