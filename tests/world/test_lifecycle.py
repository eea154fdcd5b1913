"""The embedded world's lifecycle as the Python side uses it: start, serve, crash, stop."""

from __future__ import annotations

import json
import os
import signal
import socket
import struct
from pathlib import Path

import pytest

from voyager.config import load_config
from voyager.errors import WorldError
from voyager.world import EmbeddedWorld, world_settings


def _varint(value: int) -> bytes:
    out = b""
    while True:
        byte = value & 0x7F
        value >>= 7
        out += struct.pack("B", byte | (0x80 if value else 0))
        if not value:
            return out


def _read_varint(sock: socket.socket) -> int:
    result = shift = 0
    while True:
        byte = sock.recv(1)[0]
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result
        shift += 7


def _status(host: str, port: int) -> dict:
    """A Minecraft server-list ping: the JSON status a client sees before logging in."""
    with socket.create_connection((host, port), timeout=10) as sock:
        handshake = _varint(0) + _varint(760) + _varint(len(host)) + host.encode() + struct.pack(">H", port) + _varint(1)
        sock.sendall(_varint(len(handshake)) + handshake + _varint(1) + _varint(0))
        _read_varint(sock)  # packet length
        assert _read_varint(sock) == 0  # status response
        size = _read_varint(sock)
        data = b""
        while len(data) < size:
            data += sock.recv(size - len(data))
        return json.loads(data)


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    # A zombie still answers kill(0); it is gone once reaped (we are not its parent here).
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(")")[-1].split()[0] == "Z"
    except FileNotFoundError:
        return True


def test_world_answers_a_minecraft_client(world: EmbeddedWorld) -> None:
    assert world.is_alive()
    assert world.host == "127.0.0.1" and world.port > 0
    status = _status(world.host, world.port)
    assert status["version"]["name"] == world.version == "1.19.2"


def test_world_log_goes_to_the_log_file(world: EmbeddedWorld) -> None:
    assert world.log_path is not None and world.log_path.is_file()
    assert any("VOYAGER_WORLD_READY" in line for line in world.log_path.read_text().splitlines())


def test_settings_map_the_world_config() -> None:
    config = load_config(overrides=["world.difficulty=hard", "world.keep_inventory=true", "world.daylight_cycle=false",
                                    "world.mob_spawning=false", "world.start_time=1000", "world.seed=7",
                                    "world.view_distance=4"]).world
    settings = world_settings(config, host="127.0.0.1", port=0, save_dir=Path("/tmp/w"))
    assert settings["difficulty"] == 3 and settings["seed"] == 7 and settings["viewDistance"] == 4
    assert settings["gamerules"] == {"keepInventory": True, "doDaylightCycle": False, "doMobSpawning": False}
    assert settings["startTime"] == 1000 and settings["worldFolder"] == "/tmp/w"


def test_a_failed_start_reports_the_servers_last_lines(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        config = load_config(overrides=[f"world.port={port}"]).world
        embedded = EmbeddedWorld(config, log_path=tmp_path / "world.log")
        with pytest.raises(WorldError) as failure:
            embedded.start()
    assert f"127.0.0.1:{port}" in str(failure.value) and "EADDRINUSE" in str(failure.value)  # the server's last line
    assert "\n" not in str(failure.value)
    assert not embedded.is_alive()


def test_a_crash_is_detected_and_stop_leaves_no_process(tmp_path: Path) -> None:
    config = load_config(overrides=["world.port=0"]).world
    with EmbeddedWorld(config, save_dir=tmp_path / "save") as embedded:
        assert embedded._proc is not None
        pid = embedded._proc.pid
        os.kill(pid, signal.SIGKILL)
        embedded._proc.wait(10)
        assert not embedded.is_alive()
        with pytest.raises(WorldError, match="stopped unexpectedly"):
            embedded.check()
    assert _gone(pid)

    again = EmbeddedWorld(config, save_dir=tmp_path / "saved").start()
    assert again._proc is not None
    pid = again._proc.pid
    again.stop()
    again.stop()  # idempotent
    assert _gone(pid)
    assert not again.is_alive()
    # A clean stop saved the world: level.dat (with the seed) and the generated spawn chunks.
    assert (tmp_path / "saved" / "level.dat").is_file()
    assert list((tmp_path / "saved" / "region").glob("*.mca"))


ORPHAN_SCRIPT = """
import sys, threading, time
from pathlib import Path
from voyager.config import load_config
from voyager.world import EmbeddedWorld

world = EmbeddedWorld(load_config(overrides=["world.port=0"]).world, save_dir=Path(sys.argv[1]))
starter = threading.Thread(target=world.start)  # started from a thread that then ends
starter.start()
starter.join()
time.sleep(2)
print(world._proc.pid, world.is_alive(), flush=True)
time.sleep(600)
"""


def test_the_world_outlives_its_starting_thread_and_not_its_process(tmp_path: Path) -> None:
    import subprocess
    import sys
    import time

    owner = subprocess.Popen([sys.executable, "-c", ORPHAN_SCRIPT, str(tmp_path / "save")],
                             stdout=subprocess.PIPE, text=True)
    try:
        pid_text, alive = owner.stdout.readline().split()  # type: ignore[union-attr]
        assert alive == "True"  # the thread that started it has ended: the world stays
        pid = int(pid_text)
    finally:
        owner.kill()  # SIGKILL: no atexit, no stop()
        owner.wait(10)
    deadline = time.monotonic() + 15
    while not _gone(pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _gone(pid), "the world outlived the process that started it"
    assert (tmp_path / "save" / "level.dat").is_file()  # it saved on the way out
