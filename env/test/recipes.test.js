'use strict'
// Every crafting recipe minecraft-data has for the pinned version, through the matcher the
// server uses (lib/recipes.js; no server needed): each shaped recipe at every position of the
// 3x3 grid and of the 2x2 grid when it fits, mirrored too; each shapeless recipe in several
// orders and places; each recipe laid out exactly as mineflayer's bot.craft lays it. Negatives
// (a missing ingredient, a wrong or extra item, an upside-down shape) are checked against a
// brute-force reference that scans the whole recipe list, so a grid that really is another
// recipe is not mistaken for a false match. Mixed materials (oak and birch planks in one chest)
// craft as in vanilla through the per-cell choices lib/recipes.js rebuilds from the variants.
const test = require('node:test')
const assert = require('node:assert')
const { VERSION } = require('./helpers')
const registry = require('prismarine-registry')(VERSION)
const { createRecipeMatcher, choiceRecipes } = require('../lib/recipes')

const matcher = createRecipeMatcher(registry)
const name = id => (id === null ? '.' : registry.items[id].name)
const resultOf = r => ({ id: r.result.id, count: r.result.count })

// Flat list of every recipe: { itemId, index, recipe }.
const all = []
for (const [itemId, list] of Object.entries(registry.recipes)) {
  list.forEach((recipe, index) => all.push({ itemId: Number(itemId), index, recipe }))
}
const label = ({ itemId, index }) => `${name(itemId)}#${index}`

/** Shaped recipe as { w, h, cells } (row by row, null = empty). */
function shapeOf (recipe) {
  const h = recipe.inShape.length
  const w = Math.max(...recipe.inShape.map(row => row.length))
  const cells = []
  for (const row of recipe.inShape) for (let x = 0; x < w; x++) cells.push(row[x] ?? null)
  return { w, h, cells }
}

/** A size x size grid with `shape` at (ox, oy), optionally mirrored left-right. */
function layShape (shape, size, ox, oy, mirrored) {
  const grid = new Array(size * size).fill(null)
  for (let y = 0; y < shape.h; y++) {
    for (let x = 0; x < shape.w; x++) {
      const sx = mirrored ? shape.w - 1 - x : x
      grid[(oy + y) * size + ox + x] = shape.cells[y * shape.w + sx]
    }
  }
  return grid
}

/** Deterministic permutation of 0..n-1 (a tiny LCG; the same layouts on every run). */
function permutation (n, seed) {
  const order = [...Array(n).keys()]
  let s = seed
  for (let i = n - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648
    const j = s % (i + 1);
    [order[i], order[j]] = [order[j], order[i]]
  }
  return order
}

// Brute-force reference: the results of every recipe the grid satisfies, by scanning the list.
function trimmed (grid, size) {
  let minX = size; let minY = size; let maxX = -1; let maxY = -1
  grid.forEach((id, i) => {
    if (id === null) return
    const x = i % size; const y = Math.floor(i / size)
    minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y)
  })
  if (maxX < 0) return null
  const w = maxX - minX + 1
  const h = maxY - minY + 1
  const cells = []
  for (let y = minY; y <= maxY; y++) for (let x = minX; x <= maxX; x++) cells.push(grid[y * size + x])
  return { w, h, cells }
}
const sortedKey = ids => ids.filter(id => id !== null).sort((a, b) => a - b).join(',')
function reference (grid, size) {
  const g = trimmed(grid, size)
  if (!g) return []
  const found = []
  const filled = g.cells.filter(id => id !== null).length
  all.forEach((e, i) => {
    if (itemCounts[i] !== filled) return // (only to save time: a recipe needs as many items as the grid)
    if (e.recipe.ingredients) {
      if (sortedKey(e.recipe.ingredients.slice()) === sortedKey(g.cells.slice())) found.push(resultOf(e.recipe))
      return
    }
    const s = trimmedShapes[i]
    if (s.w !== g.w || s.h !== g.h) return
    const same = mirrored => g.cells.every((id, k) => {
      const x = k % g.w; const y = Math.floor(k / g.w)
      return id === s.cells[y * s.w + (mirrored ? s.w - 1 - x : x)]
    })
    if (same(false) || same(true)) found.push(resultOf(e.recipe))
  })
  return found
}
const itemCounts = all.map(e => (e.recipe.ingredients || e.recipe.inShape.flat()).filter(id => id !== null).length)
// A shape's own bounding box (minecraft-data's shapes have no empty border, but be sure).
const trimmedShapes = all.map(e => {
  if (!e.recipe.inShape) return null
  const s = shapeOf(e.recipe)
  const size = Math.max(s.w, s.h)
  const square = new Array(size * size).fill(null)
  for (let y = 0; y < s.h; y++) for (let x = 0; x < s.w; x++) square[y * size + x] = s.cells[y * s.w + x]
  return trimmed(square, size)
})

