// hostile: allocate 64 MB arrays until the heap runs out (bounded at 6 GB, past Node's default heap limit)
// expect: error
const hoard = []
for (let i = 0; i < 96; i++) {
  hoard.push(new Array(8 * 1024 * 1024).fill(i))
  if (i % 8 === 0) await bot.waitForTicks(1)
}
bot.chat('hoarded ' + hoard.length * 64 + ' MB')
