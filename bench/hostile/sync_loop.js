// hostile: an endless synchronous loop in the step's first tick
// expect: error
while (true) {}
