// Line numbers for errors V8 cannot place. A promise rejected from an event callback (e.g.
// pathfinder's PathStopped) has no frame of the step's code on its stack, so each `await X`
// in the step is rewritten, on the same line, to `await __voyagerAt(LINE, X)`, which tags a
// rejection with the line of the innermost await it passed through. Lines are unchanged.
'use strict'
const acorn = require('acorn')

const HELPER = '__voyagerAt'
const LINE = Symbol('voyager.awaitLine')

function instrumentAwaits (code) {
  const ast = acorn.parse(code, {
    ecmaVersion: 'latest', sourceType: 'script', allowAwaitOutsideFunction: true, allowReturnOutsideFunction: true, locations: true
  })
  const inserts = [] // [offset, text]
  walk(ast, node => {
    if (node.type !== 'AwaitExpression' || !node.argument) return
    inserts.push([node.argument.start, `${HELPER}(${node.loc.start.line}, `])
    inserts.push([node.argument.end, ')'])
  })
  // Apply from the end so earlier offsets stay valid; at equal offsets close before opening.
  inserts.sort((a, b) => b[0] - a[0] || (a[1] === ')' ? 1 : -1))
  let out = code
  for (const [offset, text] of inserts) out = out.slice(0, offset) + text + out.slice(offset)
  return out
}

function walk (node, visit) {
  if (!node || typeof node.type !== 'string') return
  visit(node)
  for (const key of Object.keys(node)) {
    const value = node[key]
    if (Array.isArray(value)) { for (const child of value) if (child && typeof child.type === 'string') walk(child, visit) } else if (value && typeof value.type === 'string' && key !== 'loc') walk(value, visit)
  }
}

// The sandbox global: passes values through, tags rejections with the await's line.
function awaitAt (line, value) {
  if (!value || typeof value.then !== 'function') return value
  return Promise.resolve(value).catch(err => {
    if (err && typeof err === 'object' && err[LINE] === undefined) {
      try { Object.defineProperty(err, LINE, { value: line, configurable: true }) } catch (e) { /* frozen */ }
    }
    throw err
  })
}

function awaitLine (err) {
  return err && typeof err === 'object' ? err[LINE] : undefined
}

module.exports = { instrumentAwaits, awaitAt, awaitLine, HELPER }
