"""gymnasium.make("voyager/Minecraft-v0"): reset/step/close and Gymnasium's env checker."""

from __future__ import annotations

from pathlib import Path

import gymnasium
import pytest
from gymnasium.utils.env_checker import check_env

import voyager.env  # noqa: F401  (registers the id)
from tests.fixtures.bridge import env_config

pytestmark = pytest.mark.integration


def test_make_reset_step_close(world_address: tuple[str, int], tmp_path: Path) -> None:
    config = env_config(world_address, "world.username=gymbot")
    env = gymnasium.make("voyager/Minecraft-v0", config=config, run_dir=tmp_path)
    try:
        obs, info = env.reset(seed=1, options={"mode": "hard", "inventory": {"apple": 2}})
        assert obs["inventory"] == {"apple": 2}
        assert isinstance(env.action_space, gymnasium.spaces.Text)
        obs, reward, terminated, truncated, info = env.step("bot.chat('gym step')")
        assert (reward, terminated, truncated) == (0.0, False, False)
        assert info["events"][0] == {"type": "chat", "message": "gym step", "username": "gymbot"}
        check_env(env.unwrapped, skip_render_check=True)
        process = env.unwrapped.bridge.process
    finally:
        env.close()
    assert not process.is_alive()
    assert (tmp_path / "logs" / "bridge.log").is_file()
