// hostile: a timer that outlives the step
// expect: any
// leak: HOSTILE_TICK
setInterval(() => { console.log('HOSTILE_TICK'); bot.chat('HOSTILE_TICK') }, 100)
setTimeout(() => { console.log('HOSTILE_TICK late') }, 600)
bot.chat('timers set')
