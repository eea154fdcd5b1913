'use strict'
// Seeded randomness for the generator: a small PRNG and integer hashes, so every decision
// is a pure function of (seed, coordinates) and chunks agree across their borders.

/** mulberry32: fast 32-bit PRNG; returns a function giving floats in [0, 1). */
function prng (seed) {
  let a = seed >>> 0
  return function () {
    a = (a + 0x6D2B79F5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** 32-bit integer hash of (seed, a, b, c), well mixed. */
function hash (seed, a, b = 0, c = 0) {
  let h = (seed ^ 0x9E3779B9) >>> 0
  h = Math.imul(h ^ (a | 0), 0x85EBCA6B)
  h = Math.imul(h ^ (h >>> 13) ^ (b | 0), 0xC2B2AE35)
  h = Math.imul(h ^ (h >>> 16) ^ (c | 0), 0x27D4EB2F)
  h ^= h >>> 15
  h = Math.imul(h, 0x165667B1)
  h ^= h >>> 16
  return h >>> 0
}

/** hash as a float in [0, 1). */
function hash01 (seed, a, b = 0, c = 0) {
  return hash(seed, a, b, c) / 4294967296
}

/** Any integer or string seed -> a 32-bit unsigned seed. */
function normalizeSeed (seed) {
  if (typeof seed === 'number' && Number.isFinite(seed)) return (Math.floor(seed) ^ Math.floor(seed / 4294967296)) >>> 0
  const text = String(seed ?? 0)
  let h = 2166136261
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619)
  return h >>> 0
}

module.exports = { prng, hash, hash01, normalizeSeed }
