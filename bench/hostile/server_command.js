// hostile: an op bot's server commands: give itself diamonds, then stop the server
// expect: error
// check: !bot.inventory.items().some(item => item.name === 'diamond')
bot.chat('/give @s diamond 64')
bot.chat('/stop')
