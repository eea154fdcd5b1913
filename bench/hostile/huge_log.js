// hostile: one 50 MB console.log line
// expect: any
console.log('x'.repeat(50 * 1024 * 1024))
