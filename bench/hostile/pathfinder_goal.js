// hostile: a pathfinder goal left running when the step ends
// expect: any
// check: !bot.pathfinder.goal && !bot.pathfinder.isMoving()
const p = bot.entity.position
bot.pathfinder.setGoal(new GoalXZ(p.x + 300, p.z + 300))
await bot.waitForTicks(5)
