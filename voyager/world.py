"""The embedded Minecraft world: `env/server.js` (flying-squid + our plugins) as a child process.

`EmbeddedWorld` starts it on a free 127.0.0.1 port, waits for its READY line, streams its log
to a file (and keeps the last lines in memory), notices when it dies and stops it cleanly
(SIGTERM, so it saves, then SIGKILL). Its process group is killed at interpreter exit too.
"""

from __future__ import annotations

import atexit
import collections
import contextlib
import json
import logging
import os
import re
import signal
import subprocess
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from voyager.config import WorldConfig
from voyager.errors import WorldError
from voyager.nodejs import ensure_node_packages, node_executable

log = logging.getLogger(__name__)

READY_MARKER = "VOYAGER_WORLD_READY "
# The one Minecraft version the embedded world runs (docs/WORLD.md: flying-squid 1.12 and
# mineflayer 4.25 both speak it without packet errors); the bridge connects with world.version.
SUPPORTED_VERSION = "1.19.2"
DIFFICULTIES = {"peaceful": 0, "easy": 1, "normal": 2, "hard": 3}
STOP_GRACE_SECONDS = 15.0  # server.js saves, then exits within 10 s by itself
_KEEP_LINES = 200
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")

_live: set[EmbeddedWorld] = set()  # started and not yet stopped: stopped at interpreter exit


def _stop_all() -> None:
    for world in list(_live):
        with contextlib.suppress(Exception):
            world.stop()


atexit.register(_stop_all)


def world_settings(config: WorldConfig, *, host: str, port: int, save_dir: Path | None) -> dict[str, Any]:
    """The settings JSON for `node env/server.js` (keys documented in env/server.js)."""
    settings: dict[str, Any] = {
        "host": host,
        "port": port,
        "version": config.version,
        "seed": config.seed,
        "worldFolder": str(save_dir) if save_dir is not None else None,
        "viewDistance": config.view_distance,
        "difficulty": DIFFICULTIES[config.difficulty],
        "gamerules": {
            "keepInventory": config.keep_inventory,
            "doDaylightCycle": config.daylight_cycle,
            "doMobSpawning": config.mob_spawning,
        },
        "mobs": {"maxMobs": config.max_mobs},
    }
    if config.start_time is not None:
        settings["startTime"] = config.start_time
    return settings


