// depositItemIntoChest(bot, chestPosition, itemsToDeposit): walk to the chest at
// chestPosition and put items in, e.g. {"cobblestone": 32}. See depositItemIntoChest.md.
'use strict'

async function depositItemIntoChest (bot, chestPosition, itemsToDeposit) {
  _checkItemMap(itemsToDeposit, 'depositItemIntoChest', 'itemsToDeposit')
  const opened = await _openChestAt(bot, chestPosition, 'depositItemIntoChest')
  if (opened.problem) return _fail(bot, 'depositItemIntoChest', opened.problem)
  const { chest, pos } = opened
  const stored = {}
  const problems = []
  try {
    for (const name of Object.keys(itemsToDeposit)) {
      const item = mcData.itemsByName[name]
      if (!item) { problems.push(_unknownName('item', name, mcData.itemsByName)); continue }
      const want = Math.max(0, Math.floor(Number(itemsToDeposit[name]) || 0))
      const have = _countItem(bot, name)
      if (have === 0) { problems.push(`I have no ${name}`); continue }
      const n = Math.min(want, have)
      if (n === 0) continue
      const inChest = () => _containerCounts(chest)[name] || 0
      const before = inChest()
      try {
        await _withTimeout(chest.deposit(item.id, null, n), 10000, 'the server did not answer')
        stored[name] = n
        if (n < want) problems.push(`I had only ${have} ${name}`)
      } catch (err) {
        // mineflayer stops a transfer with the rest of a stack on the cursor: put it back
        // into the inventory, and count what did go in (a chest that fills up takes part).
        await _putCursorBack(bot, chest)
        const moved = inChest() - before
        if (moved > 0) stored[name] = moved
        problems.push(/full|no space|destination/i.test(String(err.message)) ? 'the chest is full'
          : `I could not put in ${name}: ${String(err.message || err).slice(0, 120)}`)
      }
    }
  } finally {
    _closeChest(bot, chest, pos)
  }
  let message = `Put ${_listCounts(stored)} into the chest at ${_fmtPos(pos)}.`
  if (problems.length) message += ' But ' + problems.join('; ') + '.'
  if (Object.keys(stored).length === 0) return _fail(bot, 'depositItemIntoChest', message)
  await _chat(bot, message)
  return stored
}

// Return an item left on the cursor to the inventory part of the open window.
async function _putCursorBack (bot, window) {
  if (!window.selectedItem) return
  try {
    await _withTimeout(bot.putSelectedItemRange(window.inventoryStart, window.inventoryEnd, window, null), 5000, 'the server did not answer')
  } catch (err) { /* closing the window returns the cursor item on vanilla servers too */ }
}
