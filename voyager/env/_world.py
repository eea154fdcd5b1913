"""Stop-gap embedded-world launcher, used only until `voyager.world.EmbeddedWorld` exists.

Same shape as the contract (start/stop/host/port/version/is_alive); delete once world.py lands.
"""

from __future__ import annotations

import json
import subprocess
import threading
from pathlib import Path

from voyager.config import WorldConfig
from voyager.env.process import BridgeProcess  # noqa: F401  (shares the atexit cleanup module)
from voyager.errors import WorldError
from voyager.nodejs import ensure_node_packages, node_executable

_DIFFICULTY = {"peaceful": 0, "easy": 1, "normal": 2, "hard": 3}


def _die_with_parent() -> None:
    # server.js does not watch its parent; on Linux let the kernel SIGTERM it when we die.
    try:
        import ctypes
        import signal
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class FallbackWorld:
    def __init__(self, config: WorldConfig, *, save_dir: Path | None = None, log_path: Path | None = None,
                 port: int | None = None, host: str = "127.0.0.1") -> None:
        self.config = config
        self.host = host
        self.port = port or 0
        self.version = config.version
        self.save_dir = save_dir
        self.log_path = log_path
        self._proc: subprocess.Popen[bytes] | None = None

    def start(self) -> FallbackWorld:
        pkg = ensure_node_packages("env")
        settings = {"host": self.host, "port": self.port, "version": self.version, "seed": self.config.seed,
                    "worldFolder": str(self.save_dir) if self.save_dir else None,
                    "viewDistance": self.config.view_distance, "difficulty": _DIFFICULTY[self.config.difficulty]}
        log = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL  # noqa: SIM115
        self._proc = subprocess.Popen([node_executable(), str(pkg / "server.js"), json.dumps(settings)], cwd=pkg,
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log,
                                      start_new_session=True, preexec_fn=_die_with_parent)
        ready = threading.Event()

        def pump() -> None:
            assert self._proc is not None and self._proc.stdout is not None
            for raw in self._proc.stdout:
                line = raw.decode("utf-8", "replace")
                if line.startswith("VOYAGER_WORLD_READY "):
                    self.port = int(json.loads(line.split(" ", 1)[1])["port"])
                    ready.set()
            ready.set()

        threading.Thread(target=pump, daemon=True).start()
        if not ready.wait(self.config.startup_timeout) or not self.is_alive():
            self.stop()
            tail = ""
            if self.log_path and self.log_path.is_file():
                lines = [ln.strip() for ln in self.log_path.read_text(errors="replace").splitlines() if ln.strip()]
                tail = f" ({lines[-1][:200]})" if lines else ""
            raise WorldError(f"the embedded world did not start{tail}; see {self.log_path or 'voyager world'}")
        import atexit
        atexit.register(self.stop)
        return self

    def is_alive(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def stop(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(5)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait(5)
