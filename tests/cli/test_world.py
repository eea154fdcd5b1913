"""`voyager world` as a user runs it: address and version printed, the server answers a
Minecraft status ping there, and Ctrl-C stops it cleanly (exit 0, saved, nothing left running)."""

from __future__ import annotations

import json
import re
import select
import socket
import struct

import pytest

from tests.cli.proc import ctrl_c, kill_group, node_processes_mentioning, voyager

pytestmark = pytest.mark.integration

PROTOCOL_1_19_2 = 760


def _varint(value: int) -> bytes:
    out = b""
    while True:
        byte = value & 0x7F
        value >>= 7
        out += bytes([byte | (0x80 if value else 0)])
        if not value:
            return out


def _read_varint(sock: socket.socket) -> int:
    value = shift = 0
    while True:
        byte = sock.recv(1)
        if not byte:
            raise ConnectionError("closed mid-packet")
        value |= (byte[0] & 0x7F) << shift
        shift += 7
        if not byte[0] & 0x80:
            return value


def _packet(payload: bytes) -> bytes:
    return _varint(len(payload)) + payload


def status_ping(host: str, port: int) -> dict:
    """The server-list ping a Minecraft client sends: handshake (next state 1), status request."""
    with socket.create_connection((host, port), timeout=10) as sock:
        name = host.encode()
        handshake = _varint(0) + _varint(PROTOCOL_1_19_2) + _varint(len(name)) + name + struct.pack(">H", port)
        sock.sendall(_packet(handshake + _varint(1)) + _packet(_varint(0)))
        length = _read_varint(sock)
        data = b""
        while len(data) < length:
            chunk = sock.recv(length - len(data))
            if not chunk:
                raise ConnectionError("closed mid-packet")
            data += chunk
    # packet id (varint 0), then a string: varint length + JSON
    rest = data[1:]
    shift = n = 0
    for i, byte in enumerate(rest):
        n |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return json.loads(rest[i + 1:i + 1 + n])
    raise ValueError("no status string")


def _first_line(proc, timeout: float = 90.0) -> str:
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    assert ready, "voyager world printed nothing"
    return proc.stdout.readline()


def test_world_prints_its_address_and_version_and_stops_on_ctrl_c(tmp_path):
    save = tmp_path / "save"
    proc = voyager("world", "--port", "0", "--seed", "7", "--save-dir", str(save), cwd=tmp_path)
    try:
        line = _first_line(proc).strip()
        match = re.fullmatch(r"voyager world: 127\.0\.0\.1:(\d+) \(Minecraft (\S+)\), seed 7, saving to (.+)\. "
                             r"Ctrl-C to stop\.", line)
        assert match, f"{line!r} {proc.stderr.read() if proc.poll() is not None else ''}"
        port, version = int(match[1]), match[2]
        assert port > 0 and version == "1.19.2" and match[3] == str(save)

        status = status_ping("127.0.0.1", port)
        assert status["version"]["protocol"] == PROTOCOL_1_19_2
        assert "1.19.2" in status["version"]["name"]
        assert node_processes_mentioning(str(save)), "the world should be running now"

        ctrl_c(proc)
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        assert "voyager world: stopping (saving)..." in out
        assert "Traceback" not in err
        assert not node_processes_mentioning(str(save)), "the world outlived `voyager world`"
        with pytest.raises(OSError):
            socket.create_connection(("127.0.0.1", port), timeout=2).close()
        assert (save / "level.dat").is_file(), sorted(p.name for p in save.iterdir())
    finally:
        kill_group(proc)


def test_world_on_a_busy_port_is_one_line_and_nonzero(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        proc = voyager("world", "--port", str(port), cwd=tmp_path)
        try:
            _out, err = proc.communicate(timeout=90)
        finally:
            kill_group(proc)
    assert proc.returncode != 0
    assert err.count("\n") == 1 and err.startswith("voyager: error:") and "Traceback" not in err, err
    assert str(port) in err
