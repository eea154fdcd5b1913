'use strict'
// Block state ids <-> properties for 1.13+ (flattened) blocks, from minecraft-data's `states`
// (mixed radix, last property fastest; booleans are ordered true, false like vanilla).

function valuesOf (state) {
  if (state.type === 'bool') return ['true', 'false']
  if (state.values) return state.values
  const out = []
  for (let i = 0; i < state.num_values; i++) out.push(String(i))
  return out
}

/** { name: value } of `stateId` for `block` (a minecraft-data block). */
function propertiesOf (block, stateId) {
  const states = block.states || []
  let rest = stateId - block.minStateId
  const out = {}
  for (let i = states.length - 1; i >= 0; i--) {
    const values = valuesOf(states[i])
    out[states[i].name] = values[rest % states[i].num_values]
    rest = Math.floor(rest / states[i].num_values)
  }
  return out
}

/** The state id of `block` with `props` (strings or booleans) changed from `baseStateId` (default: its default state). */
function stateWith (block, props, baseStateId = block.defaultState) {
  const current = propertiesOf(block, baseStateId)
  for (const [k, v] of Object.entries(props)) if (k in current) current[k] = String(v)
  let id = 0
  for (const state of block.states || []) {
    const values = valuesOf(state)
    const index = Math.max(0, values.indexOf(current[state.name]))
    id = id * state.num_values + index
  }
  return block.minStateId + id
}

module.exports = { propertiesOf, stateWith }
