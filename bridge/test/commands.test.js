// Server commands: a refusal for lack of op rights becomes a clear not_op error.
'use strict'
const { test } = require('node:test')
const assert = require('node:assert')
const { EventEmitter } = require('events')
const { runCommand } = require('../lib/commands')

function botReplying (reply) {
  const bot = new EventEmitter()
  bot.username = 'bot'
  bot.chat = () => setTimeout(() => bot.emit('messagestr', reply, 'system'), 5)
  return bot
}

test('a permission refusal says the bot needs op rights', async () => {
  for (const reply of ['You do not have permission to use this command', 'Unknown or incomplete command, see below for error']) {
    await assert.rejects(runCommand(botReplying(reply), '/give @s dirt 1', { until: () => false, timeoutMs: 500 }),
      err => err.code === 'not_op' && /op rights/.test(err.message) && /\/op bot/.test(err.message))
  }
})

test('an error reply fails the command with the server\'s words', async () => {
  await assert.rejects(runCommand(botReplying('Error: Unknown item foo'), '/give @s foo 1', { until: () => false, timeoutMs: 500 }),
    err => err.code === 'command_failed' && /Unknown item foo/.test(err.message))
})

test('a command whose effect never shows up times out', async () => {
  const bot = botReplying('Gave 1 dirt')
  await assert.rejects(runCommand(bot, '/give @s dirt 1', { until: () => false, timeoutMs: 200 }), err => err.code === 'no_effect')
})
