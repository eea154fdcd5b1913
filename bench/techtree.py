"""The scripted tech tree: empty inventory -> iron pickaxe on the embedded world, using only
the control primitives (skills/) through the real bridge. Prints the wall time of each step
and in total (goal: <= 5 min); exit code 1 when the pickaxe was not made.

    .venv/bin/python bench/techtree.py [--seed 42] [--step-timeout 240] [--retries 1] [--scene]

The steps live in tests/skills/techtree_steps.py so end-to-end tests can replay them.
The world starts in the morning (time 1000) with natural mob spawning off, so the figure
measures the primitives, not fights.
--scene first builds a small synthetic patch at the spawn (two oak trees, stone under the
grass, three iron ores 5 blocks down) with server commands, for worlds without natural
terrain; figures from it say so.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for tests.skills.techtree_steps

from tests.skills.steps import SCENE
from tests.skills.techtree_steps import STEPS, inventory_satisfies
from voyager.config import load_config
from voyager.env import MinecraftEnv

SCENE_SETUP = """
await arena();
await tree(4, 3, 5);
await tree(-4, 4, 5);
const p = __p;
await cmd(`/fill ${p.x - 7} ${p.y - 8} ${p.z - 7} ${p.x + 7} ${p.y - 2} ${p.z + 7} stone`, () => __is(7, -8, 7, "stone"));
await cmd(`/fill ${p.x + 3} ${p.y - 5} ${p.z - 3} ${p.x + 5} ${p.y - 5} ${p.z - 3} iron_ore`, () => __is(5, -5, -3, "iron_ore"));
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=42, help="terrain seed of the embedded world")
    parser.add_argument("--step-timeout", type=float, default=240.0, help="seconds per step")
    parser.add_argument("--retries", type=int, default=1, help="extra attempts at a step whose check fails")
    parser.add_argument("--quiet", action="store_true", help="print the bot's chat only for failed steps")
    parser.add_argument("--scene", action="store_true", help="build a synthetic tree/stone/iron patch first")
    args = parser.parse_args()

    config = load_config(overrides=[f"world.seed={args.seed}", f"bridge.step_timeout={args.step_timeout}",
                                    "world.start_time=1000", "world.mob_spawning=false",
                                    "bridge.allow_commands=true"])  # --scene builds with /fill
    with tempfile.TemporaryDirectory(prefix="voyager-techtree-") as run_dir:
        started = time.monotonic()
        env = MinecraftEnv(config, run_dir=Path(run_dir))
        setup = time.monotonic() - started
        try:
            env.reset(options={"mode": "hard", "inventory": {}})
            print(f"world + bridge up in {setup:.1f} s; seed {args.seed}" + ("; synthetic scene" if args.scene else ""))
            if args.scene:
                _, _, _, _, info = env.step(SCENE + SCENE_SETUP)
                errors = [e["message"] for e in info["events"] if e["type"] == "error"]
                if errors:
                    print(f"scene setup failed: {errors[0]}")
                    return 1
            t0 = time.monotonic()
            ok = True
            for step in STEPS:
                for attempt in range(args.retries + 1):
                    s0 = time.monotonic()
                    observation, _, _, truncated, info = env.step(step.code)
                    seconds = time.monotonic() - s0
                    done = inventory_satisfies(observation["inventory"], step.check)
                    status = "ok" if done else ("timeout" if truncated else "FAILED")
                    print(f"{step.name:<40} {seconds:6.1f} s  {status}" + (f" (attempt {attempt + 1})" if attempt else ""))
                    for event in info["events"]:
                        chat = event["type"] == "chat" and event.get("username")
                        if event["type"] == "error" or (chat and (not args.quiet or not done)):
                            print(f"    {event['type']}: {event['message']}")
                    if done:
                        break
                if not done:
                    print(f"    inventory: {observation['inventory']}")
                    ok = False
                    break
            total = time.monotonic() - t0
            print(f"tech tree {'reached iron_pickaxe' if ok else 'FAILED'}: {total:.1f} s of play "
                  f"({total / 60:.2f} min; goal <= 5 min), {total + setup:.1f} s with startup")
            return 0 if ok else 1
        finally:
            env.close()


if __name__ == "__main__":
    sys.exit(main())
