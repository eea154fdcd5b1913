// hostile: require('fs') and read the file system
// expect: error
const fs = require('fs')
bot.chat('HOSTILE_ESCAPED ' + fs.readdirSync('/').length)
