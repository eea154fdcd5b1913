// hostile: a million chat messages
// expect: any
for (let i = 0; i < 1e6; i++) bot.chat('spam ' + i)
