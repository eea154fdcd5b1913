'use strict'
// Crafting-grid matching against minecraft-data's recipes for the server's version: shaped
// (anywhere in the grid, mirrored too) and shapeless. minecraft-data expands item tags into one
// recipe per variant, the same list mineflayer's bot.recipesFor uses.

// Vanilla crafting remainders (Item.getCraftingRemainingItem): what stays in the grid.
const REMAINDERS = {
  milk_bucket: 'bucket',
  water_bucket: 'bucket',
  lava_bucket: 'bucket',
  powder_snow_bucket: 'bucket',
  honey_bottle: 'glass_bottle',
  dragon_breath: 'glass_bottle'
}

function signature (ids) {
  return ids.filter(id => id !== null && id !== undefined).sort((a, b) => a - b).join(',')
}

/** Trim a w-wide grid of ids (null = empty) to its bounding box: { w, h, cells } or null when empty. */
function trim (cells, w) {
  const h = Math.ceil(cells.length / w)
  let minX = w; let minY = h; let maxX = -1; let maxY = -1
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (cells[y * w + x] != null) {
        minX = Math.min(minX, x); maxX = Math.max(maxX, x)
        minY = Math.min(minY, y); maxY = Math.max(maxY, y)
      }
    }
  }
  if (maxX < 0) return null
  const tw = maxX - minX + 1
  const th = maxY - minY + 1
  const out = []
  for (let y = minY; y <= maxY; y++) for (let x = minX; x <= maxX; x++) out.push(cells[y * w + x] ?? null)
  return { w: tw, h: th, cells: out }
}

function sameCells (a, b, w, h, mirrored) {
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const ax = mirrored ? w - 1 - x : x
      if ((a[y * w + ax] ?? null) !== (b[y * w + x] ?? null)) return false
    }
  }
  return true
}

/** Build a matcher for `registry` (prismarine-registry / minecraft-data). */
function createRecipeMatcher (registry) {
  const bySignature = new Map()
  const add = (sig, entry) => {
    if (!bySignature.has(sig)) bySignature.set(sig, [])
    bySignature.get(sig).push(entry)
  }
  for (const list of Object.values(registry.recipes || {})) {
    for (const r of list) {
      if (r.inShape) {
        const width = Math.max(...r.inShape.map(row => row.length))
        const flat = []
        for (const row of r.inShape) for (let x = 0; x < width; x++) flat.push(row[x] ?? null)
        const shape = trim(flat, width)
        if (shape) add(signature(shape.cells), { shape, result: r.result })
      } else if (r.ingredients) {
        add(signature(r.ingredients.slice()), { result: r.result })
      }
    }
  }
  const remainderIds = {}
  for (const [from, to] of Object.entries(REMAINDERS)) {
    if (registry.itemsByName[from] && registry.itemsByName[to]) remainderIds[registry.itemsByName[from].id] = registry.itemsByName[to].id
  }

  /**
   * @param {Array<number|null>} ids item ids of the grid, row by row
   * @param {number} width grid width (2 or 3)
   * @returns {{id: number, count: number}|null} the result of the first matching recipe
   */
  function match (ids, width) {
    const grid = trim(ids, width)
    if (!grid) return null
    const candidates = bySignature.get(signature(grid.cells))
    if (!candidates) return null
    for (const c of candidates) {
      if (!c.shape) return c.result
      if (c.shape.w !== grid.w || c.shape.h !== grid.h) continue
      if (sameCells(grid.cells, c.shape.cells, grid.w, grid.h, false) || sameCells(grid.cells, c.shape.cells, grid.w, grid.h, true)) return c.result
    }
    return null
  }

  /** Item id left in the grid after crafting with `id` (buckets, bottles), or null. */
  function remainder (id) {
    return remainderIds[id] ?? null
  }

  return { match, remainder }
}

module.exports = { createRecipeMatcher, REMAINDERS }