const fits2x2 = e => (e.recipe.inShape
  ? shapeOf(e.recipe).w <= 2 && shapeOf(e.recipe).h <= 2
  : e.recipe.ingredients.length <= 4)

// An item no recipe uses as an ingredient: any grid holding it matches nothing in vanilla.
const usedAsIngredient = new Set()
for (const { recipe } of all) {
  for (const id of recipe.ingredients || recipe.inShape.flat()) if (id !== null) usedAsIngredient.add(id)
}
const stranger = registry.itemsArray.find(i => i.name !== 'air' && !usedAsIngredient.has(i.id))

test('minecraft-data has the crafting recipes we expect for ' + VERSION, () => {
  const shaped = all.filter(e => e.recipe.inShape).length
  const shapeless = all.filter(e => e.recipe.ingredients).length
  console.log(`recipes: ${all.length} (${shaped} shaped, ${shapeless} shapeless) for ${Object.keys(registry.recipes).length} items; ${all.filter(fits2x2).length} fit the 2x2 grid`)
  assert.strictEqual(shaped + shapeless, all.length, 'every recipe is shaped or shapeless')
  assert.ok(all.length > 1000, 'the full recipe list is loaded')
  for (const n of ['oak_planks', 'stick', 'crafting_table', 'wooden_pickaxe', 'furnace', 'iron_pickaxe', 'torch', 'chest', 'campfire', 'book']) {
    assert.ok(registry.recipes[registry.itemsByName[n].id]?.length, `${n} has a recipe`)
  }
  // The reference itself must agree with the data: each recipe's own grid finds that recipe.
  assert.deepStrictEqual(reference(layShape(shapeOf(registry.recipes[registry.itemsByName.wooden_axe.id][0]), 3, 0, 0, false), 3)
    .map(r => name(r.id)), ['wooden_axe'])
})

test('every shaped recipe matches at every position of the 3x3 grid (and the 2x2 when it fits), mirrored too', () => {
  const failures = []
  let layouts = 0
  for (const e of all.filter(e => e.recipe.inShape)) {
    const shape = shapeOf(e.recipe)
    for (const size of shape.w <= 2 && shape.h <= 2 ? [3, 2] : [3]) {
      for (let oy = 0; oy + shape.h <= size; oy++) {
        for (let ox = 0; ox + shape.w <= size; ox++) {
          for (const mirrored of [false, true]) {
            layouts++
            const got = matcher.match(layShape(shape, size, ox, oy, mirrored), size)
            if (!got || got.id !== e.recipe.result.id || got.count !== e.recipe.result.count) {
              failures.push(`${label(e)} ${size}x${size} at ${ox},${oy}${mirrored ? ' mirrored' : ''}: got ${got ? got.count + ' ' + name(got.id) : 'nothing'}`)
            }
          }
        }
      }
    }
  }
  console.log(`shaped: ${layouts} layouts checked, ${failures.length} failed`)
  assert.deepStrictEqual(failures.slice(0, 20), [])
})

