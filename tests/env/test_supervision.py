"""The supervised bridge: token, restarts of a killed or hung service, restored state."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from tests.fixtures.bridge import env_config
from voyager.env import Bridge, BridgeRequestError, MinecraftEnv
from voyager.errors import BridgeError
from voyager.nodejs import ensure_node_packages, node_executable

pytestmark = pytest.mark.integration


def test_requests_without_the_token_are_refused(env: Any) -> None:
    port = env.bridge.process.port
    for headers in ({}, {"Authorization": "Bearer wrong-token-wrong-token-wrong"}):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        conn.request("POST", "/step", body=b'{"code": "bot.chat(1)"}', headers=headers)
        response = conn.getresponse()
        assert response.status == 401
        conn.close()


def test_killed_bridge_is_restarted_and_the_inventory_restored(env: Any) -> None:
    env.reset(options={"mode": "hard", "inventory": {"oak_log": 5, "stick": 2}, "position": env.spawn})
    old_pid = env.bridge.process.pid
    restarts = env.bridge.restarts
    killer = threading.Timer(1.0, os.kill, args=(old_pid, signal.SIGKILL))
    killer.start()
    try:
        obs, _, _, _, info = env.step("bot.chat('working')\nawait bot.waitForTicks(200)")
    finally:
        killer.cancel()
    assert env.bridge.restarts == restarts + 1
    assert env.bridge.process.pid != old_pid
    assert "died during the step" in info["events"][0]["message"]
    assert obs["inventory"] == {"oak_log": 5, "stick": 2}
    with pytest.raises(ProcessLookupError):
        os.kill(old_pid, 0)  # gone and reaped: no zombie
    assert env.step("bot.chat('back')")[4]["events"][0]["message"] == "back"


@pytest.mark.slow
def test_step_that_hangs_the_event_loop_costs_one_restart(env: Any) -> None:
    env.reset(options={"mode": "hard", "inventory": {"cobblestone": 3}, "position": env.spawn})
    restarts = env.bridge.restarts
    obs, _, _, truncated, info = env.step("await bot.waitForTicks(1)\nwhile (true) {}")
    assert truncated
    assert env.bridge.restarts == restarts + 1
    assert "hung the bridge" in info["events"][0]["message"]
    assert obs["inventory"] == {"cobblestone": 3}


def test_unreachable_server_is_a_one_line_error(tmp_path: Path) -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    bridge = Bridge({"host": "127.0.0.1", "port": port, "version": "1.19.2", "username": "nobody"},
                    {"stepTimeout": 5}, skills_dir=None, log_path=tmp_path / "bridge.log")
    try:
        with pytest.raises(BridgeError) as caught:
            bridge.start()
        message = str(caught.value)
        assert "could not connect" in message and "ECONNREFUSED" in message
        assert "\n" not in message
        process = bridge.process
    finally:
        bridge.close()
    assert process is not None and not process.is_alive()
    with pytest.raises(BridgeError, match="closed"):
        bridge.observe()


def test_reset_without_op_rights_says_so(tmp_path: Path) -> None:
    # A world of its own where players are not op (the session world makes everybody op).
    server = subprocess.Popen([node_executable(), str(ensure_node_packages("env") / "server.js"),
                               json.dumps({"port": 0, "everybodyOp": False})],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    bridge = None
    try:
        assert server.stdout is not None
        line = ""
        while not line.startswith("VOYAGER_WORLD_READY"):
            line = server.stdout.readline().decode()
            assert line, "the world exited before it was ready"
        port = json.loads(line.split(" ", 1)[1])["port"]
        bridge = Bridge({"host": "127.0.0.1", "port": port, "version": "1.19.2", "username": "plain"},
                        {"stepTimeout": 5}, skills_dir=None, log_path=tmp_path / "bridge.log")
        bridge.start()
        with pytest.raises(BridgeRequestError) as caught:
            bridge.reset({"mode": "hard", "inventory": {"dirt": 1}})
        assert caught.value.status == 403
        assert "op rights" in str(caught.value) and "/op plain" in str(caught.value)
        assert bridge.reset({"mode": "soft"})["schema"] == 1  # a soft reset needs no commands
    finally:
        if bridge is not None:
            bridge.close()
        server.terminate()
        server.wait(10)


@pytest.mark.slow
def test_dead_embedded_world_is_restarted_with_the_bridge(tmp_path: Path) -> None:
    # Its own embedded world: killing the session world would pull it from under other tests.
    env = MinecraftEnv(env_config(None), run_dir=tmp_path)
    try:
        env.reset(options={"mode": "hard", "inventory": {"bread": 3}})
        old_world = env.world
        old_world.stop()
        obs, _, _, _, info = env.step("bot.chat('hello')")
        assert "could not reach the world" in info["events"][0]["message"]
        assert env.world is not old_world and env.world.is_alive()
        assert obs["inventory"] == {"bread": 3}
        assert env.step("bot.chat('again')")[4]["events"][0]["message"] == "again"
    finally:
        env.close()


CHILD = """
import os, signal, sys, time
from tests.fixtures.bridge import env_config
from voyager.env import MinecraftEnv
signal.signal(signal.SIGINT, signal.default_int_handler)
env = MinecraftEnv(env_config(("127.0.0.1", int(sys.argv[1])), "world.username=doomed"))
print(env.bridge.process.pid, flush=True)
env.step("await bot.waitForTicks(2000)")
"""


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL])
def test_no_bridge_outlives_its_python_process(world_address: tuple[str, int], sig: int) -> None:
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(world_address[1])], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, cwd=Path(__file__).resolve().parents[2])
    try:
        assert child.stdout is not None
        bridge_pid = int(child.stdout.readline())
        time.sleep(1.0)  # inside the step
        child.send_signal(sig)
        child.wait(20)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and _alive(bridge_pid):
            time.sleep(0.1)
        assert not _alive(bridge_pid)
    finally:
        if child.poll() is None:
            child.kill()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie still answers kill(0); it counts as gone once nothing runs.
    with contextlib.suppress(OSError):
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    return False
