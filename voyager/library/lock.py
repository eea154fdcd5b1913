"""One writer per library: an exclusive lock on `<library>/writer.lock` holding the writer's pid.

Two Chroma clients writing one folder silently lose vectors, so a second writer (another
process, or another SkillLibrary in this one) is refused. The OS releases the lock when the
holder dies, so a crashed run never leaves a library locked.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import time
from pathlib import Path

from voyager.errors import LibraryError

LOCK_NAME = "writer.lock"


class WriterLock:
    """Hold the library's writer lock until `release()`."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / LOCK_NAME
        self._fd: int | None = None

    def acquire(self) -> WriterLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            # flock locks belong to the open file, so a second open in this process conflicts too.
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_holder(fd)
            os.close(fd)
            raise LibraryError(f"skill library {self.path.parent} is already open for writing by {holder}; "
                               "stop that process or open the library read-only") from None
        os.ftruncate(fd, 0)
        os.write(fd, json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "since": time.time()}).encode())
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            os.close(self._fd)
            self._fd = None


def _read_holder(fd: int) -> str:
    try:
        data = json.loads(os.pread(fd, 4096, 0).decode() or "{}")
        return f"pid {data['pid']} on {data.get('host', '?')}"
    except (ValueError, KeyError, OSError):
        return "another process"