class EmbeddedWorld:
    """The embedded world as a context manager: `with EmbeddedWorld(cfg).start() as w: ...`.

    `host`, `port` and `version` are known once `start()` returns. `save_dir=None` keeps the
    world in memory only; `log_path` receives the server's output (stdout and stderr).
    """

    def __init__(self, config: WorldConfig, *, save_dir: Path | None = None, log_path: Path | None = None,
                 port: int | None = None, host: str = "127.0.0.1") -> None:
        self.config = config
        self.host = host
        self.port = port if port is not None else config.port
        self.version = config.version
        self.save_dir = Path(save_dir) if save_dir is not None else None
        self.log_path = Path(log_path) if log_path is not None else None
        self._proc: subprocess.Popen[bytes] | None = None
        self._lines: collections.deque[str] = collections.deque(maxlen=_KEEP_LINES)
        self._lock = threading.Lock()
        self._ready = threading.Event()
        self._reader: threading.Thread | None = None
        self._log_file: IO[str] | None = None

    # -- lifecycle -----------------------------------------------------------------------

    def start(self) -> EmbeddedWorld:
        """Start the server; returns once it accepts logins, else WorldError with its last log lines."""
        if self.is_alive():
            return self
        if self.config.version != SUPPORTED_VERSION:
            raise WorldError(
                f"world.version {self.config.version} is not supported by the embedded world, which runs Minecraft "
                f"{SUPPORTED_VERSION} only; set world.version: \"{SUPPORTED_VERSION}\" (or world.kind: external "
                "for a server of another version)")
        pkg = ensure_node_packages("env")
        node = node_executable()
        try:
            if self.save_dir is not None:
                self.save_dir.mkdir(parents=True, exist_ok=True)
            if self.log_path is not None:
                self.log_path.parent.mkdir(parents=True, exist_ok=True)
                self._log_file = self.log_path.open("a", encoding="utf-8")
        except OSError as exc:
            raise WorldError(f"cannot use {exc.filename or self.save_dir} for the world ({exc.strerror}); "
                             "choose a writable folder (a file of that name is in the way?)") from exc
        settings = world_settings(self.config, host=self.host, port=self.port, save_dir=self.save_dir)
        self._ready.clear()
        self._lines.clear()
        try:
            self._proc = subprocess.Popen(
                [node, str(pkg / "server.js"), json.dumps(settings)],
                cwd=pkg, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        except OSError as exc:
            self._close_log()
            raise WorldError(f"could not run {node} {pkg / 'server.js'} ({exc}); check the Node.js install") from exc
        _live.add(self)
        self._reader = threading.Thread(target=self._pump, name="world-log", daemon=True)
        self._reader.start()
        deadline = time.monotonic() + self.config.startup_timeout
        while not self._ready.wait(0.1):
            if self._proc.poll() is not None:
                self._reader.join(2)
                code = self._proc.returncode
                self.stop()
                raise WorldError(self._failure(f"the world exited with code {code} while starting"))
            if time.monotonic() > deadline:
                self.stop()
                raise WorldError(self._failure(
                    f"the world did not accept logins within {self.config.startup_timeout:g} s "
                    "(raise world.startup_timeout on a slow machine)"))
        log.info("world ready on %s:%s (Minecraft %s)", self.host, self.port, self.version)
        return self

    def is_alive(self) -> bool:
        """True while the server process runs."""
        return self._proc is not None and self._proc.poll() is None

    def check(self) -> None:
        """Raise WorldError (with the last log lines) if the world has died."""
        if self._proc is not None and self._proc.poll() is not None:
            if self._reader is not None:  # the lines it printed last may still be in the pipe
                self._reader.join(2)
            raise WorldError(self._failure(f"the world stopped unexpectedly (exit code {self._proc.returncode})"))

    def last_log_lines(self, n: int = 20) -> list[str]:
        """The last `n` lines the server printed."""
        with self._lock:
            return list(self._lines)[-n:]

    def stop(self) -> None:
        """Stop the server: SIGTERM (it saves the world), then SIGKILL. Idempotent."""
        proc = self._proc
        if proc is not None and proc.poll() is None:
            self._signal(proc, signal.SIGTERM)
            try:
                proc.wait(STOP_GRACE_SECONDS)
            except subprocess.TimeoutExpired:
                log.warning("the world did not stop in %.0f s; killing it", STOP_GRACE_SECONDS)
        if proc is not None:
            # Whatever is left of the process group (the server itself if it ignored SIGTERM).
            self._signal(proc, signal.SIGKILL)
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(5)
            if self._reader is not None:
                self._reader.join(2)
            if proc.stdout is not None:
                with contextlib.suppress(OSError):
                    proc.stdout.close()
        _live.discard(self)
        self._close_log()

    def __enter__(self) -> EmbeddedWorld:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    # -- internals -----------------------------------------------------------------------

    @staticmethod
    def _signal(proc: subprocess.Popen[bytes], sig: signal.Signals) -> None:
        # The server runs in its own session: signal its whole group, so nothing outlives it.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, sig)
        with contextlib.suppress(ProcessLookupError, OSError):
            proc.send_signal(sig)

    def _pump(self) -> None:
        proc = self._proc
        assert proc is not None and proc.stdout is not None
        with contextlib.suppress(ValueError, OSError):
            for raw in proc.stdout:
                line = raw.decode("utf-8", "replace").rstrip("\n")
                if READY_MARKER in line and not self._ready.is_set():
                    self._on_ready(line.split(READY_MARKER, 1)[1])
                with self._lock:
                    self._lines.append(line)
                    if self._log_file is not None:
                        with contextlib.suppress(ValueError, OSError):
                            self._log_file.write(line + "\n")
                            self._log_file.flush()

    def _on_ready(self, payload: str) -> None:
        try:
            info = json.loads(payload)
            self.port = int(info["port"])
            self.version = str(info.get("version", self.version))
        except (ValueError, KeyError, TypeError):
            log.warning("unreadable READY line from the world: %r", payload)
            return
        self._ready.set()

    def _failure(self, what: str) -> str:
        lines = [_ANSI.sub("", line).strip() for line in self.last_log_lines(40)]
        where = f"; full log: {self.log_path}" if self.log_path else ""
        # server.js prints one readable line when it cannot start; prefer it to a stack trace.
        reason = [line.split("failed to start:", 1)[1].strip() for line in lines if "failed to start:" in line]
        if reason:
            return f"{what}: {reason[-1]}{where}"
        tail = [line for line in lines if line][-12:]
        detail = (" | last log lines: " + " | ".join(tail)) if tail else ""
        return f"{what}{where}{detail}"

    def _close_log(self) -> None:
        with self._lock:
            if self._log_file is not None:
                with contextlib.suppress(OSError):
                    self._log_file.close()
                self._log_file = None
