// Argument parsing shared by the admin commands: tokens, coordinates (~ relative), target
// selectors (@s @p @a @r @e with [type=,name=,limit=,distance=,sort=,gamemode=]), feedback.
// Every problem is a UserError, which flying-squid shows to the sender instead of crashing.
'use strict'
const { Vec3 } = require('vec3')
const { UserError } = require('flying-squid')

const GAMEMODES = { survival: 0, creative: 1, adventure: 2, spectator: 3 }

function tokens (str) {
  return String(str || '').trim().split(/\s+/).filter(Boolean)
}

function usage (text) {
  return new UserError('Usage: ' + text)
}

function parseNumber (token, what = 'number') {
  const n = Number(token)
  if (token === undefined || token === '' || !Number.isFinite(n)) throw new UserError(`Expected a ${what}, got '${token ?? ''}'`)
  return n
}

function parseInteger (token, what = 'integer', { min = -Infinity, max = Infinity } = {}) {
  const n = parseNumber(token, what)
  if (!Number.isInteger(n) || n < min || n > max) throw new UserError(`Expected a ${what}${min > -Infinity ? ` from ${min}` : ''}${max < Infinity ? ` to ${max}` : ''}, got '${token}'`)
  return n
}

// One coordinate: '12', '12.5', '~', '~-3'. base: the sender's coordinate (null from the console).
function parseCoord (token, base, axis = 'coordinate') {
  if (token === undefined) throw new UserError(`Missing ${axis}`)
  if (token.startsWith('~')) {
    if (base === null || base === undefined) throw new UserError('Relative coordinates (~) need a player position; give absolute ones from the console')
    const rest = token.slice(1)
    return base + (rest === '' ? 0 : parseNumber(rest, axis))
  }
  if (token.startsWith('^')) throw new UserError('Local coordinates (^) are not supported; use ~ or absolute coordinates')
  return parseNumber(token, axis)
}

function parsePosition (toks, origin) {
  return new Vec3(
    parseCoord(toks[0], origin ? origin.x : null, 'x'),
    parseCoord(toks[1], origin ? origin.y : null, 'y'),
    parseCoord(toks[2], origin ? origin.z : null, 'z'))
}

function parseBlockPosition (toks, origin) {
  return parsePosition(toks, origin).floored()
}

function parseBool (token, what = 'value') {
  if (token === 'true') return true
  if (token === 'false') return false
  throw new UserError(`Expected true or false for ${what}, got '${token ?? ''}'`)
}

function parseGameMode (token) {
  if (token in GAMEMODES) return GAMEMODES[token]
  if (/^[0-3]$/.test(token || '')) return Number(token)
  throw new UserError(`Unknown game mode '${token ?? ''}' (survival, creative, adventure, spectator)`)
}

function entityTypeName (serv, entity) {
  if (entity.type === 'player') return 'player'
  const def = serv.registry.entities[entity.entityType]
  return (def && def.name) || entity.name
}

function parseRange (text) {
  const m = /^(-?[\d.]+)?(\.\.)?(-?[\d.]+)?$/.exec(text)
  if (!m || (!m[1] && !m[3])) throw new UserError(`Bad range '${text}'`)
  if (!m[2]) return { min: Number(m[1]), max: Number(m[1]) }
  return { min: m[1] ? Number(m[1]) : -Infinity, max: m[3] ? Number(m[3]) : Infinity }
}

// Resolves a target argument to entities. ctx.player is the sender (absent on the console).
function resolveTargets (serv, text, ctx, { playersOnly = false } = {}) {
  if (!text) throw new UserError('Missing target')
  const sender = ctx && ctx.player
  const m = /^@([sparen])(?:\[(.*)\])?$/.exec(text)
  if (!m) {
    const player = serv.getPlayer(text)
    if (!player) throw new UserError(`No player named '${text}'`)
    return [player]
  }
  const kind = m[1]
  const opts = {}
  if (m[2]) {
    for (const part of m[2].split(',').map(s => s.trim()).filter(Boolean)) {
      const kv = /^(\w+)=(.*)$/.exec(part)
      if (!kv) throw new UserError(`Bad selector option '${part}'`)
      opts[kv[1]] = kv[2]
    }
  }
  const origin = sender ? sender.position : null
  let list
  if (kind === 's') {
    if (!sender) throw new UserError('@s needs a player; name the target from the console')
    list = [sender]
  } else if (kind === 'e' || kind === 'n') {
    list = Object.values(serv.entities)
  } else {
    list = serv.players.slice()
  }
  if (playersOnly) list = list.filter(e => e.type === 'player')
  if (opts.type) {
    const neg = opts.type.startsWith('!')
    const want = opts.type.replace(/^!/, '').replace(/^minecraft:/, '')
    list = list.filter(e => (entityTypeName(serv, e) === want) !== neg)
  }
  if (opts.name) {
    const neg = opts.name.startsWith('!')
    const want = opts.name.replace(/^!/, '')
    list = list.filter(e => ((e.username || e.name) === want) !== neg)
  }
  if (opts.gamemode) {
    const neg = opts.gamemode.startsWith('!')
    const want = parseGameMode(opts.gamemode.replace(/^!/, ''))
    list = list.filter(e => (e.type === 'player' && e.gameMode === want) !== neg)
  }
  if (opts.distance) {
    if (!origin) throw new UserError('distance= needs a player position')
    const { min, max } = parseRange(opts.distance)
    list = list.filter(e => { const d = e.position.distanceTo(origin); return d >= min && d <= max })
  }
  let sort = opts.sort || (kind === 'p' ? 'nearest' : kind === 'r' ? 'random' : 'arbitrary')
  if (!origin && (sort === 'nearest' || sort === 'furthest')) sort = 'arbitrary'
  if (sort === 'nearest') list.sort((a, b) => a.position.distanceTo(origin) - b.position.distanceTo(origin))
  else if (sort === 'furthest') list.sort((a, b) => b.position.distanceTo(origin) - a.position.distanceTo(origin))
  else if (sort === 'random') list.sort(() => Math.random() - 0.5)
  let limit = opts.limit !== undefined ? parseInteger(opts.limit, 'limit', { min: 1 }) : Infinity
  if (kind === 'p' || kind === 'r') limit = Math.min(limit, 1)
  return list.slice(0, limit)
}

function resolvePlayers (serv, text, ctx) {
  const list = resolveTargets(serv, text, ctx, { playersOnly: true })
  if (list.length === 0) throw new UserError(`No player matches '${text}'`)
  return list
}

// Success feedback to whoever ran the command (chat for a player, the log for the console).
function feedback (serv, ctx, message) {
  if (ctx && ctx.player) ctx.player.chat(message)
  else serv.info(message)
}

module.exports = {
  UserError,
  GAMEMODES,
  tokens,
  usage,
  parseNumber,
  parseInteger,
  parseCoord,
  parsePosition,
  parseBlockPosition,
  parseBool,
  parseGameMode,
  parseRange,
  resolveTargets,
  resolvePlayers,
  entityTypeName,
  feedback
}
