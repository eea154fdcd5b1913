// hostile: a rejected promise nobody awaits
// expect: any
Promise.reject(new Error('nobody catches this'))
await bot.waitForTicks(2)
