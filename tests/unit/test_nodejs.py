"""Node.js checks and the one-time `npm ci`, with fake `node`/`npm` scripts on a temp PATH.

Nothing here runs the real npm: each test builds a PATH holding only the scripts it needs."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from voyager import nodejs
from voyager.errors import NodeError, VoyagerError

MKDIR = shutil.which("mkdir") or "/bin/mkdir"  # resolved before the tests empty PATH


def _script(folder: Path, name: str, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("#!/bin/sh\n" + body + "\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


@pytest.fixture
def fake_bin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder that is the whole PATH (add fake tools to it)."""
    folder = tmp_path / "bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", str(folder))
    return folder


@pytest.fixture
def fake_pkg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A Node package folder with a lock file and no node_modules, standing in for env/."""
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "package.json").write_text('{"name": "fake", "version": "1.0.0"}\n')
    (pkg / "package-lock.json").write_text('{"lockfileVersion": 3}\n')
    monkeypatch.setattr(nodejs, "node_package_dir", lambda name: pkg)
    return pkg


def _one_line(exc: BaseException) -> str:
    text = str(exc)
    assert isinstance(exc, VoyagerError)
    assert "\n" not in text, text
    return text


def test_missing_node_says_to_install_it(fake_bin):
    with pytest.raises(NodeError) as info:
        nodejs.node_executable()
    text = _one_line(info.value)
    assert "`node` is not on PATH" in text and "Node.js >= 20" in text and "install it" in text


def test_node_18_says_to_upgrade_and_names_the_version_found(fake_bin):
    node = _script(fake_bin, "node", "echo v18.0.0")
    with pytest.raises(NodeError) as info:
        nodejs.node_executable()
    text = _one_line(info.value)
    assert "Node.js >= 20 is required, found v18.0.0" in text and str(node) in text and "upgrade" in text


def test_node_that_prints_garbage_says_to_reinstall(fake_bin):
    _script(fake_bin, "node", "echo 'not a version'")
    with pytest.raises(NodeError) as info:
        nodejs.node_executable()
    assert "reinstall Node.js" in _one_line(info.value)


def test_node_20_is_accepted(fake_bin):
    node = _script(fake_bin, "node", "echo v20.20.2")
    assert nodejs.node_executable() == str(node)


def test_npm_ci_runs_once_with_a_visible_progress_line(fake_bin, fake_pkg, capsys):
    _script(fake_bin, "node", "echo v20.20.2")
    calls = fake_pkg.parent / "npm-calls.txt"
    # A successful `npm ci` leaves node_modules/.package-lock.json, which marks the install current.
    _script(fake_bin, "npm", f'echo "$PWD $*" >> {calls}\n'
            f'{MKDIR} -p node_modules && echo "{{}}" > node_modules/.package-lock.json')
    assert nodejs.ensure_node_packages("env") == fake_pkg
    err = capsys.readouterr().err
    assert "installing Node packages for env/ (npm ci" in err
    assert calls.read_text().split("\n")[0].startswith(f"{fake_pkg} ci ")

    assert nodejs.ensure_node_packages("env") == fake_pkg
    assert capsys.readouterr().err == "", "an install that is current must not run npm ci again"
    assert len(calls.read_text().splitlines()) == 1


def test_npm_ci_reruns_when_the_lock_file_is_newer(fake_bin, fake_pkg, capsys):
    _script(fake_bin, "node", "echo v20.20.2")
    _script(fake_bin, "npm", f'{MKDIR} -p node_modules && echo "{{}}" > node_modules/.package-lock.json')
    (fake_pkg / "node_modules").mkdir()
    marker = fake_pkg / "node_modules" / ".package-lock.json"
    marker.write_text("{}")
    lock_time = (fake_pkg / "package-lock.json").stat().st_mtime
    os.utime(marker, (lock_time - 60, lock_time - 60))  # installed before the lock file changed
    nodejs.ensure_node_packages("env")
    assert "npm ci" in capsys.readouterr().err


def test_quiet_install_prints_nothing(fake_bin, fake_pkg, capsys):
    _script(fake_bin, "node", "echo v20.20.2")
    _script(fake_bin, "npm", f'{MKDIR} -p node_modules && echo "{{}}" > node_modules/.package-lock.json')
    nodejs.ensure_node_packages("bridge", quiet=True)
    assert capsys.readouterr().err == ""


def test_failing_npm_ci_is_one_line_with_the_command_to_run(fake_bin, fake_pkg):
    _script(fake_bin, "node", "echo v20.20.2")
    _script(fake_bin, "npm", "echo 'npm ERR! code E404' >&2\necho 'npm ERR! 404 Not Found - left-pad' >&2\nexit 1")
    with pytest.raises(NodeError) as info:
        nodejs.ensure_node_packages("env", quiet=True)
    text = _one_line(info.value)
    assert "`npm ci` failed" in text and "404 Not Found - left-pad" in text
    assert f"cd {fake_pkg} && npm ci" in text


def test_failing_npm_ci_without_output_still_says_what_happened(fake_bin, fake_pkg):
    _script(fake_bin, "node", "echo v20.20.2")
    _script(fake_bin, "npm", "exit 7")
    with pytest.raises(NodeError) as info:
        nodejs.ensure_node_packages("env", quiet=True)
    text = _one_line(info.value)
    assert "exit code 7" in text and f"cd {fake_pkg} && npm ci" in text


def test_missing_npm_says_to_install_it(fake_bin, fake_pkg):
    _script(fake_bin, "node", "echo v20.20.2")
    with pytest.raises(NodeError) as info:
        nodejs.ensure_node_packages("env", quiet=True)
    assert "`npm` is not on PATH" in _one_line(info.value)


def test_old_node_through_the_cli_is_one_line_and_nonzero(tmp_path):
    """`voyager setup` as a user runs it, with Node 18 first on PATH."""
    folder = tmp_path / "bin"
    _script(folder, "node", "echo v18.0.0")
    env = {**os.environ, "PATH": str(folder)}
    out = subprocess.run([sys.executable, "-m", "voyager", "setup"], capture_output=True, text=True,
                         env=env, timeout=60)
    assert out.returncode == NodeError.exit_code != 0
    assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr
    assert out.stderr.startswith("voyager: error: Node.js >= 20 is required, found v18.0.0")
