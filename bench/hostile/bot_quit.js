// hostile: the step disconnects the bot
// expect: any
bot.quit('hostile quit')
await bot.waitForTicks(20)
