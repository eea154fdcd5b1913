"""Run `voyager ...` as a user does (a subprocess in its own session) and find what it left running."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path


def voyager(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.Popen:
    """Start `python -m voyager ARGS` in a new session, as a terminal would start a foreground job.

    OPENAI_* variables of the caller are dropped so the machine's settings never leak in; pass
    them in `env`."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    return subprocess.Popen([sys.executable, "-m", "voyager", *args], env={**base, **(env or {})},
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, cwd=cwd, start_new_session=True, preexec_fn=_as_foreground_job)


def _as_foreground_job() -> None:
    """In the child: Ctrl-C and Ctrl-\\ handled by default, as in a terminal's foreground job.

    A test run started in the background of a script (`make test &`, nohup) inherits SIGINT
    ignored; Python then installs no KeyboardInterrupt handler and the Ctrl-C tests would see
    nothing happen."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGQUIT, signal.SIG_DFL)


def ctrl_c(proc: subprocess.Popen) -> None:
    """What Ctrl-C in a terminal does: SIGINT to the foreground process group."""
    os.killpg(proc.pid, signal.SIGINT)


def wait_for(predicate: Callable[[], object], timeout: float = 120.0, what: str = "condition") -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError(f"{what} not met within {timeout:g} s")


def node_processes_mentioning(text: str) -> list[str]:
    """Live Node processes whose command line contains `text` (the world's names its save folder)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            state = (entry / "stat").read_text().split(") ", 1)[1][:1]
        except (OSError, IndexError):
            continue
        if state != "Z" and "node" in cmd and text in cmd:
            found.append(f"{entry.name}: {cmd[:160]}")
    return found


def kill_group(proc: subprocess.Popen) -> None:
    """Clean-up after a failed test: the CLI and anything left in its process group."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(10)
