"""The bridge process as issue 5 asks for it: loopback only, a fresh port and token per process,
/pause and /resume refused, bounded restarts with growing waits, a collect task cancelled with
its step, and no Node process left by a Python process that exits without closing its env."""

from __future__ import annotations

import http.client
import itertools
import json
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.skills.steps import run_step
from voyager.env import Bridge
from voyager.env.process import BridgeProcess
from voyager.errors import BridgeError

ROOT = Path(__file__).resolve().parents[2]


# ------------------------------------------------------------------ helpers
@pytest.fixture
def two_bridges(tmp_path: Path):
    procs = [BridgeProcess(skills_dir=None, log_path=tmp_path / f"bridge{i}.log") for i in range(2)]
    try:
        for proc in procs:
            proc.start()
        yield procs
    finally:
        for proc in procs:
            proc.stop()


def _request(host: str, port: int, method: str, path: str, token: str | None) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(host, port, timeout=10)
    try:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        conn.request(method, path, body=b"{}" if method == "POST" else None, headers=headers)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def _listening(port: int) -> list[tuple[str, str]]:
    """(table, local address in /proc hex form) of every listening TCP socket on `port`."""
    found = []
    for table in ("tcp", "tcp6"):
        try:
            lines = Path(f"/proc/net/{table}").read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            address, hex_port = fields[1].rsplit(":", 1)
            if int(hex_port, 16) == port and fields[3] == "0A":  # 0A: LISTEN
                found.append((table, address))
    return found


def _other_addresses() -> list[tuple[int, str]]:
    """This machine's own non-loopback addresses (IPv4 from the kernel's LOCAL routes, IPv6 from if_inet6)."""
    found: list[tuple[int, str]] = []
    try:
        lines = Path("/proc/net/fib_trie").read_text().splitlines()
    except OSError:
        lines = []
    for previous, line in itertools.pairwise(lines):
        if line.strip() == "/32 host LOCAL":
            address = previous.strip().removeprefix("|-- ")
            if not address.startswith("127.") and (socket.AF_INET, address) not in found:
                found.append((socket.AF_INET, address))
    try:
        for line in Path("/proc/net/if_inet6").read_text().splitlines():
            raw, *_, device = line.split()
            if device != "lo" and not raw.startswith("fe80"):
                found.append((socket.AF_INET6, ":".join(raw[i:i + 4] for i in range(0, 32, 4))))
    except OSError:
        pass
    return found


