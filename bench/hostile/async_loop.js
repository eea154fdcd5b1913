// hostile: an endless loop inside an async continuation (after an await the vm timeout no longer applies)
// expect: error
await bot.waitForTicks(1)
while (true) {}
