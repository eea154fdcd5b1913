// hostile: a million console.log lines spread over async ticks
// expect: bounded   (the events stay small: truncated text, dropped-events note)
for (let i = 0; i < 1e6; i++) {
  console.log('line ' + i)
  if (i % 10000 === 0) await bot.waitForTicks(1)
}
