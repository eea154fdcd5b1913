"""`voyager doctor` as a user runs it, without --skip-world: it starts the embedded world, sees it
accept logins, stops it, and says so; a world that cannot start is a FAIL line with the fix."""

from __future__ import annotations

import re
import socket

import pytest

from tests.cli.proc import kill_group, node_processes_mentioning, voyager

pytestmark = pytest.mark.integration

SEED = 918273645  # unusual, so the world's command line (its settings JSON) identifies it


def _doctor(tmp_path, url: str, *args: str):
    proc = voyager("doctor", "--set", f"world.seed={SEED}", *args, cwd=tmp_path,
                   env={"OPENAI_BASE_URL": url, "OPENAI_API_KEY": "sk-test"})
    try:
        out, err = proc.communicate(timeout=180)
    finally:
        kill_group(proc)
    return proc.returncode, out, err


def test_doctor_starts_the_embedded_world_and_reports_it_ok(scripted_llm, tmp_path):
    code, out, err = _doctor(tmp_path, scripted_llm.base_url)
    assert code == 0, out + err
    lines = out.splitlines()
    assert [line.split(":")[0] for line in lines[:-1]] == [
        "ok    python", "ok    node", "ok    npm packages", "ok    world", "ok    llm"], out
    match = re.fullmatch(r"ok    world: embedded world 1\.19\.2 accepted logins at 127\.0\.0\.1:(\d+)", lines[3])
    assert match, lines[3]
    assert lines[-1] == "5 of 5 checks passed"
    # The check's world is stopped again: nothing listens there and no server is left.
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", int(match[1])), timeout=2).close()
    assert node_processes_mentioning(str(SEED)) == []


def test_doctor_names_a_world_that_cannot_start_and_the_fix(scripted_llm, tmp_path):
    code, out, _err = _doctor(tmp_path, scripted_llm.base_url, "--set", "world.startup_timeout=0.01")
    assert code == 1
    line = next(line for line in out.splitlines() if line.startswith("FAIL"))
    assert line.startswith("FAIL  world: the world did not accept logins within 0.01 s")
    assert "raise world.startup_timeout" in line
    assert out.splitlines()[-1] == "4 of 5 checks passed"
    assert node_processes_mentioning(str(SEED)) == []
