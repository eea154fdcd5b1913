// hostile: one 50 MB console.log line
// expect: bounded   (the events stay small: truncated text, dropped-events note)
console.log('x'.repeat(50 * 1024 * 1024))
