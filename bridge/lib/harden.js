// Close the classic escapes from a vm context through host objects the sandbox can reach
// (bot, mcData, Vec3, goals): `anyHostFunction.constructor` is the host Function, whose
// call compiles code with access to `process`. We replace the `constructor` property of
// the host's Function/AsyncFunction/GeneratorFunction prototypes with a thrower (host code
// keeps the global `Function` binding and direct eval, which protodef's compiler uses), and
// pin Error.prepareStackTrace so sandbox code cannot collect host call sites.
// Residual risks are listed in docs/BRIDGE_API.md ("Sandbox").
'use strict'

const CONSTRUCTORS = [
  Function,
  Object.getPrototypeOf(async function () {}).constructor,
  Object.getPrototypeOf(function * () {}).constructor,
  Object.getPrototypeOf(async function * () {}).constructor
]

let done = false

function blockedConstructor (name) {
  // Keep the name: some libraries test fn.constructor.name === 'AsyncFunction'.
  const holder = {
    [name]: function () { throw new EvalError('code generation from strings is disabled in the bridge sandbox') }
  }
  return holder[name]
}

function hardenHost () {
  if (done) return
  done = true
  for (const Ctor of CONSTRUCTORS) {
    Object.defineProperty(Ctor.prototype, 'constructor', {
      value: blockedConstructor(Ctor.name), writable: false, enumerable: false, configurable: false
    })
  }
  pinPrepareStackTrace(Error)
}

// In a realm (host or sandbox), make Error.prepareStackTrace a fixed undefined.
function pinPrepareStackTrace (ErrorCtor) {
  Object.defineProperty(ErrorCtor, 'prepareStackTrace', { value: undefined, writable: false, configurable: false })
}

module.exports = { hardenHost, pinPrepareStackTrace }