test('every shapeless recipe matches in any order at any cells of the 3x3 grid (and the 2x2 when it fits)', () => {
  const failures = []
  let layouts = 0
  for (const e of all.filter(e => e.recipe.ingredients)) {
    const ingredients = e.recipe.ingredients
    for (const size of ingredients.length <= 4 ? [3, 2] : [3]) {
      for (let seed = 0; seed < 6; seed++) {
        // seed 0: in order from the first cell; 1: reversed into the last cells; others scattered.
        let cells = [...Array(size * size).keys()]
        let order = [...ingredients.keys()]
        if (seed === 1) { cells = cells.reverse(); order = order.reverse() } else if (seed > 1) {
          cells = permutation(size * size, seed * 7919)
          order = permutation(ingredients.length, seed * 104729)
        }
        const grid = new Array(size * size).fill(null)
        order.forEach((k, i) => { grid[cells[i]] = ingredients[k] })
        layouts++
        const got = matcher.match(grid, size)
        if (!got || got.id !== e.recipe.result.id || got.count !== e.recipe.result.count) {
          failures.push(`${label(e)} ${size}x${size} [${grid.map(name).join(' ')}]: got ${got ? got.count + ' ' + name(got.id) : 'nothing'}`)
        }
      }
    }
  }
  console.log(`shapeless: ${layouts} layouts checked, ${failures.length} failed`)
  assert.deepStrictEqual(failures.slice(0, 20), [])
})

test("mineflayer's view agrees: prismarine-recipe finds the same recipes, and bot.craft's layout of each is accepted", () => {
  const Recipe = require('prismarine-recipe')(registry).Recipe
  const countMismatch = []
  const failures = []
  let layouts = 0
  for (const itemId of Object.keys(registry.recipes).map(Number)) {
    const found = Recipe.find(itemId)
    if (found.length !== registry.recipes[itemId].length) countMismatch.push(`${name(itemId)}: ${found.length} vs ${registry.recipes[itemId].length}`)
    found.forEach((r, index) => {
      // bot.craft's placement (mineflayer/lib/plugins/craft.js): shape cell (x, y) -> slot 1 + x + w*y,
      // shapeless ingredients into the free slots popped from the end; 2x2 unless requiresTable.
      const fits = r.inShape ? r.inShape.length <= 2 && r.inShape.every(row => row.length <= 2) : r.ingredients.length <= 4
      if (r.requiresTable === fits) failures.push(`${name(itemId)}#${index}: requiresTable=${r.requiresTable} but fits 2x2=${fits}`)
      for (const size of r.requiresTable ? [3] : [2, 3]) {
        const grid = new Array(size * size).fill(null)
        const free = []
        if (r.inShape) {
          r.inShape.forEach((row, y) => row.forEach((ing, x) => { if (ing.id !== -1) grid[x + size * y] = ing.id }))
        }
        for (let s = 0; s < size * size; s++) if (grid[s] === null) free.push(s)
        for (const ing of r.ingredients || []) grid[free.pop()] = ing.id
        layouts++
        const got = matcher.match(grid, size)
        if (!got || got.id !== r.result.id || got.count !== r.result.count) {
          failures.push(`${name(itemId)}#${index} as bot.craft lays it in ${size}x${size}: got ${got ? got.count + ' ' + name(got.id) : 'nothing'}`)
        }
      }
    })
  }
  console.log(`mineflayer: ${layouts} bot.craft layouts checked, ${failures.length} failed, ${countMismatch.length} items with a different recipe count`)
  assert.deepStrictEqual(countMismatch, [])
  assert.deepStrictEqual(failures.slice(0, 20), [])
})

test('an incomplete grid does not give the recipe (unless the rest really is another recipe)', () => {
  const failures = []
  let checked = 0
  let nothing = 0
  for (const e of all) {
    const grid = e.recipe.inShape
      ? layShape(shapeOf(e.recipe), 3, 0, 0, false)
      : e.recipe.ingredients.concat(new Array(9 - e.recipe.ingredients.length).fill(null))
    grid.forEach((id, cell) => {
      if (id === null) return
      const missing = grid.slice()
      missing[cell] = null
      checked++
      const got = matcher.match(missing, 3)
      const expected = reference(missing, 3)
      if (expected.length === 0) nothing++
      const ok = got === null
        ? expected.length === 0
        : expected.some(r => r.id === got.id && r.count === got.count)
      if (!ok) failures.push(`${label(e)} without cell ${cell}: got ${got ? got.count + ' ' + name(got.id) : 'nothing'}, reference ${JSON.stringify(expected.map(r => name(r.id)))}`)
    })
  }
  console.log(`incomplete grids: ${checked} checked, ${nothing} are no recipe, ${failures.length} failed`)
  assert.ok(nothing > checked * 0.9, 'almost every incomplete grid is no recipe at all')
  assert.deepStrictEqual(failures.slice(0, 20), [])
})

