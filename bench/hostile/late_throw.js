// hostile: an exception thrown from a timer after the step ended
// expect: any
setTimeout(() => { throw new Error('HOSTILE late throw') }, 300)
setTimeout(() => { Promise.reject(new Error('HOSTILE late rejection')) }, 300)
