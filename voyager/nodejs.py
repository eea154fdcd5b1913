"""Node.js checks and the one-time `npm ci` of the `env` and `bridge` packages."""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

from voyager.errors import NodeError
from voyager.paths import node_package_dir

MIN_NODE_MAJOR = 20
log = logging.getLogger(__name__)


def node_executable() -> str:
    """Path of a Node.js >= 20, or a NodeError that says how to get one."""
    node = shutil.which("node")
    if node is None:
        raise NodeError(
            f"Node.js >= {MIN_NODE_MAJOR} is required but `node` is not on PATH; "
            "install it from https://nodejs.org or your package manager and retry."
        )
    try:
        out = subprocess.run([node, "--version"], capture_output=True, text=True, timeout=20)
        major = int(out.stdout.strip().lstrip("v").split(".")[0])
    except (OSError, ValueError, subprocess.TimeoutExpired) as exc:
        raise NodeError(f"could not run `{node} --version` ({exc}); reinstall Node.js") from exc
    if major < MIN_NODE_MAJOR:
        raise NodeError(
            f"Node.js >= {MIN_NODE_MAJOR} is required, found {out.stdout.strip()} at {node}; "
            "upgrade Node.js and retry."
        )
    return node


def _installed_is_current(pkg: Path) -> bool:
    marker = pkg / "node_modules" / ".package-lock.json"
    lock = pkg / "package-lock.json"
    return marker.is_file() and marker.stat().st_mtime >= lock.stat().st_mtime


def ensure_node_packages(name: str, *, quiet: bool = False) -> Path:
    """Make sure `npm ci` has run for the Node package `name` (`env` or `bridge`).

    Returns the package folder. Runs `npm ci` when `node_modules` is missing or older than
    the lock file, with a visible progress line, since it takes ~30 s and ~700 MB.
    """
    node_executable()
    pkg = node_package_dir(name)
    if _installed_is_current(pkg):
        return pkg
    npm = shutil.which("npm")
    if npm is None:
        raise NodeError("`npm` is not on PATH; install npm (it ships with Node.js) and retry.")
    if not quiet:
        print(f"voyager: installing Node packages for {name}/ (npm ci, ~30 s, once)...",
              file=sys.stderr, flush=True)
    proc = subprocess.run(
        [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=pkg, capture_output=True, text=True,
    )
    if proc.returncode != 0:
        output = proc.stderr.strip() or proc.stdout.strip()
        # A silent failure still says something: the exit code.
        tail = " | ".join(output.splitlines()[-3:]) or f"exit code {proc.returncode}"
        raise NodeError(
            f"`npm ci` failed in {pkg} ({tail}); run `cd {pkg} && npm ci` to see the full error."
        )
    return pkg