test('a wrong or an extra ingredient gives nothing', () => {
  assert.ok(stranger, 'some item is used by no recipe')
  const failures = []
  let checked = 0
  for (const e of all) {
    const grid = e.recipe.inShape
      ? layShape(shapeOf(e.recipe), 3, 0, 0, false)
      : e.recipe.ingredients.concat(new Array(9 - e.recipe.ingredients.length).fill(null))
    grid.forEach((id, cell) => {
      const wrong = grid.slice()
      wrong[cell] = stranger.id // replaces an ingredient (wrong) or fills an empty cell (extra)
      checked++
      const got = matcher.match(wrong, 3)
      if (got) failures.push(`${label(e)} with ${stranger.name} in cell ${cell}: got ${got.count} ${name(got.id)}`)
    })
  }
  console.log(`wrong/extra ingredient grids: ${checked} checked (with ${stranger.name}), ${failures.length} failed`)
  assert.deepStrictEqual(failures.slice(0, 20), [])
})

test('hand-picked negatives: planks with cobblestone, an upside-down shape, too few items, an empty grid', () => {
  const id = n => registry.itemsByName[n].id
  const P = id('oak_planks'); const S = id('stick'); const C = id('cobblestone'); const _ = null
  // Sanity: the correct grids do craft.
  assert.strictEqual(name(matcher.match([P, P, P, _, S, _, _, S, _], 3)?.id ?? null), 'wooden_pickaxe')
  assert.strictEqual(name(matcher.match([P, P, P, P], 2)?.id ?? null), 'crafting_table')
  // A pickaxe head of planks and cobblestone is neither pickaxe.
  assert.strictEqual(matcher.match([P, C, P, _, S, _, _, S, _], 3), null)
  // The axe upside down (vanilla mirrors left-right only).
  assert.strictEqual(matcher.match([_, S, _, P, S, _, P, P, _], 3), null)
  // Three planks are not a crafting table; a lone stick is nothing (a lone plank is a button).
  assert.strictEqual(matcher.match([P, P, P, _], 2), null)
  assert.strictEqual(matcher.match([_, _, _, S], 2), null)
  assert.strictEqual(name(matcher.match([_, _, _, P], 2)?.id ?? null), 'oak_button')
  // A stick above a plank is no recipe.
  assert.strictEqual(matcher.match([S, _, P, _], 2), null)
  // An empty grid.
  assert.strictEqual(matcher.match(new Array(9).fill(null), 3), null)
  assert.strictEqual(matcher.match(new Array(4).fill(null), 2), null)
})

test('crafting remainders: the cake leaves its milk buckets as buckets', () => {
  const id = n => registry.itemsByName[n].id
  const cake = registry.recipes[id('cake')][0]
  const got = matcher.match(layShape(shapeOf(cake), 3, 0, 0, false), 3)
  assert.strictEqual(name(got.id), 'cake')
  assert.strictEqual(matcher.remainder(id('milk_bucket')), id('bucket'))
  assert.strictEqual(matcher.remainder(id('honey_bottle')), id('glass_bottle'))
  assert.strictEqual(matcher.remainder(id('oak_planks')), null)
})

