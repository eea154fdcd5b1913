"""A run directory holds the embedded world's save and logs, so a resumed run finds the world
it left: the world the learner builds on is `<run>/world`, reopened by the next session."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures.bridge import env_config
from voyager.env import MinecraftEnv

pytestmark = pytest.mark.integration

MARK = "emerald_block"  # nothing the generator makes


def _block_at(env: MinecraftEnv, x: int, y: int, z: int) -> str:
    _obs, _r, _t, _tr, info = env.step(f"console.log(bot.blockAt(new Vec3({x}, {y}, {z})).name)")
    return next(e["message"] for e in info["events"] if e["type"] == "log")


def test_a_second_session_on_the_run_dir_finds_the_world_the_first_one_changed(tmp_path: Path) -> None:
    config = env_config(None, "bridge.allow_commands=true")
    env = MinecraftEnv(config, run_dir=tmp_path)
    try:
        obs, _ = env.reset(options={"mode": "hard"})
        p = obs["status"]["position"]
        x, y, z = int(p["x"]) + 2, int(p["y"]) + 1, int(p["z"])
        env.step(f"bot.chat('/setblock {x} {y} {z} {MARK}')\nawait bot.waitForTicks(5)")
        assert _block_at(env, x, y, z) == MARK
    finally:
        env.close()
    assert (tmp_path / "world" / "level.dat").is_file()
    assert list((tmp_path / "world" / "region").glob("*.mca"))
    first_log = (tmp_path / "logs" / "world.log").read_text()
    assert first_log and (tmp_path / "logs" / "bridge.log").is_file()

    again = MinecraftEnv(config, run_dir=tmp_path)
    try:
        again.reset(options={"mode": "soft"})
        assert _block_at(again, x, y, z) == MARK
    finally:
        again.close()
    # The second session appended to the same world log.
    assert (tmp_path / "logs" / "world.log").read_text().startswith(first_log)
