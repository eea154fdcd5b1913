"""The embedded world's version and its crashes after start, as a MinecraftEnv user meets them.

One MinecraftEnv on its own embedded world (not the session's shared one: these tests kill it).
"""

from __future__ import annotations

import os
import signal
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.fixtures.bridge import TEST_OVERRIDES
from voyager.config import Config, load_config
from voyager.errors import WorldError
from voyager.world import SUPPORTED_VERSION, EmbeddedWorld

pytestmark = pytest.mark.integration


def _config(*extra: str) -> Config:
    return load_config(overrides=[*TEST_OVERRIDES, "world.kind=embedded", "world.port=0", *extra])


@pytest.fixture(scope="module")
def own_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from voyager.env import MinecraftEnv

    env = MinecraftEnv(_config(), run_dir=tmp_path_factory.mktemp("world-errors-run"))
    try:
        yield env
    finally:
        env.close()


def _logs(info: dict[str, Any]) -> list[str]:
    return [e["message"] for e in info["events"] if e["type"] == "log"]


def _errors(info: dict[str, Any]) -> list[str]:
    return [e["message"] for e in info["events"] if e["type"] == "error"]


def _chat_logged(world: EmbeddedWorld, text: str) -> bool:
    """Wait until the world's log shows the chat line `text` (it logs every chat message)."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if any(text in line for line in world.last_log_lines(50)):
            return True
        time.sleep(0.05)
    return False


def _kill(world: EmbeddedWorld) -> int:
    assert world._proc is not None
    pid = world._proc.pid
    os.kill(pid, signal.SIGKILL)
    world._proc.wait(10)
    return pid


def test_the_bot_world_and_config_use_the_same_version(own_env: Any) -> None:
    _, _, _, _, info = own_env.step("console.log(bot.version)")
    assert not _errors(info), _errors(info)
    assert _logs(info) == [SUPPORTED_VERSION]
    assert own_env.world.version == own_env.config.world.version == SUPPORTED_VERSION  # READY line, config
    assert own_env.bridge.connect_options["version"] == SUPPORTED_VERSION


@pytest.mark.parametrize("version", ["1.20.1", "1.2.3"])
def test_an_unsupported_version_is_one_line_naming_the_supported_one(version: str, tmp_path: Path) -> None:
    from voyager.env import MinecraftEnv

    config = _config(f"world.version={version}")
    world = EmbeddedWorld(config.world, log_path=tmp_path / "world.log")
    with pytest.raises(WorldError) as failure:
        world.start()
    message = str(failure.value)
    assert "\n" not in message
    assert version in message and f'world.version: "{SUPPORTED_VERSION}"' in message
    assert world._proc is None  # refused before any Node process starts
    with pytest.raises(WorldError, match=f"world.version {version} is not supported"):
        MinecraftEnv(config, run_dir=tmp_path / "run")


@pytest.mark.parametrize("where", ["save", "log"])
def test_a_save_or_log_path_that_is_a_file_is_one_line(where: str, tmp_path: Path) -> None:
    blocker = tmp_path / "taken"
    blocker.write_text("not a folder")
    paths = {"save_dir": blocker} if where == "save" else {"log_path": blocker / "world.log"}
    world = EmbeddedWorld(_config().world, **paths)  # type: ignore[arg-type]
    with pytest.raises(WorldError, match=f"cannot use {blocker}.*choose a writable folder"):
        world.start()
    assert world._proc is None


def test_a_world_killed_after_start_is_reported_with_its_last_log_lines(tmp_path: Path) -> None:
    config = _config().world
    with EmbeddedWorld(config, log_path=tmp_path / "world.log") as world:
        ready_line = next(line for line in world.last_log_lines() if "VOYAGER_WORLD_READY" in line)
        world.check()  # alive: nothing to report
        _kill(world)
        with pytest.raises(WorldError) as failure:
            world.check()
    message = str(failure.value)
    assert "\n" not in message
    assert "stopped unexpectedly (exit code -9)" in message
    assert f"full log: {tmp_path / 'world.log'}" in message
    assert "last log lines:" in message and f'"port":{world.port}' in message
    assert ready_line.split("VOYAGER_WORLD_READY", 1)[1].strip() in message


def test_a_world_killed_between_steps_is_restarted_and_the_next_step_error_has_its_last_log_lines(own_env: Any) -> None:
    own_env.reset(options={"mode": "hard", "inventory": {"dirt": 3}})
    marker = f"last words {uuid.uuid4().hex[:8]}"
    _, _, _, _, info = own_env.step(f"bot.chat('{marker}')")
    assert not _errors(info)
    old_world, old_port = own_env.world, own_env.world.port
    assert _chat_logged(old_world, marker)
    _kill(old_world)
    with pytest.raises(WorldError, match="exit code -9") as failure:
        old_world.check()
    assert marker in str(failure.value)

    observation, _, _, _, info = own_env.step("await bot.waitForTicks(2)\nconsole.log(bot.version)")
    errors = _errors(info)
    assert len(errors) == 1, info["events"]
    assert "the embedded world had died: the world stopped unexpectedly (exit code -9)" in errors[0]
    assert marker in errors[0]  # the dead world's last log lines
    assert "\n" not in errors[0]
    assert own_env.world_crashes and marker in own_env.world_crashes[-1]
    # Restarted on a new port, the bot's inventory restored; the next step works normally.
    assert own_env.world.is_alive() and own_env.world.port != old_port
    assert observation["inventory"] == {"dirt": 3}
    _, _, _, _, info = own_env.step("console.log(bot.version)")
    assert not _errors(info)
    assert _logs(info) == [SUPPORTED_VERSION]
