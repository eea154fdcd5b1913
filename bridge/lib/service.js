// The bridge's state and operations behind the HTTP API: one bot, one sandbox, the
// observer. Operations run one at a time (a queue); health never waits for them.
'use strict'
const { connectBot } = require('./bot')
const { Sandbox } = require('./sandbox')
const { EventLog, attachChat } = require('./events')
const { Observer } = require('./observe')
const { ChestTracker } = require('./chests')
const { reset, settle, trackPlacements } = require('./reset')
const { sandboxMcData } = require('./mcdata')

class ServiceError extends Error {
  constructor (message, status = 400, code = 'bad_request') {
    super(message)
    this.status = status
    this.code = code
  }
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms))

const DEFAULT_SETTINGS = { stepTimeout: 180, nearbyBlockRadius: 16, giveBackPlacedItems: true, allowCommands: false }

class Service {
  constructor ({ skillsDir = null } = {}) {
    this.sandbox = new Sandbox({ skillsDir })
    this.settings = { ...DEFAULT_SETTINGS }
    this.connectOptions = null
    this.bot = null
    this.botState = 'disconnected' // disconnected | connecting | connected
    this.lastDisconnect = null
    this.chests = new ChestTracker()
    this.observer = new Observer({ radius: this.settings.nearbyBlockRadius, chests: this.chests })
    this.currentLog = null // EventLog of the running step
    this.queue = Promise.resolve()
    this.busy = null // name of the running operation
  }

  // Run operations one at a time, in arrival order.
  exclusive (name, fn) {
    const run = this.queue.then(async () => {
      this.busy = name
      try { return await fn() } finally { this.busy = null }
    })
    this.queue = run.catch(() => {})
    return run
  }

  health () {
    return {
      ok: true,
      pid: process.pid,
      bot: this.botState,
      busy: this.busy,
      lastDisconnect: this.lastDisconnect,
      primitives: this.sandbox.primitiveNames(),
      primitiveErrors: this.sandbox.primitiveErrors
    }
  }

  // ------------------------------------------------------------------ bot lifecycle
  async connect (options = {}) {
    const { settings, ...connect } = options
    if (settings) this.configure(settings)
    this.connectOptions = connect
    if (this.bot) this._dropBot('reconnect requested')
    await this._connect()
    return { observation: this._observe({ record: true }) }
  }

  configure (settings) {
    for (const key of Object.keys(settings)) {
      if (!(key in DEFAULT_SETTINGS)) throw new ServiceError(`unknown setting ${key}; expected one of ${Object.keys(DEFAULT_SETTINGS).join(', ')}`)
    }
    // Check before applying: a rejected value must not stay in the settings.
    const next = { ...this.settings, ...settings }
    if (!(next.stepTimeout > 0)) throw new ServiceError('stepTimeout must be a positive number of seconds')
    Object.assign(this.settings, next)
    this.observer.radius = Math.max(1, Math.min(64, Math.floor(this.settings.nearbyBlockRadius)))
  }

  async _connect () {
    this.botState = 'connecting'
    let bot
    try {
      bot = await connectBot(this.connectOptions)
    } catch (err) {
      this.botState = 'disconnected'
      this.lastDisconnect = err.message
      throw new ServiceError(err.message, 502, 'connect_failed')
    }
    this.bot = bot
    this.botState = 'connected'
    this.mcData = sandboxMcData(bot.version)
    attachChat(bot, () => this.currentLog)
    this.chests.attach(bot)
    this.observer.attach(bot)
    bot.on('end', reason => {
      if (this.bot !== bot) return
      this.bot = null
      this.botState = 'disconnected'
      this.lastDisconnect = `connection closed: ${reason}`
    })
    bot.on('kicked', reason => { if (this.bot === bot) this.lastDisconnect = `kicked: ${typeof reason === 'string' ? reason : JSON.stringify(reason)}` })
    await settle(bot)
  }

  _dropBot (reason) {
    const bot = this.bot
    this.bot = null
    this.botState = 'disconnected'
    this.lastDisconnect = reason
    if (bot) { try { bot.quit(reason) } catch (err) { /* already closed */ } }
  }

  // Reconnect with the last options when the bot was kicked or the connection dropped.
  async ensureBot () {
    if (this.bot) return this.bot
    if (!this.connectOptions) throw new ServiceError('no bot: call /connect first', 409, 'no_bot')
    await this._connect()
    return this.bot
  }

  // ------------------------------------------------------------------ operations
  async observe () {
    await this.ensureBot()
    return { observation: this._observe({ record: false }) }
  }

  _observe ({ elapsedTicks = 0, record = true } = {}) {
    return this.observer.observe(this.bot, { elapsedTicks, record })
  }

  async reset (options = {}) {
    const bot = await this.ensureBot()
    try {
      await reset(bot, options)
    } catch (err) {
      if (err.name === 'CommandError') {
        const status = err.code === 'not_op' ? 403 : err.code === 'bad_request' ? 400 : 502
        throw new ServiceError(err.message, status, err.code)
      }
      throw err
    }
    if (options.mode !== 'soft') this.observer.history = []
    return { observation: this._observe({ record: true }) }
  }

  setSkills (skills) {
    if (!skills || typeof skills !== 'object' || Array.isArray(skills)) throw new ServiceError('skills must be an object: {functionName: code}')
    return this.sandbox.setSkills(skills)
  }

  // Run one step; always resolves with the event list (errors are events).
  async step ({ code, timeout } = {}) {
    if (typeof code !== 'string') throw new ServiceError('code must be a string of JavaScript')
    const bot = await this.ensureBot()
    const log = new EventLog()
    const timeoutMs = 1000 * (timeout > 0 ? timeout : this.settings.stepTimeout)
    let ticks = 0
    const onTick = () => { ticks++ }
    bot.on('physicsTick', onTick)
    const placements = this.settings.giveBackPlacedItems ? trackPlacements(bot) : null
    this.currentLog = log
    let outcome
    try {
      outcome = await this.sandbox.run(code, { bot, mcData: this.mcData, log, timeoutMs, allowCommands: this.settings.allowCommands === true })
    } finally {
      bot.removeListener('physicsTick', onTick)
      if (placements) placements.stop()
    }
    // A step that acted in the world may still have server updates in flight (the slot
    // update after placing a block arrives a tick later): let two ticks pass before observing.
    if (ticks > 0 && this.bot === bot) await Promise.race([bot.waitForTicks(2), sleep(300)])
    this.currentLog = null // the give-back's own command feedback is not the step's
    if (placements && this.bot === bot) {
      try {
        const given = await placements.giveBack()
        if (given.length) log.log(`(the bridge picked up the ${given.join(', ')} placed during this step and put it back in the inventory)`)
      } catch (err) {
        log.log(`(could not give back placed blocks: ${err.message})`)
      }
    }
    if (!this.bot) {
      log.error(`Error: the bot was disconnected during the step (${this.lastDisconnect}); it has reconnected`, null, null)
      await this.ensureBot()
    }
    const observation = this._observe({ elapsedTicks: ticks, record: true })
    return { events: log.finish(observation), timedOut: outcome.timedOut }
  }
}

module.exports = { Service, ServiceError, DEFAULT_SETTINGS }
