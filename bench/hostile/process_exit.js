// hostile: process.exit()
// expect: error
process.exit(1)
