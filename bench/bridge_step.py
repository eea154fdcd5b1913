"""Bridge step overhead: a no-op step vs. a step that waits a fixed 20 ticks (as Voyager's
mineflayer server did after every step), in the same run, plus observation size.

Usage: .venv/bin/python bench/bridge_step.py [--steps 100] [--radius 16]
Starts the embedded world and one bridge, prints the figures, stops both.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from voyager.config import load_config
from voyager.env import MinecraftEnv


def _percentiles(samples: list[float]) -> tuple[float, float, float]:
    ordered = sorted(samples)
    p50 = statistics.median(ordered)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return p50, p95, statistics.fmean(ordered)


def _time_steps(env: MinecraftEnv, code: str, n: int) -> list[float]:
    out = []
    for _ in range(n):
        start = time.perf_counter()
        env.step(code)
        out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--radius", type=int, default=16, help="bridge.nearby_block_radius")
    args = parser.parse_args()
    config = load_config(overrides=[f"bridge.nearby_block_radius={args.radius}"])
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        env = MinecraftEnv(config, run_dir=Path(tmp))
        startup = time.perf_counter() - start
        try:
            env.reset(options={"mode": "hard", "inventory": {"oak_log": 3, "cobblestone": 20}})
            _time_steps(env, "", 5)  # warm-up
            noop = _time_steps(env, "", args.steps)
            waited = _time_steps(env, "await bot.waitForTicks(20)", max(10, args.steps // 5))
            client = env.bridge.client  # type: ignore[union-attr]
            health = []
            for _ in range(args.steps):
                t = time.perf_counter()
                client.health()  # type: ignore[union-attr]
                health.append((time.perf_counter() - t) * 1000)
            obs_start = time.perf_counter()
            observation = env.observe()
            observe_ms = (time.perf_counter() - obs_start) * 1000
            # A full box scan each time: alternate the radius so the cached scan never applies.
            scans = []
            for i in range(20):
                client.request("POST", "/configure", {"nearbyBlockRadius": args.radius - (i % 2)})  # type: ignore[union-attr]
                t = time.perf_counter()
                env.observe()
                scans.append((time.perf_counter() - t) * 1000)
            client.request("POST", "/configure", {"nearbyBlockRadius": args.radius})  # type: ignore[union-attr]
            size = len(json.dumps(observation).encode())
            _, _, _, _, info = env.step("")
            events_size = len(json.dumps(info["events"]).encode())
        finally:
            env.close()
    print(f"world+bridge startup: {startup:.2f} s")
    for label, samples in (("no-op step", noop), ("20-tick step (Voyager-style)", waited),
                           ("GET /health round trip", health), ("observe with a full box scan", scans)):
        p50, p95, mean = _percentiles(samples)
        print(f"{label:30s} n={len(samples):4d}  p50={p50:7.1f} ms  p95={p95:7.1f} ms  mean={mean:7.1f} ms")
    print(f"observe request (scan cached: nothing changed): {observe_ms:.1f} ms; box radius {args.radius} "
          f"= {(2 * args.radius + 1) ** 3} blocks per full scan")
    print(f"observation size: {size} bytes JSON ({len(observation['voxels'])} voxel names, "
          f"{len(observation['entities'])} entity kinds); no-op step reply (events): {events_size} bytes")


if __name__ == "__main__":
    main()
