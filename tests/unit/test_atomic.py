import json
import os
import signal
import subprocess
import sys

from voyager import atomic

WRITER = """
import sys
from voyager import atomic
for i in range(1, 6):
    atomic.write_json(sys.argv[1], {"n": i, "pad": "x" * 100000})
"""


def test_a_kill_between_temp_write_and_rename_keeps_the_previous_file(tmp_path):
    target = tmp_path / "state.json"
    env = {**os.environ, "VOYAGER_FAULT": "write:state.json:3"}
    proc = subprocess.run([sys.executable, "-c", WRITER, str(target)], env=env, timeout=60)
    assert proc.returncode == -signal.SIGKILL
    assert json.loads(target.read_text())["n"] == 2
    # The orphaned temp file does not shadow the real one and is not picked up as data.
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith(".")] == ["state.json"]


def test_write_text_replaces_whole_file(tmp_path):
    target = tmp_path / "a" / "b.txt"
    atomic.write_text(target, "one")
    atomic.write_text(target, "two")
    assert target.read_text() == "two"
