// hostile: a million chat messages
// expect: bounded   (the events stay small: truncated text, dropped-events note)
for (let i = 0; i < 1e6; i++) bot.chat('spam ' + i)
