'use strict'
// Cave carving for one chunk. 3D noise is the generator's most expensive step, so it is
// sampled every 4 blocks and interpolated trilinearly (as vanilla does with its noise cells).
const { caveCarved } = require('./model')

const STEP = 4

/** Returns carved(x, y, z) for local x/z in 0..15 and yMin <= y <= yMax. */
function caveSampler (model, x0, z0, yMin, yMax) {
  const ny = Math.ceil((yMax - yMin) / STEP) + 1
  const size = 5 * 5 * ny
  const A = new Float32Array(size); const B = new Float32Array(size); const C = new Float32Array(size)
  for (let ix = 0; ix < 5; ix++) {
    for (let iz = 0; iz < 5; iz++) {
      for (let iy = 0; iy < ny; iy++) {
        const [a, b, c] = model.caveNoise(x0 + ix * STEP, yMin + iy * STEP, z0 + iz * STEP)
        const i = (ix * 5 + iz) * ny + iy
        A[i] = a; B[i] = b; C[i] = c
      }
    }
  }
  const interp = (arr, ix, iz, iy, fx, fz, fy) => {
    const i000 = (ix * 5 + iz) * ny + iy
    const i100 = i000 + 5 * ny; const i010 = i000 + ny; const i110 = i100 + ny
    const x00 = arr[i000] + (arr[i100] - arr[i000]) * fx
    const x10 = arr[i010] + (arr[i110] - arr[i010]) * fx
    const x01 = arr[i000 + 1] + (arr[i100 + 1] - arr[i000 + 1]) * fx
    const x11 = arr[i010 + 1] + (arr[i110 + 1] - arr[i010 + 1]) * fx
    const z0v = x00 + (x10 - x00) * fz
    const z1v = x01 + (x11 - x01) * fz
    return z0v + (z1v - z0v) * fy
  }
  return function carved (x, y, z) {
    const ix = x >> 2; const iz = z >> 2; const ry = y - yMin; const iy = Math.min(ny - 2, ry >> 2)
    const fx = (x & 3) / STEP; const fz = (z & 3) / STEP; const fy = (ry - iy * STEP) / STEP
    return caveCarved(interp(A, ix, iz, iy, fx, fz, fy), interp(B, ix, iz, iy, fx, fz, fy), interp(C, ix, iz, iy, fx, fz, fy))
  }
}

module.exports = { caveSampler }