test('mixed materials craft as in vanilla (per-cell tags rebuilt from the variants): mixed planks, stone kinds, coal or charcoal', () => {
  const id = n => registry.itemsByName[n].id
  const O = id('oak_planks'); const B = id('birch_planks'); const W = id('warped_planks'); const S = id('stick'); const _ = null
  const made = grid => { const r = matcher.match(grid, Math.sqrt(grid.length)); return r ? `${r.count} ${name(r.id)}` : 'nothing' }
  assert.strictEqual(made([O, B, B, O]), '1 crafting_table')
  assert.strictEqual(made([O, _, B, _]), '4 stick')
  assert.strictEqual(made([O, B, W, B, _, O, W, O, B]), '1 chest')
  assert.strictEqual(made([O, B, W, _, S, _, _, S, _]), '1 wooden_pickaxe')
  assert.strictEqual(made([id('cobblestone'), id('blackstone'), id('cobbled_deepslate'), _, S, _, _, S, _]), '1 stone_pickaxe')
  const log = id('oak_log'); const birchLog = id('stripped_birch_wood')
  assert.strictEqual(made([_, S, _, S, id('charcoal'), S, log, birchLog, log]), '1 campfire')
  // Keys keep their own choices: a plank where the barrel takes a slab, charcoal where a log goes.
  const slab = id('oak_slab')
  assert.strictEqual(made([O, slab, B, O, _, O, B, slab, O]), '1 barrel')
  assert.strictEqual(made([O, O, B, O, _, O, B, slab, O]), 'nothing')
  assert.strictEqual(made([_, S, _, S, id('coal'), S, log, id('charcoal'), log]), 'nothing')
  // Mixing never crosses into another material: planks and cobblestone make no pickaxe.
  assert.strictEqual(made([O, id('cobblestone'), O, _, S, _, _, S, _]), 'nothing')
})

test('the rebuilt per-cell choices are the vanilla tags and never make a grid ambiguous', () => {
  const id = n => registry.itemsByName[n].id
  const choices = choiceRecipes(registry)
  const byName = n => choices.filter(c => name(c.result.id) === n)
  const setNames = s => [...s].map(name).sort()
  const planks = registry.itemsArray.filter(i => i.name.endsWith('_planks')).map(i => i.name).sort()
  assert.deepStrictEqual(setNames(byName('chest')[0].choices[0]), planks, '#planks')
  assert.deepStrictEqual(setNames(byName('stone_pickaxe')[0].choices[0]), ['blackstone', 'cobbled_deepslate', 'cobblestone'], '#stone_tool_materials')
  assert.deepStrictEqual(setNames(byName('torch')[0].choices[0]), ['charcoal', 'coal'])
  // No recipe with another result fits inside a choice recipe (else a grid could be two
  // recipes at once, and which one crafts would depend on the order of the list).
  const clashes = []
  for (const c of choices) {
    for (const e of all.filter(e => e.recipe.inShape && e.recipe.result.id !== c.result.id)) {
      const s = trimmedShapes[all.indexOf(e)]
      if (s.w !== c.w || s.h !== c.h) continue
      const inside = mirrored => s.cells.every((v, k) => {
        const allowed = c.choices[Math.floor(k / s.w) * s.w + (mirrored ? s.w - 1 - k % s.w : k % s.w)]
        return allowed === null ? v === null : allowed.has(v)
      })
      if (inside(false) || inside(true)) clashes.push(`${name(c.result.id)} choices contain ${label(e)}`)
    }
  }
  // Each of them crafts from a grid that mixes its choices (cell k takes the k-th value of its
  // key), at every place of the 3x3 grid, mirrored too.
  const failures = []
  let mixedGrids = 0
  for (const c of choices) {
    const shape = { w: c.w, h: c.h, cells: c.choices.map((set, k) => (set ? [...set][k % set.size] : null)) }
    for (let oy = 0; oy + c.h <= 3; oy++) {
      for (let ox = 0; ox + c.w <= 3; ox++) {
        for (const mirrored of [false, true]) {
          mixedGrids++
          const got = matcher.match(layShape(shape, 3, ox, oy, mirrored), 3)
          if (!got || got.id !== c.result.id || got.count !== c.result.count) failures.push(`mixed ${name(c.result.id)} at ${ox},${oy}: got ${got ? name(got.id) : 'nothing'}`)
        }
      }
    }
  }
  console.log(`choice recipes: ${choices.length} rebuilt, ${clashes.length} clashes, ${mixedGrids} mixed grids checked, ${failures.length} failed`)
  assert.deepStrictEqual(clashes, [])
  assert.deepStrictEqual(failures.slice(0, 20), [])
  assert.ok(choices.length >= 60, 'the wooden, stone and coal recipes are all rebuilt')
  assert.strictEqual(matcher.match([id('oak_planks'), id('birch_planks'), null, null], 2)?.id, undefined, 'two planks side by side stay nothing')
})
