// getItemFromChest(bot, chestPosition, itemsToGet): walk to the chest at chestPosition and
// take items, e.g. {"iron_ingot": 3}. See getItemFromChest.md.
'use strict'

async function getItemFromChest (bot, chestPosition, itemsToGet) {
  _checkItemMap(itemsToGet, 'getItemFromChest', 'itemsToGet')
  const opened = await _openChestAt(bot, chestPosition, 'getItemFromChest')
  if (opened.problem) return _fail(bot, 'getItemFromChest', opened.problem)
  const { chest, pos } = opened
  const taken = {}
  const problems = []
  try {
    for (const name of Object.keys(itemsToGet)) {
      const item = mcData.itemsByName[name]
      if (!item) { problems.push(_unknownName('item', name, mcData.itemsByName)); continue }
      const want = Math.max(0, Math.floor(Number(itemsToGet[name]) || 0))
      const available = _containerCounts(chest)[name] || 0
      if (available === 0) { problems.push(`the chest has no ${name}`); continue }
      const n = Math.min(want, available)
      if (n === 0) continue
      try {
        await _withTimeout(chest.withdraw(item.id, null, n), 10000, 'the server did not answer')
        taken[name] = n
        if (n < want) problems.push(`the chest had only ${available} ${name}`)
      } catch (err) {
        problems.push(`I could not take ${name}: ${String(err.message || err).slice(0, 120)}`)
      }
    }
  } finally {
    _closeChest(bot, chest, pos)
  }
  let message = `Took ${_listCounts(taken)} from the chest at ${_fmtPos(pos)}.`
  if (problems.length) message += ' But ' + problems.join('; ') + '.'
  if (Object.keys(taken).length === 0) return _fail(bot, 'getItemFromChest', message)
  await _chat(bot, message)
  return taken
}
