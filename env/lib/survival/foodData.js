// Vanilla's hunger model (net.minecraft.world.food.FoodData, 1.19): food level 0-20,
// saturation 0-food, exhaustion that costs saturation first and then food, and the
// per-tick regeneration/starvation timer. Pure logic: the plugin applies the heal/damage.
'use strict'

const MAX_FOOD = 20

// Exhaustion per action (Java Edition 1.19 values).
const EXHAUSTION = {
  sprintPerMeter: 0.1,
  swimPerMeter: 0.01,
  walkPerMeter: 0.0, // vanilla Java: walking costs nothing
  jump: 0.05,
  sprintJump: 0.2,
  attack: 0.1,
  damage: 0.1,
  blockBreak: 0.005,
  regenHalfHeart: 6.0
}

class FoodData {
  constructor ({ food = MAX_FOOD, saturation = 5, exhaustion = 0 } = {}) {
    this.food = food
    this.saturation = saturation
    this.exhaustion = exhaustion
    this.tickTimer = 0
  }

  addExhaustion (amount) {
    this.exhaustion = Math.min(this.exhaustion + amount, 40)
  }

  // nutrition: food points; saturationGain: saturation restored (minecraft-data `foods[].saturation`).
  eat (nutrition, saturationGain) {
    this.food = Math.min(this.food + nutrition, MAX_FOOD)
    this.saturation = Math.min(this.saturation + saturationGain, this.food)
  }

  needsFood () {
    return this.food < MAX_FOOD
  }

  // One game tick. Returns { heal, damage } in health points for the caller to apply.
  // difficulty: 0 peaceful .. 3 hard; health/maxHealth: the player's; naturalRegen: game rule.
  tick ({ difficulty, health, maxHealth = 20, naturalRegen = true }) {
    const out = { heal: 0, damage: 0 }
    if (this.exhaustion > 4) {
      this.exhaustion -= 4
      if (this.saturation > 0) this.saturation = Math.max(this.saturation - 1, 0)
      else if (difficulty !== 0) this.food = Math.max(this.food - 1, 0)
    }
    const hurt = health > 0 && health < maxHealth
    if (naturalRegen && this.saturation > 0 && hurt && this.food >= 20) {
      if (++this.tickTimer >= 10) {
        const spent = Math.min(this.saturation, 6)
        out.heal = spent / 6
        this.addExhaustion(spent)
        this.tickTimer = 0
      }
    } else if (naturalRegen && this.food >= 18 && hurt) {
      if (++this.tickTimer >= 80) {
        out.heal = 1
        this.addExhaustion(EXHAUSTION.regenHalfHeart)
        this.tickTimer = 0
      }
    } else if (this.food <= 0) {
      if (++this.tickTimer >= 80) {
        if (health > 10 || difficulty >= 3 || (health > 1 && difficulty === 2)) out.damage = 1
        this.tickTimer = 0
      }
    } else {
      this.tickTimer = 0
    }
    return out
  }
}

module.exports = { FoodData, EXHAUSTION, MAX_FOOD }
