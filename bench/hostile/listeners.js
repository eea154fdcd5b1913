// hostile: listeners left on the bot after the step
// expect: any
// leak: HOSTILE_LISTENER
let n = 0
bot.on('physicsTick', () => { n++; if (n % 5 === 0) bot.chat('HOSTILE_LISTENER ' + n) })
bot.on('chat', () => console.log('HOSTILE_LISTENER heard chat'))
bot.chat('listeners set')