def _reachable(family: int, address: str, port: int) -> bool:
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.settimeout(3)
        try:
            sock.connect((address, port))
        except OSError:
            return False
        return True


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _record_backoff(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Waits the supervisor (voyager/env/bridge.py) asks for, recorded instead of slept; other
    callers of time.sleep (subprocess's wait loop) still sleep."""
    waits: list[float] = []
    real_sleep = time.sleep

    def sleep(seconds: float) -> None:
        if Path(sys._getframe(1).f_code.co_filename).match("voyager/env/bridge.py"):
            waits.append(seconds)
        else:
            real_sleep(seconds)

    monkeypatch.setattr(time, "sleep", sleep)
    return waits


# ------------------------------------------------------------------ 1. loopback, port, token
def test_each_bridge_gets_its_own_port_and_token_on_loopback_only(two_bridges: list[BridgeProcess]) -> None:
    first, second = two_bridges
    assert first.port and second.port and first.port != second.port
    assert first.token != second.token and len(first.token) >= 32
    for proc in two_bridges:
        # The kernel's own table: one listening socket, on 127.0.0.1 (0100007F), none on :: or 0.0.0.0.
        assert _listening(proc.port) == [("tcp", "0100007F")]
        assert _request("127.0.0.1", proc.port, "GET", "/health", proc.token)[0] == 200
        assert not _reachable(socket.AF_INET, "127.0.0.2", proc.port)  # still loopback, but not the bound address
    # One process's token opens nothing on the other.
    assert _request("127.0.0.1", second.port, "GET", "/health", first.token)[0] == 401


def test_the_bridge_cannot_be_reached_on_this_machines_other_addresses(two_bridges: list[BridgeProcess]) -> None:
    addresses = _other_addresses()
    if not addresses:
        pytest.skip("this machine has no address besides loopback")
    with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as control:
        # Control: a socket bound to every address IS reachable there, so a refusal below means something.
        control.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        control.bind(("::", 0))
        control.listen()
        open_port = control.getsockname()[1]
        reachable = [(family, a) for family, a in addresses if _reachable(family, a, open_port)]
    assert reachable, f"none of {addresses} is reachable even for a socket bound to all addresses"
    for proc in two_bridges:
        for family, address in reachable:
            assert not _reachable(family, address, proc.port), f"bridge reachable on {address}"


# ------------------------------------------------------------------ 2. pause / resume
@pytest.mark.parametrize("path", ["/pause", "/resume"])
def test_pause_and_resume_answer_501_unsupported_as_one_line_json(two_bridges: list[BridgeProcess], path: str) -> None:
    proc = two_bridges[0]
    status, body = _request("127.0.0.1", proc.port, "POST", path, proc.token)
    assert status == 501
    assert b"\n" not in body.strip()
    reply = json.loads(body)
    assert reply["code"] == "unsupported"
    assert "not supported" in reply["error"] and "\n" not in reply["error"]
    # Still the token first: without it the same request is a 401, not a 501.
    assert _request("127.0.0.1", proc.port, "POST", path, None)[0] == 401


def test_pause_and_resume_are_documented_as_unsupported() -> None:
    doc = (ROOT / "docs" / "BRIDGE_API.md").read_text()
    row = next(line for line in doc.splitlines() if "POST /pause" in line)
    assert "POST /resume" in row and "501" in row and "unsupported" in row


# ------------------------------------------------------------------ 3. bounded restarts
def test_a_bridge_that_dies_at_every_start_is_retried_with_growing_waits_then_one_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    starts = tmp_path / "starts"
    fake_node = tmp_path / "node"
    # Stands for a node that cannot run the bridge (a broken install, a missing module...).
    fake_node.write_text(f"#!/bin/sh\necho start >> {starts}\n"
                         "echo 'Error: Cannot find module mineflayer (fake node for the test)' >&2\nexit 3\n")
    fake_node.chmod(0o755)
    monkeypatch.setattr("voyager.env.process.node_executable", lambda: str(fake_node))
    waits = _record_backoff(monkeypatch)
    log_path = tmp_path / "logs" / "bridge.log"
    bridge = Bridge({"host": "127.0.0.1", "port": 1, "version": "1.19.2", "username": "bot"}, {},
                    skills_dir=None, log_path=log_path, restart_retries=4)
    try:
        with pytest.raises(BridgeError) as caught:
            bridge.restart("the bridge process died during the step")
    finally:
        bridge.close()
    assert starts.read_text().count("start") == 4  # restart_retries attempts, no more
    assert len(waits) == 3 and waits == sorted(waits) and waits[0] < waits[-1]  # a wait before each retry, growing
    message = str(caught.value)
    assert "\n" not in message
    assert "4" in message and "exited with code 3" in message and "Cannot find module mineflayer" in message
    assert str(log_path) in message
    assert "fix" in message  # says what to do, not only what happened
    assert bridge.process is None


def test_zero_restart_retries_fail_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    waits = _record_backoff(monkeypatch)
    bridge = Bridge({}, {}, skills_dir=None, log_path=tmp_path / "bridge.log", restart_retries=0)
    with pytest.raises(BridgeError, match="restart"):
        bridge.restart("gone")
    assert waits == [] and bridge.process is None


# ------------------------------------------------------------------ 5. collect task cancelled with its step
@pytest.mark.integration
def test_a_collect_task_left_running_is_cancelled_when_its_step_ends(env: Any) -> None:
    # Three dirt blocks in a row; the step ends right after the first is dug, while collectblock
    # waits for its drops: a task that survived its step would go on to dig the next two.
    first = run_step(env, """
await arena();
const blocks = [];
for (const dx of [2, 4, 6]) blocks.push(bot.blockAt(await place(dx, 0, 0, "dirt")));
const dug = new Promise(resolve => bot.once("diggingCompleted", resolve));
bot.collectBlock.collect(blocks).catch(() => {});
await dug;
console.log(`running ${!bot.collectBlock.targets.empty}`);
console.log(JSON.stringify(blocks.slice(1).map(b => [b.position.x, b.position.y, b.position.z])));
""")
    assert not first.errors, first.describe()
    assert first.logs[0] == "running true"  # the task was still going when the step ended
    rest = first.logs[1]  # the two blocks not dug yet
    second = run_step(env, f"""
console.log(`targets ${{bot.collectBlock.targets.empty ? "none" : "left"}}`);
const start = bot.entity.position.clone();
await bot.waitForTicks(80); // longer than the drop wait + walking 2 blocks + digging dirt
console.log(`blocks ${{{rest}.map(([x, y, z]) => bot.blockAt(new Vec3(x, y, z)).name).join(",")}}`);
console.log(`moved ${{bot.entity.position.distanceTo(start).toFixed(1)}}`);
""")
    assert not second.errors, second.describe()
    assert second.logs[0] == "targets none"
    assert second.logs[1] == "blocks dirt,dirt", second.describe()
    assert float(second.logs[2].split()[1]) < 0.5


@pytest.mark.integration
def test_collecting_stone_without_a_pickaxe_fails_fast_and_the_bridge_lives(env: Any) -> None:
    # mineflayer-tool 1.2.0 (the latest) recursed forever on microtasks here: collectblock asks it
    # to fetch a tool from a chest, there is none, it asks again... The event loop starved (no step
    # timeout could fire) and the bridge grew until it died. Voyager-style code does this often.
    env.reset(options={"mode": "hard", "position": env.spawn})  # empty inventory
    result = run_step(env, """
await arena();
const stone = bot.blockAt(await place(2, 0, 0, "stone"));
try { await bot.collectBlock.collect(stone); console.log("collected") } catch (err) { console.log("error " + err.message) }
console.log(`still ${bot.blockAt(stone.position).name}`);
""")
    assert result.logs == ["error Bot does not have a harvestable tool!", "still stone"], result.describe()
    assert not result.errors, result.describe()


# ------------------------------------------------------------------ 6. no Node left at a normal exit
CHILD = """
import atexit, sys
from pathlib import Path

pids = []

def report():  # registered before voyager is imported, so it runs after voyager's own atexit handlers
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            state = "gone"
        print(f"at-exit {pid} {state}", flush=True)

atexit.register(report)

from tests.fixtures.bridge import env_config
from voyager.env import MinecraftEnv

env = MinecraftEnv(env_config(None), run_dir=Path(sys.argv[1]))
assert env.step("bot.chat('hello')")[4]["events"][0]["message"] == "hello"
pids += [env.bridge.process.pid, env.world._proc.pid]
print("pids", *pids, flush=True)
# No env.close(): the interpreter just ends.
"""


@pytest.mark.integration
def test_a_python_process_that_exits_without_close_leaves_no_node(tmp_path: Path) -> None:
    child = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path / "run")], cwd=ROOT, capture_output=True,
                           text=True, timeout=120)
    assert child.returncode == 0, child.stderr[-3000:]
    lines = child.stdout.splitlines()
    pids = [int(p) for p in next(line for line in lines if line.startswith("pids")).split()[1:]]
    assert len(pids) == 2  # the bridge and the embedded world
    # Stopped (and reaped) by the atexit handlers while the interpreter was still running: not
    # merely by the bridge noticing its stdin close after Python was gone.
    assert [line for line in lines if line.startswith("at-exit")] == [f"at-exit {pid} gone" for pid in pids]
    assert not any(_alive(pid) for pid in pids)
