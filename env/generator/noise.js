'use strict'
// Seeded gradient (Perlin "improved") noise in 2D and 3D plus fractal sums. Small and fast
// enough for ~30k samples per chunk; values are roughly in [-1, 1].
const { prng } = require('./random')

const GRAD3 = [
  [1, 1, 0], [-1, 1, 0], [1, -1, 0], [-1, -1, 0], [1, 0, 1], [-1, 0, 1], [1, 0, -1], [-1, 0, -1],
  [0, 1, 1], [0, -1, 1], [0, 1, -1], [0, -1, -1], [1, 1, 0], [0, -1, 1], [-1, 1, 0], [0, -1, -1]
]
const GX = Float64Array.from(GRAD3.map(g => g[0]))
const GY = Float64Array.from(GRAD3.map(g => g[1]))
const GZ = Float64Array.from(GRAD3.map(g => g[2]))

const fade = t => t * t * t * (t * (t * 6 - 15) + 10)
const lerp = (a, b, t) => a + t * (b - a)

class Noise {
  constructor (seed) {
    const random = prng(seed)
    const p = new Uint8Array(256)
    for (let i = 0; i < 256; i++) p[i] = i
    for (let i = 255; i > 0; i--) {
      const j = Math.floor(random() * (i + 1))
      const t = p[i]; p[i] = p[j]; p[j] = t
    }
    this.perm = new Uint8Array(512)
    for (let i = 0; i < 512; i++) this.perm[i] = p[i & 255]
  }

  noise2 (x, y) {
    const perm = this.perm
    const xf = Math.floor(x); const yf = Math.floor(y)
    const X = xf & 255; const Y = yf & 255
    x -= xf; y -= yf
    const u = fade(x); const v = fade(y)
    const a = perm[X] + Y; const b = perm[X + 1] + Y
    const g00 = perm[a] & 15; const g01 = perm[a + 1] & 15; const g10 = perm[b] & 15; const g11 = perm[b + 1] & 15
    return lerp(
      lerp(GX[g00] * x + GY[g00] * y, GX[g10] * (x - 1) + GY[g10] * y, u),
      lerp(GX[g01] * x + GY[g01] * (y - 1), GX[g11] * (x - 1) + GY[g11] * (y - 1), u),
      v)
  }

  noise3 (x, y, z) {
    const perm = this.perm
    const xf = Math.floor(x); const yf = Math.floor(y); const zf = Math.floor(z)
    const X = xf & 255; const Y = yf & 255; const Z = zf & 255
    x -= xf; y -= yf; z -= zf
    const u = fade(x); const v = fade(y); const w = fade(z)
    const A = perm[X] + Y; const AA = perm[A] + Z; const AB = perm[A + 1] + Z
    const B = perm[X + 1] + Y; const BA = perm[B] + Z; const BB = perm[B + 1] + Z
    const g = (h, dx, dy, dz) => { h &= 15; return GX[h] * dx + GY[h] * dy + GZ[h] * dz }
    return lerp(
      lerp(lerp(g(perm[AA], x, y, z), g(perm[BA], x - 1, y, z), u),
        lerp(g(perm[AB], x, y - 1, z), g(perm[BB], x - 1, y - 1, z), u), v),
      lerp(lerp(g(perm[AA + 1], x, y, z - 1), g(perm[BA + 1], x - 1, y, z - 1), u),
        lerp(g(perm[AB + 1], x, y - 1, z - 1), g(perm[BB + 1], x - 1, y - 1, z - 1), u), v),
      w)
  }

  /** Fractal sum of 2D noise: `octaves` layers, each twice the frequency and half the amplitude. */
  fbm2 (x, y, octaves) {
    let sum = 0; let amp = 1; let norm = 0
    for (let i = 0; i < octaves; i++) {
      sum += amp * this.noise2(x, y)
      norm += amp; amp *= 0.5; x *= 2; y *= 2
    }
    return sum / norm
  }
}

module.exports = { Noise }
