// checkItemInsideChest(bot, chestPosition): open the chest at chestPosition, say what is
// inside and return it as {name: count}. See checkItemInsideChest.md.
'use strict'

async function checkItemInsideChest (bot, chestPosition) {
  const opened = await _openChestAt(bot, chestPosition, 'checkItemInsideChest')
  if (opened.problem) return _fail(bot, 'checkItemInsideChest', opened.problem)
  const { chest, pos } = opened
  let counts
  try {
    counts = _containerCounts(chest)
  } finally {
    _closeChest(bot, chest, pos)
  }
  const empty = Object.keys(counts).length === 0
  await _chat(bot, empty ? `The chest at ${_fmtPos(pos)} is empty.` : `The chest at ${_fmtPos(pos)} contains ${_listCounts(counts)}.`)
  return counts
}
