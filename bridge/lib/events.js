// The ordered event list of one step (docs/OBSERVATION.md): chat (the bot's own bot.chat is
// recorded by the sandbox when sent, other players' and system messages when received),
// console.log lines, errors, timeout; the caller appends the final observe event.
'use strict'

const MAX_EVENTS = 2000 // a chatty loop must not produce a multi-megabyte response
const MAX_TEXT = 2000

class EventLog {
  constructor () {
    this.events = []
    this.dropped = 0
  }

  push (event) {
    if (this.events.length >= MAX_EVENTS) { this.dropped++; return }
    this.events.push(event)
  }

  chat (username, message) { this.push({ type: 'chat', message: clip(message), username: String(username || '') }) }
  log (message) { this.push({ type: 'log', message: clip(message) }) }
  error (message, line = null, source = null) { this.push({ type: 'error', message: clip(message), line, source }) }
  timeout (seconds) { this.push({ type: 'timeout', seconds }) }
  save (name) { this.push({ type: 'save', name: clip(name) }) }

  finish (observation) {
    if (this.dropped) this.events.push({ type: 'log', message: `(${this.dropped} more events were dropped)` })
    this.events.push({ type: 'observe', observation })
    return this.events
  }
}

function clip (text) {
  text = String(text)
  return text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) + '...' : text
}

// Route the bot's chat into whichever EventLog is current (getLog() may return null).
function attachChat (bot, getLog) {
  bot.on('chat', (username, message) => {
    const log = getLog()
    if (log && username !== bot.username) log.chat(username, message) // own chat: recorded when sent
  })
  // System messages (command feedback, deaths) are useful feedback too; player chat that
  // already matched the 'chat' pattern is skipped.
  bot.on('messagestr', (message, position) => {
    const log = getLog()
    if (!log || position === 'chat') return
    if (/^<[^>]+> /.test(message)) return
    log.chat('', message)
  })
}

// Format console.log arguments like Node does for plain values.
function formatArgs (args) {
  return args.map(a => {
    if (typeof a === 'string') return a
    if (a instanceof Error) return a.message
    try { return JSON.stringify(a) } catch (err) { return String(a) }
  }).join(' ')
}

module.exports = { EventLog, attachChat, formatArgs }
