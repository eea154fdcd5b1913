'use strict'
// Crafting-grid matching against minecraft-data's recipes for the server's version: shaped
// (anywhere in the grid, mirrored too) and shapeless. minecraft-data expands item tags into one
// recipe per variant, the same list mineflayer's bot.recipesFor uses: a chest of oak planks and
// one of birch planks are two recipes. Vanilla matches each cell against the tag on its own, so
// a chest of mixed planks crafts too; minecraft-data has no tags, so those per-cell choices are
// rebuilt from its variants (see choiceRecipes) and tried when no exact recipe matches.

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

/**
 * Shaped recipes with per-cell ingredient choices, rebuilt from minecraft-data's expanded
 * variants. The variants of one result with the same shape, empty cells and count are taken to
 * be one vanilla recipe when they are exactly every combination of the values of their keys
 * (cells that always hold the same item: a vanilla key such as `#` = planks). Each cell then
 * accepts any value its key takes, which lets mixed woods (or coal and charcoal...) craft as in
 * vanilla. A group that is not such a product (two separate vanilla recipes) is left exact.
 * @returns {Array<{w: number, h: number, choices: Array<Set<number>|null>, result: object}>}
 */
function choiceRecipes (registry) {
  const out = []
  for (const list of Object.values(registry.recipes || {})) {
    const groups = new Map()
    for (const r of list) {
      if (!r.inShape) continue
      const shape = shapeOf(r)
      if (!shape) continue
      const key = `${shape.w}x${shape.h}:${shape.cells.map(c => (c === null ? 0 : 1)).join('')}:${r.result.count}`
      if (!groups.has(key)) groups.set(key, { shape, result: r.result, variants: [] })
      groups.get(key).variants.push(shape.cells)
    }
    for (const { shape, result, variants } of groups.values()) {
      if (variants.length < 2) continue
      const filled = shape.cells.map((c, i) => i).filter(i => shape.cells[i] !== null)
      const keyOf = new Map() // cell -> first cell of its key
      for (const i of filled) {
        if (keyOf.has(i)) continue
        for (const j of filled) if (j >= i && !keyOf.has(j) && variants.every(v => v[i] === v[j])) keyOf.set(j, i)
      }
      const values = new Map() // key cell -> Set of ids
      for (const i of new Set(keyOf.values())) values.set(i, new Set(variants.map(v => v[i])))
      let combinations = 1
      for (const set of values.values()) combinations *= set.size
      if (combinations !== new Set(variants.map(v => v.join(','))).size) continue
      out.push({ w: shape.w, h: shape.h, choices: shape.cells.map((c, i) => (c === null ? null : values.get(keyOf.get(i)))), result })
    }
  }
  return out
}

function shapeOf (r) {
  const width = Math.max(...r.inShape.map(row => row.length))
  const flat = []
  for (const row of r.inShape) for (let x = 0; x < width; x++) flat.push(row[x] ?? null)
  return trim(flat, width)
}

function fitsChoices (cells, c, mirrored) {
  for (let y = 0; y < c.h; y++) {
    for (let x = 0; x < c.w; x++) {
      const id = cells[y * c.w + (mirrored ? c.w - 1 - x : x)]
      const allowed = c.choices[y * c.w + x]
      if (allowed === null ? id !== null : !allowed.has(id)) return false
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
        const shape = shapeOf(r)
        if (shape) add(signature(shape.cells), { shape, result: r.result })
      } else if (r.ingredients) {
        add(signature(r.ingredients.slice()), { result: r.result })
      }
    }
  }
  const withChoices = choiceRecipes(registry)
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
    for (const c of bySignature.get(signature(grid.cells)) || []) {
      if (!c.shape) return c.result
      if (c.shape.w !== grid.w || c.shape.h !== grid.h) continue
      if (sameCells(grid.cells, c.shape.cells, grid.w, grid.h, false) || sameCells(grid.cells, c.shape.cells, grid.w, grid.h, true)) return c.result
    }
    // Mixed materials (oak and birch planks in one chest): vanilla's per-cell tag matching.
    for (const c of withChoices) {
      if (c.w !== grid.w || c.h !== grid.h) continue
      if (fitsChoices(grid.cells, c, false) || fitsChoices(grid.cells, c, true)) return c.result
    }
    return null
  }

  /** Item id left in the grid after crafting with `id` (buckets, bottles), or null. */
  function remainder (id) {
    return remainderIds[id] ?? null
  }

  return { match, remainder }
}

module.exports = { createRecipeMatcher, choiceRecipes, REMAINDERS }
