// Server console: one command per line on the server's stdin, run as the console (op, no
// sender position: absolute coordinates and player names instead of ~ and @s).
//
// flying-squid's log plugin already reads stdin with readline and hands each line to
// serv.handleCommand; feedback and errors go to the log (stdout). Here the console also takes
// the vanilla chat form with a leading slash ("/give bot stone 3" as well as "give bot stone 3")
// and ignores blank lines. The Python side starts the world with stdin=DEVNULL: no console.
'use strict'

module.exports.server = function (serv) {
  const handle = serv.handleCommand
  if (typeof handle !== 'function') return
  serv.handleCommand = str => {
    const line = String(str ?? '').trim().replace(/^\//, '')
    if (!line) return Promise.resolve()
    return handle.call(serv, line)
  }
}
