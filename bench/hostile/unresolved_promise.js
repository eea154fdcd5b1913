// hostile: a promise that never settles
// expect: error
await new Promise(() => {})
