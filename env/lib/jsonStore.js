'use strict'
// A small JSON key/value store kept in memory and written atomically (temp file + rename)
// to one file, or never written when the file is null.
const fs = require('fs')
const path = require('path')

class JsonStore {
  constructor (file) {
    this.file = file
    this.data = new Map()
    this.dirty = false
    if (file && fs.existsSync(file)) {
      const parsed = JSON.parse(fs.readFileSync(file, 'utf8'))
      for (const [key, value] of Object.entries(parsed.entries || {})) this.data.set(key, value)
    }
  }

  /** The value stored under key, or undefined. */
  get (key) {
    return this.data.get(key)
  }

  /** Stores a JSON-serialisable value; null or undefined deletes the key. */
  set (key, value) {
    if (value === null || value === undefined) this.data.delete(key)
    else this.data.set(key, value)
    this.dirty = true
  }

  has (key) { return this.data.has(key) }
  delete (key) { this.set(key, null) }
  keys () { return [...this.data.keys()] }

  /** Writes the file when something changed (synchronously, so it also works at exit). */
  save () {
    if (!this.file || !this.dirty) return false
    fs.mkdirSync(path.dirname(this.file), { recursive: true })
    const tmp = `${this.file}.${process.pid}.tmp`
    const body = JSON.stringify({ version: 1, entries: Object.fromEntries(this.data) })
    const fd = fs.openSync(tmp, 'w')
    try {
      fs.writeSync(fd, body)
      fs.fsyncSync(fd)
    } finally {
      fs.closeSync(fd)
    }
    fs.renameSync(tmp, this.file)
    this.dirty = false
    return true
  }
}

module.exports = { JsonStore }
