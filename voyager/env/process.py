"""The bridge's Node process: start with a secret token, wait for READY, log, stop.

Every process started here is stopped on `stop()`, at interpreter exit (atexit) and, because
Node watches its stdin pipe, also when this Python process dies without running atexit
(SIGKILL, os._exit). Processes run in their own process group so a stop reaches any children.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import secrets
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO

from voyager.errors import BridgeError
from voyager.nodejs import ensure_node_packages, node_executable

READY_PREFIX = "VOYAGER_BRIDGE_READY "
MSA_PREFIX = "VOYAGER_BRIDGE_MSA "
_live: set[BridgeProcess] = set()
_live_lock = threading.Lock()


def _stop_all() -> None:
    with _live_lock:
        procs = list(_live)
    for proc in procs:
        proc.stop()


atexit.register(_stop_all)


class BridgeProcess:
    """One `node bridge/index.js` process on 127.0.0.1 with its own token."""

    def __init__(self, *, skills_dir: Path | None, log_path: Path, startup_timeout: float = 30.0) -> None:
        self.skills_dir = skills_dir
        self.log_path = log_path
        self.startup_timeout = startup_timeout
        self.token = secrets.token_urlsafe(32)
        self.port: int | None = None
        self._proc: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc else None

    def start(self) -> BridgeProcess:
        """Start Node and return once it listens; BridgeError with the log's tail otherwise."""
        pkg = ensure_node_packages("bridge")
        node = node_executable()
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
        self._log.write(f"--- bridge starting {time.strftime('%Y-%m-%d %H:%M:%S')}\n".encode())
        self._log.flush()
        env = dict(os.environ)
        env["VOYAGER_BRIDGE_TOKEN"] = self.token
        env["VOYAGER_BRIDGE_WATCH_STDIN"] = "1"
        env.pop("VOYAGER_BRIDGE_PORT", None)
        if self.skills_dir is not None:
            env["VOYAGER_SKILLS_DIR"] = str(self.skills_dir)
        self._proc = subprocess.Popen(
            [node, str(pkg / "index.js")], cwd=pkg, env=env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._log,
            start_new_session=True,
        )
        with _live_lock:
            _live.add(self)
        ready = threading.Event()
        threading.Thread(target=self._pump_stdout, args=(ready,), daemon=True).start()
        if not ready.wait(self.startup_timeout) or self.port is None:
            if ready.is_set():  # stdout closed without READY: the process is exiting; get its code
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self._proc.wait(2)
            code = self._proc.poll()
            self.stop()
            why = f"exited with code {code}" if code is not None else f"did not start in {self.startup_timeout:.0f} s"
            raise BridgeError(f"the bridge {why} ({self.last_log_line()}); see {self.log_path}")
        return self

    def _pump_stdout(self, ready: threading.Event) -> None:
        proc = self._proc
        assert proc is not None and proc.stdout is not None
        with contextlib.suppress(ValueError, OSError):  # the pipe was closed by stop()
            self._pump_lines(proc.stdout, ready)
        ready.set()

    def _pump_lines(self, stdout: IO[bytes], ready: threading.Event) -> None:
        for raw in stdout:
            line = raw.decode("utf-8", "replace")
            if line.startswith(MSA_PREFIX):  # Microsoft device-code login: the user must see it
                print(f"voyager: Microsoft login for the bot: {json.loads(line[len(MSA_PREFIX):])}",
                      file=sys.stderr, flush=True)
                continue
            if self.port is None and line.startswith(READY_PREFIX):
                with contextlib.suppress(ValueError, KeyError):
                    self.port = int(json.loads(line[len(READY_PREFIX):])["port"])
                ready.set()
                continue
            log = self._log
            if log is not None and not log.closed:
                try:
                    log.write(raw)
                    log.flush()
                except ValueError:  # closed concurrently by stop()
                    return

    def is_alive(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def exit_code(self) -> int | None:
        return self._proc.poll() if self._proc else None

    def last_log_line(self) -> str:
        try:
            lines = [ln for ln in self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()
                     if ln.strip() and not ln.startswith("---")]
        except OSError:
            return "no log"
        return lines[-1].strip()[:300] if lines else "no output"

    def kill(self) -> None:
        """SIGKILL the process group at once (used on a hung bridge)."""
        if self._proc is not None and self._proc.poll() is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self._proc.pid, signal.SIGKILL)
        self.stop()

    def stop(self, timeout: float = 3.0) -> None:
        """SIGTERM the process group, SIGKILL after `timeout` s; idempotent."""
        proc = self._proc
        if proc is not None:
            if proc.poll() is None:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(proc.pid, signal.SIGTERM)
                try:
                    proc.wait(timeout)
                except subprocess.TimeoutExpired:
                    with contextlib.suppress(ProcessLookupError, PermissionError):
                        os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait(5)
            for stream in (proc.stdin, proc.stdout):
                if stream is not None:
                    with contextlib.suppress(OSError):
                        stream.close()
        with _live_lock:
            _live.discard(self)
        if self._log is not None and not self._log.closed:
            self._log.close()
