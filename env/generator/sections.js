'use strict'
// Fast copy of a generated block array into a prismarine-chunk 1.18+ column: one palette
// section per 16 blocks of height instead of one setBlockStateId per block (about twice as
// fast). Falls back to setBlockStateId when prismarine-chunk's internals look different.
let internals = null
try {
  internals = {
    BitArray: require('prismarine-chunk/src/pc/common/BitArrayNoSpan'),
    IndirectPaletteContainer: require('prismarine-chunk/src/pc/common/PaletteContainer').IndirectPaletteContainer
  }
  if (typeof internals.BitArray !== 'function' || typeof internals.IndirectPaletteContainer !== 'function') internals = null
} catch (err) {
  internals = null
}

const SECTION = 4096

/** blocks: Uint16Array indexed ((y - minY) << 8) | (z << 4) | x; fills sections 0..lastSection. */
function fillSections (chunk, blocks, minY, lastSection) {
  const Section = chunk.constructor.section
  if (!internals || !Section || !Array.isArray(chunk.sections)) return fillSlow(chunk, blocks, minY, lastSection)
  const { BitArray, IndirectPaletteContainer } = internals
  const slot = new Map()
  const indices = new Uint8Array(SECTION)
  for (let s = 0; s <= lastSection && s < chunk.sections.length; s++) {
    const base = s * SECTION
    const palette = []
    slot.clear()
    let solid = 0
    for (let i = 0; i < SECTION; i++) {
      const id = blocks[base + i]
      if (id !== 0) solid++
      let k = slot.get(id)
      if (k === undefined) {
        k = palette.length
        palette.push(id)
        slot.set(id, k)
      }
      indices[i] = k
    }
    if (solid === 0) continue // stays the empty (air) section
    if (palette.length > 256) return fillSlow(chunk, blocks, minY, lastSection) // never with our terrain
    let bits = 4
    while ((1 << bits) < palette.length) bits++
    const data = new BitArray({ bitsPerValue: bits, capacity: SECTION })
    for (let i = 0; i < SECTION; i++) if (indices[i] !== 0) data.set(i, indices[i])
    const old = chunk.sections[s]
    chunk.sections[s] = new Section({
      noSizePrefix: old.noSizePrefix,
      hasFluidCount: old.hasFluidCount,
      data: new IndirectPaletteContainer({ noSizePrefix: old.noSizePrefix, data, palette, maxBits: old.data.maxBits, maxBitsPerBlock: old.data.maxBitsPerBlock }),
      solidBlockCount: solid,
      fluidCount: 0
    })
  }
}

function fillSlow (chunk, blocks, minY, lastSection) {
  const pos = { x: 0, y: 0, z: 0 }
  const end = Math.min(blocks.length, (lastSection + 1) * SECTION)
  for (let i = 0; i < end; i++) {
    const id = blocks[i]
    if (id === 0) continue
    pos.x = i & 15; pos.z = (i >> 4) & 15; pos.y = (i >> 8) + minY
    chunk.setBlockStateId(pos, id)
  }
}

module.exports = { fillSections, fillSlow }
